/**
 * Standing schedules: most patients come on the same days, in the same shift,
 * for months. Their weekly places are kept once, and every generated session
 * books them; reception handles only the exceptions.
 *
 * An occurrence is a slot on one date. Its booking keeps the (slot, date) link
 * whatever reception does to it afterwards, so a later generation run never
 * books that date again ("this date only" changes are never undone). A change
 * "from this date on" ends the slots at the day before and starts new ones,
 * and re-places the future occurrences; nothing dated before today moves.
 */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import { addDays, shiftOf, type Weekday } from '../../../src-shared/dates.js'
import { formatDate } from '../../../src-shared/format.js'
import type { AppointmentView, Conflict, StandingChange, StandingSlot } from '../../../src-shared/model.js'
import type { PatientRow, ScheduleSessionRow, StandingSlotRow } from '../../db/schema.js'
import { getAppointmentView } from '../appointments/appointment-views.js'
import { insertAppointment } from '../appointments/appointments.js'
import { chooseBed, chooseBedIn } from '../appointments/bed-choice.js'
import { centerRow, showDate } from '../center/center.js'
import { listConflicts } from './conflict-views.js'
import { openConflict, resolveConflictsFor, resolveConflictsOfEndedSlots } from './conflicts.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { patientRow } from '../people/patients.js'
import { isolationProblem } from '../appointments/placement-rules.js'
import { sessionHasEnded } from '../appointments/time-rules.js'
import { endStandingWaitWhenPlaced, waitForStandingPlace } from './waiting-list.js'
import { runWrite } from '../write.js'

interface SlotViewRow extends StandingSlotRow {
  start_time: string
  end_time: string
  label: string
  bed_code: string | null
}

const SLOT_VIEW = `SELECT s.*, t.start_time, t.end_time, t.label, b.code AS bed_code
  FROM standing_slots s JOIN sessions t ON t.id = s.session_id LEFT JOIN beds b ON b.id = s.bed_id`

const toSlot = (r: SlotViewRow): StandingSlot => ({
  id: r.id,
  patientId: r.patient_id,
  weekday: r.weekday,
  templateId: r.session_id,
  startTime: r.start_time,
  endTime: r.end_time,
  label: r.label,
  bedId: r.bed_id,
  bedCode: r.bed_code,
  validFrom: r.valid_from,
  validUntil: r.valid_until,
})

/** A patient's slots that hold today or later, in weekday order. */
export function listStanding(core: Core, patientId: number): StandingSlot[] {
  patientRow(core, patientId)
  return core.sql
    .raw<SlotViewRow>(
      `${SLOT_VIEW} WHERE s.patient_id = ? AND (s.valid_until IS NULL OR s.valid_until >= ?) AND (s.valid_until IS NULL OR s.valid_until >= s.valid_from)
       ORDER BY s.valid_from, instr('MonTueWedThuFriSatSun', s.weekday)`,
      patientId,
      today(core),
    )
    .map(toSlot)
}

