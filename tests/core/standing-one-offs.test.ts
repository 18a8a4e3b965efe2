/**
 * "This date only" outlives "from this date on": a date reception settled for
 * one week (cancelled, moved to another day, moved to another bed) stays
 * settled when the weekly schedule changes later, and no generation run books
 * that date again.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import type { AppointmentView } from '../../src-shared/model.js'
import { MONDAY, openTestDesk, setUpClinic, type SmallClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

const WEEKDAY_INDEX = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5 } as const
const template = (clinic: SmallClinic, weekday: keyof typeof WEEKDAY_INDEX, shift: 0 | 1 | 2) =>
  clinic.templates[WEEKDAY_INDEX[weekday] * 3 + shift]!

const NEXT_MONDAY = addDays(MONDAY, 7)
const NEXT_WEDNESDAY = addDays(MONDAY, 9)
const NEXT_FRIDAY = addDays(MONDAY, 11)
const NEXT_SATURDAY = addDays(MONDAY, 12)

async function appointmentsOf(patientId: number): Promise<AppointmentView[]> {
  const { upcoming, past } = await desk.call('patient.appointments', { patientId, pastLimit: 1000 })
  return [...past.reverse(), ...upcoming]
}

const active = (a: AppointmentView) => a.status === 'scheduled' || a.status === 'checked_in' || a.status === 'completed'

/**
 * The reviewer's probe: Nimal comes Mon/Wed/Fri mornings on BED-A1, three weeks
 * generated. Next Wednesday he cancels for that date only; next Friday moves to
 * Saturday morning for that date only.
 */
async function probe() {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk)
  const patient = await desk.call('patient.create', {
    staffId: clinic.staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'CKC-001',
    hepatitisB: 'negative',
  })
  const slots = (['Mon', 'Wed', 'Fri'] as const).map((weekday) => ({
    weekday,
    templateId: template(clinic, weekday, 0),
    bedId: clinic.beds['BED-A1']!,
  }))
  await desk.call('standing.set', { staffId: clinic.staffId, patientId: patient.id, from: MONDAY, slots })
  await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 20) })
  const mine = await appointmentsOf(patient.id)
  const wednesday = mine.find((a) => a.date === NEXT_WEDNESDAY)!
  const friday = mine.find((a) => a.date === NEXT_FRIDAY)!
  await desk.call('appointment.cancel', {
    staffId: clinic.staffId,
    appointmentId: wednesday.id,
    reason: 'Family wedding',
  })
  const saturdayMorning = (await desk.call('board.day', { date: NEXT_SATURDAY })).sessions[0]!
  const moved = await desk.call('appointment.move', {
    staffId: clinic.staffId,
    appointmentId: friday.id,
    scheduleSessionId: saturdayMorning.id,
    bedId: clinic.beds['BED-A3']!,
  })
  expect(moved.appointment).toMatchObject({ date: NEXT_SATURDAY, oneOff: true })
  return { clinic, patient, slots, wednesday, friday, saturdayMorning }
}

/** What the patient has on a date: every appointment, and the ones holding a place. */
async function onDate(patientId: number, date: string) {
  const all = (await appointmentsOf(patientId)).filter((a) => a.date === date)
  return { all, active: all.filter(active) }
}

