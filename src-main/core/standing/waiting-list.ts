/**
 * Patients waiting for a pattern and a shift that is not free yet. When a
 * place frees up, the desk shows who fits it.
 */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { WaitingMatch } from '../../../src-shared/contract/standing-methods.js'
import { shiftOf, WEEKDAYS, type Weekday, weekdayOf } from '../../../src-shared/dates.js'
import type { PreferredShift, WaitingEntry } from '../../../src-shared/model.js'
import { type Core, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { freeAllowedBeds } from '../appointments/bed-choice.js'
import { patientRow } from '../people/patients.js'
import { sessionViewQuery, toScheduleSession } from '../sessions/schedule-sessions.js'
import { runWrite } from '../write.js'

interface WaitingRow {
  id: number
  patient_id: number
  full_name: string
  clinic_number: string
  weekdays: string
  shift: PreferredShift
  note: string
  created_at: string
}

const toEntry = (r: WaitingRow): WaitingEntry => ({
  id: r.id,
  patientId: r.patient_id,
  patientName: r.full_name,
  clinicNumber: r.clinic_number,
  weekdays: r.weekdays.split(',') as Weekday[],
  shift: r.shift,
  note: r.note,
  createdAt: r.created_at,
})

const OPEN = `SELECT w.*, p.full_name, p.clinic_number FROM waiting_list w JOIN patients p ON p.id = w.patient_id
  WHERE w.resolved_at IS NULL AND p.active = 1`

export function listWaiting(core: Core): WaitingEntry[] {
  return core.sql.raw<WaitingRow>(`${OPEN} ORDER BY w.created_at, w.id`).map(toEntry)
}

function sortedWeekdays(days: readonly Weekday[]): string {
  return WEEKDAYS.filter((d) => days.includes(d)).join(',')
}

/** The note of the desk's own entries (opened_by 'desk'), which it also closes; only reception closes reception's. */
const standingNote = (weekday: Weekday, startTime: string) => `Standing ${weekday} ${startTime} could not be placed`

/** Puts a standing patient whose place could not be booked on the waiting list, unless they are on it already (inside the caller's write). */
export function waitForStandingPlace(
  core: Core,
  patientId: number,
  pattern: readonly Weekday[],
  shift: PreferredShift,
  weekday: Weekday,
  startTime: string,
): void {
  core.sql.rawRun(
    `INSERT INTO waiting_list (patient_id, weekdays, shift, note, opened_by, created_at) VALUES (?, ?, ?, ?, 'desk', ?) ON CONFLICT DO NOTHING`,
    patientId,
    sortedWeekdays(pattern),
    shift,
    standingNote(weekday, startTime),
    wallClock(core).iso,
  )
}

/**
 * Takes a patient off the waiting list when the desk put them there for a
 * standing place and no such place is left to find: no open "could not be
 * placed" conflict from today on (each was booked, or decided by reception).
 * Answers whether an entry was closed. Inside the caller's write.
 */
export function endStandingWaitWhenPlaced(core: Core, patientId: number): boolean {
  const now = wallClock(core)
  return (
    core.sql.rawRun(
      `UPDATE waiting_list SET resolved_at = ?, resolution = 'Every standing place is booked or decided'
       WHERE patient_id = ? AND resolved_at IS NULL AND opened_by = 'desk'
         AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.patient_id = waiting_list.patient_id AND c.kind = 'standing_unplaced'
           AND c.resolved_at IS NULL AND c.session_date >= ?)`,
      now.iso,
      patientId,
      now.date,
    ).changes > 0
  )
}

export function addWaiting(core: Core, input: ParsedInputOf<'waiting.add'>): WaitingEntry {
  return runWrite(core, input.staffId, () => {
    const patient = patientRow(core, input.patientId)
    const open = core.sql.raw<{ id: number }>(
      'SELECT id FROM waiting_list WHERE patient_id = ? AND resolved_at IS NULL',
      patient.id,
    )[0]
    if (open) throw new DeskError('DUPLICATE', `${patient.full_name} is already on the waiting list.`)
    const id = core.sql.rawRun(
      'INSERT INTO waiting_list (patient_id, weekdays, shift, note, created_at) VALUES (?, ?, ?, ?, ?)',
      patient.id,
      sortedWeekdays(input.weekdays),
      input.shift,
      input.note,
      wallClock(core).iso,
    ).lastInsertRowid
    const entry = listWaiting(core).find((e) => e.id === id)!
    return {
      value: entry,
      audit: {
        action: 'waiting.add',
        entity: 'waiting_list',
        entityId: id,
        patientId: patient.id,
        summary: `Put ${patient.full_name} on the waiting list (${entry.weekdays.join('/')}, ${entry.shift})`,
        after: entry,
      },
      changed: ['waiting_list'],
    }
  })
}

export function resolveWaiting(core: Core, input: ParsedInputOf<'waiting.resolve'>): WaitingEntry {
  return runWrite(core, input.staffId, () => {
    const entry = listWaiting(core).find((e) => e.id === input.id)
    if (!entry) throw notFound('open waiting-list entry', input.id)
    core.sql.rawRun(
      'UPDATE waiting_list SET resolved_at = ?, resolution = ? WHERE id = ?',
      wallClock(core).iso,
      input.resolution,
      input.id,
    )
    return {
      value: entry,
      audit: {
        action: 'waiting.resolve',
        entity: 'waiting_list',
        entityId: entry.id,
        patientId: entry.patientId,
        summary: `Took ${entry.patientName} off the waiting list: ${input.resolution}`,
        before: entry,
        after: { resolution: input.resolution },
      },
      changed: ['waiting_list'],
    }
  })
}

/** For each session of the date with a free place, the waiting patients whose pattern and shift it fits. */
export function waitingMatches(core: Core, date: string): WaitingMatch[] {
  const waiting = listWaiting(core)
  if (waiting.length === 0) return []
  const weekday = weekdayOf(date)
  // A patient already treated that day is not offered a second place.
  const bookedThatDay = new Set(
    core.sql
      .raw<{ patient_id: number }>(
        `SELECT a.patient_id FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
         WHERE ss.session_date = ? AND a.status IN ('scheduled', 'checked_in', 'completed')`,
        date,
      )
      .map((r) => r.patient_id),
  )
  return core.sql
    .all(
      sessionViewQuery(core)
        .where('ss.session_date', '=', date)
        .where('ss.status', '=', 'scheduled')
        .orderBy('ss.start_time'),
    )
    .map(toScheduleSession)
    .filter((s) => s.free > 0)
    .map((s) => ({
      scheduleSessionId: s.id,
      startTime: s.startTime,
      free: s.free,
      waiting: waiting.filter(
        (w) =>
          !bookedThatDay.has(w.patientId) &&
          w.weekdays.includes(weekday) &&
          (w.shift === 'any' || w.shift === shiftOf(s.startTime)) &&
          // A free place only on a bed the isolation rule keeps from them is no place for them.
          freeAllowedBeds(core, s.id, patientRow(core, w.patientId)).length > 0,
      ),
    }))
    .filter((m) => m.waiting.length > 0)
}
