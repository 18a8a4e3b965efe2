/**
 * Patients waiting for a pattern and a shift that is not free yet. When a
 * place frees up, the desk shows who fits it.
 */
import type { ParsedInputOf } from '../../src-shared/contract/index.js'
import type { WaitingMatch } from '../../src-shared/contract/standing-methods.js'
import { shiftOf, WEEKDAYS, type Weekday, weekdayOf } from '../../src-shared/dates.js'
import type { PreferredShift, WaitingEntry } from '../../src-shared/model.js'
import { type Core, wallClock } from './core.js'
import { DeskError, notFound } from './desk-error.js'
import { patientRow } from './patients.js'
import { sessionViewQuery, toScheduleSession } from './schedule-sessions.js'
import { runWrite } from './write.js'

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

/** Puts a patient on the waiting list unless they are on it already (inside the caller's write). */
export function ensureWaiting(core: Core, patientId: number, weekdays: readonly Weekday[], shift: PreferredShift, note: string): void {
  core.sql.rawRun(
    `INSERT INTO waiting_list (patient_id, weekdays, shift, note, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    patientId,
    sortedWeekdays(weekdays),
    shift,
    note,
    wallClock(core).iso,
  )
}

export function addWaiting(core: Core, input: ParsedInputOf<'waiting.add'>): WaitingEntry {
  return runWrite(core, input.staffId, () => {
    const patient = patientRow(core, input.patientId)
    const open = core.sql.raw<{ id: number }>('SELECT id FROM waiting_list WHERE patient_id = ? AND resolved_at IS NULL', patient.id)[0]
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
    core.sql.rawRun('UPDATE waiting_list SET resolved_at = ?, resolution = ? WHERE id = ?', wallClock(core).iso, input.resolution, input.id)
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
    .all(sessionViewQuery(core).where('ss.session_date', '=', date).where('ss.status', '=', 'scheduled').orderBy('ss.start_time'))
    .map(toScheduleSession)
    .filter((s) => s.free > 0)
    .map((s) => ({
      scheduleSessionId: s.id,
      startTime: s.startTime,
      free: s.free,
      waiting: waiting.filter((w) => !bookedThatDay.has(w.patientId) && w.weekdays.includes(weekday) && (w.shift === 'any' || w.shift === shiftOf(s.startTime))),
    }))
    .filter((m) => m.waiting.length > 0)
}
