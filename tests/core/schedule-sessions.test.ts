/** Dated sessions: generating them from the templates, reading them, blocking beds, changing the doctor, cancelling. */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { count } from '../support/db-dump.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

async function book(s: Scenario, sessionId: number, bed: string | null, name?: string) {
  const p = await s.patient(name)
  return (
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: sessionId,
      patientId: p.id,
      bedId: bed === null ? null : s.bed(bed),
    })
  ).appointment
}

describe('schedule.generate', () => {
  it('creates each template once per matching date with every in-service bed mapped, and nothing on a second run', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk) // Mon-Sat, three sessions a day, four beds
    const first = await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    expect(first).toEqual({
      from: MONDAY,
      to: addDays(MONDAY, 13),
      created: 36,
      sessionBeds: 144,
      standingBooked: 0,
      conflicts: 0,
    })
    expect(count(desk.db, "SELECT count(*) AS n FROM schedule_sessions WHERE session_date = '2026-01-11'")).toBe(0) // a Sunday
    const rows =
      count(desk.db, 'SELECT count(*) AS n FROM schedule_sessions') +
      count(desk.db, 'SELECT count(*) AS n FROM session_beds')
    const again = await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    expect(again.created).toBe(0)
    expect(again.sessionBeds).toBe(0)
    expect(
      count(desk.db, 'SELECT count(*) AS n FROM schedule_sessions') +
        count(desk.db, 'SELECT count(*) AS n FROM session_beds'),
    ).toBe(rows)
    const overlapping = await desk.call('schedule.generate', {
      staffId: c.staffId,
      from: addDays(MONDAY, 7),
      to: addDays(MONDAY, 20),
    })
    expect(overlapping.created).toBe(18)
  })

  it('copies the template into the dated session: times, capacity, doctor, label', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const t = await desk.call('template.create', {
      staffId: c.staffId,
      weekday: 'Tue',
      startTime: '06:30',
      endTime: '10:30',
      defaultCapacity: 3,
      doctorId: c.doctorId,
      label: 'Morning',
    })
    await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    const [s] = await desk.call('schedule.range', { from: MONDAY, to: addDays(MONDAY, 6) })
    expect(s).toMatchObject({
      templateId: t.id,
      date: TUESDAY,
      startTime: '06:30',
      endTime: '10:30',
      capacity: 3,
      doctorId: c.doctorId,
      doctorName: 'Dr. Silva',
      label: 'Morning',
      status: 'scheduled',
      booked: 0,
      free: 3,
    })
  })

  it('maps a bed out of service as blocked, leaves a retired bed out, and skips a stopped template', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk)
    await desk.call('bed.setInService', { staffId: c.staffId, id: c.beds['BED-A1']!, inService: false })
    await desk.call('bed.deactivate', { staffId: c.staffId, id: c.beds['BED-A2']! })
    await desk.call('template.deactivate', { staffId: c.staffId, id: c.templates[0]! }) // Monday 06:00
    const r = await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: MONDAY })
    expect(r).toMatchObject({ created: 2, sessionBeds: 6 })
    const mapped = desk.db
      .prepare(
        'SELECT bed_id, status, blocked_kind, blocked_reason FROM session_beds ORDER BY schedule_session_id, bed_id',
      )
      .all()
    expect(mapped.filter((m) => (m as { bed_id: number }).bed_id === c.beds['BED-A1'])).toEqual([
      { bed_id: c.beds['BED-A1'], status: 'blocked', blocked_kind: 'out_of_service', blocked_reason: 'Out of service' },
      { bed_id: c.beds['BED-A1'], status: 'blocked', blocked_kind: 'out_of_service', blocked_reason: 'Out of service' },
    ])
    expect(mapped.some((m) => (m as { bed_id: number }).bed_id === c.beds['BED-A2'])).toBe(false)
    const [afternoon] = await desk.call('schedule.range', { from: MONDAY, to: MONDAY })
    expect(afternoon).toMatchObject({ startTime: '10:30', capacity: 2 })
  })

  it('refuses the past, a range that ends before it starts, and more than a year', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk)
    await expectRefused(
      desk,
      'schedule.generate',
      { staffId: c.staffId, from: addDays(MONDAY, -1), to: MONDAY },
      'IN_THE_PAST',
    )
    await expectRefused(desk, 'schedule.generate', { staffId: c.staffId, from: TUESDAY, to: MONDAY }, 'VALIDATION')
    await expectRefused(
      desk,
      'schedule.generate',
      { staffId: c.staffId, from: MONDAY, to: addDays(MONDAY, 366) },
      'VALIDATION',
    )
    await expectRefused(desk, 'schedule.generate', { staffId: 99_999, from: MONDAY, to: MONDAY }, 'STAFF_NOT_ALLOWED')
  })

  it("ensureHorizon fills from today to the center's weeks ahead", async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk)
    await desk.call('center.update', { staffId: c.staffId, weeksAhead: 2 })
    const r = await desk.call('schedule.ensureHorizon', { staffId: c.staffId })
    expect(r).toEqual({
      from: MONDAY,
      to: addDays(MONDAY, 13),
      created: 36,
      sessionBeds: 144,
      standingBooked: 0,
      conflicts: 0,
    })
    expect((await desk.call('schedule.ensureHorizon', { staffId: c.staffId })).created).toBe(0)
  })
})

