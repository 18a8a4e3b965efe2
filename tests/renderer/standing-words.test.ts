import { describe, expect, it } from 'vitest'
import {
  bookingLine,
  conflictKindUnlessSaid,
  describeGeneration,
  describeOutage,
  describeRebooking,
  describeStandingChange,
  slotLine,
} from '../../src-renderer/standing/standing-words'
import { formatDate, formatDay } from '../../src-shared/format'
import type { AppointmentView, StandingChange } from '../../src-shared/model'
import { appointment } from './board-fixture'

const w = { date: (d: string) => formatDate(d, 'DD/MM/YYYY'), day: (d: string) => formatDay(d, 'DD/MM/YYYY') }
const nimal = (extra: Partial<AppointmentView>) =>
  appointment({
    scheduleSessionId: 1,
    patientId: 1,
    patientName: 'Nimal Perera',
    clinicNumber: 'C-001',
    date: '2026-03-11',
    startTime: '06:00',
    endTime: '10:00',
    bedCode: 'BED-A1',
    ...extra,
  })

describe('a changed weekly schedule in words', () => {
  const none: StandingChange = { slots: [], moved: [], cancelled: [], placed: [], conflicts: [] }

  it('says when nothing had to change', () => {
    expect(describeStandingChange(none, w)).toEqual({
      summary: expect.stringMatching(/^Saved\. No booking had to change/),
      sections: [],
    })
  })

  it('counts and lists what was booked, moved, cancelled and left to decide', () => {
    const out = describeStandingChange(
      {
        ...none,
        placed: [nimal({}), nimal({ date: '2026-03-13' })],
        moved: [nimal({ date: '2026-03-18', startTime: '10:30', endTime: '14:30', bedCode: 'BED-A2' })],
        cancelled: [
          nimal({
            date: '2026-03-20',
            status: 'cancelled',
            cancelReason: 'Standing schedule changed; no longer on this day',
          }),
        ],
        conflicts: [
          {
            id: 1,
            kind: 'standing_unplaced',
            patientId: 1,
            patientName: 'Nimal Perera',
            clinicNumber: 'C-001',
            date: '2026-03-25',
            reason: 'No free bed the rules allow in the Wed 06:00 session',
            standingSlotId: 1,
            appointmentId: null,
            scheduleSessionId: 3,
            createdAt: '',
          },
        ],
      },
      w,
    )
    expect(out.summary).toBe(
      'Saved: 2 sessions booked, 1 booking moved, 1 booking cancelled, 1 to decide on the Board.',
    )
    expect(out.sections.map((s) => [s.title, s.lines])).toEqual([
      ['Booked', ['Wed 11/03/2026 06:00–10:00 on BED-A1', 'Fri 13/03/2026 06:00–10:00 on BED-A1']],
      ['Moved to the new pattern', ['Now Wed 18/03/2026 10:30–14:30 on BED-A2']],
      [
        'Cancelled: let the patient know',
        ['Fri 20/03/2026 06:00–10:00 (Standing schedule changed; no longer on this day)'],
      ],
      [
        'Could not be booked: see “To decide” on the Board',
        ['Wed 25/03/2026: No free bed the rules allow in the Wed 06:00 session'],
      ],
    ])
  })

  it('writes a booking without a bed and a slot with its dates', () => {
    expect(bookingLine({ date: '2026-03-11', startTime: '06:00', endTime: '10:00', bedCode: null }, w)).toBe(
      'Wed 11/03/2026 06:00–10:00, no bed yet',
    )
    const slot = {
      id: 1,
      patientId: 1,
      weekday: 'Wed' as const,
      templateId: 2,
      startTime: '06:00',
      endTime: '10:00',
      label: '',
      bedId: null,
      bedCode: null,
      validFrom: '2026-04-01',
      validUntil: '2026-04-30',
    }
    expect(slotLine(slot, w, '2026-03-10')).toBe(
      'Wednesday 06:00–10:00, any free bed, from 01/04/2026, until 30/04/2026',
    )
    expect(slotLine({ ...slot, bedCode: 'BED-A1', validUntil: null }, w, '2026-04-02')).toBe(
      'Wednesday 06:00–10:00 on BED-A1',
    )
  })
})