/** Sets a patient's weekly pattern from a date on (an empty pattern ends it). */
export function setStanding(core: Core, input: ParsedInputOf<'standing.set'>): StandingChange {
  if (input.from < today(core)) {
    throw new DeskError(
      'IN_THE_PAST',
      `A standing schedule changes from today (${showDate(core, today(core))}) on; the past stays as it was.`,
      { field: 'from' },
    )
  }
  if (input.until !== null && input.until < input.from) {
    throw new DeskError(
      'VALIDATION',
      `The schedule ends (${showDate(core, input.until)}) before it starts (${showDate(core, input.from)}).`,
      { field: 'until' },
    )
  }
  const twice = input.slots.find((s, i) => input.slots.findIndex((o) => o.weekday === s.weekday) !== i)
  if (twice) {
    throw new DeskError(
      'VALIDATION',
      `${twice.weekday} is chosen twice: a patient has at most one standing session per weekday.`,
      { field: 'slots', weekday: twice.weekday },
    )
  }
  return runWrite(core, input.staffId, () => {
    const patient = patientRow(core, input.patientId)
    if (patient.active !== 1)
      throw new DeskError('INACTIVE', `${patient.full_name} has been deactivated; reactivate the patient first.`)
    for (const s of input.slots) checkSlot(core, patient, s)
    const before = listStanding(core, patient.id)
    const now = wallClock(core).iso

    // End what runs on or after `from`: the day before, so the past keeps its slots.
    const ending = core.sql.raw<StandingSlotRow>(
      `SELECT * FROM standing_slots WHERE patient_id = ? AND (valid_until IS NULL OR valid_until >= ?) AND (valid_until IS NULL OR valid_until >= valid_from)`,
      patient.id,
      input.from,
    )
    // A slot that had not begun by then ends empty, the day before its own start.
    for (const s of ending) {
      const until =
        addDays(input.from, -1) < addDays(s.valid_from, -1) ? addDays(s.valid_from, -1) : addDays(input.from, -1)
      core.sql.rawRun('UPDATE standing_slots SET valid_until = ?, updated_at = ? WHERE id = ?', until, now, s.id)
    }
    const created = new Map<Weekday, number>()
    for (const s of input.slots) {
      const id = core.sql.rawRun(
        'INSERT INTO standing_slots (patient_id, session_id, weekday, bed_id, valid_from, valid_until, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        patient.id,
        s.templateId,
        s.weekday,
        s.bedId,
        input.from,
        input.until,
        now,
        now,
      ).lastInsertRowid
      created.set(s.weekday, id)
    }

    const { moved, cancelled } = replaceFutureOccurrences(core, patient, ending, created, input.from, input.until)
    carryEarlierOneOffs(core, patient.id, created, input.from, input.until)
    resolveConflictsOfEndedSlots(
      core,
      ending.map((s) => s.id),
      input.from,
      'Standing schedule changed',
    )
    const horizon = lastGeneratedDate(core)
    const outcome = horizon
      ? placeStanding(core, input.staffId, { from: input.from, to: horizon }, patient.id)
      : emptyOutcome()
    endStandingWaitWhenPlaced(core, patient.id)
    const slots = listStanding(core, patient.id)
    const change: StandingChange = {
      slots,
      moved,
      cancelled,
      placed: outcome.placed.map((id) => getAppointmentView(core, id)),
      conflicts: listConflicts(core, { patientId: patient.id }),
    }
    const pattern =
      slots
        .filter((s) => s.validFrom === input.from)
        .map((s) => `${s.weekday} ${s.startTime}`)
        .join(', ') || 'none'
    return {
      value: change,
      audit: {
        action: 'standing.set',
        entity: 'patient',
        entityId: patient.id,
        patientId: patient.id,
        summary: `Set ${patient.full_name}'s standing schedule from ${formatDate(input.from, centerRow(core).date_format)}: ${pattern}; ${change.placed.length} booked, ${change.moved.length} moved, ${change.cancelled.length} cancelled, ${change.conflicts.length} to decide`,
        before,
        after: {
          slots,
          moved: moved.map((a) => a.id),
          cancelled: cancelled.map((a) => a.id),
          placed: change.placed.map((a) => a.id),
        },
      },
      changed: ['standing_slots', 'appointments', 'session_beds', 'conflicts', 'waiting_list'],
      dates: [...new Set([...moved, ...cancelled, ...change.placed].map((a) => a.date))],
    }
  })
}

function checkSlot(
  core: Core,
  patient: PatientRow,
  s: { weekday: Weekday; templateId: number; bedId: number | null },
): void {
  const t = core.sql.raw<{ weekday: Weekday; active: number; start_time: string }>(
    'SELECT weekday, active, start_time FROM sessions WHERE id = ?',
    s.templateId,
  )[0]
  if (!t) throw notFound('weekly session', s.templateId)
  if (t.active !== 1)
    throw new DeskError('INACTIVE', `The ${t.weekday} ${t.start_time} session has been stopped; choose another.`)
  if (t.weekday !== s.weekday)
    throw new DeskError('VALIDATION', `The ${t.weekday} ${t.start_time} session is not on a ${s.weekday}.`, {
      field: 'slots',
    })
  if (s.bedId === null) return
  const bed = core.sql.raw<{ code: string; isolation: number; active: number }>(
    'SELECT code, isolation, active FROM beds WHERE id = ?',
    s.bedId,
  )[0]
  if (!bed) throw notFound('bed', s.bedId)
  if (bed.active !== 1) throw new DeskError('BED_OUT_OF_SERVICE', `${bed.code} has been retired; choose another bed.`)
  const problem = isolationProblem(patient, bed)
  if (problem && centerRow(core).isolation_rule === 'enforce') throw new DeskError('ISOLATION_MISMATCH', problem)
}

