import type { Database } from 'better-sqlite3'

/** One numbered step of the schema. Frozen once landed: later changes are new migrations. */
export interface Migration {
  version: number
  name: string
  up: (db: Database) => void
}
