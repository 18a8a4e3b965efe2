/**
 * The core: the clinic's database, a clock and the change bus. It knows no
 * window and no network (practices #1): Electron, the browser host, the
 * command-line tools and the tests all drive the same core.
 */
import type { Database } from 'better-sqlite3'
import { localDateTime } from '../../src-shared/dates.js'
import type { DeskEvent } from '../../src-shared/events.js'
import { Sql } from '../db/query.js'

/** Where "now" comes from: injected so that "today" and "in the past" are testable. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock that stays where it is put: for tests and the demo generator. */
export class FixedClock implements Clock {
  constructor(private at: Date) {}
  now(): Date {
    return new Date(this.at)
  }
  set(at: Date): void {
    this.at = new Date(at)
  }
  /** Sets the wall clock to a local date and time. */
  setLocal(date: string, time = '08:00'): void {
    this.at = new Date(`${date}T${time}:00`)
  }
}

export type Listener = (event: DeskEvent) => void

export class ChangeBus {
  private readonly listeners = new Set<Listener>()

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: DeskEvent): void {
    for (const l of this.listeners) {
      try {
        l(event)
      } catch {
        // A screen that fails to hear a change must not undo the change or silence the others.
      }
    }
  }
}

export interface Core {
  readonly sql: Sql
  readonly clock: Clock
  readonly events: ChangeBus
}

export function createCore(db: Database, clock: Clock = systemClock): Core {
  return { sql: new Sql(db), clock, events: new ChangeBus() }
}

/** Today's date and the time of day on the clinic's wall clock. */
export function wallClock(core: Core): { date: string; time: string; iso: string } {
  const now = core.clock.now()
  return { ...localDateTime(now), iso: now.toISOString() }
}

export function today(core: Core): string {
  return localDateTime(core.clock.now()).date
}
