/**
 * The day's board with one appointment put where the desk's answer to a change
 * says it now is. Drawn as soon as the change is answered, before the day is
 * read again; that read brings the same (and whatever else changed meanwhile).
 * It follows the board's own rules: an appointment that holds a place sits on
 * its bed's cell (then 'reserved') or among the unassigned, one that no longer
 * does among the inactive; every list ordered by name; booked and free counted
 * from them.
 */
import {
  byPatientName,
  holdsPlace,
  type AppointmentView,
  type BoardCell,
  type BoardSession,
  type DayBoard,
} from '../../src-shared/model'

export function withAppointment(board: DayBoard, a: AppointmentView): DayBoard {
  const active = holdsPlace(a.status)
  const sessions = board.sessions.map((s) => {
    const here = a.date === board.date && s.id === a.scheduleSessionId
    if (!here && !holdsIt(s, a.id)) return s
    const cells = s.cells.map((c): BoardCell => {
      const occupies = here && active && a.bedId === c.bedId
      if (occupies) return { ...c, appointment: a, status: c.status === 'blocked' ? c.status : 'reserved' }
      if (c.appointment?.id === a.id)
        return { ...c, appointment: null, status: c.status === 'reserved' ? 'available' : c.status }
      return c
    })
    const unassigned = s.unassigned.filter((x) => x.id !== a.id)
    const inactive = s.inactive.filter((x) => x.id !== a.id)
    if (here && active && a.bedId === null) unassigned.push(a)
    if (here && !active) inactive.push(a)
    const booked = cells.filter((c) => c.appointment !== null).length + unassigned.length
    return {
      ...s,
      cells,
      unassigned: unassigned.sort(byPatientName),
      inactive: inactive.sort(byPatientName),
      booked,
      free: Math.max(0, s.capacity - booked),
    }
  })
  return { ...board, sessions }
}

function holdsIt(s: BoardSession, id: number): boolean {
  return (
    s.cells.some((c) => c.appointment?.id === id) ||
    s.unassigned.some((x) => x.id === id) ||
    s.inactive.some((x) => x.id === id)
  )
}
