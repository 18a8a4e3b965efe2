/** Dated sessions: reading them with their capacity, and the per-date changes (block a bed, doctor, cancel). */
import { sql as rawSql } from 'kysely'
import type { ParsedInputOf, SessionCancellation } from '../../../src-shared/contract/index.js'
import { daysBetween } from '../../../src-shared/dates.js'
import { formatSession } from '../../../src-shared/format.js'
import type { ScheduleSession } from '../../../src-shared/model.js'
import type { ScheduleSessionRow } from '../../db/schema.js'
import { appointmentViewQuery, toAppointmentView } from '../appointments/appointment-views.js'
import { centerRow, showDate } from '../center/center.js'
import { type Core, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { assertNotEnded } from '../appointments/time-rules.js'
import { openConflict } from '../standing/conflicts.js'
import { runWrite } from '../write.js'
import { holdsPlace } from '../appointments/active-status.js'

const ACTIVE_SQL = `('scheduled', 'checked_in', 'completed')`

/** Dated sessions with their doctor, open beds and bookings counted in the same query. */
export function sessionViewQuery(core: Core) {
  return core.sql.q
    .selectFrom('schedule_sessions as ss')
    .leftJoin('doctors as d', 'd.id', 'ss.doctor_id')
    .selectAll('ss')
    .select([
      'd.full_name as doctor_name',
      rawSql<number>`(SELECT count(*) FROM session_beds sb WHERE sb.schedule_session_id = ss.id AND sb.status <> 'blocked')`.as(
        'open_beds',
      ),
      rawSql<number>`(SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ${rawSql.raw(ACTIVE_SQL)})`.as(
        'booked',
      ),
    ])
}

export function toScheduleSession(
  r: ScheduleSessionRow & { doctor_name: string | null; open_beds: number; booked: number },
): ScheduleSession {
  const capacity = r.status === 'cancelled' ? 0 : Math.min(r.available_beds, r.open_beds)
  return {
    id: r.id,
    templateId: r.session_id,
    date: r.session_date,
    startTime: r.start_time,
    endTime: r.end_time,
    status: r.status,
    cancelReason: r.cancel_reason,
    doctorId: r.doctor_id,
    doctorName: r.doctor_name,
    label: r.label,
    capacity,
    booked: r.booked,
    free: Math.max(0, capacity - r.booked),
  }
}

export function scheduleSessionRow(core: Core, id: number): ScheduleSessionRow {
  const row = core.sql.firstOf(
    'schedule-session-by-id',
    (i: number) => core.sql.q.selectFrom('schedule_sessions').selectAll().where('id', '=', i),
    id,
  )
  if (!row) throw notFound('dated session', id)
  return row
}

/** A dated session with its counts, by id (compiled once: the booking path reads it every time). */
export function sessionViewById(core: Core, id: number) {
  return core.sql.firstOf('session-view-by-id', (i: number) => sessionViewQuery(core).where('ss.id', '=', i), id)
}

export function getScheduleSession(core: Core, id: number): ScheduleSession {
  const row = sessionViewById(core, id)
  if (!row) throw notFound('dated session', id)
  return toScheduleSession(row)
}

export const MAX_RANGE_DAYS = 366

export function assertRange(core: Core, from: string, to: string): void {
  if (to < from)
    throw new DeskError(
      'VALIDATION',
      `The range ends (${showDate(core, to)}) before it starts (${showDate(core, from)}).`,
      { field: 'to' },
    )
  if (daysBetween(from, to) >= MAX_RANGE_DAYS)
    throw new DeskError('VALIDATION', `Ask for at most ${MAX_RANGE_DAYS} days at a time.`, { field: 'to' })
}

export function sessionsInRange(core: Core, from: string, to: string): ScheduleSession[] {
  assertRange(core, from, to)
  return core.sql
    .all(
      sessionViewQuery(core)
        .where('ss.session_date', '>=', from)
        .where('ss.session_date', '<=', to)
        .orderBy('ss.session_date')
        .orderBy('ss.start_time'),
    )
    .map(toScheduleSession)
}

function sessionBed(core: Core, scheduleSessionId: number, bedId: number) {
  const row = core.sql.first(
    core.sql.q
      .selectFrom('session_beds as sb')
      .innerJoin('beds as b', 'b.id', 'sb.bed_id')
      .select(['sb.id', 'sb.status', 'sb.blocked_kind', 'sb.blocked_reason', 'b.code', 'b.in_service', 'b.active'])
      .where('sb.schedule_session_id', '=', scheduleSessionId)
      .where('sb.bed_id', '=', bedId),
  )
  if (!row) throw new DeskError('BED_NOT_IN_SESSION', `Bed ${bedId} is not part of this session.`, { bedId })
  return row
}

function describe(core: Core, s: ScheduleSessionRow): string {
  return formatSession(
    { date: s.session_date, startTime: s.start_time, endTime: s.end_time },
    centerRow(core).date_format,
  )
}

export function blockBed(core: Core, input: ParsedInputOf<'schedule.blockBed'>): ScheduleSession {
  return runWrite(core, input.staffId, () => {
    const s = scheduleSessionRow(core, input.scheduleSessionId)
    assertNotEnded(core, s, 'Cannot block the bed')
    if (s.status === 'cancelled')
      throw new DeskError('SESSION_CANCELLED', `The session ${describe(core, s)} is cancelled.`)
    const sb = sessionBed(core, s.id, input.bedId)
    if (sb.status === 'blocked')
      throw new DeskError('BED_BLOCKED', `${sb.code} is already blocked for this session (${sb.blocked_reason}).`)
    if (sb.status === 'reserved') {
      const occupant = core.sql.first(
        appointmentViewQuery(core)
          .where('a.schedule_session_id', '=', s.id)
          .where('a.bed_id', '=', input.bedId)
          .where(holdsPlace('a.status')),
      )
      throw new DeskError(
        'BED_OCCUPIED',
        `${sb.code} holds ${occupant?.full_name ?? 'a patient'} in this session; move them to another bed before blocking it.`,
        occupant ? { affected: [toAppointmentView(occupant)] } : undefined,
      )
    }
    const view = sessionViewById(core, s.id)!
    const placesAfter = Math.min(s.available_beds, view.open_beds - 1)
    if (view.booked > placesAfter) {
      throw new DeskError(
        'SESSION_FULL',
        `Blocking ${sb.code} would leave ${view.booked} booked patients for ${placesAfter} places; cancel or move a booking first.`,
      )
    }
    core.sql.run(
      core.sql.q
        .updateTable('session_beds')
        .set({ status: 'blocked', blocked_kind: 'manual', blocked_reason: input.reason })
        .where('id', '=', sb.id),
    )
    const after = getScheduleSession(core, s.id)
    return {
      value: after,
      audit: {
        action: 'schedule.blockBed',
        entity: 'schedule_session',
        entityId: s.id,
        sessionDate: s.session_date,
        summary: `Blocked ${sb.code} for ${describe(core, s)}: ${input.reason}`,
        before: { bedId: input.bedId, status: sb.status },
        after: { bedId: input.bedId, status: 'blocked', reason: input.reason },
      },
      changed: ['session_beds'],
      dates: [s.session_date],
    }
  })
}

export function unblockBed(core: Core, input: ParsedInputOf<'schedule.unblockBed'>): ScheduleSession {
  return runWrite(core, input.staffId, () => {
    const s = scheduleSessionRow(core, input.scheduleSessionId)
    assertNotEnded(core, s, 'Cannot unblock the bed')
    const sb = sessionBed(core, s.id, input.bedId)
    if (sb.status !== 'blocked') throw new DeskError('INVALID_STATE', `${sb.code} is not blocked in this session.`)
    // A manual block on a bed that is itself out of service stays until the bed returns.
    if (sb.blocked_kind === 'out_of_service' || sb.in_service !== 1 || sb.active !== 1) {
      throw new DeskError(
        'BED_OUT_OF_SERVICE',
        `${sb.code} is out of service; return the bed to service in Setup instead.`,
      )
    }
    core.sql.run(
      core.sql.q
        .updateTable('session_beds')
        .set({ status: 'available', blocked_kind: null, blocked_reason: null })
        .where('id', '=', sb.id),
    )
    return {
      value: getScheduleSession(core, s.id),
      audit: {
        action: 'schedule.unblockBed',
        entity: 'schedule_session',
        entityId: s.id,
        sessionDate: s.session_date,
        summary: `Unblocked ${sb.code} for ${describe(core, s)}`,
        before: { bedId: input.bedId, status: 'blocked', reason: sb.blocked_reason },
        after: { bedId: input.bedId, status: 'available' },
      },
      changed: ['session_beds'],
      dates: [s.session_date],
    }
  })
}

export function setSessionDoctor(core: Core, input: ParsedInputOf<'schedule.setDoctor'>): ScheduleSession {
  return runWrite(core, input.staffId, () => {
    const s = scheduleSessionRow(core, input.scheduleSessionId)
    assertNotEnded(core, s, 'Cannot change the doctor')
    let doctorName = 'no doctor'
    if (input.doctorId !== null) {
      const d = core.sql.first(core.sql.q.selectFrom('doctors').selectAll().where('id', '=', input.doctorId))
      if (!d) throw notFound('doctor', input.doctorId)
      if (!d.active) throw new DeskError('INACTIVE', `Dr. ${d.full_name} has been deactivated; choose another doctor.`)
      doctorName = d.full_name
    }
    const now = wallClock(core).iso
    core.sql.run(
      core.sql.q
        .updateTable('schedule_sessions')
        .set({ doctor_id: input.doctorId, updated_at: now })
        .where('id', '=', s.id),
    )
    // Appointments that have not happened yet follow the session's doctor.
    core.sql.run(
      core.sql.q
        .updateTable('appointments')
        .set({ doctor_id: input.doctorId, updated_at: now })
        .where('schedule_session_id', '=', s.id)
        .where('status', '=', 'scheduled'),
    )
    return {
      value: getScheduleSession(core, s.id),
      audit: {
        action: 'schedule.setDoctor',
        entity: 'schedule_session',
        entityId: s.id,
        sessionDate: s.session_date,
        summary: `Set ${doctorName} for ${describe(core, s)}`,
        before: { doctorId: s.doctor_id },
        after: { doctorId: input.doctorId },
      },
      changed: ['schedule_sessions', 'appointments'],
      dates: [s.session_date],
    }
  })
}

export function cancelSession(core: Core, input: ParsedInputOf<'schedule.cancel'>): SessionCancellation {
  return runWrite(core, input.staffId, () => {
    const s = scheduleSessionRow(core, input.scheduleSessionId)
    assertNotEnded(core, s, 'Cannot cancel the session')
    if (s.status === 'cancelled')
      throw new DeskError('SESSION_CANCELLED', `The session ${describe(core, s)} is already cancelled.`)
    const affectedRows = core.sql.all(
      appointmentViewQuery(core)
        .where('a.schedule_session_id', '=', s.id)
        .where(holdsPlace('a.status'))
        .orderBy('b.position')
        .orderBy('p.full_name'),
    )
    const checkedIn = affectedRows.filter((a) => a.status !== 'scheduled')
    if (checkedIn.length > 0) {
      throw new DeskError(
        'INVALID_STATE',
        `${checkedIn.length} patient${checkedIn.length === 1 ? ' is' : 's are'} already checked in for this session (${checkedIn[0]!.full_name}); a session under way cannot be cancelled.`,
        { affected: checkedIn.map(toAppointmentView) },
      )
    }
    const reason = `Session cancelled: ${input.reason}`
    const now = wallClock(core).iso
    if (affectedRows.length > 0) {
      core.sql.run(
        core.sql.q
          .updateTable('appointments')
          .set({ status: 'cancelled', cancel_reason: reason, updated_at: now })
          .where(
            'id',
            'in',
            affectedRows.map((a) => a.id),
          ),
      )
    }
    core.sql.run(
      core.sql.q
        .updateTable('schedule_sessions')
        .set({ status: 'cancelled', cancel_reason: input.reason, updated_at: now })
        .where('id', '=', s.id),
    )
    const affected = affectedRows.map((r) => ({
      ...toAppointmentView(r),
      status: 'cancelled' as const,
      cancelReason: reason,
    }))
    // Each patient still needs their treatment: a conflict stays on the Board until they are rebooked.
    for (const a of affected) {
      openConflict(core, {
        kind: 'session_cancelled',
        patientId: a.patientId,
        date: a.date,
        reason,
        appointmentId: a.id,
        scheduleSessionId: s.id,
      })
    }
    return {
      value: { session: getScheduleSession(core, s.id), affected },
      audit: {
        action: 'schedule.cancel',
        entity: 'schedule_session',
        entityId: s.id,
        sessionDate: s.session_date,
        summary: `Cancelled ${describe(core, s)} (${input.reason}); ${affected.length} appointment${affected.length === 1 ? '' : 's'} cancelled`,
        before: { status: s.status },
        after: {
          status: 'cancelled',
          reason: input.reason,
          cancelledAppointments: affected.map((a) => ({ id: a.id, patientId: a.patientId })),
        },
      },
      changed: ['schedule_sessions', 'appointments', 'session_beds', 'conflicts'],
      dates: [s.session_date],
    }
  })
}
