/**
 * Checking a backup on a staged copy: the chosen file is copied into a staging
 * folder and judged there, so nothing is ever written to or beside the file
 * itself. A backup the desk made is copied without its checksum line, and
 * hashed in the same read; a plain copy of a desk database is copied with any
 * journal SQLite left beside it. In order: can it be read, is it SQLite, is it
 * ours, is it whole (file-checks.ts); does SQLite's integrity check pass and do
 * its records refer to records that exist (the two run side by side, on two
 * threads for a large file); do its bytes match the checksum line at its end;
 * is its backup record sound; is its data version one this desk knows. An
 * older data version is then brought up to date on the copy, and the copy is
 * what a restore swaps in.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { BackupSummary } from '../../src-shared/backup-model.js'
import { LATEST_SCHEMA_VERSION, migrations } from '../db/migrations/index.js'
import { fsyncFile, migrate } from '../db/open-database.js'
import { BACKUP_INFO_TABLE, readBackupInfo, tableCounts } from './backup-info.js'
import { backupProblem, integrityFindings } from './backup-problem.js'
import { parallelByDefault, type SideJob, startSideWork } from './backup-worker.js'
import { contentHash, HASH_METHOD } from './content-hash.js'
import { checkBackupFile, type FileFacts, readFailure } from './file-checks.js'
import type { Progress } from './snapshot.js'
import { copyHashing, TRAILER_METHOD } from './trailer.js'

export interface StageOptions {
  progress?: Progress
  nativeBinding?: string
  /** Run the foreign-key check on a second thread (default: for files of PARALLEL_FROM_BYTES and more). */
  parallel?: boolean
}

export interface Staged {
  /** The checked copy, at the current data version, in rollback-journal mode with nothing beside it. */
  file: string
  summary: BackupSummary
  /** Rows per table of the staged copy as it will be swapped in: what the restored database must hold. */
  rowCounts: Record<string, number>
  /** Where the foreign-key check ran (for the tests). */
  checkedOn: 'worker' | 'caller'
}

/** Copies `file` into `stagingFolder` and checks it there; throws a refusal naming what is wrong. */
export function stageBackup(file: string, stagingFolder: string, options: StageOptions = {}): Staged {
  const progress = options.progress ?? (() => {})
  progress(`Checking ${file}…`)
  const facts = checkBackupFile(file, options)
  fs.mkdirSync(stagingFolder, { recursive: true })
  const staged = path.join(stagingFolder, 'candidate.sqlite')
  for (const f of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) fs.rmSync(f, { force: true })
  let sha256: string | null = null
  let sidecars = false
  const changing = () =>
    backupProblem(
      file,
      'changing',
      'changed while it was being copied: another program is writing to it. Wait until it has finished (or close it) and try again.',
    )
  progress(facts.trailer.kind === 'none' ? 'Copying it…' : 'Copying it and computing its SHA-256 checksum…')
  try {
    const before = fs.statSync(file)
    if (facts.trailer.kind === 'none') {
      fs.copyFileSync(file, staged)
      // A journal beside a plain copy is part of it: SQLite recovers it on the staged copy.
      if (facts.sidecars.wal) fs.copyFileSync(facts.sidecars.wal, `${staged}-wal`)
      if (facts.sidecars.journal) fs.copyFileSync(facts.sidecars.journal, `${staged}-journal`)
      sidecars = facts.sidecars.wal !== null || facts.sidecars.journal !== null
      if (fs.statSync(staged).size !== facts.sizeBytes) throw changing()
    } else {
      // The database's bytes, hashed as they are copied; the checksum line is judged below.
      // (A journal beside a sealed backup is none of its own: the checksum says whether the file is whole.)
      sha256 = copyHashing(file, staged, facts.bodyBytes)
    }
    const after = fs.statSync(file)
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw changing()
  } catch (e) {
    if ((e as { code?: string }).code === 'ESHORT') throw changing()
    if (problemLike(e)) throw e
    throw readFailure(file, e)
  }

  const nb = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  // A copy that stands alone (no journal beside it to recover first) is checked on read-only
  // connections: SQLite's integrity check runs markedly faster on one, and the foreign-key
  // check can then run beside it on a second thread. Otherwise one read-write connection does all.
  const alone = !sidecars && !facts.walMode
  let checkedOn: Staged['checkedOn'] = 'caller'
  progress('Running SQLite’s integrity and foreign-key checks on the copy…')
  if (alone) {
    let reader: Database.Database
    try {
      reader = new Database(staged, { readonly: true, fileMustExist: true, ...nb })
    } catch (e) {
      throw damaged(file, e)
    }
    const side = startSideWork(
      { file: staged, foreignKeys: true, hashBytes: null, syncEarly: true, ...nb },
      options.parallel ?? parallelByDefault(facts.bodyBytes),
    )
    try {
      checkedOn = checkSound(file, reader, side)
    } finally {
      side.dispose()
      reader.close()
    }
  }

  let db: Database.Database
  try {
    db = new Database(staged, { fileMustExist: true, ...nb })
    // A private copy, synced as a whole below before it is used: its writes need no syncing of their own.
    db.pragma('synchronous = OFF')
  } catch (e) {
    throw damaged(file, e)
  }
  try {
    if (!alone) checkSound(file, db, null)
    const judged = judge(file, db, facts, sha256, progress, options.nativeBinding)
    // Self-contained from here on: no -wal beside it when it is renamed into place.
    db.pragma('journal_mode = DELETE')
    db.close()
    fsyncFile(staged)
    return { file: staged, ...judged, checkedOn }
  } catch (e) {
    if (db.open) db.close()
    throw e
  }
}

