/**
 * The record a backup carries inside itself: a `backup_info` table of plain
 * key/value text, so that `sqlite3 backup.sqlite "SELECT * FROM backup_info"`
 * (or any SQLite tool) shows when it was made, by which version, of which
 * clinic, how many rows, and the SHA-256 of its content.
 */
import type { Database } from 'better-sqlite3'
import { BACKUP_INFO_TABLE } from './content-hash.js'

export type BackupSource = 'export' | 'automatic' | 'safety-copy'

export interface BackupInfo {
  format: 'dialysis-desk-backup'
  appVersion: string
  schemaVersion: number
  /** ISO 8601, UTC. */
  madeAt: string
  /** The computer's name, to tell the copies of two reception PCs apart. */
  madeOn: string
  source: BackupSource
  clinicName: string | null
  rowCounts: Record<string, number>
  contentSha256: string
  hashMethod: string
}

const KEYS = {
  format: 'format',
  appVersion: 'app_version',
  schemaVersion: 'schema_version',
  madeAt: 'made_at',
  madeOn: 'made_on',
  source: 'source',
  clinicName: 'clinic_name',
  rowCounts: 'row_counts',
  contentSha256: 'content_sha256',
  hashMethod: 'hash_method',
} as const satisfies Record<keyof BackupInfo, string>

export function writeBackupInfo(db: Database, info: BackupInfo): void {
  db.transaction(() => {
    db.exec(`CREATE TABLE ${BACKUP_INFO_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`)
    const insert = db.prepare(`INSERT INTO ${BACKUP_INFO_TABLE} (key, value) VALUES (?, ?)`)
    insert.run(KEYS.format, info.format)
    insert.run(KEYS.appVersion, info.appVersion)
    insert.run(KEYS.schemaVersion, String(info.schemaVersion))
    insert.run(KEYS.madeAt, info.madeAt)
    insert.run(KEYS.madeOn, info.madeOn)
    insert.run(KEYS.source, info.source)
    insert.run(KEYS.clinicName, info.clinicName ?? '')
    insert.run(KEYS.rowCounts, JSON.stringify(info.rowCounts))
    insert.run(KEYS.contentSha256, info.contentSha256)
    insert.run(KEYS.hashMethod, info.hashMethod)
  })()
}

export type ReadInfo = { kind: 'absent' } | { kind: 'malformed'; reason: string } | { kind: 'present'; info: BackupInfo }

/** Reads the record; a file without one is a plain copy of a desk database, not a backup the desk made. */
export function readBackupInfo(db: Database): ReadInfo {
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(BACKUP_INFO_TABLE)
  if (!exists) return { kind: 'absent' }
  let rows: { key: unknown; value: unknown }[]
  try {
    rows = db.prepare(`SELECT key, value FROM ${BACKUP_INFO_TABLE}`).all() as { key: unknown; value: unknown }[]
  } catch (e) {
    return { kind: 'malformed', reason: e instanceof Error ? e.message : String(e) }
  }
  const values = new Map<string, string>()
  for (const r of rows) if (typeof r.key === 'string' && typeof r.value === 'string') values.set(r.key, r.value)
  const missing = Object.values(KEYS).filter((k) => !values.has(k))
  if (missing.length > 0) return { kind: 'malformed', reason: `${missing.join(', ')} missing` }
  const get = (k: keyof typeof KEYS) => values.get(KEYS[k])!
  const schemaVersion = Number(get('schemaVersion'))
  let rowCounts: unknown
  try {
    rowCounts = JSON.parse(get('rowCounts'))
  } catch {
    return { kind: 'malformed', reason: 'row_counts is not readable' }
  }
  if (get('format') !== 'dialysis-desk-backup') return { kind: 'malformed', reason: `unknown format "${get('format').slice(0, 40)}"` }
  if (!Number.isInteger(schemaVersion) || !isCounts(rowCounts)) return { kind: 'malformed', reason: 'schema_version or row_counts is not valid' }
  const source = get('source')
  return {
    kind: 'present',
    info: {
      format: 'dialysis-desk-backup',
      appVersion: get('appVersion'),
      schemaVersion,
      madeAt: get('madeAt'),
      madeOn: get('madeOn'),
      source: source === 'automatic' || source === 'safety-copy' ? source : 'export',
      clinicName: get('clinicName') || null,
      rowCounts,
      contentSha256: get('contentSha256'),
      hashMethod: get('hashMethod'),
    },
  }
}

function isCounts(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => Number.isInteger(n))
}
