/** The day's rosters for the nurses' station, read from the same board the desk shows. */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { AppointmentView, Roster, RosterPatient } from '../../../src-shared/model.js'
import { dayBoard } from '../sessions/board.js'
import { centerRow } from '../center/center.js'
import { type Core, wallClock } from '../core.js'
import { notFound } from '../desk-error.js'

const asPatient = (a: AppointmentView): RosterPatient => ({
  name: a.patientName,
  clinicNumber: a.clinicNumber,
  hepatitisB: a.hepatitisB,
  status: a.status,
})

export function dayRoster(core: Core, input: ParsedInputOf<'roster.day'>): Roster {
  const center = centerRow(core)
  const board = dayBoard(core, input.date)
  const sessions =
    input.scheduleSessionId === undefined
      ? board.sessions
      : board.sessions.filter((s) => s.id === input.scheduleSessionId)
  if (input.scheduleSessionId !== undefined && sessions.length === 0)
    throw notFound(`session on ${input.date}`, input.scheduleSessionId)
  const bedById = new Map(board.beds.map((b) => [b.id, b]))
  let printedBy: string | null = null
  if (input.printedBy !== undefined) {
    printedBy =
      core.sql.first(core.sql.q.selectFrom('staff').select('full_name').where('id', '=', input.printedBy))?.full_name ??
      null
  }
  return {
    clinicName: center.name,
    date: input.date,
    dateFormat: center.date_format,
    paperSize: center.paper_size,
    printedAt: wallClock(core).iso,
    printedBy,
    sessions: sessions.map((s) => ({
      scheduleSessionId: s.id,
      startTime: s.startTime,
      endTime: s.endTime,
      label: s.label,
      doctorName: s.doctorName,
      status: s.status,
      cancelReason: s.cancelReason,
      rows: s.cells.map((c) => {
        const bed = bedById.get(c.bedId)!
        return {
          bedCode: bed.code,
          isolation: bed.isolation,
          blockedReason: c.status === 'blocked' ? (c.blockedReason ?? 'Blocked') : null,
          patient: c.appointment ? asPatient(c.appointment) : null,
        }
      }),
      unassigned: s.unassigned.map(asPatient),
      capacity: s.capacity,
      booked: s.booked,
      free: s.free,
    })),
  }
}
