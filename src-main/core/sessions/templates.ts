/**
 * Weekly session templates ("every Monday 06:00-10:00, 10 places, Dr. Silva").
 * A change reaches only dated sessions after today that hold no bookings: the
 * past and what patients were already told stay as they were.
 */
import { sql } from 'kysely'
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import { minutesOf, WEEKDAYS } from '../../../src-shared/dates.js'
import { formatDate, formatDay } from '../../../src-shared/format.js'
import type { SessionTemplate } from '../../../src-shared/model.js'
import type { SessionRow } from '../../db/schema.js'
import { centerRow } from '../center/center.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { toTemplate } from '../mappers.js'
import { runWrite } from '../write.js'
import { holdsPlace } from '../appointments/active-status.js'

function templateQuery(core: Core) {
  return core.sql.q
    .selectFrom('sessions')
    .leftJoin('doctors', 'doctors.id', 'sessions.doctor_id')
    .selectAll('sessions')
    .select('doctors.full_name as doctor_name')
}

const WEEKDAY_ORDER = sql<number>`instr('MonTueWedThuFriSatSun', sessions.weekday)`

export function listTemplates(core: Core, includeInactive = false): SessionTemplate[] {
  let query = templateQuery(core).orderBy(WEEKDAY_ORDER).orderBy('sessions.start_time')
  if (!includeInactive) query = query.where('sessions.active', '=', 1)
  return core.sql.all(query).map(toTemplate)
}

export function getTemplate(core: Core, id: number): SessionTemplate {
  const row = core.sql.first(templateQuery(core).where('sessions.id', '=', id))
  if (!row) throw notFound('weekly session', id)
  return toTemplate(row)
}

function assertDoctor(core: Core, doctorId: number | null): void {
  if (doctorId === null) return
  const d = core.sql.first(
    core.sql.q.selectFrom('doctors').select(['id', 'active', 'full_name']).where('id', '=', doctorId),
  )
  if (!d) throw notFound('doctor', doctorId)
  if (!d.active) throw new DeskError('INACTIVE', `Dr. ${d.full_name} has been deactivated; choose another doctor.`)
}

/**
 * Beds are shared by every session of a day, so two sessions of one weekday
 * must not overlap and must leave the center's cleaning gap between them.
 */
function assertNoClash(
  core: Core,
  t: { weekday: SessionRow['weekday']; start_time: string; end_time: string },
  exceptId: number | null,
): void {
  if (t.end_time <= t.start_time) {
    throw new DeskError('VALIDATION', `The session must end after it starts (${t.start_time} to ${t.end_time}).`, {
      field: 'endTime',
    })
  }
  const gap = centerRow(core).turnover_minutes
  const others = core.sql.all(
    core.sql.q
      .selectFrom('sessions')
      .selectAll()
      .where('weekday', '=', t.weekday)
      .where('active', '=', 1)
      .where('id', 'is not', exceptId),
  )
  for (const o of others) {
    const apart = Math.max(
      minutesOf(t.start_time) - minutesOf(o.end_time),
      minutesOf(o.start_time) - minutesOf(t.end_time),
    )
    if (apart < gap) {
      const what = apart < 0 ? 'overlaps' : `leaves only ${apart} minutes for cleaning after or before`
      throw new DeskError(
        'TEMPLATE_CLASH',
        `${t.weekday} ${t.start_time}-${t.end_time} ${what} the ${o.weekday} ${o.start_time}-${o.end_time} session; beds need ${gap} minutes between patients.`,
        { clashWith: o.id },
      )
    }
  }
}

/**
 * A dated session that keeps its bookings keeps its old times, so the weekly
 * rule alone cannot tell whether the sessions a change reaches still fit their
 * day: each is checked against the other sessions actually on its date.
 */
function assertNoDatedClash(core: Core, ids: number[], t: { start_time: string; end_time: string }): void {
  if (ids.length === 0) return
  const list = ids.join(', ')
  const others = core.sql.raw<DatedTimes>(
    `SELECT DISTINCT o.session_date, o.start_time, o.end_time FROM schedule_sessions s
     JOIN schedule_sessions o ON o.session_date = s.session_date AND o.status = 'scheduled' AND o.id NOT IN (${list})
     WHERE s.id IN (${list}) ORDER BY o.session_date, o.start_time`,
  )
  assertFitsBeside(core, others, t)
}

/**
 * A weekly session created or restarted will be generated onto dates that may
 * already hold a session kept at old times: it must fit beside those too.
 */