describe('a generation run in words', () => {
  it('says how many weekly places were booked and how many could not be', () => {
    const r = { from: '2026-03-09', to: '2026-04-05', created: 24, sessionBeds: 72, standingBooked: 12, conflicts: 0 }
    expect(describeGeneration(r, w)).toBe(
      'Created 24 dated sessions from 09/03/2026 to 05/04/2026. Booked 12 weekly places for standing patients.',
    )
    expect(describeGeneration({ ...r, created: 0, standingBooked: 0, conflicts: 1 }, w)).toBe(
      'Created 0 dated sessions from 09/03/2026 to 05/04/2026. 1 weekly place could not be booked: see “To decide” on the Board.',
    )
  })
})

describe('a cancelled session rebooked, in words', () => {
  it('lists who went where, the warnings and who is still to place', () => {
    const out = describeRebooking(
      {
        rebooked: [
          {
            appointment: nimal({ startTime: '10:30', endTime: '14:30', bedCode: 'BED-A3' }),
            warnings: ['3 days since the treatment before.'],
          },
        ],
        unplaced: [nimal({ patientName: 'Kamala Devi', clinicNumber: 'C-002' })],
        later: [],
      },
      w,
    )
    expect(out.summary).toBe('Rebooked 1 patient; 1 still to place.')
    expect(out.sections.map((s) => s.lines)).toEqual([
      ['Nimal Perera (C-001): Wed 11/03/2026 10:30–14:30 on BED-A3'],
      ['Nimal Perera: 3 days since the treatment before.'],
      ['Kamala Devi (C-002)'],
    ])
    expect(describeRebooking({ rebooked: [], unplaced: [], later: [] }, w).summary).toMatch(/nobody left to rebook/)
    const later = describeRebooking(
      { rebooked: [], unplaced: [], later: [nimal({ patientName: 'Saman Silva', clinicNumber: 'C-003' })] },
      w,
    )
    expect(later.summary).toBe('Rebooked 0 patients; 1 still to place.')
    expect(later.sections).toEqual([
      { title: 'Left for later, under “To decide” on the Board', lines: ['Saman Silva (C-003)'] },
    ])
  })
})

describe('a bed taken out of service, in words', () => {
  const outage = {
    id: 1,
    bedId: 1,
    bedCode: 'BED-A1',
    from: '2026-03-09',
    until: '2026-03-15',
    reason: 'Pump broken',
    ended: false,
  }

  it('says who moved where and who still needs a bed', () => {
    const out = describeOutage(
      {
        outage,
        moved: [nimal({ bedCode: 'BED-A2' })],
        displaced: [nimal({ patientName: 'Kamala Devi', clinicNumber: 'C-002', date: '2026-03-13' })],
      },
      w,
    )
    expect(out.summary).toBe(
      'BED-A1 is out of service from 09/03/2026 to 15/03/2026. Moved 1 patient to other beds. 1 booking had no free bed: cancelled and listed under “To decide” on the Board.',
    )
    expect(out.sections.map((s) => s.lines)).toEqual([
      ['Nimal Perera: Wed 11/03/2026 06:00–10:00 on BED-A2'],
      ['Kamala Devi (C-002): Fri 13/03/2026 06:00–10:00'],
    ])
  })

  it('says so when nobody was booked on the bed', () => {
    expect(describeOutage({ outage, moved: [], displaced: [] }, w)).toEqual({
      summary: 'BED-A1 is out of service from 09/03/2026 to 15/03/2026. Nobody was booked on it in that time.',
      sections: [],
    })
  })
})

describe('a conflict in words', () => {
  it('names its kind only when its reason does not already', () => {
    expect(conflictKindUnlessSaid({ kind: 'session_cancelled', reason: 'Session cancelled: Power cut' })).toBeNull()
    expect(
      conflictKindUnlessSaid({ kind: 'session_cancelled', reason: 'The Fri 06:00 session is cancelled (Power cut)' }),
    ).toBe('Session cancelled')
    expect(
      conflictKindUnlessSaid({
        kind: 'standing_unplaced',
        reason: 'No free bed the rules allow in the Wed 06:00 session',
      }),
    ).toBe('Weekly place not booked')
  })
})
