/** Weekly session templates: clashes, and how far a change or a stop reaches (the future without bookings, never the past). */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { count } from '../support/db-dump.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, NEXT_MONDAY } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

const THIRD_MONDAY = addDays(MONDAY, 14)

describe('template.create and template.list', () => {
  it('adds a weekly session and lists templates by weekday, then start', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const wed = await desk.call('template.create', {
      staffId: c.staffId,
      weekday: 'Wed',
      startTime: '06:00',
      endTime: '10:00',
      defaultCapacity: 4,
    })
    expect(wed).toMatchObject({
      weekday: 'Wed',
      startTime: '06:00',
      endTime: '10:00',
      defaultCapacity: 4,
      doctorId: null,
      doctorName: null,
      label: '',
      active: true,
    })
    await desk.call('template.create', {
      staffId: c.staffId,
      weekday: 'Mon',
      startTime: '15:00',
      endTime: '19:00',
      defaultCapacity: 4,
      doctorId: c.doctorId,
      label: 'Evening',
    })
    await desk.call('template.create', {
      staffId: c.staffId,
      weekday: 'Mon',
      startTime: '06:00',
      endTime: '10:00',
      defaultCapacity: 4,
    })
    const list = await desk.call('template.list', {})
    expect(list.map((t) => `${t.weekday} ${t.startTime}`)).toEqual(['Mon 06:00', 'Mon 15:00', 'Wed 06:00'])
    expect(list[1]).toMatchObject({ doctorName: 'Dr. Silva', label: 'Evening' })
  })

  it('refuses overlapping sessions and sessions closer than the cleaning gap on the same weekday', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: ['Mon'] }) // 06:00-10:00, 10:30-14:30, 15:00-19:00; gap 30 min
    const t = (weekday: 'Mon' | 'Tue', startTime: string, endTime: string) => ({
      staffId: c.staffId,
      weekday,
      startTime,
      endTime,
      defaultCapacity: 4,
    })
    const overlap = await expectRefused(desk, 'template.create', t('Mon', '09:00', '10:20'), 'TEMPLATE_CLASH')
    expect(overlap.message).toContain('overlaps')
    const tight = await expectRefused(desk, 'template.create', t('Mon', '19:15', '22:00'), 'TEMPLATE_CLASH')
    expect(tight.message).toContain('15 minutes')
    await expectRefused(desk, 'template.create', t('Mon', '04:00', '05:31'), 'TEMPLATE_CLASH')
    await desk.call('template.create', t('Mon', '19:30', '22:00')) // exactly the gap
    await desk.call('template.create', t('Tue', '09:00', '10:20')) // another weekday
    await desk.call('center.update', { staffId: c.staffId, turnoverMinutes: 10 })
    await desk.call('template.create', t('Mon', '04:00', '05:50'))
  })

  it('refuses a session that ends before it starts, and a doctor who is missing or deactivated', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    await expectRefused(
      desk,
      'template.create',
      { staffId: c.staffId, weekday: 'Mon', startTime: '10:00', endTime: '06:00', defaultCapacity: 4 },
      'VALIDATION',
    )
    await expectRefused(
      desk,
      'template.create',
      { staffId: c.staffId, weekday: 'Mon', startTime: '10:00', endTime: '10:00', defaultCapacity: 4 },
      'VALIDATION',
    )
    await expectRefused(
      desk,
      'template.create',
      {
        staffId: c.staffId,
        weekday: 'Mon',
        startTime: '06:00',
        endTime: '10:00',
        defaultCapacity: 4,
        doctorId: 99_999,
      },
      'NOT_FOUND',
    )
    await desk.call('doctor.deactivate', { staffId: c.staffId, id: c.doctorId })
    await expectRefused(
      desk,
      'template.create',
      {
        staffId: c.staffId,
        weekday: 'Mon',
        startTime: '06:00',
        endTime: '10:00',
        defaultCapacity: 4,
        doctorId: c.doctorId,
      },
      'INACTIVE',
    )
  })
})

