/**
 * Issue 6's promise at the scale of the seed's unit: 10 beds, three sessions
 * Monday to Saturday, 40 standing patients; one generation of the next 8
 * weeks books every one of them, and reception has only the exceptions left.
 */
import { afterEach, expect, it } from 'vitest'
import { addDays, WEEKDAYS, type Weekday } from '../../src-shared/dates.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'

let desk: TestDesk
afterEach(() => desk?.close())

it('books 40 standing patients into 8 weeks in one action, with nothing left to decide', async () => {
  desk = openTestDesk({ time: '05:00' })
  const clinic = await setUpClinic(desk, { beds: 10 })
  const template = (weekday: Weekday, shift: number) => clinic.templates[WEEKDAYS.indexOf(weekday) * 3 + shift]!
  const patterns: Weekday[][] = [
    ['Mon', 'Wed', 'Fri'],
    ['Tue', 'Thu', 'Sat'],
  ]
  // 40 patients: two patterns × three shifts × up to 9 ordinary beds each (BED-A10 is for isolation).
  let n = 0
  for (const pattern of patterns) {
    for (let shift = 0; shift < 3 && n < 40; shift++) {
      for (let bed = 1; bed <= 9 && n < 40; bed++, n++) {
        const p = await desk.call('patient.create', {
          staffId: clinic.staffId,
          fullName: `Patient ${n}`,
          clinicNumber: `S-${n}`,
          hepatitisB: 'negative',
        })
        await desk.call('standing.set', {
          staffId: clinic.staffId,
          patientId: p.id,
          from: MONDAY,
          slots: pattern.map((weekday) => ({
            weekday,
            templateId: template(weekday, shift),
            bedId: clinic.beds[`BED-A${bed}`]!,
          })),
        })
      }
    }
  }
  const to = addDays(MONDAY, 8 * 7 - 1)
  const result = await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to })
  expect(result.standingBooked).toBe(40 * 3 * 8)
  expect(result.conflicts).toBe(0)
  expect(await desk.call('conflict.list', { from: MONDAY })).toEqual([])
  // Every booking on the patient's own bed, in the patient's own session.
  const wrong = desk.db
    .prepare(
      `SELECT count(*) AS n FROM appointments a JOIN standing_slots s ON s.id = a.standing_slot_id JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.bed_id IS NOT s.bed_id OR ss.session_id <> s.session_id`,
    )
    .get() as { n: number }
  expect(wrong.n).toBe(0)
})
