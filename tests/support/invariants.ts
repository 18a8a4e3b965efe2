/**
 * The scheduling invariants, checked with raw SQL straight against the tables
 * (not through the code under test). Answers a sentence per violation found.
 */
import type Database from 'better-sqlite3'

const ACTIVE = `('scheduled', 'checked_in', 'completed')`

/** Prepared once per connection: the property test checks after every one of thousands of steps. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/** `now`: the clinic's wall clock, to tell sessions that have not ended from those that have. */
export function invariantViolations(db: Database.Database, now: { date: string; time: string }): string[] {
  const out: string[] = []
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map<string, Database.Statement>()))
  const rows = (sql: string, ...params: unknown[]) => {
    let stmt = cache.get(sql)
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)))
    return stmt.all(...params) as Record<string, unknown>[]
  }
  const report = (what: string, found: Record<string, unknown>[]) => {
    if (found.length > 0) out.push(`${what}: ${JSON.stringify(found.slice(0, 5))}`)
  }

  report(
    'a bed holds two active appointments in one session',
    rows(`SELECT schedule_session_id, bed_id, count(*) AS n FROM appointments
          WHERE bed_id IS NOT NULL AND status IN ${ACTIVE} GROUP BY schedule_session_id, bed_id HAVING n > 1`),
  )
  report(
    'a patient is active twice in one session',
    rows(`SELECT schedule_session_id, patient_id, count(*) AS n FROM appointments
          WHERE status IN ${ACTIVE} GROUP BY schedule_session_id, patient_id HAVING n > 1`),
  )
  report(
    'a session holds more active appointments than its capacity',
    rows(`SELECT ss.id, ss.available_beds,
            (SELECT count(*) FROM session_beds sb WHERE sb.schedule_session_id = ss.id AND sb.status <> 'blocked') AS open_beds,
            (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ${ACTIVE}) AS booked
          FROM schedule_sessions ss WHERE booked > min(ss.available_beds, open_beds)`),
  )
  report(
    'a cancelled session holds an active appointment',
    rows(`SELECT a.id, a.schedule_session_id FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
          WHERE ss.status = 'cancelled' AND a.status IN ${ACTIVE}`),
  )
  report(
    'a blocked session bed holds an active appointment',
    rows(`SELECT a.id, sb.schedule_session_id, sb.bed_id FROM session_beds sb
          JOIN appointments a ON a.schedule_session_id = sb.schedule_session_id AND a.bed_id = sb.bed_id
          WHERE sb.status = 'blocked' AND a.status IN ${ACTIVE}`),
  )
  report(
    'a bed out of service or retired holds an active appointment in a session that has not ended',
    rows(
      `SELECT a.id, b.code, ss.session_date, ss.end_time FROM appointments a
       JOIN beds b ON b.id = a.bed_id JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE (b.in_service = 0 OR b.active = 0) AND a.status IN ${ACTIVE}
         AND (ss.session_date > ? OR (ss.session_date = ? AND ss.end_time > ?))`,
      now.date,
      now.date,
      now.time,
    ),
  )
  report(
    'a bed out of service is not blocked in a session that has not ended',
    rows(
      `SELECT sb.id, b.code, ss.session_date FROM session_beds sb
       JOIN beds b ON b.id = sb.bed_id JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id
       WHERE b.in_service = 0 AND sb.status <> 'blocked' AND ss.status = 'scheduled'
         AND (ss.session_date > ? OR (ss.session_date = ? AND ss.end_time > ?))`,
      now.date,
      now.date,
      now.time,
    ),
  )
  report(
    "session_beds.status is 'reserved' other than exactly when an active appointment holds the bed",
    rows(`SELECT sb.id, sb.status, EXISTS (SELECT 1 FROM appointments a WHERE a.schedule_session_id = sb.schedule_session_id
            AND a.bed_id = sb.bed_id AND a.status IN ${ACTIVE}) AS held
          FROM session_beds sb WHERE (sb.status = 'reserved') <> held`),
  )
  report(
    'two sessions of one day overlap (they share the beds)',
    rows(`SELECT a.id AS a, b.id AS b, a.session_date FROM schedule_sessions a JOIN schedule_sessions b
          ON b.session_date = a.session_date AND b.id > a.id AND b.status = 'scheduled'
          WHERE a.status = 'scheduled' AND a.start_time < b.end_time AND b.start_time < a.end_time`),
  )
  report(
    'an appointment is on a bed not mapped into its session',
    rows(`SELECT a.id FROM appointments a WHERE a.bed_id IS NOT NULL AND NOT EXISTS
          (SELECT 1 FROM session_beds sb WHERE sb.schedule_session_id = a.schedule_session_id AND sb.bed_id = a.bed_id)`),
  )
  return out
}
