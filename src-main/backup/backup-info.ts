/**
 * The record a backup carries inside itself: a `backup_info` table of plain
 * key/value text, so that `sqlite3 backup.sqlite "SELECT * FROM backup_info"`
 * (or any SQLite tool) shows when it was made, by which version, on which
 * computer, of which clinic, how many rows, and where its checksum is (the
 * line at the end of the file: see trailer.ts). The checksum itself cannot be
 * inside the bytes it covers, so the record only says where it is.
 */
import type { Database } from 'better-sqlite3'

export const BACKUP_INFO_TABLE = 'backup_info'

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
  /** Where the checksum is and how it is made: TRAILER_DESCRIPTION for every backup this version makes. */
  checksum: string
  /**
   * Only in backups made before the checksum moved to the end of the file
   * (no `checksum` key; `hash_method` and `content_sha256` instead): the
   * SHA-256 of the rows as content-hash.ts computes it.
   */
  legacyContentSha256?: string
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
} as const

const CHECKSUM_KEY = 'checksum'
const LEGACY_METHOD_KEY = 'hash_method'
const LEGACY_HASH_KEY = 'content_sha256'

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
    insert.run(CHECKSUM_KEY, info.checksum)
  })()
}

/** Rows per table, as a record counts them: SQLite's own bookkeeping tables and the record itself left out. */
export function tableCounts(db: Database): Record<string, number> {
  const tables = (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ? ORDER BY name",
      )
      .all(BACKUP_INFO_TABLE) as {
      name: string
    }[]
  ).map((t) => t.name)
  const counts: Record<string, number> = {}
  for (const t of tables)
    counts[t] = (db.prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`).get() as { n: number }).n
  return counts
}

export type ReadInfo =
  { kind: 'absent' } | { kind: 'malformed'; reason: string } | { kind: 'present'; info: BackupInfo }

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
  const legacy = !values.has(CHECKSUM_KEY) && values.has(LEGACY_METHOD_KEY) && values.has(LEGACY_HASH_KEY)
  const missing = [...Object.values(KEYS), ...(legacy ? [] : [CHECKSUM_KEY])].filter((k) => !values.has(k))
  if (missing.length > 0) return { kind: 'malformed', reason: `${missing.join(', ')} missing` }
  const get = (k: keyof typeof KEYS) => values.get(KEYS[k])!
  const schemaVersion = Number(get('schemaVersion'))
  let rowCounts: unknown
  try {
    rowCounts = JSON.parse(get('rowCounts'))
  } catch {
    return { kind: 'malformed', reason: 'row_counts is not readable' }
  }
  if (get('format') !== 'dialysis-desk-backup')
    return { kind: 'malformed', reason: `unknown format "${get('format').slice(0, 40)}"` }
  if (!Number.isInteger(schemaVersion) || !isCounts(rowCounts))
    return { kind: 'malformed', reason: 'schema_version or row_counts is not valid' }
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
      checksum: legacy ? values.get(LEGACY_METHOD_KEY)! : values.get(CHECKSUM_KEY)!,
      ...(legacy ? { legacyContentSha256: values.get(LEGACY_HASH_KEY)! } : {}),
    },
  }
}

function isCounts(v: unknown): v is Record<string, number> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((n) => Number.isInteger(n))
}
