/** Dated sessions as calendar events, and the dates a calendar view needs. */
import { addDays } from '../../src-shared/dates'
import type { ScheduleSession } from '../../src-shared/model'

export type CalendarView = 'month' | 'week' | 'day'

export interface SessionEvent {
  id: number
  title: string
  start: Date
  end: Date
  session: ScheduleSession
}

/** A local wall-clock instant from a clinic date and time. */
export function localInstant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00`)
}

export function sessionTitle(s: ScheduleSession): string {
  const places = s.status === 'cancelled' ? 'cancelled' : `${s.free}/${s.capacity} free`
  return `${s.startTime}–${s.endTime} · ${places}${s.label ? ` · ${s.label}` : ''}`
}

export function toEvents(sessions: ScheduleSession[]): SessionEvent[] {
  return sessions.map((s) => ({
    id: s.id,
    title: sessionTitle(s),
    start: localInstant(s.date, s.startTime),
    end: localInstant(s.date, s.endTime),
    session: s,
  }))
}

/** The dates to read for a view around `date`: generous, so the weeks a month view shows from its neighbours are filled too. */
export function rangeFor(view: CalendarView, date: string): { from: string; to: string } {
  if (view === 'day') return { from: date, to: date }
  if (view === 'week') return { from: addDays(date, -7), to: addDays(date, 7) }
  const first = `${date.slice(0, 8)}01`
  return { from: addDays(first, -7), to: addDays(first, 42) }
}

export function eventLook(s: ScheduleSession): 'cancelled' | 'full' | 'open' {
  if (s.status === 'cancelled') return 'cancelled'
  return s.free === 0 ? 'full' : 'open'
}
