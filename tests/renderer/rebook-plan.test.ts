/** A cancelled session's rebooking, planned: the suggestion per patient, a session chosen too often, and the outcome in words. */
import { describe, expect, it } from 'vitest'
import type { MakeUpOption, MakeUpOptions } from '../../src-shared/contract/standing-methods'
import { formatDate, formatDay } from '../../src-shared/format'
import {
  chosenOption,
  crowdedSessions,
  LATER,
  optionLabel,
  type PatientPlan,
  suggested,
} from '../../src-renderer/standing/rebook-plan'
import { appointment } from './board-fixture'

const w = { date: (d: string) => formatDate(d, 'DD/MM/YYYY'), day: (d: string) => formatDay(d, 'DD/MM/YYYY') }
const lost = (patientId: number, patientName: string) =>
  appointment({
    scheduleSessionId: 9,
    patientId,
    patientName,
    clinicNumber: `C-00${patientId}`,
    date: '2026-03-13',
    startTime: '06:00',
    endTime: '10:00',
    bedCode: 'BED-A1',
    status: 'cancelled',
  })
const option = (id: number, date: string, startTime: string, free: number, warnings: string[] = []): MakeUpOption => ({
  scheduleSessionId: id,
  date,
  startTime,
  endTime: startTime === '06:00' ? '10:00' : '14:30',
  free,
  bedId: 1,
  bedCode: 'BED-A1',
  warnings,
})
const friAfternoon = option(10, '2026-03-13', '10:30', 1)
const satMorning = option(11, '2026-03-14', '06:00', 3, [
  "3 days until the next treatment (17/03/2026); the unit's limit is 2.",
])
const thuMorning = option(8, '2026-03-12', '06:00', 2)
const options = (after: MakeUpOption[], before: MakeUpOption[]): MakeUpOptions => ({
  appointment: lost(1, 'x'),
  after,
  before,
})

describe('the suggested make-up', () => {
  it('is the nearest session after, else the nearest before, else later', () => {
    expect(suggested(options([friAfternoon, satMorning], [thuMorning]))).toBe('10')
    expect(suggested(options([], [thuMorning]))).toBe('8')
    expect(suggested(options([], []))).toBe(LATER)
  })

  it('reads as its session and free places, and says when it leaves a long gap', () => {
    expect(optionLabel(friAfternoon, w)).toBe('Fri 13/03/2026 10:30–14:30 · 1 free')
    expect(optionLabel(satMorning, w)).toBe('Sat 14/03/2026 06:00–10:00 · 3 free · long gap')
  })
})

describe('choices', () => {
  const plan = (patientId: number, name: string, choice: PatientPlan['choice']): PatientPlan => ({
    appointment: lost(patientId, name),
    options: options([friAfternoon, satMorning], [thuMorning]),
    choice,
  })

  it('find the option chosen, before or after, or none for later', () => {
    expect(chosenOption(plan(1, 'Nimal Perera', '11'))).toBe(satMorning)
    expect(chosenOption(plan(1, 'Nimal Perera', '8'))).toBe(thuMorning)
    expect(chosenOption(plan(1, 'Nimal Perera', LATER))).toBeNull()
  })

  it('name a session chosen for more patients than it has free places', () => {
    const crowded = crowdedSessions(
      [
        plan(1, 'Nimal Perera', '10'),
        plan(2, 'Kamala Fernando', '10'),
        plan(3, 'Saman Silva', '8'),
        plan(4, 'Ruwan Jayasuriya', '8'),
      ],
      w,
    )
    expect([...crowded]).toEqual([
      [
        '10',
        '2 patients chosen for Fri 13/03/2026 10:30–14:30, which has 1 free: choose another session for one of them.',
      ],
    ])
    expect(crowdedSessions([plan(1, 'Nimal Perera', '10'), plan(2, 'Kamala Fernando', LATER)], w).size).toBe(0)
  })
})
