/**
 * A SHA-256 of a database's logical content: its data version, its schema
 * (tables, indexes, triggers) and every row of every table in rowid order,
 * each value tagged with its SQLite type. It does not depend on how pages are
 * laid out in the file, so it survives VACUUM and copying, and any change to
 * a row, a value's type or the schema changes it. The backup record itself
 * (`backup_info`) is left out.
 *
 * It was the checksum of the first backups (recorded in backup_info as
 * content_sha256, before the checksum moved to a line at the end of the file:
 * see trailer.ts). The desk still verifies it in such a backup, so copies
 * made before the change stay restorable, but makes no new ones: every row
 * through JavaScript costs several times a read of the file. The tests use it
 * as a fingerprint of a database's rows.
 */
import type { Database } from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { BACKUP_INFO_TABLE } from './backup-info.js'

export const HASH_METHOD = 'desk-content-sha256-v1'

export interface ContentHash {
  sha256: string
  /** Rows per table (the backup record excluded). */
  rowCounts: Record<string, number>
}

export function contentHash(db: Database, progress?: (fraction: number) => void): ContentHash {
  const hash = createHash('sha256')
  hash.update(`${HASH_METHOD}\n`)
  hash.update(`user_version=${db.pragma('user_version', { simple: true }) as number}\n`)
  hash.update(`application_id=${db.pragma('application_id', { simple: true }) as number}\n`)
  const schema = db
    .prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE tbl_name <> ? ORDER BY type, name')
    .raw(true)
    .all(BACKUP_INFO_TABLE) as unknown[][]
  for (const row of schema) hash.update(encodeRow(row))

  const tables = (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name <> ? ORDER BY name")
      .all(BACKUP_INFO_TABLE) as { name: string }[]
  ).map((t) => t.name)
  const total = tables.reduce(
    (n, t) => n + (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n,
    0,
  )
  const rowCounts: Record<string, number> = {}
  let done = 0
  for (const table of tables) {
    hash.update(`table ${table}\n`)
    let rows = 0
    const stmt = db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).raw(true).safeIntegers(true)
    for (const row of stmt.iterate() as IterableIterator<unknown[]>) {
      hash.update(encodeRow(row))
      rows++
      if (progress && ++done % 20_000 === 0) progress(done / total)
    }
    rowCounts[table] = rows
  }
  progress?.(1)
  return { sha256: hash.digest('hex'), rowCounts }
}

/** One row as text that tells every SQLite type apart: NULL, integer, real, text and blob. */
function encodeRow(values: unknown[]): string {
  let out = ''
  for (const v of values) {
    if (v === null) out += 'N|'
    else if (typeof v === 'bigint') out += `I${v}|`
    else if (typeof v === 'number') out += `R${realBits(v)}|`
    else if (typeof v === 'string') out += `T${v.length}:${v}|`
    else if (Buffer.isBuffer(v)) out += `B${v.length}:${v.toString('hex')}|`
    // SQLite hands back no other type; the line stays as backups already hashed were written.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- see above
    else out += `?${String(v)}|`
  }
  return `${out}\n`
}

const realBuffer = Buffer.alloc(8)
function realBits(v: number): string {
  realBuffer.writeDoubleBE(v)
  return realBuffer.toString('hex')
}
