/**
 * Migration 3: dates must be real calendar dates, also for month 13 or day 32.
 * Frozen: never edit after it has landed; add a new migration instead.
 *
 * Migration 1's CHECK compares date(x) = x. For '2025-02-30' date() answers
 * '2025-03-02' and the check fails as it should; but for '2025-13-01' or
 * '2025-01-32' date() answers NULL, the comparison is NULL, and SQLite lets a
 * CHECK that is NULL pass. A CHECK cannot be changed without rebuilding the
 * table, so these triggers close the gap with IS NOT, which is never NULL.
 */
import type { Migration } from './migration.js'

const notARealDate = (col: string) => `date(${col}) IS NOT ${col}`

export const migration003: Migration = {
  version: 3,
  name: 'real-dates',
  up: (db) => {
    db.exec(`
  CREATE TRIGGER schedule_sessions_real_date_insert BEFORE INSERT ON schedule_sessions
    WHEN ${notARealDate('NEW.session_date')}
    BEGIN SELECT RAISE(ABORT, 'DESK:VALIDATION the session date is not a real calendar date'); END;
  CREATE TRIGGER schedule_sessions_real_date_update BEFORE UPDATE OF session_date ON schedule_sessions
    WHEN ${notARealDate('NEW.session_date')}
    BEGIN SELECT RAISE(ABORT, 'DESK:VALIDATION the session date is not a real calendar date'); END;
  CREATE TRIGGER audit_log_real_date BEFORE INSERT ON audit_log
    WHEN NEW.session_date IS NOT NULL AND ${notARealDate('NEW.session_date')}
    BEGIN SELECT RAISE(ABORT, 'DESK:VALIDATION the audit date is not a real calendar date'); END;
`)
  },
}
