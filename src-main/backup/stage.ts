/**
 * Checking a backup on a staged copy: the chosen file is copied (with any
 * journal SQLite left beside it) into a staging folder and judged there, so
 * nothing is ever written to or beside the file itself. In order: can it be
 * read, is it SQLite, is it ours, is it whole, does SQLite's integrity check
 * pass, do its records refer to records that exist, does its content match
 * the checksum recorded when it was made, is its data version one this desk
 * knows. An older data version is then brought up to date on the copy, and
 * the copy is what a restore swaps in.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { BackupSummary } from '../../src-shared/backup-model.js'
import { LATEST_SCHEMA_VERSION, migrations } from '../db/migrations/index.js'
import { fsyncFile, migrate } from '../db/open-database.js'
import { readBackupInfo } from './backup-info.js'
import { backupProblem, integrityFindings } from './backup-problem.js'
import { BACKUP_INFO_TABLE, contentHash, HASH_METHOD } from './content-hash.js'
import { checkBackupFile, readFailure } from './file-checks.js'
import type { Progress } from './snapshot.js'

export interface StageOptions {
  progress?: Progress
  nativeBinding?: string
}

export interface Staged {
  /** The checked copy, at the current data version, in rollback-journal mode with nothing beside it. */
  file: string
  summary: BackupSummary
}

/** Copies `file` into `stagingFolder` and checks it there; throws a refusal naming what is wrong. */
export function stageBackup(file: string, stagingFolder: string, options: StageOptions = {}): Staged {
  const progress = options.progress ?? (() => {})
  progress(`Checking ${file}…`)
  const facts = checkBackupFile(file, options)
  fs.mkdirSync(stagingFolder, { recursive: true })
  const staged = path.join(stagingFolder, 'candidate.sqlite')
  for (const f of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) fs.rmSync(f, { force: true })
  try {
    fs.copyFileSync(file, staged)
    if (facts.sidecars.wal) fs.copyFileSync(facts.sidecars.wal, `${staged}-wal`)
    if (facts.sidecars.journal) fs.copyFileSync(facts.sidecars.journal, `${staged}-journal`)
  } catch (e) {
    throw readFailure(file, e)
  }
  if (fs.statSync(staged).size !== facts.sizeBytes) {
    throw backupProblem(file, 'changing', 'changed while it was being copied: another program is writing to it. Wait until it has finished (or close it) and try again.')
  }

  let db: Database.Database
  try {
    db = new Database(staged, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
  } catch (e) {
    throw damaged(file, e)
  }
  try {
    const summary = judge(file, db, facts.sizeBytes, progress, options.nativeBinding)
    // Self-contained from here on: no -wal beside it when it is renamed into place.
    db.pragma('journal_mode = DELETE')
    db.close()
    fsyncFile(staged)
    return { file: staged, summary }
  } catch (e) {
    if (db.open) db.close()
    throw e
  }
}

function judge(file: string, db: Database.Database, sizeBytes: number, progress: Progress, nativeBinding: string | undefined): BackupSummary {
  let problems: string[]
  try {
    problems = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check)
  } catch (e) {
    throw damaged(file, e)
  }
  if (problems[0] !== 'ok') {
    const found = integrityFindings(problems)
    throw backupProblem(
      file,
      'damaged',
      `is damaged: SQLite's integrity check found ${found.length === 1 ? 'a problem' : 'problems'} inside it (${found[0]!.slice(0, 120)}${found.length > 1 ? ', and more' : ''}). Use another backup.`,
      { integrity: found },
    )
  }
  let broken: { table: string; rowid: number; parent: string }[]
  try {
    broken = db.pragma('foreign_key_check') as typeof broken
  } catch (e) {
    throw damaged(file, e)
  }
  if (broken.length > 0) {
    const first = broken[0]!
    throw backupProblem(
      file,
      'broken-references',
      `is damaged: ${broken.length} of its records refer to records that are missing (for example ${first.table} record ${first.rowid} refers to a ${first.parent} record that is not there). Use another backup.`,
      { brokenReferences: broken.length },
    )
  }

  const version = db.pragma('user_version', { simple: true }) as number
  const record = readBackupInfo(db)
  if (record.kind === 'malformed') {
    throw backupProblem(file, 'backup-record', `has a damaged backup record (the backup_info table: ${record.reason}), so it cannot be checked. Use another backup.`)
  }
  if (record.kind === 'present') {
    if (record.info.hashMethod !== HASH_METHOD) {
      if (version > LATEST_SCHEMA_VERSION) throw newer(file, version)
      throw backupProblem(file, 'backup-record', `records its checksum in a way this version of the desk does not know (${record.info.hashMethod.slice(0, 40)}).`)
    }
    progress('Comparing its content with the checksum recorded in it…')
    const { sha256 } = contentHash(db)
    if (sha256 !== record.info.contentSha256) {
      throw backupProblem(
        file,
        'checksum',
        'was changed or damaged after the backup was made: its content no longer matches the SHA-256 checksum recorded in it. Use another backup.',
        { recorded: record.info.contentSha256, actual: sha256 },
      )
    }
  }
  if (version > LATEST_SCHEMA_VERSION) throw newer(file, version)
  if (version === 0) {
    throw backupProblem(file, 'not-set-up', 'carries the desk’s mark but holds no desk data (it was never set up as a desk database).')
  }
  const missing = missingTables(db, version, nativeBinding)
  if (missing.length > 0) {
    throw backupProblem(file, 'missing-tables', `is damaged: parts of the desk's data are missing from it (the ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}). Use another backup.`)
  }

  const notes: string[] = []
  if (record.kind === 'absent') {
    notes.push('This is a plain copy of a desk database, not a backup made by the desk: it was checked for damage, but it has no recorded checksum to compare against.')
  }
  db.exec(`DROP TABLE IF EXISTS ${BACKUP_INFO_TABLE}`)
  if (version < LATEST_SCHEMA_VERSION) {
    progress(`Bringing it up to this version's data format (from version ${version} to ${LATEST_SCHEMA_VERSION})…`)
    try {
      migrate(db)
    } catch (e) {
      throw backupProblem(file, 'upgrade-failed', `could not be brought up to this version's data format (${e instanceof Error ? e.message.slice(0, 160) : String(e)}).`)
    }
    const after = db.pragma('foreign_key_check') as unknown[]
    if (after.length > 0) throw backupProblem(file, 'upgrade-failed', 'could not be brought up to this version’s data format: its records no longer agree afterwards.')
    notes.push(`It was made by an older version of the desk (data version ${version}); the restored database is brought up to version ${LATEST_SCHEMA_VERSION}.`)
  }
  return summarize(file, db, sizeBytes, version, record.kind === 'present' ? record.info : null, notes)
}

