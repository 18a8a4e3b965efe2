/**
 * Standing schedules: a patient's weekly places book themselves into every
 * generated session; "this date only" changes survive later generation runs;
 * "from this date on" changes move the future and never the past.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import type { AppointmentView } from '../../src-shared/model.js'
import { MONDAY, openTestDesk, setUpClinic, type SmallClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

/** The template id of a weekday's shift in the small clinic (0 morning, 1 midday, 2 afternoon). */
const template = (clinic: SmallClinic, weekday: 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat', shift: 0 | 1 | 2) =>
  clinic.templates[['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(weekday) * 3 + shift]!

async function clinicWithPatient(hepatitisB: 'negative' | 'positive' = 'negative') {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk)
  const patient = await desk.call('patient.create', {
    staffId: clinic.staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'CKC-001',
    hepatitisB,
    preferredShift: 'morning',
  })
  return { clinic, patient }
}

async function appointmentsOf(patientId: number): Promise<AppointmentView[]> {
  const { upcoming, past } = await desk.call('patient.appointments', { patientId, pastLimit: 1000 })
  return [...past.reverse(), ...upcoming]
}

const mwfMornings = (clinic: SmallClinic, bedId: number | null) =>
  (['Mon', 'Wed', 'Fri'] as const).map((weekday) => ({ weekday, templateId: template(clinic, weekday, 0), bedId }))

describe('a standing Mon/Wed/Fri morning patient', () => {
  it('is booked on the preferred bed in every generated session, once', async () => {
    const { clinic, patient } = await clinicWithPatient()
    const bed = clinic.beds['BED-A2']!
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, bed),
    })
    const gen = await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 27) })
    expect(gen.standingBooked).toBe(12)
    const booked = await appointmentsOf(patient.id)
    expect(booked).toHaveLength(12)
    expect(booked.every((a) => a.standing && !a.oneOff && a.bedId === bed && a.startTime === '06:00')).toBe(true)
    expect(new Set(booked.map((a) => a.date)).size).toBe(12)

    const again = await desk.call('schedule.generate', {
      staffId: clinic.staffId,
      from: MONDAY,
      to: addDays(MONDAY, 27),
    })
    expect(again).toMatchObject({ created: 0, standingBooked: 0, conflicts: 0 })
    expect(await appointmentsOf(patient.id)).toHaveLength(12)
  })

  it('sessions generated before the schedule is set are booked when it is set', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    expect(change.placed).toHaveLength(6)
    expect(change.placed.map((a) => a.bedCode)).toEqual(Array(6).fill('BED-A1'))
  })

  it('keeps a move of one Wednesday: later generation runs leave it, other weeks are unchanged', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, clinic.beds['BED-A1']!),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const wednesday = addDays(MONDAY, 2)
    const board = await desk.call('board.day', { date: wednesday })
    const mine = (await appointmentsOf(patient.id)).find((a) => a.date === wednesday)!
    const afternoon = board.sessions[2]!
    const moved = await desk.call('appointment.move', {
      staffId: clinic.staffId,
      appointmentId: mine.id,
      scheduleSessionId: afternoon.id,
      bedId: clinic.beds['BED-A3']!,
    })
    expect(moved.appointment).toMatchObject({ startTime: '15:00', bedCode: 'BED-A3', standing: true, oneOff: true })

    // A later run, even over the whole range again and further, books no second Wednesday.
    const gen = await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 27) })
    expect(gen.standingBooked).toBe(6)
    const all = await appointmentsOf(patient.id)
    expect(all.filter((a) => a.date === wednesday)).toEqual([
      expect.objectContaining({ id: mine.id, startTime: '15:00', bedCode: 'BED-A3', oneOff: true }),
    ])
    expect(
      all
        .filter((a) => a.date !== wednesday)
        .every((a) => a.startTime === '06:00' && a.bedCode === 'BED-A1' && !a.oneOff),
    ).toBe(true)
    expect(all).toHaveLength(12)
  })

  it('keeps a cancelled date cancelled', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    const friday = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 4))!
    await desk.call('appointment.cancel', {
      staffId: clinic.staffId,
      appointmentId: friday.id,
      reason: 'Family wedding',
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    const fridays = (await appointmentsOf(patient.id)).filter((a) => a.date === friday.date)
    expect(fridays).toEqual([expect.objectContaining({ id: friday.id, status: 'cancelled', oneOff: true })])
  })

  it('changes from a date on: the weeks before stay, the weeks after follow, the past never moves', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, clinic.beds['BED-A1']!),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 27) })
    // A week later, Wednesdays move to the afternoon from the third week on.
    desk.clock.setLocal(addDays(MONDAY, 7), '07:00')
    const before = await appointmentsOf(patient.id)
    const from = addDays(MONDAY, 14)
    const slots = mwfMornings(clinic, clinic.beds['BED-A1']!).map((s) =>
      s.weekday === 'Wed' ? { ...s, templateId: template(clinic, 'Wed', 2), bedId: clinic.beds['BED-A2']! } : s,
    )
    const change = await desk.call('standing.set', { staffId: clinic.staffId, patientId: patient.id, from, slots })
    expect(change.moved.map((a) => a.date)).toEqual([addDays(MONDAY, 16), addDays(MONDAY, 23)])
    expect(change.moved.every((a) => a.startTime === '15:00' && a.bedCode === 'BED-A2')).toBe(true)
    expect(change.cancelled).toEqual([])
    const after = await appointmentsOf(patient.id)
    for (const a of before.filter((x) => x.date < from)) expect(after.find((x) => x.id === a.id)).toEqual(a)
    expect(after).toHaveLength(12)

    await expect(
      desk.refuse('standing.set', { staffId: clinic.staffId, patientId: patient.id, from: MONDAY, slots }),
    ).resolves.toMatchObject({ code: 'IN_THE_PAST' })
  })

  it('an empty pattern ends the schedule: the future bookings are cancelled and listed, nothing dropped silently', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: addDays(MONDAY, 7),
      slots: [],
    })
    expect(change.cancelled.map((a) => a.date)).toEqual([addDays(MONDAY, 7), addDays(MONDAY, 9), addDays(MONDAY, 11)])
    expect(
      change.cancelled.every((a) => a.status === 'cancelled' && /no longer on this day/.test(a.cancelReason ?? '')),
    ).toBe(true)
    expect(await desk.call('standing.list', { patientId: patient.id })).toHaveLength(3) // still this week's places
  })
})

