/** The audit trail of an appointment change keeps what changed, before and after, and not the rest of the record. */
import { afterEach, expect, it } from 'vitest'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

it('records a booking whole and a bed move by its bed only', async () => {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk)
  await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
  const session = (await desk.call('board.day', { date: MONDAY })).sessions[0]!
  const p = await desk.call('patient.create', {
    staffId: clinic.staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'C-1',
    hepatitisB: 'negative',
  })
  const booked = await desk.call('appointment.book', {
    staffId: clinic.staffId,
    scheduleSessionId: session.id,
    patientId: p.id,
    bedId: clinic.beds['BED-A1']!,
  })
  await desk.call('appointment.assignBed', {
    staffId: clinic.staffId,
    appointmentId: booked.appointment.id,
    bedId: clinic.beds['BED-A2']!,
  })
  const [move, book] = (await desk.call('audit.list', { patientId: p.id, limit: 2 })).entries
  expect(book!.action).toBe('appointment.book')
  expect(book!.after).toMatchObject({ id: booked.appointment.id, patientName: 'Nimal Perera', bedCode: 'BED-A1' })
  expect(move!.action).toBe('appointment.assignBed')
  expect(move!.before).toEqual({ bedId: clinic.beds['BED-A1'], bedCode: 'BED-A1' })
  expect(move!.after).toMatchObject({ bedId: clinic.beds['BED-A2'], bedCode: 'BED-A2' })
  // The clock stood still, so even the update time did not change: nothing else is recorded.
  expect(Object.keys(move!.after as object).sort()).toEqual(['bedCode', 'bedId'])
})
