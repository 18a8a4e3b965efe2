/** Showing dates and times the way the clinic writes them. Used by screens, printouts and messages. */
import type { DateFormat } from './model.js'
import { weekdayOf } from './dates.js'

export function formatDate(date: string, format: DateFormat): string {
  const [y, m, d] = date.split('-')
  switch (format) {
    case 'DD/MM/YYYY':
      return `${d}/${m}/${y}`
    case 'MM/DD/YYYY':
      return `${m}/${d}/${y}`
    case 'YYYY-MM-DD':
      return date
  }
}

/** "Mon 12/01/2026" */
export function formatDay(date: string, format: DateFormat): string {
  return `${weekdayOf(date)} ${formatDate(date, format)}`
}

/** "Mon 12/01/2026 06:00-10:00" */
export function formatSession(s: { date: string; startTime: string; endTime: string }, format: DateFormat): string {
  return `${formatDay(s.date, format)} ${s.startTime}-${s.endTime}`
}