describe('placing standing patients by the rules', () => {
  it('takes another allowed bed when the preferred one is taken, and respects isolation', async () => {
    const { clinic, patient } = await clinicWithPatient('positive')
    const other = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC-002',
      hepatitisB: 'negative',
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
    // A hepatitis B positive patient may not keep a non-isolation bed as their place.
    const refused = await desk.refuse('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: template(clinic, 'Mon', 0), bedId: clinic.beds['BED-A1'] }],
    })
    expect(refused.code).toBe('ISOLATION_MISMATCH')
    const placed = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: template(clinic, 'Mon', 0), bedId: null }],
    })
    expect(placed.placed.map((a) => a.bedCode)).toEqual(['BED-A4'])
    // Kamala wanted BED-A4 (taken, and an isolation bed anyway): she gets the first free allowed one.
    const second = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: other.id,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: template(clinic, 'Mon', 0), bedId: null }],
    })
    expect(second.placed.map((a) => a.bedCode)).toEqual(['BED-A1'])
  })

  it('a place that cannot be had becomes a conflict on the Board and a place on the waiting list, once', async () => {
    desk = openTestDesk()
    const clinic = await setUpClinic(desk, { beds: 2 })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
    const names = ['A One', 'B Two', 'C Three']
    const ids: number[] = []
    for (const [i, fullName] of names.entries())
      ids.push(
        (
          await desk.call('patient.create', {
            staffId: clinic.staffId,
            fullName,
            clinicNumber: `N-${i}`,
            hepatitisB: 'negative',
          })
        ).id,
      )
    for (const id of ids)
      await desk.call('standing.set', {
        staffId: clinic.staffId,
        patientId: id,
        from: MONDAY,
        slots: [{ weekday: 'Mon', templateId: template(clinic, 'Mon', 0), bedId: null }],
      })
    // Two beds, one of them for isolation: one negative patient gets a bed, two do not.
    const decisions = await desk.call('conflict.day', { date: MONDAY })
    expect(decisions.conflicts.map((c) => c.patientName).sort()).toEqual(['B Two', 'C Three'])
    expect(decisions.conflicts.every((c) => c.kind === 'standing_unplaced')).toBe(true)
    expect((await desk.call('waiting.list', {})).map((w) => w.patientName).sort()).toEqual(['B Two', 'C Three'])
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
    expect((await desk.call('conflict.day', { date: MONDAY })).conflicts).toHaveLength(2)
  })
})