function assertFitsGeneratedDays(
  core: Core,
  t: { weekday: SessionRow['weekday']; start_time: string; end_time: string },
  templateId: number | null,
): void {
  const sunday0 = (WEEKDAYS.indexOf(t.weekday) + 1) % 7 // strftime('%w'): 0 is Sunday
  const others = core.sql.raw<DatedTimes>(
    `SELECT DISTINCT session_date, start_time, end_time FROM schedule_sessions
     WHERE session_date >= ? AND status = 'scheduled' AND session_id IS NOT ? AND CAST(strftime('%w', session_date) AS INTEGER) = ?
     ORDER BY session_date, start_time`,
    today(core),
    templateId,
    sunday0,
  )
  assertFitsBeside(core, others, t)
}

type DatedTimes = { session_date: string; start_time: string; end_time: string }

function assertFitsBeside(core: Core, others: DatedTimes[], t: { start_time: string; end_time: string }): void {
  const gap = centerRow(core).turnover_minutes
  for (const o of others) {
    const apart = Math.max(
      minutesOf(t.start_time) - minutesOf(o.end_time),
      minutesOf(o.start_time) - minutesOf(t.end_time),
    )
    if (apart < gap) {
      const format = centerRow(core).date_format
      throw new DeskError(
        'TEMPLATE_CLASH',
        `On ${formatDay(o.session_date, format)} the ${o.start_time}-${o.end_time} session keeps its booked patients at its old times; ${t.start_time}-${t.end_time} would ${apart < 0 ? 'overlap it' : `leave only ${apart} minutes for cleaning`}. Move those patients or choose other times.`,
        { date: o.session_date },
      )
    }
  }
}

export function createTemplate(core: Core, input: ParsedInputOf<'template.create'>): SessionTemplate {
  return runWrite(core, input.staffId, () => {
    assertDoctor(core, input.doctorId)
    assertNoClash(core, { weekday: input.weekday, start_time: input.startTime, end_time: input.endTime }, null)
    assertFitsGeneratedDays(
      core,
      { weekday: input.weekday, start_time: input.startTime, end_time: input.endTime },
      null,
    )
    const now = wallClock(core).iso
    const id = core.sql.run(
      core.sql.q.insertInto('sessions').values({
        center_id: centerRow(core).id,
        weekday: input.weekday,
        start_time: input.startTime,
        end_time: input.endTime,
        default_capacity: input.defaultCapacity,
        doctor_id: input.doctorId,
        label: input.label,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    const t = getTemplate(core, id)
    return {
      value: t,
      audit: {
        action: 'template.create',
        entity: 'session',
        entityId: id,
        summary: `Added the weekly session ${t.weekday} ${t.startTime}-${t.endTime}`,
        after: t,
      },
      changed: ['sessions'],
    }
  })
}

/** Dated sessions of a template that a template change may still reach: after today, not cancelled, with no bookings. */
function reachableSessionIds(core: Core, templateId: number): number[] {
  return core.sql
    .all(
      core.sql.q
        .selectFrom('schedule_sessions as ss')
        .select('ss.id')
        .where('ss.session_id', '=', templateId)
        .where('ss.session_date', '>', today(core))
        .where('ss.status', '=', 'scheduled')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('appointments as a')
                .select('a.id')
                .whereRef('a.schedule_session_id', '=', 'ss.id')
                .where(holdsPlace('a.status')),
            ),
          ),
        ),
    )
    .map((r) => r.id)
}

export function updateTemplate(
  core: Core,
  input: ParsedInputOf<'template.update'>,
): SessionTemplate & { updatedSessions: number } {
  return runWrite(core, input.staffId, () => {
    const before = getTemplate(core, input.id)
    const next = {
      start_time: input.startTime ?? before.startTime,
      end_time: input.endTime ?? before.endTime,
      default_capacity: input.defaultCapacity ?? before.defaultCapacity,
      doctor_id: input.doctorId !== undefined ? input.doctorId : before.doctorId,
      label: input.label ?? before.label,
    }
    if (input.doctorId !== undefined) assertDoctor(core, input.doctorId)
    assertNoClash(core, { weekday: before.weekday, ...next }, before.id)
    const now = wallClock(core).iso
    core.sql.run(
      core.sql.q
        .updateTable('sessions')
        .set({ ...next, updated_at: now })
        .where('id', '=', input.id),
    )
    const ids = reachableSessionIds(core, input.id)
    assertNoDatedClash(core, ids, next)
    if (ids.length > 0) {
      core.sql.run(
        core.sql.q
          .updateTable('schedule_sessions')
          .set({
            start_time: next.start_time,
            end_time: next.end_time,
            available_beds: next.default_capacity,
            doctor_id: next.doctor_id,
            label: next.label,
            updated_at: now,
          })
          .where('id', 'in', ids),
      )
    }
    const after = getTemplate(core, input.id)
    return {
      value: { ...after, updatedSessions: ids.length },
      audit: {
        action: 'template.update',
        entity: 'session',
        entityId: after.id,
        summary: `Changed the weekly session ${after.weekday} ${after.startTime}-${after.endTime}; ${ids.length} future dated session${ids.length === 1 ? '' : 's'} without bookings follow`,
        before,
        after: { ...after, updatedSessionIds: ids },
      },
      changed: ['sessions', 'schedule_sessions'],
    }
  })
}

