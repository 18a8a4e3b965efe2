/**
 * Weekly sessions and the standing schedules that use them: a session that is
 * still a patient's weekly place cannot be stopped (their weeks would vanish
 * without a trace), and no change to a weekly session alters anything dated
 * before today.
 */
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import { MONDAY, openTestDesk, setUpClinic, type SmallClinic, type TestDesk } from '../support/clinic.js'
import { count } from '../support/db-dump.js'
import { expectRefused } from '../support/refusal.js'

let desk: TestDesk
afterEach(() => desk?.close())

const WEEKDAY_INDEX = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5 } as const
const template = (clinic: SmallClinic, weekday: keyof typeof WEEKDAY_INDEX, shift: 0 | 1 | 2) =>
  clinic.templates[WEEKDAY_INDEX[weekday] * 3 + shift]!
const TUESDAY = addDays(MONDAY, 1)

/** Nimal and Kamala on Monday mornings, Ruwan on Wednesday mornings; three weeks generated. */
async function clinicWithStandingPatients() {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk)
  const ids: Record<string, number> = {}
  for (const [i, [name, weekday]] of (
    [
      ['Nimal Perera', 'Mon'],
      ['Kamala Devi', 'Mon'],
      ['Ruwan Silva', 'Wed'],
    ] as const
  ).entries()) {
    const p = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName: name,
      clinicNumber: `CKC-00${i + 1}`,
      hepatitisB: 'negative',
    })
    ids[name] = p.id
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: p.id,
      from: MONDAY,
      slots: [{ weekday, templateId: template(clinic, weekday, 0), bedId: null }],
    })
  }
  await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: addDays(MONDAY, 20) })
  return { clinic, ids }
}

describe('stopping a weekly session', () => {
  it("is refused while it is still a patient's weekly place, naming them, and changes nothing", async () => {
    const { clinic } = await clinicWithStandingPatients()
    const monday = template(clinic, 'Mon', 0)
    const e = await expectRefused(desk, 'template.deactivate', { staffId: clinic.staffId, id: monday }, 'INVALID_STATE')
    expect(e.message).toBe(
      'The Mon 06:00-10:00 session is still the weekly place of 2 patients: Kamala Devi (CKC-002), Nimal Perera (CKC-001). Change their weekly schedules first, then stop it.',
    )
    expect((await desk.call('template.list', {})).map((t) => t.id)).toContain(monday)
  })

  it('goes ahead once their schedules have moved on; today keeps its patients and the later weeks follow them', async () => {
    const { clinic, ids } = await clinicWithStandingPatients()
    const monday = template(clinic, 'Mon', 0)
    const later = (weekday: 'Mon') => [{ weekday, templateId: template(clinic, weekday, 1), bedId: null }]
    // Nimal moves to the 10:30 session from today; Kamala only from the third week.
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: ids['Nimal Perera']!,
      from: MONDAY,
      slots: later('Mon'),
    })
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: ids['Kamala Devi']!,
      from: addDays(MONDAY, 14),
      slots: later('Mon'),
    })
    const e = await expectRefused(desk, 'template.deactivate', { staffId: clinic.staffId, id: monday }, 'INVALID_STATE')
    expect(e.message).toMatch(/weekly place of 1 patient: Kamala Devi \(CKC-002, until .+\)\./)
    expect(e.message).not.toContain('Nimal')

    // Her last 06:00 Monday is today: from tomorrow on nothing is owed there, so the session may stop.
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: ids['Kamala Devi']!,
      from: TUESDAY,
      slots: later('Mon'),
    })
    const stopped = await desk.call('template.deactivate', { staffId: clinic.staffId, id: monday })
    // Their bookings of the two later Mondays moved to 10:30 with them: those 06:00 sessions are empty and go.
    expect(stopped).toMatchObject({ active: false, removedSessions: 2 })
    expect(
      count(
        desk.db,
        'SELECT count(*) AS n FROM schedule_sessions WHERE session_id = ? AND session_date > ?',
        monday,
        MONDAY,
      ),
    ).toBe(0)
    // Today's 06:00 session stays with Kamala, whose change starts tomorrow (Nimal's started today: he is at 10:30).
    const today = (await desk.call('board.day', { date: MONDAY })).sessions.find((s) => s.startTime === '06:00')!
    expect(today.cells.filter((c) => c.appointment).map((c) => c.appointment!.patientName)).toEqual(['Kamala Devi'])
    // Every later Monday has both of them at 10:30, and nobody waits or is left to decide.
    for (const week of [7, 14]) {
      const board = await desk.call('board.day', { date: addDays(MONDAY, week) })
      const at1030 = board.sessions.find((s) => s.startTime === '10:30')!
      expect(
        at1030.cells
          .filter((c) => c.appointment)
          .map((c) => c.appointment!.patientName)
          .sort(),
      ).toEqual(['Kamala Devi', 'Nimal Perera'])
    }
    expect(await desk.call('conflict.list', {})).toEqual([])
  })

  it('does not count a patient whose weekly place ended, nor a deactivated patient', async () => {
    const { clinic, ids } = await clinicWithStandingPatients()
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: ids['Nimal Perera']!,
      from: TUESDAY,
      slots: [],
    })
    await desk.call('patient.deactivate', { staffId: clinic.staffId, id: ids['Kamala Devi']!, cancelUpcoming: true })
    const r = await desk.call('template.deactivate', { staffId: clinic.staffId, id: template(clinic, 'Mon', 0) })
    expect(r.active).toBe(false)
    // Ruwan's Wednesday session is untouched.
    await expectRefused(
      desk,
      'template.deactivate',
      { staffId: clinic.staffId, id: template(clinic, 'Wed', 0) },
      'INVALID_STATE',
    )
  })
})

