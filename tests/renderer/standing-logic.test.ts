import { describe, expect, it } from 'vitest'
import { reachQuestion } from '../../src-renderer/board/move-reach'
import { fromThisDateOn, patternOn, patternToEdit } from '../../src-renderer/standing/from-this-date-on'
import type { StandingSlot } from '../../src-shared/model'
import { appointment, DATE } from './board-fixture'

// DATE (2026-03-10) is a Tuesday.
let nextId = 1
function slot(weekday: StandingSlot['weekday'], templateId: number, extra: Partial<StandingSlot> = {}): StandingSlot {
  return {
    id: nextId++,
    patientId: 1,
    weekday,
    templateId,
    startTime: '06:00',
    endTime: '10:00',
    label: '',
    bedId: 4,
    bedCode: 'BED-A4',
    validFrom: '2026-01-05',
    validUntil: null,
    ...extra,
  }
}

describe('the pattern "from this date on"', () => {
  const tueThuSat = [slot('Sat', 16), slot('Tue', 12), slot('Thu', 14, { bedId: null, bedCode: null })]

  it("changes only the date's weekday to the target session and bed, from that date, Monday first", () => {
    expect(fromThisDateOn(tueThuSat, DATE, { templateId: 13, bedId: 2 })).toEqual({
      from: DATE,
      until: null,
      slots: [
        { weekday: 'Tue', templateId: 13, bedId: 2 },
        { weekday: 'Thu', templateId: 14, bedId: null },
        { weekday: 'Sat', templateId: 16, bedId: 4 },
      ],
    })
  })

  it('takes a bed of null as "any free bed"', () => {
    expect(fromThisDateOn(tueThuSat, DATE, { templateId: 12, bedId: null }).slots[0]).toEqual({
      weekday: 'Tue',
      templateId: 12,
      bedId: null,
    })
  })

  it('keeps an end date the whole pattern shares, and drops one it does not', () => {
    const visit = tueThuSat.map((s) => ({ ...s, validUntil: '2026-03-31' }))
    expect(fromThisDateOn(visit, DATE, { templateId: 13, bedId: null }).until).toBe('2026-03-31')
    const mixed = [{ ...tueThuSat[0]!, validUntil: '2026-03-31' }, tueThuSat[1]!, tueThuSat[2]!]
    expect(fromThisDateOn(mixed, DATE, { templateId: 13, bedId: null }).until).toBeNull()
  })

  it('ignores slots that ended before the date or begin after it', () => {
    const slots = [
      slot('Tue', 12, { validUntil: '2026-03-09' }),
      slot('Tue', 13, { validFrom: '2026-03-10' }),
      slot('Fri', 15, { validFrom: '2026-04-01' }),
    ]
    expect(patternOn(slots, DATE).map((s) => s.templateId)).toEqual([13])
    expect(fromThisDateOn(slots, DATE, { templateId: 12, bedId: 1 }).slots).toEqual([
      { weekday: 'Tue', templateId: 12, bedId: 1 },
    ])
  })

  it('adds the weekday when the patient had no place on it', () => {
    expect(
      fromThisDateOn([slot('Mon', 10)], DATE, { templateId: 12, bedId: null }).slots.map((s) => s.weekday),
    ).toEqual(['Mon', 'Tue'])
  })
})

describe('the pattern an editor starts from', () => {
  it('is what holds on the date, or else the next pattern to begin', () => {
    const later = [
      slot('Mon', 10, { validFrom: '2026-04-06' }),
      slot('Wed', 11, { validFrom: '2026-04-06' }),
      slot('Fri', 15, { validFrom: '2026-05-01' }),
    ]
    expect(patternToEdit(later, DATE).map((s) => s.weekday)).toEqual(['Mon', 'Wed'])
    expect(patternToEdit([slot('Fri', 15)], DATE).map((s) => s.weekday)).toEqual(['Fri'])
    expect(patternToEdit([], DATE)).toEqual([])
  })
})

describe('when a move asks "this date only / from this date on"', () => {
  const session = { id: 2, date: DATE, templateId: 3, bedId: 4 }
  const standing = appointment({ scheduleSessionId: 1, patientId: 1, patientName: 'Nimal Perera', standing: true })

  it('asks for an unchanged standing booking moved within its day', () => {
    expect(reachQuestion({ kind: 'appointment', appointment: standing }, session)).toEqual({
      ask: true,
      seriesRefused: null,
    })
  })

  it('does not ask for a one-off, a booking by hand, one under way, a new booking, or a move to another day', () => {
    expect(reachQuestion({ kind: 'appointment', appointment: { ...standing, oneOff: true } }, session)).toEqual({
      ask: false,
    })
    expect(reachQuestion({ kind: 'appointment', appointment: { ...standing, standing: false } }, session)).toEqual({
      ask: false,
    })
    expect(reachQuestion({ kind: 'appointment', appointment: { ...standing, status: 'checked_in' } }, session)).toEqual(
      { ask: false },
    )
    expect(
      reachQuestion(
        {
          kind: 'patient',
          patient: { id: 1, fullName: 'Nimal Perera', clinicNumber: 'C-1', hepatitisB: 'negative', active: true },
        },
        session,
      ),
    ).toEqual({ ask: false })
    expect(reachQuestion({ kind: 'appointment', appointment: standing }, { ...session, date: '2026-03-11' })).toEqual({
      ask: false,
    })
  })

  it('asks for another bed in the same session, but not for taking the patient off the bed', () => {
    expect(reachQuestion({ kind: 'appointment', appointment: standing }, { ...session, id: 1 })).toEqual({
      ask: true,
      seriesRefused: null,
    })
    expect(reachQuestion({ kind: 'appointment', appointment: standing }, { ...session, id: 1, bedId: null })).toEqual({
      ask: false,
    })
    expect(reachQuestion({ kind: 'appointment', appointment: standing }, { ...session, bedId: null })).toEqual({
      ask: true,
      seriesRefused: null,
    })
  })

  it('asks, without offering "from this date on", for a session not made from a weekly one', () => {
    const q = reachQuestion({ kind: 'appointment', appointment: standing }, { ...session, templateId: null })
    expect(q.ask && q.seriesRefused).toMatch(/not made from a weekly session/)
  })
})