interface FutureOccurrence {
  id: number
  schedule_session_id: number
  bed_id: number | null
  status: string
  one_off: number
  standing_slot_id: number
  standing_date: string
  weekday: Weekday
  session_date: string
  end_time: string
}

/**
 * The occurrences of the ended slots from `from` on follow the new pattern.
 * A plain booking (as the schedule made it, not yet over) is moved in place to
 * the new session (and preferred bed) of its weekday, or cancelled when the new
 * pattern has no such day or no room. Every other occurrence was settled for
 * its date (changed or cancelled "this date only", a cancelled session, under
 * way or over): it stays as it is, and its link passes to the new slot of its
 * weekday, so the new pattern does not book that date a second time.
 */
function replaceFutureOccurrences(
  core: Core,
  patient: PatientRow,
  ended: StandingSlotRow[],
  created: Map<Weekday, number>,
  from: string,
  until: string | null,
): { moved: AppointmentView[]; cancelled: AppointmentView[] } {
  const moved: AppointmentView[] = []
  const cancelled: AppointmentView[] = []
  if (ended.length === 0) return { moved, cancelled }
  // `ended` holds the slots as they were before this change ended them: only their own dates count.
  const validity = new Map(ended.map((s) => [s.id, s]))
  const linked = core.sql
    .raw<FutureOccurrence>(
      `SELECT a.id, a.schedule_session_id, a.bed_id, a.status, a.one_off, a.standing_slot_id, a.standing_date, s.weekday, ss.session_date, ss.end_time
       FROM appointments a JOIN standing_slots s ON s.id = a.standing_slot_id JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.standing_slot_id IN (${ended.map(() => '?').join(',')}) AND a.standing_date >= ?
       ORDER BY a.standing_date`,
      ...ended.map((s) => s.id),
      from,
    )
    .filter((o) => {
      const s = validity.get(o.standing_slot_id)!
      return o.standing_date >= s.valid_from && (s.valid_until === null || o.standing_date <= s.valid_until)
    })
  const newSlotFor = (o: FutureOccurrence) =>
    until === null || o.standing_date <= until ? created.get(o.weekday) : undefined
  const now = wallClock(core).iso
  const occurrences: FutureOccurrence[] = []
  for (const o of linked) {
    if (o.status === 'scheduled' && o.one_off === 0 && !sessionHasEnded(core, o)) {
      occurrences.push(o)
      continue
    }
    const slotId = newSlotFor(o)
    if (slotId !== undefined)
      core.sql.rawRun('UPDATE appointments SET standing_slot_id = ?, updated_at = ? WHERE id = ?', slotId, now, o.id)
  }
  for (const o of occurrences) {
    // Booked again that day by hand (a make-up, a one-off): that booking stays and becomes the day's place.
    const otherThatDay = core.sql.raw(
      `SELECT 1 FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.patient_id = ? AND ss.session_date = ? AND a.id <> ? AND a.status IN ('scheduled', 'checked_in', 'completed')`,
      patient.id,
      o.standing_date,
      o.id,
    )
    if (otherThatDay.length > 0) {
      core.sql.rawRun(
        "UPDATE appointments SET status = 'cancelled', cancel_reason = 'Standing schedule changed; already booked that day', updated_at = ? WHERE id = ?",
        now,
        o.id,
      )
      cancelled.push(getAppointmentView(core, o.id))
      continue
    }
    const slotId = newSlotFor(o)
    const slot =
      slotId === undefined
        ? undefined
        : core.sql.raw<StandingSlotRow>('SELECT * FROM standing_slots WHERE id = ?', slotId)[0]
    const target = slot ? sessionOf(core, slot.session_id, o.standing_date) : undefined
    if (slot && target && target.status === 'scheduled') {
      if (target.id === o.schedule_session_id) {
        // Same session: under the new slot, and on its preferred bed when that one is free (else where they are).
        const bed =
          slot.bed_id !== null && slot.bed_id !== o.bed_id ? chooseBedIn(core, target, patient, slot.bed_id) : null
        core.sql.rawRun(
          'UPDATE appointments SET standing_slot_id = ?, bed_id = ?, updated_at = ? WHERE id = ?',
          slot.id,
          bed?.bedId === slot.bed_id ? slot.bed_id : o.bed_id,
          now,
          o.id,
        )
        if (bed?.bedId === slot.bed_id) moved.push(getAppointmentView(core, o.id))
        continue
      }
      const bed = chooseBed(core, target, patient, slot.bed_id)
      if (bed) {
        core.sql.rawRun(
          'UPDATE appointments SET schedule_session_id = ?, bed_id = ?, doctor_id = ?, standing_slot_id = ?, updated_at = ? WHERE id = ?',
          target.id,
          bed.bedId,
          target.doctor_id,
          slot.id,
          now,
          o.id,
        )
        moved.push(getAppointmentView(core, o.id))
        continue
      }
    }
    const reason = slot
      ? 'Standing schedule changed; no place in the new session'
      : 'Standing schedule changed; no longer on this day'
    core.sql.rawRun(
      "UPDATE appointments SET status = 'cancelled', cancel_reason = ?, updated_at = ? WHERE id = ?",
      reason,
      now,
      o.id,
    )
    cancelled.push(getAppointmentView(core, o.id))
    // The occurrence of the new slot on that date is still owed: the placement run after this records it as a conflict.
  }
  return { moved, cancelled }
}