describe('a change "from this date on" after changes "this date only"', () => {
  it('keeps the cancelled Wednesday cancelled and the Friday on Saturday when the bed changes from next Monday', async () => {
    const { clinic, patient, slots, wednesday, friday } = await probe()
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: NEXT_MONDAY,
      slots: slots.map((s) => ({ ...s, bedId: clinic.beds['BED-A2']! })),
    })
    // Only the plain bookings follow the new bed; the two settled dates are neither moved, cancelled nor booked again.
    expect(change.moved.map((a) => a.date)).toEqual([
      NEXT_MONDAY,
      addDays(MONDAY, 14),
      addDays(MONDAY, 16),
      addDays(MONDAY, 18),
    ])
    expect(change.moved.every((a) => a.bedCode === 'BED-A2')).toBe(true)
    expect(change.cancelled).toEqual([])
    expect(change.placed).toEqual([])
    expect(change.conflicts).toEqual([])

    const check = async () => {
      const wed = await onDate(patient.id, NEXT_WEDNESDAY)
      expect(wed.all).toEqual([
        expect.objectContaining({
          id: wednesday.id,
          status: 'cancelled',
          cancelReason: 'Family wedding',
          oneOff: true,
        }),
      ])
      expect((await onDate(patient.id, NEXT_FRIDAY)).all).toEqual([])
      expect((await onDate(patient.id, NEXT_SATURDAY)).active).toEqual([
        expect.objectContaining({ id: friday.id, startTime: '06:00', bedCode: 'BED-A3', oneOff: true }),
      ])
    }
    await check()
    // A later generation run over the same weeks and beyond leaves both dates alone.
    const gen = await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 27) })
    expect(gen.standingBooked).toBe(3)
    await check()
    // The moved Friday now answers to the new weekly place: put back on Friday morning on the new bed, it is no longer an exception.
    const fridayMorning = (await desk.call('board.day', { date: NEXT_FRIDAY })).sessions[0]!
    const back = await desk.call('appointment.move', {
      staffId: clinic.staffId,
      appointmentId: friday.id,
      scheduleSessionId: fridayMorning.id,
      bedId: clinic.beds['BED-A2']!,
    })
    expect(back.appointment).toMatchObject({ date: NEXT_FRIDAY, oneOff: false })
  })

  it('keeps them when Wednesdays move to another session, and moves the other Wednesdays', async () => {
    const { clinic, patient, slots, wednesday, friday } = await probe()
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: NEXT_MONDAY,
      slots: slots.map((s) => (s.weekday === 'Wed' ? { ...s, templateId: template(clinic, 'Wed', 2) } : s)),
    })
    expect(change.moved.map((a) => [a.date, a.startTime])).toEqual([[addDays(MONDAY, 16), '15:00']])
    expect(change.placed).toEqual([])
    expect((await onDate(patient.id, NEXT_WEDNESDAY)).all).toEqual([
      expect.objectContaining({ id: wednesday.id, status: 'cancelled', startTime: '06:00' }),
    ])
    expect((await onDate(patient.id, NEXT_FRIDAY)).all).toEqual([])
    expect((await onDate(patient.id, NEXT_SATURDAY)).active.map((a) => a.id)).toEqual([friday.id])
  })

  it('keeps them when a new pattern no longer has those weekdays, and never touches this week', async () => {
    const { clinic, patient, wednesday, friday } = await probe()
    const thisWeek = (await appointmentsOf(patient.id)).filter((a) => a.date < NEXT_MONDAY)
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: NEXT_MONDAY,
      slots: [
        { weekday: 'Tue', templateId: template(clinic, 'Tue', 0), bedId: null },
        { weekday: 'Thu', templateId: template(clinic, 'Thu', 0), bedId: null },
        { weekday: 'Sat', templateId: template(clinic, 'Sat', 0), bedId: null },
      ],
    })
    // The plain Mon/Wed/Fri bookings from next week on are cancelled and listed; the settled dates are not among them.
    expect(change.cancelled.map((a) => a.id)).not.toContain(wednesday.id)
    expect(change.cancelled.map((a) => a.id)).not.toContain(friday.id)
    expect(change.cancelled.map((a) => a.date)).toEqual([
      NEXT_MONDAY,
      addDays(MONDAY, 14),
      addDays(MONDAY, 16),
      addDays(MONDAY, 18),
    ])
    const after = await appointmentsOf(patient.id)
    expect(after.find((a) => a.id === wednesday.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Family wedding',
    })
    expect(after.find((a) => a.id === friday.id)).toMatchObject({
      status: 'scheduled',
      date: NEXT_SATURDAY,
      oneOff: true,
    })
    for (const a of thisWeek) expect(after.find((x) => x.id === a.id)).toEqual(a)
    // Next Saturday he is already coming (the moved Friday): no second booking, and it is listed to decide rather than hidden.
    expect((await onDate(patient.id, NEXT_SATURDAY)).active.map((a) => a.id)).toEqual([friday.id])
    expect(change.conflicts.map((c) => c.date)).toEqual([NEXT_SATURDAY])
  })

  it('keeps them when the weekdays are dropped and later taken up again, or the schedule is ended and set anew', async () => {
    const { clinic, patient, slots, wednesday, friday } = await probe()
    const set = (from: string, chosen: typeof slots) =>
      desk.call('standing.set', { staffId: clinic.staffId, patientId: patient.id, from, slots: chosen })
    await set(
      NEXT_MONDAY,
      slots.filter((s) => s.weekday === 'Mon'),
    )
    const again = await set(NEXT_MONDAY, slots)
    // The Wednesday and Friday of the week after are booked again; next Wednesday and next Friday are not.
    expect(again.placed.map((a) => a.date)).toEqual([addDays(MONDAY, 16), addDays(MONDAY, 18)])
    await set(NEXT_MONDAY, [])
    const anew = await set(NEXT_MONDAY, slots)
    expect(anew.placed.map((a) => a.date)).toEqual([
      NEXT_MONDAY,
      addDays(MONDAY, 14),
      addDays(MONDAY, 16),
      addDays(MONDAY, 18),
    ])
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 20) })
    expect((await onDate(patient.id, NEXT_WEDNESDAY)).all).toEqual([
      expect.objectContaining({ id: wednesday.id, status: 'cancelled', cancelReason: 'Family wedding' }),
    ])
    expect((await onDate(patient.id, NEXT_FRIDAY)).all).toEqual([])
    expect((await onDate(patient.id, NEXT_SATURDAY)).active.map((a) => a.id)).toEqual([friday.id])
  })
})
