/** appointment.assignBed and appointment.move: changing where a booked patient sits, under the same rules as booking. */
import { afterEach, describe, expect, it } from 'vitest'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY, WEDNESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

function bedStatus(sessionId: number, bedId: number): string {
  return (
    desk.db
      .prepare('SELECT status FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
      .get(sessionId, bedId) as { status: string }
  ).status
}

async function book(s: Scenario, sessionId: number, bed: string | null, name?: string) {
  const p = await s.patient(name)
  const r = await desk.call('appointment.book', {
    staffId: s.staffId,
    scheduleSessionId: sessionId,
    patientId: p.id,
    bedId: bed === null ? null : s.bed(bed),
  })
  return r.appointment
}

describe('appointment.assignBed', () => {
  it('puts a patient on a bed, moves them to another, and takes them off, keeping session_beds in step', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, null)
    const on = await desk.call('appointment.assignBed', {
      staffId: s.staffId,
      appointmentId: a.id,
      bedId: s.bed('BED-A1'),
    })
    expect(on.appointment.bedCode).toBe('BED-A1')
    expect(bedStatus(session.id, s.bed('BED-A1'))).toBe('reserved')
    const moved = await desk.call('appointment.assignBed', {
      staffId: s.staffId,
      appointmentId: a.id,
      bedId: s.bed('BED-A2'),
    })
    expect(moved.appointment.bedCode).toBe('BED-A2')
    expect(bedStatus(session.id, s.bed('BED-A1'))).toBe('available')
    expect(bedStatus(session.id, s.bed('BED-A2'))).toBe('reserved')
    const off = await desk.call('appointment.assignBed', { staffId: s.staffId, appointmentId: a.id, bedId: null })
    expect(off.appointment.bedId).toBeNull()
    expect(bedStatus(session.id, s.bed('BED-A2'))).toBe('available')
    expect(await desk.call('schedule.get', { id: session.id })).toMatchObject({ booked: 1 })
  })

  it('assigns a bed in a full session: the patient already holds a place', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const first = await book(s, session.id, null)
    for (let i = 0; i < 3; i++) await book(s, session.id, null)
    const r = await desk.call('appointment.assignBed', {
      staffId: s.staffId,
      appointmentId: first.id,
      bedId: s.bed('BED-A3'),
    })
    expect(r.appointment.bedCode).toBe('BED-A3')
  })

  it('lets a checked-in patient change bed', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, 'BED-A1')
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: a.id })
    const r = await desk.call('appointment.assignBed', {
      staffId: s.staffId,
      appointmentId: a.id,
      bedId: s.bed('BED-A2'),
    })
    expect(r.appointment).toMatchObject({ status: 'checked_in', bedCode: 'BED-A2' })
  })

  it('refuses what booking refuses: taken, blocked, out of service, isolation, over, not found', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, null, 'Nimal Perera')
    await book(s, session.id, 'BED-A1', 'Kamala Devi')
    const input = (bed: string) => ({ staffId: s.staffId, appointmentId: a.id, bedId: s.bed(bed) })
    expect((await expectRefused(desk, 'appointment.assignBed', input('BED-A1'), 'BED_TAKEN')).message).toContain(
      'Kamala Devi',
    )
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A2'),
      reason: 'Broken chair',
    })
    await expectRefused(desk, 'appointment.assignBed', input('BED-A2'), 'BED_BLOCKED')
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A3'), inService: false })
    await expectRefused(desk, 'appointment.assignBed', input('BED-A3'), 'BED_OUT_OF_SERVICE')
    await expectRefused(desk, 'appointment.assignBed', input('BED-A4'), 'ISOLATION_MISMATCH')
    await expectRefused(
      desk,
      'appointment.assignBed',
      { staffId: s.staffId, appointmentId: a.id, bedId: 99_999 },
      'NOT_FOUND',
    )
    await expectRefused(
      desk,
      'appointment.assignBed',
      { staffId: s.staffId, appointmentId: 99_999, bedId: s.bed('BED-A1') },
      'NOT_FOUND',
    )
    desk.clock.setLocal(TUESDAY, '10:00')
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A3'), inService: true })
    await expectRefused(desk, 'appointment.assignBed', input('BED-A3'), 'IN_THE_PAST')
  })

  it('refuses to change nothing, and refuses appointments that no longer hold a place', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, 'BED-A1')
    await expectRefused(
      desk,
      'appointment.assignBed',
      { staffId: s.staffId, appointmentId: a.id, bedId: s.bed('BED-A1') },
      'INVALID_STATE',
    )
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.id, reason: 'Unwell' })
    await expectRefused(
      desk,
      'appointment.assignBed',
      { staffId: s.staffId, appointmentId: a.id, bedId: s.bed('BED-A2') },
      'INVALID_STATE',
    )
  })
})