/**
 * A date changed "this date only" under a slot that ended before this change
 * (its weekday dropped from the pattern, now taken up again) is settled for the
 * new slot of its weekday too: reception's decision for that date stands.
 */
function carryEarlierOneOffs(
  core: Core,
  patientId: number,
  created: Map<Weekday, number>,
  from: string,
  until: string | null,
): void {
  if (created.size === 0) return
  const newIds = [...created.values()]
  const oneOffs = core.sql.raw<{ id: number; weekday: Weekday; standing_date: string }>(
    `SELECT a.id, s.weekday, a.standing_date FROM standing_slots s JOIN appointments a ON a.standing_slot_id = s.id
     WHERE s.patient_id = ? AND s.id NOT IN (${newIds.map(() => '?').join(',')}) AND a.standing_date >= ? AND a.one_off = 1
     ORDER BY a.standing_date, a.id`,
    patientId,
    ...newIds,
    from,
  )
  const now = wallClock(core).iso
  for (const o of oneOffs) {
    const slotId = until === null || o.standing_date <= until ? created.get(o.weekday) : undefined
    if (slotId === undefined) continue
    // Already the occurrence of the new slot (carried from a slot this change ended): nothing to do.
    if (
      core.sql.raw(
        'SELECT 1 FROM appointments WHERE standing_slot_id = ? AND standing_date = ?',
        slotId,
        o.standing_date,
      ).length > 0
    )
      continue
    core.sql.rawRun('UPDATE appointments SET standing_slot_id = ?, updated_at = ? WHERE id = ?', slotId, now, o.id)
  }
}

function sessionOf(core: Core, templateId: number, date: string): ScheduleSessionRow | undefined {
  return core.sql.raw<ScheduleSessionRow>(
    'SELECT * FROM schedule_sessions WHERE session_id = ? AND session_date = ?',
    templateId,
    date,
  )[0]
}

/** The last date with generated sessions, or null before any generation. */
export function lastGeneratedDate(core: Core): string | null {
  return core.sql.raw<{ d: string | null }>('SELECT max(session_date) AS d FROM schedule_sessions')[0]?.d ?? null
}

export interface PlacementOutcome {
  placed: number[]
  conflicts: number
}

const emptyOutcome = (): PlacementOutcome => ({ placed: [], conflicts: 0 })

interface Occurrence {
  slot_id: number
  patient_id: number
  bed_id: number | null
  weekday: Weekday
  valid_from: string
  valid_until: string | null
  schedule_session_id: number
  session_date: string
  start_time: string
}

/**
 * Books every standing occurrence in the date range that has no booking yet
 * (inside the caller's write): the preferred bed when free and allowed, else
 * another the rules allow, else an open conflict and a place on the waiting list.
 */
