/**
 * A patient's weekly pattern as standing.set takes it, built from the slots
 * the desk holds: the pattern of a date, and that pattern with one weekday's
 * place changed "from this date on" (a move on the Board that should last).
 */
import { WEEKDAYS, type Weekday, weekdayOf } from '../../src-shared/dates'
import type { StandingSlot } from '../../src-shared/model'

export interface SlotChoice {
  weekday: Weekday
  templateId: number
  bedId: number | null
}

/** What standing.set takes, without the patient and the staff member. */
export interface PatternChange {
  from: string
  until: string | null
  slots: SlotChoice[]
}

const byWeekday = <T extends { weekday: Weekday }>(a: T, b: T) =>
  WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday)

export function holdsOn(slot: Pick<StandingSlot, 'validFrom' | 'validUntil'>, date: string): boolean {
  return slot.validFrom <= date && (slot.validUntil === null || slot.validUntil >= date)
}

/** The slots that hold on a date, one per weekday, Monday first. */
export function patternOn(slots: readonly StandingSlot[], date: string): StandingSlot[] {
  return slots.filter((s) => holdsOn(s, date)).sort(byWeekday)
}

/**
 * The pattern an editor starts from: what holds on the date, or, when nothing
 * does yet (a pattern that starts later), the next pattern to begin.
 */
export function patternToEdit(slots: readonly StandingSlot[], date: string): StandingSlot[] {
  const now = patternOn(slots, date)
  if (now.length > 0) return now
  const next = slots
    .filter((s) => s.validFrom > date)
    .map((s) => s.validFrom)
    .sort()[0]
  return next === undefined ? [] : patternOn(slots, next)
}

/**
 * The patient's pattern from `date` on, with that date's weekday moved to
 * another session (and bed); the other weekdays stay as they are. An end date
 * the whole pattern shares is kept.
 */
export function fromThisDateOn(
  current: readonly StandingSlot[],
  date: string,
  place: { templateId: number; bedId: number | null },
): PatternChange {
  const weekday = weekdayOf(date)
  const holding = patternOn(current, date)
  const ends = new Set(holding.map((s) => s.validUntil))
  const until = ends.size === 1 ? ([...ends][0] ?? null) : null
  const slots: SlotChoice[] = holding
    .filter((s) => s.weekday !== weekday)
    .map((s) => ({ weekday: s.weekday, templateId: s.templateId, bedId: s.bedId }))
  slots.push({ weekday, templateId: place.templateId, bedId: place.bedId })
  return { from: date, until, slots: slots.sort(byWeekday) }
}
