/** Patients: registering, editing, duplicates, deactivating with or without their upcoming bookings, and their appointments. */
import { afterEach, describe, expect, it } from 'vitest'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, NEXT_MONDAY, TUESDAY, WEDNESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

async function book(s: Scenario, patientId: number, date: string, time: string, bed: string | null = null) {
  const session = await s.session(date, time)
  return (
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId,
      bedId: bed === null ? null : s.bed(bed),
    })
  ).appointment
}

describe('patient.create and patient.get', () => {
  it('registers a patient with defaults, the national ID in capitals, and reads them back', async () => {
    const s = await start()
    const p = await desk.call('patient.create', {
      staffId: s.staffId,
      fullName: '  Nimal Perera ',
      clinicNumber: 'CKC/2026/001',
      nationalId: '851234567v',
      phone: '077 123 4567',
    })
    expect(p).toMatchObject({
      fullName: 'Nimal Perera',
      clinicNumber: 'CKC/2026/001',
      nationalId: '851234567V',
      phone: '077 123 4567',
      hepatitisB: 'unknown',
      preferredShift: 'any',
      notes: '',
      active: true,
    })
    expect(p.createdAt).toBe(desk.clock.now().toISOString())
    expect(await desk.call('patient.get', { id: p.id })).toEqual(p)
    const noNic = await desk.call('patient.create', {
      staffId: s.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC/2026/002',
      nationalId: '',
    })
    expect(noNic.nationalId).toBeNull()
    await desk.call('patient.create', { staffId: s.staffId, fullName: 'Third', clinicNumber: 'CKC/2026/003' })
    expect((await desk.refuse('patient.get', { id: 99_999 })).code).toBe('NOT_FOUND')
  })

  it('refuses a clinic number or national ID that belongs to someone else, whatever the case', async () => {
    const s = await start()
    await desk.call('patient.create', {
      staffId: s.staffId,
      fullName: 'Nimal Perera',
      clinicNumber: 'CKC-001',
      nationalId: '198512345678',
    })
    await desk.call('patient.create', {
      staffId: s.staffId,
      fullName: 'Old Card',
      clinicNumber: 'CKC-002',
      nationalId: '851234567V',
    })
    const byNumber = await expectRefused(
      desk,
      'patient.create',
      { staffId: s.staffId, fullName: 'Other', clinicNumber: 'ckc-001' },
      'DUPLICATE',
    )
    expect(byNumber.message).toContain('Nimal Perera')
    await expectRefused(
      desk,
      'patient.create',
      { staffId: s.staffId, fullName: 'Other', clinicNumber: 'CKC-009', nationalId: '198512345678' },
      'DUPLICATE',
    )
    const byNic = await expectRefused(
      desk,
      'patient.create',
      { staffId: s.staffId, fullName: 'Other', clinicNumber: 'CKC-009', nationalId: '851234567v' },
      'DUPLICATE',
    )
    expect(byNic.message).toContain('Old Card')
  })
})

describe('patient.update', () => {
  it('edits details, clears the national ID, and refuses another patient’s numbers', async () => {
    const s = await start()
    const a = await desk.call('patient.create', {
      staffId: s.staffId,
      fullName: 'Nimal',
      clinicNumber: 'CKC-001',
      nationalId: '851234567V',
    })
    const b = await desk.call('patient.create', { staffId: s.staffId, fullName: 'Kamala', clinicNumber: 'CKC-002' })
    const r = await desk.call('patient.update', {
      staffId: s.staffId,
      id: a.id,
      fullName: 'Nimal Perera',
      phone: '0112345678',
      preferredShift: 'morning',
      notes: 'Diabetic',
      nationalId: '',
    })
    expect(r).toMatchObject({
      fullName: 'Nimal Perera',
      clinicNumber: 'CKC-001',
      nationalId: null,
      phone: '0112345678',
      preferredShift: 'morning',
      notes: 'Diabetic',
    })
    await desk.call('patient.update', { staffId: s.staffId, id: a.id, clinicNumber: 'ckc-001' }) // its own number, other case
    await expectRefused(desk, 'patient.update', { staffId: s.staffId, id: b.id, clinicNumber: 'CKC-001' }, 'DUPLICATE')
    await desk.call('patient.update', { staffId: s.staffId, id: b.id, nationalId: '851234567V' })
    await expectRefused(desk, 'patient.update', { staffId: s.staffId, id: a.id, nationalId: '851234567v' }, 'DUPLICATE')
    await expectRefused(desk, 'patient.update', { staffId: s.staffId, id: 99_999, notes: 'x' }, 'NOT_FOUND')
  })

  it('refuses a hepatitis B change that would leave upcoming bookings on the wrong kind of bed, unless the center only warns', async () => {
    const s = await start()
    const p = await s.patient('Ruwan', { hepatitisB: 'negative' })
    const a = await book(s, p.id, TUESDAY, '06:00', 'BED-A1')
    const e = await expectRefused(
      desk,
      'patient.update',
      { staffId: s.staffId, id: p.id, hepatitisB: 'positive' },
      'ISOLATION_MISMATCH',
    )
    expect((e.details?.affected as { id: number }[]).map((x) => x.id)).toEqual([a.id])
    await desk.call('patient.update', { staffId: s.staffId, id: p.id, hepatitisB: 'unknown' }) // still not positive: the bed stays right
    await desk.call('center.update', { staffId: s.staffId, isolationRule: 'warn' })
    expect(
      (await desk.call('patient.update', { staffId: s.staffId, id: p.id, hepatitisB: 'positive' })).hepatitisB,
    ).toBe('positive')

    const q = await s.patient('On isolation', { hepatitisB: 'positive' })
    await book(s, q.id, WEDNESDAY, '06:00', 'BED-A4')
    await desk.call('center.update', { staffId: s.staffId, isolationRule: 'enforce' })
    await expectRefused(
      desk,
      'patient.update',
      { staffId: s.staffId, id: q.id, hepatitisB: 'negative' },
      'ISOLATION_MISMATCH',
    )
  })
})