describe('reading dated sessions', () => {
  it('answers one session, a range in date and time order, and refuses bad ranges', async () => {
    await start()
    const range = await desk.call('schedule.range', { from: MONDAY, to: TUESDAY })
    expect(range.map((x) => `${x.date} ${x.startTime}`)).toEqual([
      `${MONDAY} 06:00`,
      `${MONDAY} 10:30`,
      `${MONDAY} 15:00`,
      `${TUESDAY} 06:00`,
      `${TUESDAY} 10:30`,
      `${TUESDAY} 15:00`,
    ])
    expect(await desk.call('schedule.get', { id: range[0]!.id })).toEqual(range[0])
    expect((await desk.refuse('schedule.get', { id: 99_999 })).code).toBe('NOT_FOUND')
    expect((await desk.refuse('schedule.range', { from: TUESDAY, to: MONDAY })).code).toBe('VALIDATION')
    expect((await desk.refuse('schedule.range', { from: MONDAY, to: addDays(MONDAY, 366) })).code).toBe('VALIDATION')
    expect(await desk.call('schedule.range', { from: '2027-01-01', to: '2027-01-31' })).toEqual([])
  })
})

describe('schedule.blockBed and schedule.unblockBed', () => {
  it('blocks a free bed with a reason, lowering the capacity, and unblocks it', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const blocked = await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A1'),
      reason: 'Machine alarm',
    })
    expect(blocked).toMatchObject({ capacity: 3, free: 3 })
    expect(
      desk.db
        .prepare(
          'SELECT status, blocked_kind, blocked_reason FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?',
        )
        .get(session.id, s.bed('BED-A1')),
    ).toEqual({ status: 'blocked', blocked_kind: 'manual', blocked_reason: 'Machine alarm' })
    expect(await desk.call('schedule.get', { id: (await s.session(TUESDAY, '10:30')).id })).toMatchObject({
      capacity: 4,
    })
    const unblocked = await desk.call('schedule.unblockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A1'),
    })
    expect(unblocked).toMatchObject({ capacity: 4 })
  })

  it('refuses to block a bed someone is on, naming them', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    await book(s, session.id, 'BED-A1', 'Nimal Perera')
    const e = await expectRefused(
      desk,
      'schedule.blockBed',
      { staffId: s.staffId, scheduleSessionId: session.id, bedId: s.bed('BED-A1'), reason: 'x' },
      'BED_OCCUPIED',
    )
    expect(e.message).toContain('Nimal Perera')
  })

  it('refuses to block a bed when the booked patients would no longer fit', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    for (let i = 0; i < 4; i++) await book(s, session.id, null)
    await expectRefused(
      desk,
      'schedule.blockBed',
      { staffId: s.staffId, scheduleSessionId: session.id, bedId: s.bed('BED-A1'), reason: 'x' },
      'SESSION_FULL',
    )
  })

  it('blocks a spare bed when the template capacity is below the bed count and the session is full', async () => {
    const s = await start()
    await desk.call('template.update', { staffId: s.staffId, id: s.templates[3]!, defaultCapacity: 3 }) // Tuesday 06:00
    const session = await s.session(TUESDAY, '06:00')
    for (let i = 0; i < 3; i++) await book(s, session.id, null)
    // Three beds stay open for three patients: nobody loses a place.
    const r = await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A1'),
      reason: 'Spare machine serviced',
    })
    expect(r).toMatchObject({ capacity: 3, booked: 3, free: 0 })
    await expectRefused(
      desk,
      'schedule.blockBed',
      { staffId: s.staffId, scheduleSessionId: session.id, bedId: s.bed('BED-A2'), reason: 'x' },
      'SESSION_FULL',
    )
  })

  it('refuses to block twice, in a cancelled or ended session, or a bed not in the session', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const block = (scheduleSessionId: number, bed: string) => ({
      staffId: s.staffId,
      scheduleSessionId,
      bedId: s.bed(bed),
      reason: 'Service',
    })
    await desk.call('schedule.blockBed', block(session.id, 'BED-A1'))
    await expectRefused(desk, 'schedule.blockBed', block(session.id, 'BED-A1'), 'BED_BLOCKED')
    const cancelled = await s.session(TUESDAY, '10:30')
    await desk.call('schedule.cancel', { staffId: s.staffId, scheduleSessionId: cancelled.id, reason: 'Strike' })
    await expectRefused(desk, 'schedule.blockBed', block(cancelled.id, 'BED-A1'), 'SESSION_CANCELLED')
    await desk.call('bed.deactivate', { staffId: s.staffId, id: s.bed('BED-A3') })
    await expectRefused(desk, 'schedule.blockBed', block(session.id, 'BED-A3'), 'BED_NOT_IN_SESSION')
    await expectRefused(desk, 'schedule.blockBed', { ...block(99_999, 'BED-A2') }, 'NOT_FOUND')
    desk.clock.setLocal(MONDAY, '10:00')
    await expectRefused(
      desk,
      'schedule.blockBed',
      block((await s.session(MONDAY, '06:00')).id, 'BED-A2'),
      'IN_THE_PAST',
    )
  })

  it('refuses to unblock a bed that is not blocked, one out of service, or in an ended session', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const unblock = (scheduleSessionId: number, bed: string) => ({
      staffId: s.staffId,
      scheduleSessionId,
      bedId: s.bed(bed),
    })
    await expectRefused(desk, 'schedule.unblockBed', unblock(session.id, 'BED-A1'), 'INVALID_STATE')
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A2'), inService: false })
    await expectRefused(desk, 'schedule.unblockBed', unblock(session.id, 'BED-A2'), 'BED_OUT_OF_SERVICE')
    const morning = await s.session(MONDAY, '06:00')
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      bedId: s.bed('BED-A1'),
      reason: 'x',
    })
    desk.clock.setLocal(MONDAY, '10:00')
    await expectRefused(desk, 'schedule.unblockBed', unblock(morning.id, 'BED-A1'), 'IN_THE_PAST')
  })
})

