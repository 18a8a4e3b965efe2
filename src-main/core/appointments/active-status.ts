import { sql, type SqlBool } from 'kysely'

/**
 * `status IN ('scheduled', 'checked_in', 'completed')` with the values written
 * into the SQL: SQLite can use the partial unique indexes (which carry that same
 * condition) only when it sees the values, not when they are bound parameters.
 */
export function holdsPlace(column: 'status' | 'a.status') {
  return sql<SqlBool>`${sql.ref(column)} IN ('scheduled', 'checked_in', 'completed')`
}