describe('patient.deactivate and patient.reactivate', () => {
  it('refuses while the patient has upcoming bookings, listing them', async () => {
    const s = await start()
    const p = await s.patient()
    const a = await book(s, p.id, TUESDAY, '06:00')
    const b = await book(s, p.id, MONDAY, '15:00')
    const e = await expectRefused(desk, 'patient.deactivate', { staffId: s.staffId, id: p.id }, 'INVALID_STATE')
    expect((e.details?.affected as { id: number }[]).map((x) => x.id)).toEqual([b.id, a.id])
  })

  it('with cancelUpcoming, cancels and lists every upcoming booking; past ones stay as they were', async () => {
    const s = await start()
    const p = await s.patient('Leaving Patient')
    const past = await book(s, p.id, MONDAY, '06:00', 'BED-A1')
    const upcoming = [
      await book(s, p.id, MONDAY, '15:00', 'BED-A2'),
      await book(s, p.id, WEDNESDAY, '10:30'),
      await book(s, p.id, NEXT_MONDAY, '06:00'),
    ]
    desk.clock.setLocal(MONDAY, '11:00')
    const r = await desk.call('patient.deactivate', { staffId: s.staffId, id: p.id, cancelUpcoming: true })
    expect(r.active).toBe(false)
    expect(r.affected.map((a) => a.id)).toEqual(upcoming.map((a) => a.id))
    for (const a of r.affected) expect(a).toMatchObject({ status: 'cancelled', cancelReason: 'Patient deactivated' })
    for (const a of upcoming) expect((await desk.call('appointment.get', { id: a.id })).status).toBe('cancelled')
    expect((await desk.call('appointment.get', { id: past.id })).status).toBe('scheduled')
    expect((await s.session(MONDAY, '15:00')).booked).toBe(0)

    const back = await desk.call('patient.reactivate', { staffId: s.staffId, id: p.id })
    expect(back.active).toBe(true)
    expect((await desk.call('appointment.get', { id: upcoming[0]!.id })).status).toBe('cancelled')
  })

  it('deactivates a patient with no upcoming bookings, and says when the patient does not exist', async () => {
    const s = await start()
    const p = await s.patient()
    const r = await desk.call('patient.deactivate', { staffId: s.staffId, id: p.id })
    expect(r).toMatchObject({ active: false, affected: [] })
    await expectRefused(desk, 'patient.deactivate', { staffId: s.staffId, id: 99_999 }, 'NOT_FOUND')
    await expectRefused(desk, 'patient.reactivate', { staffId: s.staffId, id: 99_999 }, 'NOT_FOUND')
  })
})

describe('patient.appointments', () => {
  it('answers upcoming (soonest first) and past (latest first), moving each across when its session ends', async () => {
    const s = await start()
    const p = await s.patient()
    const monMorning = await book(s, p.id, MONDAY, '06:00')
    const monEvening = await book(s, p.id, MONDAY, '15:00')
    const wed = await book(s, p.id, WEDNESDAY, '06:00')
    const tue = await book(s, p.id, TUESDAY, '10:30')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: tue.id, reason: 'x' })
    const other = await s.patient()
    await book(s, other.id, TUESDAY, '06:00')

    let r = await desk.call('patient.appointments', { patientId: p.id })
    expect(r.upcoming.map((a) => a.id)).toEqual([monMorning.id, monEvening.id, tue.id, wed.id])
    expect(r.past).toEqual([])

    desk.clock.setLocal(WEDNESDAY, '07:00')
    r = await desk.call('patient.appointments', { patientId: p.id })
    expect(r.upcoming.map((a) => a.id)).toEqual([wed.id])
    expect(r.past.map((a) => a.id)).toEqual([tue.id, monEvening.id, monMorning.id])
    expect((await desk.call('patient.appointments', { patientId: p.id, pastLimit: 2 })).past.map((a) => a.id)).toEqual([
      tue.id,
      monEvening.id,
    ])
    expect((await desk.refuse('patient.appointments', { patientId: 99_999 })).code).toBe('NOT_FOUND')
  })
})
