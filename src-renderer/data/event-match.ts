/**
 * Whether a change the desk announced concerns what a screen shows. Screens
 * re-read only then, so one booking does not make every open screen reload.
 */
import type { DeskEvent, DeskTable } from '../../src-shared/events'

export interface Watch {
  /** The tables the screen's data comes from. */
  tables: readonly DeskTable[]
  /** The session dates the screen shows, both ends included; absent when the screen is not about dates. */
  dates?: { from: string; to: string }
}

export function eventTouches(event: DeskEvent, watch: Watch): boolean {
  // Changes from outside this desk, or a restored database, say nothing about what changed: re-read.
  if (event.kind !== 'change') return true
  if (!event.tables.some((t) => watch.tables.includes(t))) return false
  // A change not tied to dates (a bed renamed, a template edited) may show on any day.
  if (!watch.dates || event.dates.length === 0) return true
  const { from, to } = watch.dates
  return event.dates.some((d) => d >= from && d <= to)
}
