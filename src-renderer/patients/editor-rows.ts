/**
 * The standing schedule editor's rows: one per weekday, on or off, with the
 * session (from that weekday's weekly sessions) and an optional preferred bed.
 */
import { shiftOf, WEEKDAYS, type Weekday } from '../../src-shared/dates'
import type { PreferredShift, SessionTemplate, StandingSlot } from '../../src-shared/model'
import type { SlotChoice } from '../standing/from-this-date-on'

export interface Row {
  on: boolean
  templateId: number | null
  /** Null: any free bed the rules allow. */
  bedId: number | null
}

export type Rows = Record<Weekday, Row>

export function templatesOn(templates: readonly SessionTemplate[], weekday: Weekday): SessionTemplate[] {
  return templates
    .filter((t) => t.active && t.weekday === weekday)
    .sort((a, b) => a.startTime.localeCompare(b.startTime))
}

/** The weekday's session in the patient's preferred shift, else its first. */
export function defaultTemplate(
  templates: readonly SessionTemplate[],
  weekday: Weekday,
  preferred: PreferredShift,
): number | null {
  const day = templatesOn(templates, weekday)
  return (day.find((t) => preferred !== 'any' && shiftOf(t.startTime) === preferred) ?? day[0])?.id ?? null
}

/** Rows from the pattern being edited; weekdays off it start with the session a new place would take. */
export function initialRows(
  pattern: readonly StandingSlot[],
  templates: readonly SessionTemplate[],
  preferred: PreferredShift,
): Rows {
  const rows = {} as Rows
  for (const weekday of WEEKDAYS) {
    const slot = pattern.find((s) => s.weekday === weekday)
    rows[weekday] = slot
      ? { on: true, templateId: slot.templateId, bedId: slot.bedId }
      : { on: false, templateId: defaultTemplate(templates, weekday, preferred), bedId: null }
  }
  return rows
}

/** What standing.set takes: the weekdays that are on and have a session, Monday first. */
export function slotsOf(rows: Rows): SlotChoice[] {
  return WEEKDAYS.flatMap((weekday) => {
    const r = rows[weekday]
    return r.on && r.templateId !== null ? [{ weekday, templateId: r.templateId, bedId: r.bedId }] : []
  })
}
