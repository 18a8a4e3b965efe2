/**
 * A full picture of the database, to prove that a refused request changed
 * nothing: every row of every table (in rowid order) and the schema version.
 */
import type Database from 'better-sqlite3'

export interface DatabaseDump {
  userVersion: number
  tables: Record<string, unknown[]>
}

export function tableNames(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
  ).map((r) => r.name)
}

export function dumpDatabase(db: Database.Database): DatabaseDump {
  const tables: Record<string, unknown[]> = {}
  for (const name of tableNames(db)) tables[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
  return { userVersion: db.pragma('user_version', { simple: true }) as number, tables }
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n
}