describe('a bed out of service for a date range', () => {
  it('lists its patients with a suggested bed, moves them in one action and takes no booking in the range', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, clinic.beds['BED-A2']!),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    const preview = await desk.call('outage.preview', {
      bedId: clinic.beds['BED-A2']!,
      from: MONDAY,
      until: addDays(MONDAY, 2),
    })
    expect(preview.map((e) => [e.appointment.date, e.suggestedBedCode])).toEqual([
      [MONDAY, 'BED-A1'],
      [addDays(MONDAY, 2), 'BED-A1'],
    ])
    const r = await desk.call('outage.create', {
      staffId: clinic.staffId,
      bedId: clinic.beds['BED-A2']!,
      from: MONDAY,
      until: addDays(MONDAY, 2),
      reason: 'Pump broken',
    })
    expect(r.moved.map((a) => a.bedCode)).toEqual(['BED-A1', 'BED-A1'])
    expect(r.displaced).toEqual([])
    const friday = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 4))!
    expect(friday.bedCode).toBe('BED-A2')
    const other = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC-002',
      hepatitisB: 'negative',
    })
    const tuesday = (await desk.call('board.day', { date: addDays(MONDAY, 1) })).sessions[0]!
    const refused = await desk.refuse('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: tuesday.id,
      patientId: other.id,
      bedId: clinic.beds['BED-A2'],
    })
    expect(refused.code).toBe('BED_OUT_OF_SERVICE')
  })

  it('a session generated later maps the bed blocked; ending the outage frees it again', async () => {
    const { clinic } = await clinicWithPatient()
    const bed = clinic.beds['BED-A3']!
    const outage = await desk.call('outage.create', {
      staffId: clinic.staffId,
      bedId: bed,
      from: addDays(MONDAY, 7),
      until: addDays(MONDAY, 9),
      reason: 'Water damage',
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const cell = async (date: string) =>
      (await desk.call('board.day', { date })).sessions[0]!.cells.find((c) => c.bedId === bed)!
    expect((await cell(addDays(MONDAY, 8))).status).toBe('blocked')
    expect((await cell(addDays(MONDAY, 8))).blockedReason).toContain('Water damage')
    expect((await cell(addDays(MONDAY, 10))).status).toBe('available')
    await desk.call('outage.end', { staffId: clinic.staffId, id: outage.outage.id })
    expect((await cell(addDays(MONDAY, 8))).status).toBe('available')
  })
})