describe('the past under changes to the weekly sessions', () => {
  const pastRows = (db: Database.Database, today: string) => ({
    sessions: db.prepare('SELECT * FROM schedule_sessions WHERE session_date < ? ORDER BY id').all(today),
    sessionBeds: db
      .prepare(
        'SELECT sb.* FROM session_beds sb JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id WHERE ss.session_date < ? ORDER BY sb.id',
      )
      .all(today),
    appointments: db
      .prepare(
        'SELECT a.* FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id WHERE ss.session_date < ? ORDER BY a.id',
      )
      .all(today),
  })

  it('stays as it was through new times, a new capacity, a new session, a stop and a restart', async () => {
    const { clinic, ids } = await clinicWithStandingPatients()
    // Ten days on: the first week and a half is the past.
    const today = addDays(MONDAY, 10)
    desk.clock.setLocal(today, '12:00')
    const before = pastRows(desk.db, today)
    expect(before.appointments.length).toBeGreaterThan(4)

    const monday = template(clinic, 'Mon', 0)
    const updated = await desk.call('template.update', {
      staffId: clinic.staffId,
      id: monday,
      startTime: '05:30',
      endTime: '09:30',
      defaultCapacity: 2,
    })
    expect(updated.updatedSessions).toBe(0) // every future Monday 06:00 holds standing bookings
    await desk.call('template.update', {
      staffId: clinic.staffId,
      id: template(clinic, 'Tue', 0),
      startTime: '05:30',
      endTime: '09:30',
      defaultCapacity: 2,
    })
    await desk.call('template.create', {
      staffId: clinic.staffId,
      weekday: 'Sun',
      startTime: '08:00',
      endTime: '12:00',
      defaultCapacity: 2,
    })
    await desk.call('template.deactivate', { staffId: clinic.staffId, id: template(clinic, 'Tue', 0) })
    await desk.call('template.reactivate', { staffId: clinic.staffId, id: template(clinic, 'Tue', 0) })
    await desk.call('standing.set', { staffId: clinic.staffId, patientId: ids['Ruwan Silva']!, from: today, slots: [] })
    await desk.call('template.deactivate', { staffId: clinic.staffId, id: template(clinic, 'Wed', 0) })
    await desk.call('schedule.generate', { staffId: clinic.staffId, from: today, to: addDays(MONDAY, 27) })

    expect(pastRows(desk.db, today)).toEqual(before)
    // The future did follow: the new Tuesday times reach the Tuesdays without bookings.
    const tuesday = (await desk.call('board.day', { date: addDays(MONDAY, 15) })).sessions[0]!
    expect([tuesday.startTime, tuesday.capacity]).toEqual(['05:30', 2])
  })
})
