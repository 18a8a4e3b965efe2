/** The day board and availability: what the reception screen reads all day. */
import type { AppointmentView, BoardCell, BoardSession, DayAvailability, DayBoard } from '../../../src-shared/model.js'
import { byPatientName, holdsPlace } from '../../../src-shared/model.js'
import { datesBetween } from '../../../src-shared/dates.js'
import { APPOINTMENT_COLUMNS, appointmentViewAt, PATIENT_COLUMNS } from '../appointments/appointment-views.js'
import type { Core } from '../core.js'
import { toBed } from '../mappers.js'
import { assertRange, sessionsInRange, toScheduleSession } from './schedule-sessions.js'

const isActive = (a: AppointmentView) => holdsPlace(a.status)

export function dayBoard(core: Core, date: string): DayBoard {
  const { sql } = core
  // Read once each: the day's sessions, their beds and their appointments. A session's open beds and
  // bookings are counted here from those rows (not by a subquery per session), and what an appointment
  // shares with its session or bed is taken from them, not read again on every appointment's row.
  const sessionRows = sql.allOf(
    'board-session-rows',
    (d: string) =>
      sql.q
        .selectFrom('schedule_sessions as ss')
        .leftJoin('doctors as d', 'd.id', 'ss.doctor_id')
        .selectAll('ss')
        .select('d.full_name as doctor_name')
        .where('ss.session_date', '=', d)
        .orderBy('ss.start_time'),
    date,
  )
  const cells = sql.allOf(
    'board-cells',
    (d: string) =>
      sql.q
        .selectFrom('session_beds as sb')
        .innerJoin('schedule_sessions as ss', 'ss.id', 'sb.schedule_session_id')
        .select(['sb.schedule_session_id', 'sb.bed_id', 'sb.status', 'sb.blocked_reason'])
        .where('ss.session_date', '=', d),
    date,
  )
  const allBeds = sql.allOf('board-beds', () =>
    sql.q.selectFrom('beds').selectAll().orderBy('position').orderBy('code'),
  )
  const bedCode = new Map(allBeds.map((b) => [b.id, b.code]))
  const sessionOf = new Map(sessionRows.map((s) => [s.id, s]))
  // Sorted here, not by SQLite: a sort step in the query cost more than the rest of the read.
  const appointments = sql
    .allOf(
      'board-appointment-rows',
      (d: string) =>
        sql.q
          .selectFrom('appointments as a')
          .innerJoin('schedule_sessions as ss', 'ss.id', 'a.schedule_session_id')
          .innerJoin('patients as p', 'p.id', 'a.patient_id')
          .select([...APPOINTMENT_COLUMNS, ...PATIENT_COLUMNS])
          .where('ss.session_date', '=', d),
      date,
    )
    .map((r) =>
      appointmentViewAt(
        r,
        sessionOf.get(r.schedule_session_id)!,
        r.bed_id === null ? null : (bedCode.get(r.bed_id) ?? null),
      ),
    )
    .sort(byPatientName)
  // Active beds, and any retired bed that still appears in this day's sessions (history shows what was).
  const mapped = new Set(cells.map((c) => c.bed_id))
  const beds = allBeds.filter((b) => b.active === 1 || mapped.has(b.id)).map(toBed)

  const occupant = new Map<string, AppointmentView>()
  for (const a of appointments)
    if (a.bedId !== null && isActive(a)) occupant.set(`${a.scheduleSessionId}|${a.bedId}`, a)

  const boardSessions: BoardSession[] = sessionRows.map((row) => {
    const own = cells.filter((c) => c.schedule_session_id === row.id)
    const mine = appointments.filter((a) => a.scheduleSessionId === row.id)
    const s = toScheduleSession({
      ...row,
      open_beds: own.filter((c) => c.status !== 'blocked').length,
      booked: mine.filter(isActive).length,
    })
    const byBed = new Map(own.map((c) => [c.bed_id, c]))
    const sessionCells: BoardCell[] = []
    for (const bed of beds) {
      const c = byBed.get(bed.id)
      if (!c) continue
      sessionCells.push({
        bedId: bed.id,
        status: c.status,
        blockedReason: c.blocked_reason,
        appointment: occupant.get(`${s.id}|${bed.id}`) ?? null,
      })
    }
    return {
      ...s,
      cells: sessionCells,
      unassigned: mine.filter((a) => a.bedId === null && isActive(a)),
      inactive: mine.filter((a) => !isActive(a)),
    }
  })
  return { date, beds, sessions: boardSessions }
}

export function dayAvailability(core: Core, date: string): DayAvailability {
  return availabilityRange(core, { from: date, to: date })[0]!
}

export function availabilityRange(core: Core, input: { from: string; to: string }): DayAvailability[] {
  assertRange(core, input.from, input.to)
  const sessions = sessionsInRange(core, input.from, input.to)
  return datesBetween(input.from, input.to).map((date) => {
    const own = sessions
      .filter((s) => s.date === date)
      .map((s) => ({
        scheduleSessionId: s.id,
        date: s.date,
        startTime: s.startTime,
        endTime: s.endTime,
        label: s.label,
        status: s.status,
        capacity: s.capacity,
        booked: s.booked,
        free: s.free,
      }))
    const sum = (k: 'capacity' | 'booked' | 'free') => own.reduce((n, s) => n + s[k], 0)
    return { date, capacity: sum('capacity'), booked: sum('booked'), free: sum('free'), sessions: own }
  })
}