describe('template.update', () => {
  it('reaches only dated sessions after today that hold no bookings', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 21 })
    const mondayMorning = s.templates[0]!
    const booked = await s.session(THIRD_MONDAY, '06:00')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: booked.id,
      patientId: (await s.patient()).id,
    })
    const cancelledOnly = await s.session(NEXT_MONDAY, '06:00')
    const a = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: cancelledOnly.id,
      patientId: (await s.patient()).id,
    })
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.appointment.id, reason: 'x' })
    const today = await s.session(MONDAY, '06:00')

    const kumar = await desk.call('doctor.create', { staffId: s.staffId, fullName: 'Dr. Kumar' })
    const r = await desk.call('template.update', {
      staffId: s.staffId,
      id: mondayMorning,
      startTime: '05:30',
      endTime: '09:30',
      defaultCapacity: 3,
      doctorId: kumar.id,
      label: 'Early',
    })
    expect(r).toMatchObject({
      startTime: '05:30',
      endTime: '09:30',
      defaultCapacity: 3,
      doctorName: 'Dr. Kumar',
      label: 'Early',
      updatedSessions: 1,
    })
    expect(await desk.call('schedule.get', { id: cancelledOnly.id })).toMatchObject({
      startTime: '05:30',
      endTime: '09:30',
      capacity: 3,
      doctorId: kumar.id,
      label: 'Early',
    })
    expect(await desk.call('schedule.get', { id: booked.id })).toEqual({ ...booked, booked: 1, free: 3 })
    expect(await desk.call('schedule.get', { id: today.id })).toEqual(today)
    // Other templates' sessions are untouched.
    expect((await s.session(NEXT_MONDAY, '10:30')).startTime).toBe('10:30')
  })

  it('never rewrites a session that is over, nor a cancelled one', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 21 })
    const last = await s.session(THIRD_MONDAY, '06:00')
    await desk.call('schedule.cancel', { staffId: s.staffId, scheduleSessionId: last.id, reason: 'Holiday' })
    desk.clock.setLocal(addDays(NEXT_MONDAY, 1), '07:00')
    const past = [await s.session(MONDAY, '06:00'), await s.session(NEXT_MONDAY, '06:00')]
    const r = await desk.call('template.update', { staffId: s.staffId, id: s.templates[0]!, label: 'Renamed' })
    expect(r.updatedSessions).toBe(0)
    for (const p of past) expect(await desk.call('schedule.get', { id: p.id })).toEqual(p)
    expect((await desk.call('schedule.get', { id: last.id })).label).toBe('')
  })

  it('refuses a change that would overlap a session kept at its old times for its bookings', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const kept = await s.session(NEXT_MONDAY, '06:00')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: kept.id,
      patientId: (await s.patient()).id,
    })
    const moved = await desk.call('template.update', {
      staffId: s.staffId,
      id: s.templates[0]!,
      startTime: '05:00',
      endTime: '08:00',
    })
    expect(moved.updatedSessions).toBe(0) // next Monday's morning keeps 06:00-10:00 for its patient
    const e = await expectRefused(
      desk,
      'template.update',
      { staffId: s.staffId, id: s.templates[1]!, startTime: '08:30', endTime: '12:00' },
      'TEMPLATE_CLASH',
    )
    expect(e.message).toContain('06:00-10:00')
    expect(e.message).toContain('12/01/2026')
    // Clear of the kept session, the same change goes through.
    expect(
      (
        await desk.call('template.update', {
          staffId: s.staffId,
          id: s.templates[1]!,
          startTime: '10:30',
          endTime: '14:00',
        })
      ).updatedSessions,
    ).toBe(1)
  })

  it('refuses a new or restarted weekly session that would land on a session kept at its old times', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const kept = await s.session(NEXT_MONDAY, '06:00')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: kept.id,
      patientId: (await s.patient()).id,
    })
    await desk.call('template.update', {
      staffId: s.staffId,
      id: s.templates[0]!,
      startTime: '05:00',
      endTime: '07:00',
    }) // next Monday keeps 06:00-10:00
    const input = {
      staffId: s.staffId,
      weekday: 'Mon' as const,
      startTime: '07:30',
      endTime: '09:30',
      defaultCapacity: 4,
    }
    const e = await expectRefused(desk, 'template.create', input, 'TEMPLATE_CLASH')
    expect(e.message).toContain('06:00-10:00')
    await desk.call('template.create', { ...input, weekday: 'Sun' }) // no session kept on Sundays

    // A late Tuesday session, stopped; the evening before it moves earlier but keeps 15:00-19:00 on the 13th for a patient.
    const late = await desk.call('template.create', {
      staffId: s.staffId,
      weekday: 'Tue',
      startTime: '19:30',
      endTime: '22:00',
      defaultCapacity: 2,
    })
    await desk.call('template.deactivate', { staffId: s.staffId, id: late.id })
    const keptTuesday = await s.session('2026-01-13', '15:00')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: keptTuesday.id,
      patientId: (await s.patient()).id,
    })
    await desk.call('template.update', { staffId: s.staffId, id: s.templates[5]!, endTime: '18:00' })
    await desk.call('template.update', { staffId: s.staffId, id: late.id, startTime: '18:30' }) // fits the weekly rule
    const r = await expectRefused(desk, 'template.reactivate', { staffId: s.staffId, id: late.id }, 'TEMPLATE_CLASH')
    expect(r.message).toContain('15:00-19:00')
  })

  it('refuses a change that clashes with another session of the weekday, and a template that does not exist', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    await expectRefused(
      desk,
      'template.update',
      { staffId: s.staffId, id: s.templates[0]!, endTime: '10:15' },
      'TEMPLATE_CLASH',
    )
    await expectRefused(
      desk,
      'template.update',
      { staffId: s.staffId, id: s.templates[0]!, startTime: '11:00' },
      'VALIDATION',
    )
    await expectRefused(desk, 'template.update', { staffId: s.staffId, id: 99_999, label: 'x' }, 'NOT_FOUND')
  })
})

