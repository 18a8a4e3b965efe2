import { describe, expect, it } from 'vitest'
import { defaultTemplate, initialRows, slotsOf } from '../../src-renderer/patients/editor-rows'
import type { SessionTemplate, StandingSlot } from '../../src-shared/model'

function template(id: number, weekday: SessionTemplate['weekday'], startTime: string, active = true): SessionTemplate {
  return {
    id,
    weekday,
    startTime,
    endTime: '23:00',
    defaultCapacity: 4,
    doctorId: null,
    doctorName: null,
    label: '',
    active,
  }
}

const templates = [
  template(1, 'Mon', '10:30'),
  template(2, 'Mon', '06:00'),
  template(3, 'Mon', '15:00'),
  template(4, 'Wed', '15:00'),
  template(5, 'Fri', '06:00', false),
]

describe('the standing schedule editor', () => {
  it("offers each weekday's session in the preferred shift, else the earliest running one", () => {
    expect(defaultTemplate(templates, 'Mon', 'morning')).toBe(2)
    expect(defaultTemplate(templates, 'Mon', 'evening')).toBe(3)
    expect(defaultTemplate(templates, 'Mon', 'any')).toBe(2)
    expect(defaultTemplate(templates, 'Wed', 'morning')).toBe(4)
    // A stopped weekly session is no choice; a day without sessions has none.
    expect(defaultTemplate(templates, 'Fri', 'morning')).toBeNull()
    expect(defaultTemplate(templates, 'Sun', 'any')).toBeNull()
  })

  it('starts from the current pattern and gives back exactly the weekdays that are on', () => {
    const slot: StandingSlot = {
      id: 9,
      patientId: 1,
      weekday: 'Wed',
      templateId: 4,
      startTime: '15:00',
      endTime: '23:00',
      label: '',
      bedId: 7,
      bedCode: 'BED-7',
      validFrom: '2026-01-01',
      validUntil: null,
    }
    const rows = initialRows([slot], templates, 'morning')
    expect(rows.Wed).toEqual({ on: true, templateId: 4, bedId: 7 })
    expect(rows.Mon).toEqual({ on: false, templateId: 2, bedId: null })
    expect(slotsOf(rows)).toEqual([{ weekday: 'Wed', templateId: 4, bedId: 7 }])
    rows.Mon = { ...rows.Mon, on: true }
    // A weekday switched on without any session to choose is left out, not sent half-filled.
    rows.Sun = { on: true, templateId: null, bedId: null }
    expect(slotsOf(rows)).toEqual([
      { weekday: 'Mon', templateId: 2, bedId: null },
      { weekday: 'Wed', templateId: 4, bedId: 7 },
    ])
  })
})
