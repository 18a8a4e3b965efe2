/**
 * Calendar dates (YYYY-MM-DD) and clock times (HH:MM) as plain strings.
 * A clinic's day is a local calendar day, so dates never carry a time zone:
 * arithmetic is done in UTC on purpose, where no day has 23 or 25 hours.
 */

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isValidDate(value: string): boolean {
  const m = DATE_RE.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

/** True for a time of day written HH:MM, 00:00 to 23:59. */
export function isValidTime(value: string): boolean {
  return TIME_RE.test(value)
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`)
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date)
  d.setUTCDate(d.getUTCDate() + days)
  return fromUtc(d)
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000)
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 = Sunday
  const day = toUtc(date).getUTCDay()
  return WEEKDAYS[(day + 6) % 7] as Weekday
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d)
  return out
}

/** Monday of the week holding `date`. */
export function startOfWeek(date: string): string {
  return addDays(date, -WEEKDAYS.indexOf(weekdayOf(date)))
}

/** Minutes since midnight of an HH:MM time. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
}

/** The local calendar date and HH:MM time of an instant, as the clinic's wall clock shows it. */
export function localDateTime(at: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0')
  return {
    date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`,
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  }
}

/**
 * The shift a session belongs to, from its start time: a unit's day runs from
 * about 06:00 (morning), through a shift starting mid-morning to early
 * afternoon, to one starting from about 15:00 (evening).
 */
export function shiftOf(startTime: string): 'morning' | 'afternoon' | 'evening' {
  const m = minutesOf(startTime)
  if (m < 10 * 60) return 'morning'
  if (m < 14 * 60 + 45) return 'afternoon'
  return 'evening'
}
