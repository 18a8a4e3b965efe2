/**
 * A bed out of service for a date range (maintenance, a broken machine): it
 * takes no booking in that range, and the patients already on it are moved to
 * a free bed the rules allow in the same session, in one action. A patient for
 * whom no bed is free is not dropped: cancelled, listed, and left as a conflict
 * to rebook. Sessions generated later map the bed blocked for those dates.
 */
import type { OutageEffect, OutageResult, BedOutage } from '../../../src-shared/contract/standing-methods.js'
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import { formatDate } from '../../../src-shared/format.js'
import type { AppointmentView } from '../../../src-shared/model.js'
import { appointmentViewQuery, getAppointmentView, toAppointmentView } from '../appointments/appointment-views.js'
import { holdsPlace } from '../appointments/active-status.js'
import { bedRow, OUT_OF_SERVICE_REASON } from './beds.js'
import { freeAllowedBeds } from '../appointments/bed-choice.js'
import { centerRow, showDate } from '../center/center.js'
import { openConflict } from '../standing/conflicts.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { notEndedYet } from '../appointments/time-rules.js'
import { runWrite } from '../write.js'

interface OutageRow {
  id: number
  bed_id: number
  code: string
  from_date: string
  until_date: string
  reason: string
  ended_at: string | null
}

const toOutage = (r: OutageRow): BedOutage => ({
  id: r.id,
  bedId: r.bed_id,
  bedCode: r.code,
  from: r.from_date,
  until: r.until_date,
  reason: r.reason,
  ended: r.ended_at !== null,
})

const OUTAGES = 'SELECT o.*, b.code FROM bed_outages o JOIN beds b ON b.id = o.bed_id'

export function listOutages(core: Core): BedOutage[] {
  return core.sql
    .raw<OutageRow>(
      `${OUTAGES} WHERE o.ended_at IS NULL AND o.until_date >= ? ORDER BY o.from_date, b.position`,
      today(core),
    )
    .map(toOutage)
}

function checkRange(core: Core, from: string, until: string): void {
  if (until < from)
    throw new DeskError(
      'VALIDATION',
      `The outage ends (${showDate(core, until)}) before it starts (${showDate(core, from)}).`,
      { field: 'until' },
    )
  if (until < today(core))
    throw new DeskError(
      'IN_THE_PAST',
      `That outage would be over before today (${showDate(core, today(core))}); the past cannot be changed.`,
      { field: 'until' },
    )
}

/** Bookings on the bed in sessions of the range that are not over yet, in date order. */
function bookingsOnBed(core: Core, bedId: number, from: string, until: string): AppointmentView[] {
  return core.sql
    .all(
      appointmentViewQuery(core)
        .where('a.bed_id', '=', bedId)
        .where(holdsPlace('a.status'))
        .where('ss.session_date', '>=', from)
        .where('ss.session_date', '<=', until)
        .where(notEndedYet(core, 'ss'))
        .orderBy('ss.session_date')
        .orderBy('ss.start_time'),
    )
    .map(toAppointmentView)
}

/** Each booking with a different free bed of its session, chosen so that no two patients get the same one. */
function suggest(core: Core, affected: AppointmentView[], outageBedId: number): OutageEffect[] {
  const taken = new Set<string>()
  return affected.map((a) => {
    const bed = freeAllowedBeds(core, a.scheduleSessionId, {
      full_name: a.patientName,
      hepatitis_b: a.hepatitisB,
    }).find((b) => b.bedId !== outageBedId && !taken.has(`${a.scheduleSessionId}|${b.bedId}`))
    if (bed) taken.add(`${a.scheduleSessionId}|${bed.bedId}`)
    return { appointment: a, suggestedBedId: bed?.bedId ?? null, suggestedBedCode: bed?.code ?? null }
  })
}

export function previewOutage(core: Core, input: ParsedInputOf<'outage.preview'>): OutageEffect[] {
  checkRange(core, input.from, input.until)
  bedRow(core, input.bedId)
  return suggest(core, bookingsOnBed(core, input.bedId, input.from, input.until), input.bedId)
}