export function placeStanding(
  core: Core,
  staffId: number,
  range: { from: string; to: string },
  patientId?: number,
): PlacementOutcome {
  const from = range.from < today(core) ? today(core) : range.from
  if (range.to < from) return emptyOutcome()
  const occurrences = core.sql.raw<Occurrence>(
    `SELECT s.id AS slot_id, s.patient_id, s.bed_id, s.weekday, s.valid_from, s.valid_until,
            ss.id AS schedule_session_id, ss.session_date, ss.start_time
     FROM standing_slots s
     JOIN schedule_sessions ss ON ss.session_id = s.session_id AND ss.session_date BETWEEN ? AND ?
       AND ss.session_date >= s.valid_from AND (s.valid_until IS NULL OR ss.session_date <= s.valid_until)
     JOIN patients p ON p.id = s.patient_id AND p.active = 1
       AND (p.kind = 'regular' OR ss.session_date BETWEEN p.visit_from AND p.visit_until)
     WHERE ${patientId === undefined ? '1' : 's.patient_id = ?'}
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.standing_slot_id = s.id AND a.standing_date = ss.session_date)
     ORDER BY ss.session_date, ss.start_time, s.id`,
    from,
    range.to,
    ...(patientId === undefined ? [] : [patientId]),
  )
  const outcome = emptyOutcome()
  const patients = new Map<number, PatientRow>()
  const decided = new Set<number>()
  for (const o of occurrences) {
    const session = core.sql.raw<ScheduleSessionRow>(
      'SELECT * FROM schedule_sessions WHERE id = ?',
      o.schedule_session_id,
    )[0]!
    if (sessionHasEnded(core, session)) continue
    let patient = patients.get(o.patient_id)
    if (!patient) {
      patient = patientRow(core, o.patient_id)
      patients.set(patient.id, patient)
    }
    const conflict = (reason: string, kind: 'standing_unplaced' | 'session_cancelled' = 'standing_unplaced') => {
      if (
        openConflict(core, {
          kind,
          patientId: patient.id,
          date: o.session_date,
          reason,
          standingSlotId: o.slot_id,
          scheduleSessionId: session.id,
        })
      ) {
        outcome.conflicts++
      }
      if (kind === 'standing_unplaced')
        waitForStandingPlace(
          core,
          patient.id,
          patternOf(core, patient.id),
          shiftOf(o.start_time),
          o.weekday,
          o.start_time,
        )
    }
    if (session.status === 'cancelled') {
      conflict(
        `The ${o.weekday} ${o.start_time} session is cancelled (${session.cancel_reason ?? 'no reason given'})`,
        'session_cancelled',
      )
      continue
    }
    // Already booked that day by hand: that booking is the day's occurrence (a one-off when in another session).
    const sameDay = core.sql.raw<{
      id: number
      schedule_session_id: number
      standing_slot_id: number | null
      start_time: string
    }>(
      `SELECT a.id, a.schedule_session_id, a.standing_slot_id, ss.start_time FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.patient_id = ? AND ss.session_date = ? AND a.status IN ('scheduled', 'checked_in', 'completed')`,
      patient.id,
      o.session_date,
    )
    const unlinked = sameDay.find((a) => a.standing_slot_id === null)
    if (unlinked) {
      core.sql.rawRun(
        'UPDATE appointments SET standing_slot_id = ?, standing_date = ?, one_off = ? WHERE id = ?',
        o.slot_id,
        o.session_date,
        unlinked.schedule_session_id === session.id ? 0 : 1,
        unlinked.id,
      )
      if (resolveConflictsFor(core, patient.id, o.session_date, 'Booked that day') > 0) decided.add(patient.id)
      continue
    }
    if (sameDay.length > 0) {
      conflict(`Already booked at ${sameDay[0]!.start_time} that day`)
      continue
    }
    const bed = chooseBed(core, session, patient, o.bed_id)
    if (!bed) {
      conflict(`No free bed the rules allow in the ${o.weekday} ${o.start_time} session`)
      continue
    }
    outcome.placed.push(
      insertAppointment(core, {
        session,
        patientId: patient.id,
        bedId: bed.bedId,
        staffId,
        standing: { slotId: o.slot_id, date: o.session_date },
      }),
    )
    if (resolveConflictsFor(core, patient.id, o.session_date, 'Placed by the standing schedule') > 0)
      decided.add(patient.id)
  }
  // Once the run is over (a later occurrence of the same run may still be owed): a patient with nothing left to find leaves the waiting list.
  for (const id of decided) endStandingWaitWhenPlaced(core, id)
  return outcome
}

/** The weekdays of a patient's current pattern, for the waiting list. */
function patternOf(core: Core, patientId: number): Weekday[] {
  return core.sql
    .raw<{ weekday: Weekday }>(
      `SELECT DISTINCT weekday FROM standing_slots WHERE patient_id = ? AND (valid_until IS NULL OR valid_until >= ?) AND (valid_until IS NULL OR valid_until >= valid_from)`,
      patientId,
      today(core),
    )
    .map((r) => r.weekday)
}

export type { Conflict }