describe('schedule.setDoctor', () => {
  it('changes the doctor of one dated session; booked appointments follow, treatments already under way keep theirs', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const booked = await book(s, morning.id, null)
    const arrived = await book(s, morning.id, null)
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: arrived.id })
    const kumar = await desk.call('doctor.create', { staffId: s.staffId, fullName: 'Dr. Kumar' })
    const r = await desk.call('schedule.setDoctor', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      doctorId: kumar.id,
    })
    expect(r).toMatchObject({ doctorId: kumar.id, doctorName: 'Dr. Kumar' })
    expect((await desk.call('appointment.get', { id: booked.id })).doctorId).toBe(kumar.id)
    expect((await desk.call('appointment.get', { id: arrived.id })).doctorId).toBe(s.doctorId)
    expect((await s.session(MONDAY, '10:30')).doctorId).toBe(s.doctorId)
    expect(
      (await desk.call('schedule.setDoctor', { staffId: s.staffId, scheduleSessionId: morning.id, doctorId: null }))
        .doctorName,
    ).toBeNull()
  })

  it('refuses a doctor who does not exist or was deactivated, and an ended session', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    await expectRefused(
      desk,
      'schedule.setDoctor',
      { staffId: s.staffId, scheduleSessionId: session.id, doctorId: 99_999 },
      'NOT_FOUND',
    )
    const gone = await desk.call('doctor.create', { staffId: s.staffId, fullName: 'Dr. Gone' })
    await desk.call('doctor.deactivate', { staffId: s.staffId, id: gone.id })
    await expectRefused(
      desk,
      'schedule.setDoctor',
      { staffId: s.staffId, scheduleSessionId: session.id, doctorId: gone.id },
      'INACTIVE',
    )
    desk.clock.setLocal(MONDAY, '10:00')
    await expectRefused(
      desk,
      'schedule.setDoctor',
      { staffId: s.staffId, scheduleSessionId: (await s.session(MONDAY, '06:00')).id, doctorId: null },
      'IN_THE_PAST',
    )
  })
})

