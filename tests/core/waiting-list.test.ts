/**
 * The waiting list: when a place frees up (a cancellation, a move, a new bed)
 * the desk shows the waiting patients who fit it; a patient the desk put on the
 * list because their standing place could not be booked leaves it once nothing
 * is left to find, while reception's own entries stay until reception acts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

const NEXT_MONDAY = addDays(MONDAY, 7)

/**
 * B1, B2 and the isolation bed ISO; Monday and Tuesday 06:00-10:00 and
 * 10:30-14:30 sessions of 4 places (more places than beds, so a new bed adds
 * a place); two weeks generated. It is Monday 05:00: nothing has begun.
 */
async function clinic() {
  desk = openTestDesk({ time: '05:00' })
  const { staff } = await desk.call('setup.initialize', { centerName: 'Colombo Kidney Care', staffName: 'Anoma' })
  const staffId = staff[0]!.id
  const beds: Record<string, number> = {}
  for (const [code, isolation] of [
    ['B1', false],
    ['B2', false],
    ['ISO', true],
  ] as const)
    beds[code] = (await desk.call('bed.create', { staffId, code, isolation })).id
  const templates: Record<string, number> = {}
  for (const weekday of ['Mon', 'Tue'] as const) {
    for (const [startTime, endTime] of [
      ['06:00', '10:00'],
      ['10:30', '14:30'],
    ] as const) {
      templates[`${weekday} ${startTime}`] = (
        await desk.call('template.create', { staffId, weekday, startTime, endTime, defaultCapacity: 4 })
      ).id
    }
  }
  await desk.call('schedule.generate', { staffId, from: MONDAY, to: addDays(MONDAY, 13) })
  let n = 0
  const patient = async (fullName: string) =>
    (await desk.call('patient.create', { staffId, fullName, clinicNumber: `CKC-${++n}`, hepatitisB: 'negative' })).id
  const session = async (date: string, startTime: string) =>
    (await desk.call('board.day', { date })).sessions.find((s) => s.startTime === startTime)!
  const book = async (patientId: number, date: string, startTime: string, bed: string) =>
    (
      await desk.call('appointment.book', {
        staffId,
        scheduleSessionId: (await session(date, startTime)).id,
        patientId,
        bedId: beds[bed]!,
      })
    ).appointment
  /** B1 and B2 taken in a Monday morning: only the isolation bed is free. */
  const fill = async (date: string) => ({
    first: await book(await patient(`Full ${date} A`), date, '06:00', 'B1'),
    second: await book(await patient(`Full ${date} B`), date, '06:00', 'B2'),
  })
  /** Who the desk offers each session of a date with a free place. */
  const offered = async (date: string) =>
    Object.fromEntries(
      (await desk.call('conflict.day', { date })).waiting.map((m) => [
        m.startTime,
        m.waiting.map((w) => w.patientName),
      ]),
    )
  const waitingNames = async () => (await desk.call('waiting.list', {})).map((w) => w.patientName)
  return { staffId, beds, templates, patient, session, book, fill, offered, waitingNames }
}

describe('a place that frees up', () => {
  it('shows the waiting patient who fits it after a cancellation, a move and a new bed, and only then', async () => {
    const c = await clinic()
    const { first, second } = await c.fill(MONDAY)
    const waiting = await c.patient('Kamala Devi')
    await desk.call('waiting.add', {
      staffId: c.staffId,
      patientId: waiting,
      weekdays: ['Mon', 'Wed', 'Fri'],
      shift: 'morning',
    })
    // A free place on the isolation bed only is no place for her; the 10:30 session is not her shift.
    expect(await c.offered(MONDAY)).toEqual({})

    await desk.call('appointment.cancel', {
      staffId: c.staffId,
      appointmentId: first.id,
      reason: 'Admitted to hospital',
    })
    expect(await c.offered(MONDAY)).toEqual({ '06:00': ['Kamala Devi'] })
    await desk.call('appointment.reinstate', { staffId: c.staffId, appointmentId: first.id })
    expect(await c.offered(MONDAY)).toEqual({})

    const later = await c.session(MONDAY, '10:30')
    await desk.call('appointment.move', {
      staffId: c.staffId,
      appointmentId: second.id,
      scheduleSessionId: later.id,
      bedId: c.beds.B2!,
    })
    expect(await c.offered(MONDAY)).toEqual({ '06:00': ['Kamala Devi'] })
    const morning = await c.session(MONDAY, '06:00')
    await desk.call('appointment.move', {
      staffId: c.staffId,
      appointmentId: second.id,
      scheduleSessionId: morning.id,
      bedId: c.beds.B2!,
    })
    expect(await c.offered(MONDAY)).toEqual({})

    await desk.call('bed.create', { staffId: c.staffId, code: 'B3', isolation: false })
    expect(await c.offered(MONDAY)).toEqual({ '06:00': ['Kamala Devi'] })
    // Not on a weekday she is not waiting for.
    expect(await c.offered(addDays(MONDAY, 1))).toEqual({})
  })
})

