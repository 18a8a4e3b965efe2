import { afterEach, describe, expect, it } from 'vitest'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

describe('booking on the seed clinic', () => {
  it('books a patient onto a bed and refuses a second patient on the same bed', async () => {
    desk = openTestDesk()
    const clinic = await setUpClinic(desk)
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
    const board = await desk.call('board.day', { date: MONDAY })
    const session = board.sessions[0]!
    const a = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Nimal Perera',
      clinicNumber: 'CKC-001',
      hepatitisB: 'negative',
    })
    const b = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC-002',
      hepatitisB: 'negative',
    })
    const booked = await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: session.id,
      patientId: a.id,
      bedId: clinic.beds['BED-A1']!,
    })
    expect(booked.appointment.bedCode).toBe('BED-A1')
    const refused = await desk.refuse('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: session.id,
      patientId: b.id,
      bedId: clinic.beds['BED-A1'],
    })
    expect(refused.code).toBe('BED_TAKEN')
    expect(refused.message).toContain('Nimal Perera')
  })
})
