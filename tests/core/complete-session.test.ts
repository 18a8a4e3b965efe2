/** appointment.completeSession: the end of a session in one action, one audit row. */
import { afterEach, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

it('marks everyone still booked or checked in as done, leaves cancelled and no-shows alone, and lists them', async () => {
  desk = openTestDesk({ time: '05:00' })
  const clinic = await setUpClinic(desk)
  await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 1) })
  const session = (await desk.call('board.day', { date: MONDAY })).sessions[0]!
  const ids: number[] = []
  for (const [i, name] of ['Nimal', 'Kamala', 'Ruwan'].entries()) {
    const p = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: name,
      clinicNumber: `C-${i}`,
      hepatitisB: 'negative',
    })
    ids.push(
      (
        await desk.call('appointment.book', {
          staffId: clinic.staffId,
          scheduleSessionId: session.id,
          patientId: p.id,
          bedId: clinic.beds[`BED-A${i + 1}`]!,
        })
      ).appointment.id,
    )
  }
  desk.clock.setLocal(MONDAY, '09:00')
  await desk.call('appointment.checkIn', { staffId: clinic.staffId, appointmentId: ids[0]! })
  await desk.call('appointment.noShow', { staffId: clinic.staffId, appointmentId: ids[2]!, reason: 'transport' })
  const auditBefore = (await desk.call('audit.list', { limit: 500 })).entries.length

  const done = await desk.call('appointment.completeSession', {
    staffId: clinic.staffId,
    scheduleSessionId: session.id,
  })
  expect(done.affected.map((a) => a.id)).toEqual([ids[0], ids[1]])
  expect(done.affected.every((a) => a.status === 'completed' && a.completedAt !== null)).toBe(true)
  const after = await desk.call('board.day', { date: MONDAY })
  expect(after.sessions[0]!.inactive.map((a) => [a.id, a.status])).toEqual([[ids[2], 'no_show']])
  // Completed patients keep their beds for the record.
  expect(after.sessions[0]!.cells.filter((c) => c.appointment?.status === 'completed').map((c) => c.bedId)).toEqual([
    clinic.beds['BED-A1'],
    clinic.beds['BED-A2'],
  ])
  expect((await desk.call('audit.list', { limit: 500 })).entries.length).toBe(auditBefore + 1)

  // Tomorrow's session cannot be completed today.
  const tomorrow = (await desk.call('board.day', { date: addDays(MONDAY, 1) })).sessions[0]!
  expect(
    (await desk.refuse('appointment.completeSession', { staffId: clinic.staffId, scheduleSessionId: tomorrow.id }))
      .code,
  ).toBe('INVALID_STATE')
})