describe('a cancelled session', () => {
  it('lists its patients as conflicts and rebooks them in one action, warning of a long gap', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const wednesday = (await desk.call('board.day', { date: addDays(MONDAY, 2) })).sessions[0]!
    const cancelled = await desk.call('schedule.cancel', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      reason: 'Water failure',
    })
    expect(cancelled.affected.map((a) => a.patientName)).toEqual(['Nimal Perera'])
    expect((await desk.call('conflict.day', { date: wednesday.date })).conflicts).toEqual([
      expect.objectContaining({ kind: 'session_cancelled', patientName: 'Nimal Perera' }),
    ])
    const options = await desk.call('makeup.options', { appointmentId: cancelled.affected[0]!.id })
    expect(options.after[0]).toMatchObject({ date: wednesday.date, startTime: '10:30' })
    const rebooked = await desk.call('makeup.rebookSession', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
    })
    expect(rebooked.rebooked).toHaveLength(1)
    expect(rebooked.rebooked[0]!.appointment).toMatchObject({
      date: wednesday.date,
      startTime: '10:30',
      makeUpForId: cancelled.affected[0]!.id,
    })
    expect((await desk.call('conflict.day', { date: wednesday.date })).conflicts).toEqual([])
  })

  it('warns when the make-up leaves more than the configured gap between treatments', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const wed = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 2))!
    await desk.call('appointment.cancel', { staffId: clinic.staffId, appointmentId: wed.id, reason: 'Unwell' })
    const thursday = (await desk.call('board.day', { date: addDays(MONDAY, 3) })).sessions[0]!
    const booking = await desk.call('makeup.book', {
      staffId: clinic.staffId,
      forAppointmentId: wed.id,
      scheduleSessionId: thursday.id,
    })
    // Monday to Thursday is 3 days, over the default of 2.
    expect(booking.warnings.join(' ')).toMatch(/3 days since the treatment before/)
    await expect(
      desk.refuse('makeup.book', { staffId: clinic.staffId, forAppointmentId: wed.id, scheduleSessionId: thursday.id }),
    ).resolves.toMatchObject({ code: 'DUPLICATE' })
  })
})

describe('missed treatments, visitors, preferences and the waiting list', () => {
  it('reports missed treatments of the last 30 days with their reasons and make-ups', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    desk.clock.setLocal(MONDAY, '12:00')
    const monday = (await appointmentsOf(patient.id))[0]!
    await desk.call('appointment.noShow', { staffId: clinic.staffId, appointmentId: monday.id, reason: 'transport' })
    const report = await desk.call('report.missedTreatments', {})
    expect(report).toEqual([
      expect.objectContaining({
        patientName: 'Nimal Perera',
        missed: [expect.objectContaining({ date: MONDAY, reason: 'transport', madeUp: false })],
      }),
    ])
    const tuesday = (await desk.call('board.day', { date: addDays(MONDAY, 1) })).sessions[0]!
    await desk.call('makeup.book', {
      staffId: clinic.staffId,
      forAppointmentId: monday.id,
      scheduleSessionId: tuesday.id,
    })
    expect((await desk.call('report.missedTreatments', {}))[0]!.missed[0]!.madeUp).toBe(true)
  })

  it('books a visiting patient only within the visit', async () => {
    desk = openTestDesk()
    const clinic = await setUpClinic(desk)
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const visitor = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Arun Kumar',
      clinicNumber: 'VIS-1',
      hepatitisB: 'negative',
      kind: 'visiting',
      visitFrom: addDays(MONDAY, 1),
      visitUntil: addDays(MONDAY, 5),
    })
    const day = async (d: number) => (await desk.call('board.day', { date: addDays(MONDAY, d) })).sessions[0]!.id
    expect(
      (
        await desk.refuse('appointment.book', {
          staffId: clinic.staffId,
          scheduleSessionId: await day(7),
          patientId: visitor.id,
        })
      ).code,
    ).toBe('OUTSIDE_VISIT')
    const ok = await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: await day(2),
      patientId: visitor.id,
    })
    expect(ok.appointment.visiting).toBe(true)
    expect(
      (
        await desk.refuse('patient.create', {
          staffId: clinic.staffId,
          fullName: 'X',
          clinicNumber: 'VIS-2',
          kind: 'visiting',
        })
      ).code,
    ).toBe('VALIDATION')
  })

  it('reports standing schedules outside the preferred shift', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: [
        { weekday: 'Mon', templateId: template(clinic, 'Mon', 0), bedId: null },
        { weekday: 'Wed', templateId: template(clinic, 'Wed', 2), bedId: null },
      ],
    })
    expect(await desk.call('report.preferences', {})).toEqual([
      expect.objectContaining({
        patientName: 'Nimal Perera',
        preferredShift: 'morning',
        slots: [{ weekday: 'Wed', startTime: '15:00', shift: 'evening' }],
      }),
    ])
  })

  it('shows waiting patients who fit a place that frees up', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    await desk.call('waiting.add', {
      staffId: clinic.staffId,
      patientId: patient.id,
      weekdays: ['Tue', 'Thu', 'Sat'],
      shift: 'morning',
    })
    expect((await desk.call('conflict.day', { date: MONDAY })).waiting).toEqual([])
    const tuesday = await desk.call('conflict.day', { date: addDays(MONDAY, 1) })
    expect(tuesday.waiting).toEqual([
      expect.objectContaining({
        startTime: '06:00',
        waiting: [expect.objectContaining({ patientName: 'Nimal Perera' })],
      }),
    ])
  })
})