function problemLike(e: unknown): boolean {
  return typeof (e as { details?: { problem?: unknown } }).details?.problem === 'string'
}

/**
 * SQLite's integrity check, and the foreign-key check (from `side` when it runs
 * on its own connection, else on `db`). Answers where the foreign-key check ran.
 */
function checkSound(file: string, db: Database.Database, side: SideJob | null): Staged['checkedOn'] {
  let problems: string[]
  try {
    problems = (db.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check)
  } catch (e) {
    throw damaged(file, e)
  }
  if (problems[0] !== 'ok') {
    const found = integrityFindings(problems)
    const where = damagedPart(db, found[0]!)
    throw backupProblem(
      file,
      'damaged',
      `is damaged: SQLite's integrity check found ${found.length === 1 ? 'a problem' : 'problems'} ${where ? `in ${where}` : 'inside it'} (${found[0]!.slice(0, 120)}${found.length > 1 ? ', and more' : ''}). Use another backup.`,
      { integrity: found },
    )
  }
  let broken: { count: number; first: { table: string; rowid: number; parent: string } | null }
  let ranOn: Staged['checkedOn'] = 'caller'
  if (side) {
    const result = side.result()
    ranOn = result.ranOn
    if (result.foreignKeyError !== undefined) throw damaged(file, new Error(result.foreignKeyError))
    broken = result.broken!
  } else {
    let rows: { table: string; rowid: number; parent: string }[]
    try {
      rows = db.pragma('foreign_key_check') as typeof rows
    } catch (e) {
      throw damaged(file, e)
    }
    broken = { count: rows.length, first: rows[0] ?? null }
  }
  if (broken.count > 0) {
    const first = broken.first!
    throw backupProblem(
      file,
      'broken-references',
      `is damaged: ${broken.count} of its records refer to records that are missing (for example ${first.table} record ${first.rowid} refers to a ${first.parent} record that is not there). Use another backup.`,
      { brokenReferences: broken.count },
    )
  }
  return ranOn
}

function judge(
  file: string,
  db: Database.Database,
  facts: FileFacts,
  sha256: string | null,
  progress: Progress,
  nativeBinding: string | undefined,
): Omit<Staged, 'file' | 'checkedOn'> {
  // The checksum line, judged once SQLite has had its say (damage it sees is named more precisely).
  const trailer = facts.trailer
  if (trailer.kind === 'damaged') {
    throw backupProblem(
      file,
      'checksum',
      'was changed or damaged after the backup was made: the checksum line at its end is damaged, so nothing can show that the rest is as it was made. Use another backup.',
    )
  }
  if (trailer.kind === 'present' && sha256 !== trailer.sha256) {
    throw backupProblem(
      file,
      'checksum',
      'was changed or damaged after the backup was made: its bytes no longer match the SHA-256 checksum at its end. Use another backup.',
      { recorded: trailer.sha256, actual: sha256 },
    )
  }
  const version = db.pragma('user_version', { simple: true }) as number
  const record = readBackupInfo(db)
  if (record.kind === 'malformed') {
    throw backupProblem(
      file,
      'backup-record',
      `has a damaged backup record (the backup_info table: ${record.reason}), so it cannot be checked. Use another backup.`,
    )
  }
  let verified = trailer.kind === 'present'
  if (record.kind === 'present') {
    const { checksum, legacyContentSha256 } = record.info
    if (checksum.startsWith(TRAILER_METHOD)) {
      if (trailer.kind === 'none') {
        throw backupProblem(
          file,
          'checksum',
          'was changed after the backup was made: the checksum line the desk writes at the end of every backup is gone (the file was edited with another program, or cut short). Use another backup.',
        )
      }
    } else if (legacyContentSha256 !== undefined && checksum === HASH_METHOD) {
      if (trailer.kind === 'none') {
        // A backup made before the checksum moved to the end of the file: its checksum is of the rows.
        progress('Comparing its content with the checksum recorded in it…')
        const { sha256: actual } = contentHash(db)
        if (actual !== legacyContentSha256) {
          throw backupProblem(
            file,
            'checksum',
            'was changed or damaged after the backup was made: its content no longer matches the SHA-256 checksum recorded in it. Use another backup.',
            { recorded: legacyContentSha256, actual },
          )
        }
        verified = true
      }
    } else {
      if (version > LATEST_SCHEMA_VERSION) throw newer(file, version)
      throw backupProblem(
        file,
        'backup-record',
        `records its checksum in a way this version of the desk does not know (${checksum.slice(0, 40)}).`,
      )
    }
  }
  if (version > LATEST_SCHEMA_VERSION) throw newer(file, version)
  if (version === 0) {
    throw backupProblem(
      file,
      'not-set-up',
      'carries the desk’s mark but holds no desk data (it was never set up as a desk database).',
    )
  }
  const missing = missingTables(db, version, nativeBinding)
  if (missing.length > 0) {
    throw backupProblem(
      file,
      'missing-tables',
      `is damaged: parts of the desk's data are missing from it (the ${missing.join(', ')} table${missing.length > 1 ? 's' : ''}). Use another backup.`,
    )
  }

  const notes: string[] = []
  if (record.kind === 'absent') {
    notes.push(
      verified
        ? 'This is a plain copy of a desk database with a checksum line: its bytes are as they were when that line was written, but it has no backup record saying when it was made.'
        : 'This is a plain copy of a desk database, not a backup made by the desk: it was checked for damage, but it has no recorded checksum to compare against.',
    )
  }
  db.exec(`DROP TABLE IF EXISTS ${BACKUP_INFO_TABLE}`)
  if (version < LATEST_SCHEMA_VERSION) {
    progress(`Bringing it up to this version's data format (from version ${version} to ${LATEST_SCHEMA_VERSION})…`)
    try {
      migrate(db)
    } catch (e) {
      throw backupProblem(
        file,
        'upgrade-failed',
        `could not be brought up to this version's data format (${e instanceof Error ? e.message.slice(0, 160) : String(e)}).`,
      )
    }
    const after = db.pragma('foreign_key_check') as unknown[]
    if (after.length > 0)
      throw backupProblem(
        file,
        'upgrade-failed',
        'could not be brought up to this version’s data format: its records no longer agree afterwards.',
      )
    notes.push(
      `It was made by an older version of the desk (data version ${version}); the restored database is brought up to version ${LATEST_SCHEMA_VERSION}.`,
    )
  }
  const info = record.kind === 'present' ? record.info : null
  return {
    summary: summarize(
      file,
      db,
      facts.sizeBytes,
      version,
      info,
      verified,
      trailer.kind === 'present' ? trailer.sha256 : null,
      notes,
    ),
    rowCounts: tableCounts(db),
  }
}