/**
 * A weekly session that is still some patients' standing place after today
 * cannot be stopped: their future weeks would lose their bookings without a
 * trace. Reception changes those patients' schedules first; the refusal names them.
 */
function assertNoStandingPlaces(core: Core, t: SessionTemplate): void {
  const holders = core.sql.raw<{ id: number; full_name: string; clinic_number: string; valid_until: string | null }>(
    `SELECT p.id, p.full_name, p.clinic_number, s.valid_until FROM standing_slots s JOIN patients p ON p.id = s.patient_id
     WHERE s.session_id = ? AND (s.valid_until IS NULL OR s.valid_until > ?) AND (s.valid_until IS NULL OR s.valid_until >= s.valid_from)
     ORDER BY p.full_name, p.id`,
    t.id,
    today(core),
  )
  if (holders.length === 0) return
  const format = centerRow(core).date_format
  const names = holders.map(
    (h) =>
      `${h.full_name} (${h.clinic_number}${h.valid_until === null ? '' : `, until ${formatDate(h.valid_until, format)}`})`,
  )
  const listed = names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`
  throw new DeskError(
    'INVALID_STATE',
    `The ${t.weekday} ${t.startTime}-${t.endTime} session is still the weekly place of ${holders.length === 1 ? '1 patient' : `${holders.length} patients`}: ${listed}. Change their weekly schedules first, then stop it.`,
    { patientIds: [...new Set(holders.map((h) => h.id))] },
  )
}

export function setTemplateActive(
  core: Core,
  input: { staffId: number; id: number },
  active: boolean,
): SessionTemplate & { removedSessions: number } {
  return runWrite(core, input.staffId, () => {
    const before = getTemplate(core, input.id)
    if (active) {
      const t = { weekday: before.weekday, start_time: before.startTime, end_time: before.endTime }
      assertNoClash(core, t, before.id)
      assertFitsGeneratedDays(core, t, before.id)
    }
    if (!active) assertNoStandingPlaces(core, before)
    core.sql.run(
      core.sql.q
        .updateTable('sessions')
        .set({ active: active ? 1 : 0, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    let removed: number[] = []
    if (!active) {
      // Only dated sessions nothing refers to are removed; one with any appointment (even a cancelled one) or conflict stays for the record.
      removed = reachableSessionIds(core, input.id).filter(
        (id) =>
          !core.sql.first(
            core.sql.q.selectFrom('appointments').select('id').where('schedule_session_id', '=', id).limit(1),
          ) &&
          !core.sql.first(
            core.sql.q.selectFrom('conflicts').select('id').where('schedule_session_id', '=', id).limit(1),
          ),
      )
      if (removed.length > 0) {
        core.sql.run(core.sql.q.deleteFrom('session_beds').where('schedule_session_id', 'in', removed))
        core.sql.run(core.sql.q.deleteFrom('schedule_sessions').where('id', 'in', removed))
      }
    }
    const after = getTemplate(core, input.id)
    return {
      value: { ...after, removedSessions: removed.length },
      audit: {
        action: active ? 'template.reactivate' : 'template.deactivate',
        entity: 'session',
        entityId: after.id,
        summary: active
          ? `Restarted the weekly session ${after.weekday} ${after.startTime}-${after.endTime}`
          : `Stopped the weekly session ${after.weekday} ${after.startTime}-${after.endTime}; removed ${removed.length} future dated session${removed.length === 1 ? '' : 's'} without bookings`,
        before,
        after: { ...after, removedSessionIds: removed },
      },
      changed: ['sessions', 'schedule_sessions', 'session_beds'],
    }
  })
}