describe('what reception sees after a change', () => {
  it('a one-off moved back to its weekly place is no longer an exception (an undo)', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, clinic.beds['BED-A1']!),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    const wed = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 2))!
    const moved = await desk.call('appointment.assignBed', {
      staffId: clinic.staffId,
      appointmentId: wed.id,
      bedId: clinic.beds['BED-A2']!,
    })
    expect(moved.appointment.oneOff).toBe(true)
    const back = await desk.call('appointment.assignBed', {
      staffId: clinic.staffId,
      appointmentId: wed.id,
      bedId: clinic.beds['BED-A1']!,
    })
    expect(back.appointment.oneOff).toBe(false)
  })

  it('a new preferred bed in the same session, from a date on, moves the bookings to it', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, clinic.beds['BED-A1']!),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: addDays(MONDAY, 7),
      slots: mwfMornings(clinic, clinic.beds['BED-A3']!),
    })
    expect(change.moved.map((a) => [a.date, a.bedCode])).toEqual([
      [addDays(MONDAY, 7), 'BED-A3'],
      [addDays(MONDAY, 9), 'BED-A3'],
      [addDays(MONDAY, 11), 'BED-A3'],
    ])
    expect(
      (await appointmentsOf(patient.id))
        .filter((a) => a.date < addDays(MONDAY, 7))
        .every((a) => a.bedCode === 'BED-A1' && !a.oneOff),
    ).toBe(true)
  })

  it('a make-up on the same day as the lost treatment warns of nothing, even before the weekend', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mwfMornings(clinic, null),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const friday = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 4))!
    await desk.call('appointment.cancel', {
      staffId: clinic.staffId,
      appointmentId: friday.id,
      reason: 'Machine fault',
    })
    const later = (await desk.call('board.day', { date: friday.date })).sessions[1]!
    const booking = await desk.call('makeup.book', {
      staffId: clinic.staffId,
      forAppointmentId: friday.id,
      scheduleSessionId: later.id,
    })
    expect(booking.warnings).toEqual([])
  })

  it('does not offer a waiting patient a place on a day they are already booked', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    await desk.call('waiting.add', { staffId: clinic.staffId, patientId: patient.id, weekdays: ['Tue'], shift: 'any' })
    const tuesday = addDays(MONDAY, 1)
    expect((await desk.call('conflict.day', { date: tuesday })).waiting.length).toBeGreaterThan(0)
    const session = (await desk.call('board.day', { date: tuesday })).sessions[2]!
    await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: session.id,
      patientId: patient.id,
    })
    expect((await desk.call('conflict.day', { date: tuesday })).waiting).toEqual([])
  })
})
