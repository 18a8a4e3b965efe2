/** The day board and availability: what the reception screen reads all day. */
import type { AppointmentView, BoardCell, BoardSession, DayAvailability, DayBoard } from '../../src-shared/model.js'
import { byPatientName, holdsPlace } from '../../src-shared/model.js'
import { datesBetween } from '../../src-shared/dates.js'
import { appointmentViewQuery, toAppointmentView } from './appointment-views.js'
import type { Core } from './core.js'
import { toBed } from './mappers.js'
import { assertRange, sessionsInRange, sessionViewQuery, toScheduleSession } from './schedule-sessions.js'

const isActive = (a: AppointmentView) => holdsPlace(a.status)

export function dayBoard(core: Core, date: string): DayBoard {
  const { sql } = core
  const sessions = sql.allOf('board-sessions', (d: string) => sessionViewQuery(core).where('ss.session_date', '=', d).orderBy('ss.start_time'), date).map(toScheduleSession)
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
  // Sorted here, not by SQLite: a sort step in the query cost more than the rest of the read.
  const appointments = sql
    .allOf('board-appointments', (d: string) => appointmentViewQuery(core).where('ss.session_date', '=', d), date)
    .map(toAppointmentView)
    .sort(byPatientName)
  // Active beds, and any retired bed that still appears in this day's sessions (history shows what was).
  const mapped = new Set(cells.map((c) => c.bed_id))
  const beds = sql
    .allOf('board-beds', () => sql.q.selectFrom('beds').selectAll().orderBy('position').orderBy('code'))
    .filter((b) => b.active === 1 || mapped.has(b.id))
    .map(toBed)

  const occupant = new Map<string, AppointmentView>()
  for (const a of appointments) if (a.bedId !== null && isActive(a)) occupant.set(`${a.scheduleSessionId}|${a.bedId}`, a)

  const boardSessions: BoardSession[] = sessions.map((s) => {
    const own = cells.filter((c) => c.schedule_session_id === s.id)
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
    const mine = appointments.filter((a) => a.scheduleSessionId === s.id)
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
