/** Dates and times the way this clinic writes them (Setup → Center → date format). */
import { useMemo } from 'react'
import { localDateTime } from '../../src-shared/dates'
import { formatDate, formatDay, formatSession } from '../../src-shared/format'
import type { DateFormat } from '../../src-shared/model'
import { useCenter } from '../data/desk-context'

export interface DeskFormat {
  /** "13/01/2026" */
  date: (date: string) => string
  /** "Tue 13/01/2026" */
  day: (date: string) => string
  /** "Tue 13/01/2026 08:00-12:00" */
  session: (s: { date: string; startTime: string; endTime: string }) => string
  /** An ISO instant on this computer's clock: "13/01/2026 14:05" */
  instant: (iso: string) => string
  /** The dayjs pattern of the clinic's date format, for date pickers. */
  pattern: string
}

export function useFormat(): DeskFormat {
  const { dateFormat } = useCenter()
  return useMemo(() => deskFormat(dateFormat), [dateFormat])
}

/** The same, for a given date format (the welcome screen has no clinic, hence no format of its own yet). */
export function deskFormat(dateFormat: DateFormat): DeskFormat {
  return {
    date: (d) => formatDate(d, dateFormat),
    day: (d) => formatDay(d, dateFormat),
    session: (s) => formatSession(s, dateFormat),
    instant: (iso) => {
      const { date, time } = localDateTime(new Date(iso))
      return `${formatDate(date, dateFormat)} ${time}`
    },
    pattern: dateFormat,
  }
}

/** Today on this computer's wall clock, as the core counts it. */
export function todayLocal(): string {
  return localDateTime(new Date()).date
}
