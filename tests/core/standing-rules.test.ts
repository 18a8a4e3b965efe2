/**
 * The unit's rules around standing schedules, each on its own: a schedule's
 * last day, one place per weekday, the configurable gap between treatments,
 * the missed-treatments window, and visitors only where there is room.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import type { AppointmentView } from '../../src-shared/model.js'
import { MONDAY, openTestDesk, setUpClinic, type SmallClinic, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'

let desk: TestDesk
afterEach(() => desk?.close())

const WEEKDAY_INDEX = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5 } as const
type Day = keyof typeof WEEKDAY_INDEX
const template = (clinic: SmallClinic, weekday: Day, shift: 0 | 1 | 2) =>
  clinic.templates[WEEKDAY_INDEX[weekday] * 3 + shift]!
const mornings = (clinic: SmallClinic, days: Day[]) =>
  days.map((weekday) => ({ weekday, templateId: template(clinic, weekday, 0), bedId: null }))

async function clinicWithPatient(options: { beds?: number } = {}) {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk, options)
  const patient = await desk.call('patient.create', {
    staffId: clinic.staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'CKC-001',
    hepatitisB: 'negative',
  })
  return { clinic, patient }
}

async function appointmentsOf(patientId: number): Promise<AppointmentView[]> {
  const { upcoming, past } = await desk.call('patient.appointments', { patientId, pastLimit: 1000 })
  return [...past.reverse(), ...upcoming]
}

const session = async (date: string, startTime: string) =>
  (await desk.call('board.day', { date })).sessions.find((s) => s.startTime === startTime)!

describe('a standing schedule with a last day', () => {
  it('books up to its until date and nothing after it, however far generation runs', async () => {
    const { clinic, patient } = await clinicWithPatient()
    const until = addDays(MONDAY, 9) // next Wednesday
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      until,
      slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
    })
    expect(change.slots.every((s) => s.validUntil === until)).toBe(true)
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 27) })
    const dates = (await appointmentsOf(patient.id)).map((a) => a.date)
    expect(dates).toEqual([MONDAY, addDays(MONDAY, 2), addDays(MONDAY, 4), addDays(MONDAY, 7), until])
    // Once the last day has passed, the schedule no longer holds.
    desk.clock.setLocal(addDays(until, 1))
    expect(await desk.call('standing.list', { patientId: patient.id })).toEqual([])
    expect(
      (
        await desk.call('schedule.generate', {
          staffId: clinic.staffId,
          from: addDays(until, 1),
          to: addDays(MONDAY, 40),
        })
      ).standingBooked,
    ).toBe(0)
  })

  it('given later to a running schedule, cancels and lists the bookings after it', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 20) })
    const until = addDays(MONDAY, 11)
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: addDays(MONDAY, 7),
      until,
      slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
    })
    expect(change.cancelled.map((a) => a.date)).toEqual([addDays(MONDAY, 14), addDays(MONDAY, 16), addDays(MONDAY, 18)])
    expect(change.cancelled.every((a) => a.status === 'cancelled')).toBe(true)
    expect(change.moved).toEqual([])
    const active = (await appointmentsOf(patient.id)).filter((a) => a.status === 'scheduled')
    expect(active.map((a) => a.date).at(-1)).toBe(until)
    expect(active).toHaveLength(6)
  })

  it('refuses an until date before the first day, and changes nothing', async () => {
    const { clinic, patient } = await clinicWithPatient()
    const e = await expectRefused(
      desk,
      'standing.set',
      {
        staffId: clinic.staffId,
        patientId: patient.id,
        from: addDays(MONDAY, 7),
        until: addDays(MONDAY, 6),
        slots: mornings(clinic, ['Mon']),
      },
      'VALIDATION',
    )
    expect(e.message).toMatch(/ends .* before it starts/)
  })
})

describe('one standing place per weekday', () => {
  it('refuses two places on the same weekday, saying which, and changes nothing', async () => {
    const { clinic, patient } = await clinicWithPatient()
    const slots = [
      ...mornings(clinic, ['Mon', 'Wed']),
      { weekday: 'Mon' as const, templateId: template(clinic, 'Mon', 2), bedId: null },
    ]
    const e = await expectRefused(
      desk,
      'standing.set',
      { staffId: clinic.staffId, patientId: patient.id, from: MONDAY, slots },
      'VALIDATION',
    )
    expect(e.message).toBe('Mon is chosen twice: a patient has at most one standing session per weekday.')
    expect(await desk.call('standing.list', { patientId: patient.id })).toEqual([])
  })
})

describe('the gap between treatments', () => {
  it('warns by the center’s configured limit, and the warning follows a change of it', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: patient.id,
      from: MONDAY,
      slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const wednesday = (await appointmentsOf(patient.id)).find((a) => a.date === addDays(MONDAY, 2))!
    await desk.call('appointment.cancel', { staffId: clinic.staffId, appointmentId: wednesday.id, reason: 'Unwell' })
    const option = async (date: string) => {
      const { before, after } = await desk.call('makeup.options', { appointmentId: wednesday.id })
      return [...before, ...after].find((o) => o.date === date && o.startTime === '06:00')!
    }
    const tuesday = addDays(MONDAY, 1)
    const thursday = addDays(MONDAY, 3)
    // Default limit 2 days: Monday to Thursday is 3, and so is Tuesday to Friday.
    expect((await option(thursday)).warnings).toEqual([
      expect.stringMatching(/^3 days since the treatment before .*limit is 2\.$/),
    ])
    expect((await option(tuesday)).warnings).toEqual([
      expect.stringMatching(/^3 days until the next treatment .*limit is 2\.$/),
    ])

    await desk.call('center.update', { staffId: clinic.staffId, maxGapDays: 3 })
    expect((await option(thursday)).warnings).toEqual([])
    expect((await option(tuesday)).warnings).toEqual([])

    await desk.call('center.update', { staffId: clinic.staffId, maxGapDays: 1 })
    expect((await option(thursday)).warnings).toEqual([
      expect.stringMatching(/^3 days since the treatment before .*limit is 1\.$/),
    ])
    expect((await option(tuesday)).warnings).toEqual([
      expect.stringMatching(/^3 days until the next treatment .*limit is 1\.$/),
    ])
    const booked = await desk.call('makeup.book', {
      staffId: clinic.staffId,
      forAppointmentId: wednesday.id,
      scheduleSessionId: (await session(thursday, '06:00')).id,
    })
    expect(booked.warnings).toEqual([expect.stringMatching(/limit is 1\.$/)])
  })

  it('a whole cancelled session rebooked past the limit carries the warning for each patient it concerns', async () => {
    const { clinic, patient } = await clinicWithPatient()
    const kamala = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC-002',
      hepatitisB: 'negative',
    })
    for (const id of [patient.id, kamala.id]) {
      await desk.call('standing.set', {
        staffId: clinic.staffId,
        patientId: id,
        from: MONDAY,
        slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
      })
    }
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    // The water fails all Wednesday: every session of the day is cancelled.
    const wednesday = addDays(MONDAY, 2)
    const morning = await session(wednesday, '06:00')
    for (const s of (await desk.call('board.day', { date: wednesday })).sessions) {
      await desk.call('schedule.cancel', { staffId: clinic.staffId, scheduleSessionId: s.id, reason: 'Water failure' })
    }
    const r = await desk.call('makeup.rebookSession', { staffId: clinic.staffId, scheduleSessionId: morning.id })
    expect(r.unplaced).toEqual([])
    expect(r.rebooked.map((b) => [b.appointment.patientName, b.appointment.date, b.appointment.startTime])).toEqual([
      ['Kamala Devi', addDays(MONDAY, 3), '06:00'],
      ['Nimal Perera', addDays(MONDAY, 3), '06:00'],
    ])
    for (const b of r.rebooked)
      expect(b.warnings).toEqual([expect.stringMatching(/^3 days since the treatment before .*limit is 2\.$/)])
    // The audit keeps the warnings with the rebooking.
    const audit = desk.db.prepare("SELECT after FROM audit_log WHERE action = 'makeup.rebookSession'").get() as {
      after: string
    }
    expect(
      (JSON.parse(audit.after) as { rebooked: { warnings: string[] }[] }).rebooked.every(
        (x: { warnings: string[] }) => x.warnings.length === 1,
      ),
    ).toBe(true)
  })
})

describe('a cancelled session rebooked with reception’s choices', () => {
  async function cancelledWednesday() {
    const { clinic, patient } = await clinicWithPatient()
    const kamala = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Kamala Devi',
      clinicNumber: 'CKC-002',
      hepatitisB: 'negative',
    })
    const saman = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Saman Silva',
      clinicNumber: 'CKC-003',
      hepatitisB: 'negative',
    })
    for (const id of [patient.id, kamala.id, saman.id]) {
      await desk.call('standing.set', {
        staffId: clinic.staffId,
        patientId: id,
        from: MONDAY,
        slots: mornings(clinic, ['Mon', 'Wed', 'Fri']),
      })
    }
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const wednesday = await session(addDays(MONDAY, 2), '06:00')
    const cancelled = await desk.call('schedule.cancel', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      reason: 'Water failure',
    })
    const lost = (name: string) => cancelled.affected.find((a) => a.patientName === name)!
    return { clinic, wednesday, nimal: lost('Nimal Perera'), kamala: lost('Kamala Devi'), saman: lost('Saman Silva') }
  }
  const rows = () => desk.db.prepare('SELECT * FROM appointments ORDER BY id').all()

  it('books each into the session chosen for them and leaves the ones marked “not now” to decide, in one write', async () => {
    const { clinic, wednesday, nimal, kamala, saman } = await cancelledWednesday()
    const thursdayNoon = await session(addDays(MONDAY, 3), '10:30')
    const audits = () => (desk.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n
    const before = audits()
    const r = await desk.call('makeup.rebookSession', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      choices: [
        { appointmentId: nimal.id, scheduleSessionId: thursdayNoon.id },
        { appointmentId: kamala.id, scheduleSessionId: thursdayNoon.id },
        { appointmentId: saman.id, scheduleSessionId: null },
      ],
    })
    expect(
      r.rebooked.map((b) => [b.appointment.patientName, b.appointment.scheduleSessionId, b.appointment.makeUpForId]),
    ).toEqual([
      ['Kamala Devi', thursdayNoon.id, kamala.id],
      ['Nimal Perera', thursdayNoon.id, nimal.id],
    ])
    // Two patients into one session: each on a bed of their own.
    expect(new Set(r.rebooked.map((b) => b.appointment.bedId)).size).toBe(2)
    expect(r.later.map((a) => a.patientName)).toEqual(['Saman Silva'])
    expect(r.unplaced).toEqual([])
    expect(audits()).toBe(before + 1)
    const open = await desk.call('conflict.day', { date: wednesday.date })
    expect(open.conflicts.filter((c) => c.kind === 'session_cancelled').map((c) => c.appointmentId)).toEqual([saman.id])
  })

  it('refuses the whole rebooking when a chosen session has no bed left, naming the patient, and changes nothing', async () => {
    const { clinic, wednesday, nimal, kamala } = await cancelledWednesday()
    const friday = await session(addDays(MONDAY, 4), '15:00')
    await desk.call('template.update', { staffId: clinic.staffId, id: friday.templateId!, defaultCapacity: 1 })
    const state = rows()
    const e = await desk.refuse('makeup.rebookSession', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      choices: [
        { appointmentId: nimal.id, scheduleSessionId: friday.id },
        { appointmentId: kamala.id, scheduleSessionId: friday.id },
      ],
    })
    expect(e.code).toBe('SESSION_FULL')
    expect(e.message).toMatch(
      /for (Kamala Devi|Nimal Perera) \(CKC-00\d\) now; choose another session for them\. Nobody was rebooked\.$/,
    )
    expect(rows()).toEqual(state)
  })

  it('refuses a choice for an appointment that is not one of the session’s patients still to rebook', async () => {
    const { clinic, wednesday } = await cancelledWednesday()
    const state = rows()
    const e = await desk.refuse('makeup.rebookSession', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      choices: [{ appointmentId: 999999, scheduleSessionId: null }],
    })
    expect(e.code).toBe('VALIDATION')
    expect(rows()).toEqual(state)
  })
})

describe('the missed-treatments report', () => {
  it('covers exactly the last 30 days: today and the 29 days before; a no-show 30 days ago is left out', async () => {
    const { clinic, patient } = await clinicWithPatient()
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 30) })
    const dayMinus30 = MONDAY
    const dayMinus29 = addDays(MONDAY, 1)
    const today = addDays(MONDAY, 30)
    const booked: Record<string, number> = {}
    for (const date of [dayMinus30, dayMinus29, today]) {
      booked[date] = (
        await desk.call('appointment.book', {
          staffId: clinic.staffId,
          scheduleSessionId: (await session(date, '10:30')).id,
          patientId: patient.id,
        })
      ).appointment.id
    }
    desk.clock.setLocal(today, '16:00')
    for (const [date, reason] of [
      [dayMinus30, 'holiday'],
      [dayMinus29, 'hospital'],
      [today, 'transport'],
    ] as const) {
      await desk.call('appointment.noShow', { staffId: clinic.staffId, appointmentId: booked[date]!, reason })
    }
    const report = await desk.call('report.missedTreatments', {})
    expect(report).toHaveLength(1)
    expect(report[0]!.missed.map((m) => [m.date, m.reason])).toEqual([
      [dayMinus29, 'hospital'],
      [today, 'transport'],
    ])
    // A wider window reaches it: the window is the number of days asked for, not one more.
    expect((await desk.call('report.missedTreatments', { days: 31 }))[0]!.missed.map((m) => m.date)).toEqual([
      dayMinus30,
      dayMinus29,
      today,
    ])
    expect((await desk.call('report.missedTreatments', { days: 1 }))[0]!.missed.map((m) => m.date)).toEqual([today])
  })
})

describe('visiting patients', () => {
  it('are booked only where there is room: a full session refuses them plainly, and changes nothing', async () => {
    const { clinic, patient } = await clinicWithPatient({ beds: 2 }) // BED-A1, and BED-A2 for isolation: 2 places
    const positive = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Ruwan Silva',
      clinicNumber: 'CKC-002',
      hepatitisB: 'positive',
    })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 13) })
    const visitor = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Arun Kumar',
      clinicNumber: 'VIS-1',
      hepatitisB: 'negative',
      kind: 'visiting',
      visitFrom: MONDAY,
      visitUntil: addDays(MONDAY, 4),
    })
    const wednesday = await session(addDays(MONDAY, 2), '06:00')
    await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      patientId: patient.id,
    })
    await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: wednesday.id,
      patientId: positive.id,
    })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: clinic.staffId, scheduleSessionId: wednesday.id, patientId: visitor.id },
      'SESSION_FULL',
    )
    expect(e.message).toMatch(/is full: 2 of 2 places are booked\.$/)
    const later = await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: (await session(addDays(MONDAY, 2), '10:30')).id,
      patientId: visitor.id,
    })
    expect(later.appointment).toMatchObject({ visiting: true, startTime: '10:30' })

    // A visitor's weekly places during the stay: booked where there is room, listed where there is none, nothing after the stay.
    const change = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: visitor.id,
      from: MONDAY,
      slots: mornings(clinic, ['Tue', 'Thu']),
    })
    const thursday = await session(addDays(MONDAY, 3), '06:00')
    expect(change.placed.map((a) => a.date)).toEqual([addDays(MONDAY, 1), addDays(MONDAY, 3)])
    expect(change.conflicts).toEqual([])
    await desk.call('appointment.cancel', {
      staffId: clinic.staffId,
      appointmentId: change.placed[1]!.id,
      reason: 'This date only',
    })
    // Thursday fills up meanwhile; a second visitor whose stay covers it finds no room and is listed, not squeezed in.
    const other = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: 'Priya Raj',
      clinicNumber: 'VIS-2',
      kind: 'visiting',
      hepatitisB: 'negative',
      visitFrom: MONDAY,
      visitUntil: addDays(MONDAY, 4),
    })
    await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: thursday.id,
      patientId: patient.id,
    })
    await desk.call('appointment.book', {
      staffId: clinic.staffId,
      scheduleSessionId: thursday.id,
      patientId: positive.id,
    })
    const second = await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: other.id,
      from: MONDAY,
      slots: mornings(clinic, ['Thu']),
    })
    expect(second.placed).toEqual([])
    expect(second.conflicts.map((c) => [c.date, c.kind])).toEqual([[addDays(MONDAY, 3), 'standing_unplaced']])
    expect((await desk.call('schedule.get', { id: thursday.id })).booked).toBe(2)
  })
})