describe('template.deactivate and template.reactivate', () => {
  it('removes only future dated sessions nothing refers to; keeps today, the past, and any with an appointment (even cancelled)', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 21 })
    const tpl = s.templates[0]!
    const withCancelled = await s.session(NEXT_MONDAY, '06:00')
    const a = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: withCancelled.id,
      patientId: (await s.patient()).id,
    })
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.appointment.id, reason: 'x' })
    const unused = await s.session(THIRD_MONDAY, '06:00')
    const r = await desk.call('template.deactivate', { staffId: s.staffId, id: tpl })
    expect(r).toMatchObject({ active: false, removedSessions: 1 })
    expect(count(desk.db, 'SELECT count(*) AS n FROM schedule_sessions WHERE id = ?', unused.id)).toBe(0)
    expect(count(desk.db, 'SELECT count(*) AS n FROM session_beds WHERE schedule_session_id = ?', unused.id)).toBe(0)
    expect(count(desk.db, 'SELECT count(*) AS n FROM schedule_sessions WHERE session_id = ?', tpl)).toBe(2)
    expect((await desk.call('template.list', {})).map((t) => t.id)).not.toContain(tpl)
    expect((await desk.call('template.list', { includeInactive: true })).map((t) => t.id)).toContain(tpl)
    expect((await desk.call('schedule.generate', { staffId: s.staffId, from: MONDAY, to: THIRD_MONDAY })).created).toBe(
      0,
    )

    const back = await desk.call('template.reactivate', { staffId: s.staffId, id: tpl })
    expect(back.active).toBe(true)
    expect((await desk.call('schedule.generate', { staffId: s.staffId, from: MONDAY, to: THIRD_MONDAY })).created).toBe(
      1,
    )
  })

  it('keeps a future session that still holds a booking', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const next = await s.session(NEXT_MONDAY, '06:00')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: next.id,
      patientId: (await s.patient()).id,
    })
    const r = await desk.call('template.deactivate', { staffId: s.staffId, id: s.templates[0]! })
    expect(r.removedSessions).toBe(0)
    expect((await desk.call('schedule.get', { id: next.id })).booked).toBe(1)
  })

  it('refuses to restart a template whose times another weekly session has taken meanwhile', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: ['Mon'] })
    await desk.call('template.deactivate', { staffId: c.staffId, id: c.templates[0]! })
    await desk.call('template.create', {
      staffId: c.staffId,
      weekday: 'Mon',
      startTime: '05:00',
      endTime: '09:00',
      defaultCapacity: 4,
    })
    await expectRefused(desk, 'template.reactivate', { staffId: c.staffId, id: c.templates[0]! }, 'TEMPLATE_CLASH')
    await expectRefused(desk, 'template.deactivate', { staffId: c.staffId, id: 99_999 }, 'NOT_FOUND')
  })
})
