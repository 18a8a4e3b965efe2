/** What counts as past and future on the clinic's wall clock. */
import { sql, type SqlBool } from 'kysely'
import { type Core, wallClock } from '../core.js'
import { DeskError } from '../desk-error.js'
import { showDate } from '../center/center.js'

/** A dated session is over once its end time has passed; a later change to it would rewrite history. */
export function sessionHasEnded(core: Core, s: { session_date: string; end_time: string }): boolean {
  const now = wallClock(core)
  return s.session_date < now.date || (s.session_date === now.date && s.end_time <= now.time)
}

export function assertNotEnded(core: Core, s: { session_date: string; end_time: string }, what: string): void {
  if (sessionHasEnded(core, s)) {
    throw new DeskError(
      'IN_THE_PAST',
      `${what}: that session is already over (${showDate(core, s.session_date)} until ${s.end_time}); the past cannot be changed.`,
      {
        date: s.session_date,
      },
    )
  }
}

/** SQL condition: the dated session (table or alias `alias`) has not ended yet. */
export function notEndedYet(core: Core, alias: 'schedule_sessions' | 'ss' = 'schedule_sessions') {
  const now = wallClock(core)
  const date = sql.ref(`${alias}.session_date`)
  const end = sql.ref(`${alias}.end_time`)
  return sql<SqlBool>`(${date} > ${now.date} OR (${date} = ${now.date} AND ${end} > ${now.time}))`
}