describe('schedule.cancel', () => {
  it('cancels the session and lists every appointment it cancelled; earlier cancellations stay as they were', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const onBed = await book(s, session.id, 'BED-A2', 'Bandara')
    const noBed = await book(s, session.id, null, 'Amal')
    const earlier = await book(s, session.id, 'BED-A1', 'Chaminda')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: earlier.id, reason: 'Own reason' })
    const r = await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      reason: 'Water plant failure',
    })
    expect(r.session).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Water plant failure',
      capacity: 0,
      booked: 0,
      free: 0,
    })
    expect(r.affected.map((a) => a.id).sort()).toEqual([onBed.id, noBed.id].sort())
    for (const a of r.affected)
      expect(a).toMatchObject({ status: 'cancelled', cancelReason: 'Session cancelled: Water plant failure' })
    for (const id of [onBed.id, noBed.id]) expect((await desk.call('appointment.get', { id })).status).toBe('cancelled')
    expect((await desk.call('appointment.get', { id: earlier.id })).cancelReason).toBe('Own reason')
    expect(
      count(
        desk.db,
        "SELECT count(*) AS n FROM session_beds WHERE schedule_session_id = ? AND status = 'reserved'",
        session.id,
      ),
    ).toBe(0)
    const audit = await desk.call('audit.list', { limit: 1 })
    expect(audit.entries[0]!.after).toMatchObject({
      cancelledAppointments: expect.arrayContaining([{ id: onBed.id, patientId: onBed.patientId }]),
    })
  })

  it('refuses a session under way with a patient checked in, an already cancelled one, an ended one', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, 'BED-A1', 'Nimal Perera')
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: a.id })
    const e = await expectRefused(
      desk,
      'schedule.cancel',
      { staffId: s.staffId, scheduleSessionId: morning.id, reason: 'x' },
      'INVALID_STATE',
    )
    expect(e.message).toContain('Nimal Perera')
    expect(e.details?.affected).toHaveLength(1)
    const later = await s.session(TUESDAY, '06:00')
    await desk.call('schedule.cancel', { staffId: s.staffId, scheduleSessionId: later.id, reason: 'Strike' })
    await expectRefused(
      desk,
      'schedule.cancel',
      { staffId: s.staffId, scheduleSessionId: later.id, reason: 'Again' },
      'SESSION_CANCELLED',
    )
    await expectRefused(
      desk,
      'schedule.cancel',
      { staffId: s.staffId, scheduleSessionId: 99_999, reason: 'x' },
      'NOT_FOUND',
    )
    desk.clock.setLocal(MONDAY, '15:00')
    await expectRefused(
      desk,
      'schedule.cancel',
      { staffId: s.staffId, scheduleSessionId: (await s.session(MONDAY, '10:30')).id, reason: 'x' },
      'IN_THE_PAST',
    )
  })
})
