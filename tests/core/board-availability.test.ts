/** The day board (every session, every bed, its occupant) and availability per session, day and range. */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function book(s: Scenario, sessionId: number, bed: string | null, name: string) {
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

describe('board.day', () => {
  it('shows every session of the date with every bed in order, its status and occupant, the unassigned and the inactive', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const morning = await s.session(TUESDAY, '06:00')
    const onBed = await book(s, morning.id, 'BED-A1', 'Nimal Perera')
    const waiting = await book(s, morning.id, null, 'Amal Silva')
    const cancelled = await book(s, morning.id, 'BED-A3', 'Chaminda')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: cancelled.id, reason: 'Hospital' })
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      bedId: s.bed('BED-A2'),
      reason: 'Pump fault',
    })
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A4'), inService: false })

    const board = await desk.call('board.day', { date: TUESDAY })
    expect(board.date).toBe(TUESDAY)
    expect(board.beds.map((b) => b.code)).toEqual(['BED-A1', 'BED-A2', 'BED-A3', 'BED-A4'])
    expect(board.sessions.map((x) => x.startTime)).toEqual(['06:00', '10:30', '15:00'])
    const m = board.sessions[0]!
    expect(m).toMatchObject({ id: morning.id, capacity: 2, booked: 2, free: 0 })
    expect(m.cells.map((c) => [c.bedId, c.status, c.blockedReason, c.appointment?.patientName ?? null])).toEqual([
      [s.bed('BED-A1'), 'reserved', null, 'Nimal Perera'],
      [s.bed('BED-A2'), 'blocked', 'Pump fault', null],
      [s.bed('BED-A3'), 'available', null, null],
      [s.bed('BED-A4'), 'blocked', 'Out of service', null],
    ])
    expect(m.cells[0]!.appointment?.id).toBe(onBed.id)
    expect(m.unassigned.map((a) => a.id)).toEqual([waiting.id])
    expect(m.inactive.map((a) => [a.id, a.status])).toEqual([[cancelled.id, 'cancelled']])
    const afternoon = board.sessions[1]!
    expect(afternoon.cells.every((c) => c.appointment === null)).toBe(true)
    expect(afternoon).toMatchObject({ capacity: 3, booked: 0, free: 3, unassigned: [], inactive: [] })
  })

  it('keeps a retired bed on the days it served, not on later ones', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    await book(s, (await s.session(MONDAY, '06:00')).id, 'BED-A2', 'Kamala')
    desk.clock.setLocal(MONDAY, '20:00')
    await desk.call('bed.deactivate', { staffId: s.staffId, id: s.bed('BED-A2') })
    const monday = await desk.call('board.day', { date: MONDAY })
    expect(monday.beds.map((b) => b.code)).toContain('BED-A2')
    expect(monday.sessions[0]!.cells.find((c) => c.bedId === s.bed('BED-A2'))?.appointment?.patientName).toBe('Kamala')
    const tuesday = await desk.call('board.day', { date: TUESDAY })
    expect(tuesday.beds.map((b) => b.code)).not.toContain('BED-A2')
    expect(tuesday.sessions[0]!.cells).toHaveLength(3)
  })

  it('answers an empty board for a day without sessions', async () => {
    desk = openTestDesk()
    await scenario(desk)
    const sunday = await desk.call('board.day', { date: addDays(MONDAY, 6) })
    expect(sunday.sessions).toEqual([])
    expect(sunday.beds).toHaveLength(4)
  })
})

describe('availability', () => {
  it('per session and per day: capacity, booked, free; a cancelled session offers nothing', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const morning = await s.session(TUESDAY, '06:00')
    await book(s, morning.id, 'BED-A1', 'A')
    await book(s, morning.id, null, 'B')
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(TUESDAY, '10:30')).id,
      bedId: s.bed('BED-A2'),
      reason: 'x',
    })
    await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(TUESDAY, '15:00')).id,
      reason: 'Power cut',
    })
    const day = await desk.call('availability.day', { date: TUESDAY })
    expect(day).toMatchObject({ date: TUESDAY, capacity: 7, booked: 2, free: 5 })
    expect(day.sessions.map((x) => [x.startTime, x.status, x.capacity, x.booked, x.free])).toEqual([
      ['06:00', 'scheduled', 4, 2, 2],
      ['10:30', 'scheduled', 3, 0, 3],
      ['15:00', 'cancelled', 0, 0, 0],
    ])
    expect(day.sessions[0]!.scheduleSessionId).toBe(morning.id)
  })

  it('per range: one entry per day, days without sessions included; bad ranges refused', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    await book(s, (await s.session(MONDAY, '10:30')).id, null, 'A')
    const week = await desk.call('availability.range', { from: MONDAY, to: addDays(MONDAY, 6) })
    expect(week.map((d) => [d.date, d.capacity, d.booked, d.free])).toEqual([
      [MONDAY, 12, 1, 11],
      ...[1, 2, 3, 4, 5].map((i) => [addDays(MONDAY, i), 12, 0, 12]),
      [addDays(MONDAY, 6), 0, 0, 0],
    ])
    expect((await desk.refuse('availability.range', { from: TUESDAY, to: MONDAY })).code).toBe('VALIDATION')
    expect((await desk.refuse('availability.range', { from: MONDAY, to: addDays(MONDAY, 400) })).code).toBe(
      'VALIDATION',
    )
  })
})