export function createOutage(core: Core, input: ParsedInputOf<'outage.create'>): OutageResult {
  checkRange(core, input.from, input.until)
  return runWrite(core, input.staffId, () => {
    const bed = bedRow(core, input.bedId)
    if (bed.active !== 1) throw new DeskError('INACTIVE', `${bed.code} has been retired.`)
    const now = wallClock(core).iso
    const effects = suggest(core, bookingsOnBed(core, bed.id, input.from, input.until), bed.id)
    const moved: AppointmentView[] = []
    const displaced: AppointmentView[] = []
    for (const e of effects) {
      if (e.suggestedBedId !== null) {
        core.sql.rawRun(
          'UPDATE appointments SET bed_id = ?, one_off = CASE WHEN standing_slot_id IS NULL THEN one_off ELSE 1 END, updated_at = ? WHERE id = ?',
          e.suggestedBedId,
          now,
          e.appointment.id,
        )
        moved.push(getAppointmentView(core, e.appointment.id))
      } else {
        const reason = `${bed.code} out of service (${input.reason}); no other bed free in this session`
        core.sql.rawRun(
          "UPDATE appointments SET status = 'cancelled', cancel_reason = ?, one_off = CASE WHEN standing_slot_id IS NULL THEN one_off ELSE 1 END, updated_at = ? WHERE id = ?",
          reason,
          now,
          e.appointment.id,
        )
        openConflict(core, {
          kind: 'displaced',
          patientId: e.appointment.patientId,
          date: e.appointment.date,
          reason,
          appointmentId: e.appointment.id,
          scheduleSessionId: e.appointment.scheduleSessionId,
        })
        displaced.push(getAppointmentView(core, e.appointment.id))
      }
    }
    const id = core.sql.rawRun(
      'INSERT INTO bed_outages (bed_id, from_date, until_date, reason, created_at) VALUES (?, ?, ?, ?, ?)',
      bed.id,
      input.from,
      input.until,
      input.reason,
      now,
    ).lastInsertRowid
    // A session with patients waiting for a bed may need every bed it has: say so rather than overfill it.
    const now2 = wallClock(core)
    const tooFull = core.sql.raw<{ session_date: string; start_time: string; booked: number; places: number }>(
      `SELECT ss.session_date, ss.start_time,
         (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ('scheduled', 'checked_in', 'completed')) AS booked,
         min(ss.available_beds, (SELECT count(*) FROM session_beds x WHERE x.schedule_session_id = ss.id AND x.status <> 'blocked') - 1) AS places
       FROM schedule_sessions ss JOIN session_beds sb ON sb.schedule_session_id = ss.id AND sb.bed_id = ? AND sb.status <> 'blocked'
       WHERE ss.session_date BETWEEN ? AND ? AND (ss.session_date > ? OR (ss.session_date = ? AND ss.end_time > ?))
       AND booked > places ORDER BY ss.session_date, ss.start_time LIMIT 1`,
      bed.id,
      input.from,
      input.until,
      now2.date,
      now2.date,
      now2.time,
    )[0]
    if (tooFull) {
      throw new DeskError(
        'SESSION_FULL',
        `Without ${bed.code}, the ${formatDate(tooFull.session_date, centerRow(core).date_format)} ${tooFull.start_time} session would have ${tooFull.booked} patients for ${tooFull.places} places; move or cancel a booking there first.`,
      )
    }
    // Every generated session of the range that is not over yet stops taking bookings on the bed.
    core.sql.rawRun(
      `UPDATE session_beds SET status = 'blocked', blocked_kind = 'out_of_service', blocked_reason = ?
       WHERE bed_id = ? AND status <> 'blocked' AND schedule_session_id IN (
         SELECT id FROM schedule_sessions WHERE session_date BETWEEN ? AND ? AND (session_date > ? OR (session_date = ? AND end_time > ?)))`,
      `${OUT_OF_SERVICE_REASON}: ${input.reason}`,
      bed.id,
      input.from,
      input.until,
      wallClock(core).date,
      wallClock(core).date,
      wallClock(core).time,
    )
    const outage = toOutage(core.sql.raw<OutageRow>(`${OUTAGES} WHERE o.id = ?`, id)[0]!)
    const format = centerRow(core).date_format
    return {
      value: { outage, moved, displaced },
      audit: {
        action: 'outage.create',
        entity: 'bed',
        entityId: bed.id,
        summary: `Took ${bed.code} out of service from ${formatDate(input.from, format)} to ${formatDate(input.until, format)} (${input.reason}); moved ${moved.length}, displaced ${displaced.length}`,
        after: {
          outage,
          moved: moved.map((a) => ({ id: a.id, bedId: a.bedId })),
          displaced: displaced.map((a) => a.id),
        },
      },
      changed: ['bed_outages', 'session_beds', 'appointments', 'conflicts'],
      dates: [...new Set(effects.map((e) => e.appointment.date))],
    }
  })
}

export function endOutage(core: Core, input: ParsedInputOf<'outage.end'>): BedOutage {
  return runWrite(core, input.staffId, () => {
    const row = core.sql.raw<OutageRow>(`${OUTAGES} WHERE o.id = ?`, input.id)[0]
    if (!row) throw notFound('bed outage', input.id)
    if (row.ended_at !== null) throw new DeskError('INVALID_STATE', `That outage of ${row.code} has already ended.`)
    const now = wallClock(core)
    core.sql.rawRun('UPDATE bed_outages SET ended_at = ? WHERE id = ?', now.iso, row.id)
    const bed = bedRow(core, row.bed_id)
    if (bed.in_service === 1 && bed.active === 1) {
      // Back in service for the sessions not over yet, unless another outage still covers their date.
      core.sql.rawRun(
        `UPDATE session_beds SET status = 'available', blocked_kind = NULL, blocked_reason = NULL
         WHERE bed_id = ? AND blocked_kind = 'out_of_service' AND schedule_session_id IN (
           SELECT ss.id FROM schedule_sessions ss WHERE ss.session_date BETWEEN ? AND ? AND (ss.session_date > ? OR (ss.session_date = ? AND ss.end_time > ?))
             AND NOT EXISTS (SELECT 1 FROM bed_outages o WHERE o.bed_id = ? AND o.ended_at IS NULL AND ss.session_date BETWEEN o.from_date AND o.until_date))`,
        bed.id,
        row.from_date,
        row.until_date,
        now.date,
        now.date,
        now.time,
        bed.id,
      )
    }
    const outage = toOutage(core.sql.raw<OutageRow>(`${OUTAGES} WHERE o.id = ?`, row.id)[0]!)
    return {
      value: outage,
      audit: {
        action: 'outage.end',
        entity: 'bed',
        entityId: bed.id,
        summary: `Ended the outage of ${bed.code} (${row.reason})`,
        before: toOutage(row),
        after: outage,
      },
      changed: ['bed_outages', 'session_beds'],
    }
  })
}