describe('a standing place that could not be booked', () => {
  it('puts the patient on the waiting list, and takes them off once the generator places them', async () => {
    const c = await clinic()
    const { first } = await c.fill(MONDAY)
    const nimal = await c.patient('Nimal Perera')
    const change = await desk.call('standing.set', {
      staffId: c.staffId,
      patientId: nimal,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: c.templates['Mon 06:00']!, bedId: null }],
    })
    expect(change.conflicts.map((x) => x.date)).toEqual([MONDAY])
    expect(change.placed.map((a) => a.date)).toEqual([NEXT_MONDAY])
    expect(await desk.call('waiting.list', {})).toEqual([
      expect.objectContaining({
        patientName: 'Nimal Perera',
        weekdays: ['Mon'],
        shift: 'morning',
        note: 'Standing Mon 06:00 could not be placed',
      }),
    ])

    // A cancellation frees B1: he is offered the place, and the next generation run books it.
    await desk.call('appointment.cancel', { staffId: c.staffId, appointmentId: first.id, reason: 'Transport' })
    expect(await c.offered(MONDAY)).toEqual({ '06:00': ['Nimal Perera'] })
    const gen = await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: MONDAY })
    expect(gen.standingBooked).toBe(1)
    expect((await desk.call('conflict.day', { date: MONDAY })).conflicts).toEqual([])
    expect(await c.waitingNames()).toEqual([])
    const entry = desk.db
      .prepare('SELECT resolved_at, resolution FROM waiting_list WHERE patient_id = ?')
      .get(nimal) as { resolved_at: string | null; resolution: string | null }
    expect(entry.resolution).toBe('Every standing place is booked or decided')
  })

  it('keeps the patient waiting while another of their places is still owed; a booking by hand of the last one ends it', async () => {
    const c = await clinic()
    const thisWeek = await c.fill(MONDAY)
    const nextWeek = await c.fill(NEXT_MONDAY)
    const nimal = await c.patient('Nimal Perera')
    await desk.call('standing.set', {
      staffId: c.staffId,
      patientId: nimal,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: c.templates['Mon 06:00']!, bedId: null }],
    })
    expect((await desk.call('conflict.list', {})).map((x) => x.date)).toEqual([MONDAY, NEXT_MONDAY])

    await desk.call('appointment.cancel', { staffId: c.staffId, appointmentId: thisWeek.first.id, reason: 'Unwell' })
    await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    expect((await desk.call('conflict.list', {})).map((x) => x.date)).toEqual([NEXT_MONDAY])
    expect(await c.waitingNames()).toEqual(['Nimal Perera'])

    await desk.call('appointment.cancel', { staffId: c.staffId, appointmentId: nextWeek.second.id, reason: 'Holiday' })
    const booked = await c.book(nimal, NEXT_MONDAY, '06:00', 'B2')
    expect(booked.standing).toBe(true)
    expect(await desk.call('conflict.list', {})).toEqual([])
    expect(await c.waitingNames()).toEqual([])
  })

  it('leaves the list when reception decides the place otherwise, or changes the weekly schedule', async () => {
    const c = await clinic()
    await c.fill(MONDAY)
    await c.fill(NEXT_MONDAY)
    const nimal = await c.patient('Nimal Perera')
    const kamala = await c.patient('Kamala Devi')
    for (const id of [nimal, kamala]) {
      await desk.call('standing.set', {
        staffId: c.staffId,
        patientId: id,
        from: MONDAY,
        slots: [{ weekday: 'Mon', templateId: c.templates['Mon 06:00']!, bedId: null }],
      })
    }
    expect((await c.waitingNames()).sort()).toEqual(['Kamala Devi', 'Nimal Perera'])

    // Nimal's two Mondays are decided by hand, one at a time.
    const [one, two] = (await desk.call('conflict.list', {})).filter((x) => x.patientId === nimal)
    await desk.call('conflict.resolve', { staffId: c.staffId, id: one!.id, resolution: 'Comes on Tuesday this week' })
    expect((await c.waitingNames()).sort()).toEqual(['Kamala Devi', 'Nimal Perera'])
    await desk.call('conflict.resolve', {
      staffId: c.staffId,
      id: two!.id,
      resolution: 'Comes on Tuesday that week too',
    })
    expect(await c.waitingNames()).toEqual(['Kamala Devi'])

    // Kamala moves to Tuesday mornings, where there is room: her Monday places are no longer owed.
    const change = await desk.call('standing.set', {
      staffId: c.staffId,
      patientId: kamala,
      from: MONDAY,
      slots: [{ weekday: 'Tue', templateId: c.templates['Tue 06:00']!, bedId: null }],
    })
    expect(change.placed.map((a) => a.date)).toEqual([addDays(MONDAY, 1), addDays(MONDAY, 8)])
    expect(change.conflicts).toEqual([])
    expect(await desk.call('conflict.list', {})).toEqual([])
    expect(await c.waitingNames()).toEqual([])
  })

  it("never takes off an entry reception made, even when the patient's standing place is later found", async () => {
    const c = await clinic()
    const { first } = await c.fill(MONDAY)
    const nimal = await c.patient('Nimal Perera')
    await desk.call('waiting.add', {
      staffId: c.staffId,
      patientId: nimal,
      weekdays: ['Tue'],
      shift: 'morning',
      note: 'Wants Tuesday mornings',
    })
    await desk.call('standing.set', {
      staffId: c.staffId,
      patientId: nimal,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: c.templates['Mon 06:00']!, bedId: null }],
    })
    expect(await desk.call('waiting.list', {})).toEqual([
      expect.objectContaining({ patientName: 'Nimal Perera', note: 'Wants Tuesday mornings' }),
    ])
    await desk.call('appointment.cancel', { staffId: c.staffId, appointmentId: first.id, reason: 'Transport' })
    expect(
      (await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: MONDAY })).standingBooked,
    ).toBe(1)
    expect(await desk.call('waiting.list', {})).toEqual([
      expect.objectContaining({ patientName: 'Nimal Perera', note: 'Wants Tuesday mornings' }),
    ])
  })
})