function summarize(
  file: string,
  db: Database.Database,
  sizeBytes: number,
  version: number,
  info: { madeAt: string; appVersion: string; clinicName: string | null } | null,
  notes: string[],
): BackupSummary {
  const one = <T>(sql: string) => db.prepare(sql).get() as T
  const center = one<{ name: string } | undefined>('SELECT name FROM centers ORDER BY id LIMIT 1')
  const patients = one<{ n: number; active: number | null }>('SELECT count(*) AS n, sum(active) AS active FROM patients')
  const newest = one<{ bookedAt: string; date: string; startTime: string; patientName: string } | undefined>(`
    SELECT a.created_at AS bookedAt, s.session_date AS date, s.start_time AS startTime, p.full_name AS patientName
    FROM appointments a JOIN schedule_sessions s ON s.id = a.schedule_session_id JOIN patients p ON p.id = a.patient_id
    ORDER BY a.created_at DESC, a.id DESC LIMIT 1`)
  const lastChange = one<{ at: string | null }>('SELECT max(at) AS at FROM audit_log')
  if (!center) notes.push('The clinic in this backup was never set up: restoring it gives an empty desk.')
  return {
    file,
    fileName: path.basename(file),
    sizeBytes,
    clinicName: center?.name ?? info?.clinicName ?? null,
    madeAt: info?.madeAt ?? null,
    appVersion: info?.appVersion ?? null,
    schemaVersion: version,
    checksum: info ? 'verified' : 'absent',
    patients: patients.n,
    activePatients: patients.active ?? 0,
    appointments: one<{ n: number }>('SELECT count(*) AS n FROM appointments').n,
    newestAppointment: newest ?? null,
    lastChangeAt: lastChange.at,
    notes,
  }
}

function damaged(file: string, e: unknown) {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0]!
  return backupProblem(file, 'damaged', `is damaged: SQLite cannot read it (${message.slice(0, 120)}). Use another backup.`)
}

function newer(file: string, version: number) {
  return backupProblem(
    file,
    'newer',
    `was made by a newer version of the desk (data version ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the newer version of the desk to restore it.`,
    { version, latest: LATEST_SCHEMA_VERSION },
  )
}

const tablesAtVersion = new Map<number, string[]>()

/** The tables a desk database of `version` has, from the migrations themselves run on an empty database. */
function missingTables(db: Database.Database, version: number, nativeBinding: string | undefined): string[] {
  let expected = tablesAtVersion.get(version)
  if (!expected) {
    const reference = new Database(':memory:', nativeBinding ? { nativeBinding } : {})
    try {
      for (const m of migrations.filter((m) => m.version <= version)) m.up(reference)
      expected = (reference.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)
    } finally {
      reference.close()
    }
    tablesAtVersion.set(version, expected)
  }
  const present = new Set((db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name))
  return expected.filter((t) => !present.has(t))
}