describe('appointment.move', () => {
  it('moves to another session and bed: the old bed is freed, the new one reserved, the doctor follows', async () => {
    const s = await start()
    const from = await s.session(TUESDAY, '06:00')
    const to = await s.session(WEDNESDAY, '10:30')
    const other = await desk.call('doctor.create', { staffId: s.staffId, fullName: 'Dr. Kumar' })
    await desk.call('schedule.setDoctor', { staffId: s.staffId, scheduleSessionId: to.id, doctorId: other.id })
    const a = await book(s, from.id, 'BED-A1')
    const events: { dates: string[] }[] = []
    desk.core.events.subscribe((e) => e.kind === 'change' && events.push(e))
    const r = await desk.call('appointment.move', {
      staffId: s.staffId,
      appointmentId: a.id,
      scheduleSessionId: to.id,
      bedId: s.bed('BED-A2'),
    })
    expect(r.appointment).toMatchObject({
      id: a.id,
      scheduleSessionId: to.id,
      bedCode: 'BED-A2',
      date: WEDNESDAY,
      doctorId: other.id,
      status: 'scheduled',
    })
    expect(bedStatus(from.id, s.bed('BED-A1'))).toBe('available')
    expect(bedStatus(to.id, s.bed('BED-A2'))).toBe('reserved')
    expect(await desk.call('schedule.get', { id: from.id })).toMatchObject({ booked: 0 })
    expect(await desk.call('schedule.get', { id: to.id })).toMatchObject({ booked: 1 })
    expect(events).toHaveLength(1)
    expect(events[0]!.dates.sort()).toEqual([TUESDAY, WEDNESDAY])
  })

  it('moves without a bed, and moves to another bed of the same session', async () => {
    const s = await start()
    const from = await s.session(TUESDAY, '06:00')
    const a = await book(s, from.id, 'BED-A1')
    const sameSession = await desk.call('appointment.move', {
      staffId: s.staffId,
      appointmentId: a.id,
      scheduleSessionId: from.id,
      bedId: s.bed('BED-A2'),
    })
    expect(sameSession.appointment.bedCode).toBe('BED-A2')
    const to = await s.session(TUESDAY, '15:00')
    const r = await desk.call('appointment.move', { staffId: s.staffId, appointmentId: a.id, scheduleSessionId: to.id })
    expect(r.appointment).toMatchObject({ scheduleSessionId: to.id, bedId: null })
    expect(bedStatus(from.id, s.bed('BED-A2'))).toBe('available')
  })

  it('refuses a full, cancelled or double-booked target, a taken or mismatched bed, and a place it already has', async () => {
    const s = await start()
    const from = await s.session(TUESDAY, '06:00')
    const full = await s.session(TUESDAY, '10:30')
    const cancelled = await s.session(TUESDAY, '15:00')
    const patient = await s.patient('Nimal Perera')
    const a = (
      await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: from.id,
        patientId: patient.id,
        bedId: s.bed('BED-A1'),
      })
    ).appointment
    for (let i = 0; i < 4; i++) await book(s, full.id, null)
    await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: cancelled.id,
      reason: 'Staff training',
    })
    const move = (scheduleSessionId: number, bedId: number | null = null) => ({
      staffId: s.staffId,
      appointmentId: a.id,
      scheduleSessionId,
      bedId,
    })
    await expectRefused(desk, 'appointment.move', move(full.id), 'SESSION_FULL')
    await expectRefused(desk, 'appointment.move', move(cancelled.id), 'SESSION_CANCELLED')
    await expectRefused(desk, 'appointment.move', move(99_999), 'NOT_FOUND')
    await expectRefused(desk, 'appointment.move', move(from.id, s.bed('BED-A1')), 'INVALID_STATE')
    const wednesday = await s.session(WEDNESDAY, '06:00')
    await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: wednesday.id, patientId: patient.id })
    await expectRefused(desk, 'appointment.move', move(wednesday.id), 'PATIENT_DOUBLE_BOOKED')
    const thursday = await s.session('2026-01-08', '06:00')
    await book(s, thursday.id, 'BED-A3')
    await expectRefused(desk, 'appointment.move', move(thursday.id, s.bed('BED-A3')), 'BED_TAKEN')
    await expectRefused(desk, 'appointment.move', move(thursday.id, s.bed('BED-A4')), 'ISOLATION_MISMATCH')
  })

  it('refuses to move into or out of a session that is over', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const afternoon = await s.session(MONDAY, '15:00')
    const a = await book(s, morning.id, null)
    const b = await book(s, afternoon.id, null)
    desk.clock.setLocal(MONDAY, '11:00')
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: a.id, scheduleSessionId: afternoon.id },
      'IN_THE_PAST',
    )
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: b.id, scheduleSessionId: morning.id },
      'IN_THE_PAST',
    )
  })

  it('moves only booked appointments, not checked-in, completed or cancelled ones', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const target = await s.session(TUESDAY, '06:00')
    const a = await book(s, morning.id, null)
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: a.id })
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: a.id, scheduleSessionId: target.id },
      'INVALID_STATE',
    )
    await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: a.id })
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: a.id, scheduleSessionId: target.id },
      'INVALID_STATE',
    )
    const b = await book(s, morning.id, null)
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: b.id, reason: 'Travel' })
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: b.id, scheduleSessionId: target.id },
      'INVALID_STATE',
    )
    await expectRefused(
      desk,
      'appointment.move',
      { staffId: s.staffId, appointmentId: 99_999, scheduleSessionId: target.id },
      'NOT_FOUND',
    )
  })
})