function summarize(
  file: string,
  db: Database.Database,
  sizeBytes: number,
  version: number,
  info: { madeAt: string; appVersion: string; clinicName: string | null } | null,
  verified: boolean,
  sha256: string | null,
  notes: string[],
): BackupSummary {
  const one = <T>(sql: string) => db.prepare(sql).get() as T
  const center = one<{ name: string } | undefined>('SELECT name FROM centers ORDER BY id LIMIT 1')
  const patients = one<{ n: number; active: number | null }>(
    'SELECT count(*) AS n, sum(active) AS active FROM patients',
  )
  // The newest booking found on appointments alone, then joined: joining every row first costs ten times more on a big history.
  const newest = one<{ bookedAt: string; date: string; startTime: string; patientName: string } | undefined>(`
    SELECT a.created_at AS bookedAt, s.session_date AS date, s.start_time AS startTime, p.full_name AS patientName
    FROM (SELECT id FROM appointments ORDER BY created_at DESC, id DESC LIMIT 1) latest
    JOIN appointments a ON a.id = latest.id JOIN schedule_sessions s ON s.id = a.schedule_session_id JOIN patients p ON p.id = a.patient_id`)
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
    checksum: verified ? 'verified' : 'absent',
    sha256,
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
  // SQLite names the table whose definition it could not read: say so in words.
  const schema = /^malformed database schema \(([^)]{1,60})\)/.exec(message)
  if (schema) {
    return backupProblem(
      file,
      'damaged',
      `is damaged: the definition of its ${schema[1]} table cannot be read (${message.slice(0, 120)}). Use another backup.`,
    )
  }
  if (/disk image is malformed/.test(message)) {
    return backupProblem(
      file,
      'damaged',
      `is damaged: SQLite cannot read its pages, one of them is malformed (${message.slice(0, 120)}). Use another backup.`,
    )
  }
  return backupProblem(
    file,
    'damaged',
    `is damaged: SQLite cannot read it (${message.slice(0, 120)}). Use another backup.`,
  )
}

/** Which table (or index) a finding of SQLite's integrity check is about, when it names a b-tree by its root page: "the patients table". */
function damagedPart(db: Database.Database, finding: string): string | null {
  const tree = /^Tree (\d+) page/.exec(finding)
  if (!tree) return null
  try {
    const row = db.prepare('SELECT type, name FROM sqlite_schema WHERE rootpage = ?').get(Number(tree[1])) as
      { type: string; name: string } | undefined
    return row ? `the ${row.name.slice(0, 60)} ${row.type === 'index' ? 'index' : 'table'}` : null
  } catch {
    return null
  }
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
      expected = (
        reference.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
          name: string
        }[]
      ).map((r) => r.name)
    } finally {
      reference.close()
    }
    tablesAtVersion.set(version, expected)
  }
  const present = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  )
  return expected.filter((t) => !present.has(t))
}
