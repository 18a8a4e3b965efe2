/**
 * Restoring a backup over the live database, so that at every instant (a
 * crash, a kill, a power cut included) the data folder holds either the old
 * database or the new one, whole:
 *
 * 1. the backup is checked on a staged copy in <data>/backups/.staging (same
 *    disk as the database, so the final rename is atomic) and brought up to
 *    this version's data format there;
 * 2. the desk's connection is closed and an exclusive hold is taken on the
 *    database: if another desk or program has it open, the restore stops here;
 * 3. under that hold the WAL is checkpointed into the file, a safety copy of
 *    the file's bytes is kept in <data>/backups, stamped and sealed as a
 *    backup (its record says source 'safety-copy'), and the old file is kept
 *    (hard link) in the staging folder in case the last check fails;
 * 4. the hold is released (SQLite removes the -wal; the stale -shm is removed:
 *    neither may meet the new file) and the staged copy is renamed over the
 *    database, then the folder is synced;
 * 5. the database is opened again through the desk's usual checks and
 *    compared with what was staged (the same file, its size, the desk's mark,
 *    the data version, its table of tables, the rows in every table: the same
 *    bytes passed integrity_check and foreign_key_check on staging, so this
 *    only has to show that they are the ones in place).
 *
 * Until step 4 nothing of the live database has changed but the checkpoint
 * (which moves committed pages from the -wal into the file: same content).
 * A failure at any step after the desk's connection was closed (no safety
 * copy can be written, the swap or the final check fails) puts the old file
 * back when it was already replaced and hands the desk its database again.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { RestoreResult } from '../../src-shared/backup-model.js'
import type { Clock } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js'
import { APPLICATION_ID, databasePath, fsyncDirectory, fsyncFile, openDatabaseFile } from '../db/open-database.js'
import { tableCounts } from './backup-info.js'
import { backupsFolder, fileStamp, freePath, partialPath, safetyCopyName, sameFile } from './backup-paths.js'
import { backupProblem, describeFileError } from './backup-problem.js'
import { type Progress, writeFileCopy } from './snapshot.js'
import { stageBackup } from './stage.js'
import { makeStagingFolder } from './staging.js'

/** How a restore reaches a desk that has the database open in this process. */
export interface LiveConnection {
  /** Close the desk's connection (its watchers stop; nothing may use it until `adopt`). */
  release(): void
  /** Use this connection from now on: the restored database (`restored`), or the old one again after a failure. */
  adopt(db: Database.Database, restored: boolean): void
}

export type RestoreStep =
  | 'checking'
  | 'checked'
  | 'released'
  | 'held'
  | 'safety-copy'
  | 'previous-kept'
  | 'hold-released'
  | 'swapping'
  | 'swapped'
  | 'reopened'
  | 'done'

export interface RestoreOptions {
  dataFolder: string
  file: string
  appVersion: string
  clock: Clock
  live?: LiveConnection
  nativeBinding?: string
  progress?: Progress
  /** Called as each step is reached (the crash tests stop the process there). */
  onStep?: (step: RestoreStep) => void
}

export function restoreDatabase(o: RestoreOptions): RestoreResult {
  const started = Date.now()
  const step = o.onStep ?? (() => {})
  const progress = o.progress ?? (() => {})
  const nb = o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}
  const livePath = databasePath(o.dataFolder)
  const file = path.resolve(o.file)
  if (sameFile(file, livePath)) {
    throw backupProblem(
      file,
      'live-database',
      'is the database the desk is using right now, not a backup. Choose a backup file.',
    )
  }
  const backups = backupsFolder(o.dataFolder)
  let staging: string
  try {
    staging = makeStagingFolder(backups, 'restore')
  } catch (e) {
    throw new DeskError(
      'INTERNAL',
      `The desk cannot write in ${o.dataFolder} (${describeFileError(e)}), so nothing was restored and nothing was changed.`,
    )
  }
  try {
    step('checking')
    const staged = stageBackup(file, staging, { progress, ...nb })
    step('checked')

    const liveExisted = fs.existsSync(livePath)
    const stagedFile = fs.statSync(staged.file)
    let released = false
    let swapped = false
    let previous: string | null = null
    let safetyCopy: string | null = null
    let db: Database.Database | undefined
    try {
      if (o.live) {
        o.live.release()
        released = true
        step('released')
      }
      if (liveExisted) {
        const hold = takeExclusiveHold(livePath, o.dataFolder, o.nativeBinding)
        try {
          step('held')
          progress('Keeping a safety copy of the current database…')
          step('safety-copy')
          safetyCopy = keepSafetyCopy(hold, livePath, backups, o)
          progress(`  ${safetyCopy}`)
          previous = keepPrevious(livePath, staging)
          step('previous-kept')
        } finally {
          hold?.close()
        }
        step('hold-released')
        clearSidecars(livePath, staging, hold !== null, o.dataFolder)
      }
      progress('Replacing the database…')
      step('swapping')
      fs.renameSync(staged.file, livePath)
      swapped = true
      fsyncDirectory(o.dataFolder)
      step('swapped')
      progress('Checking the restored database…')
      db = openDatabaseFile(livePath, nb)
      checkRestored(db, livePath, stagedFile, staged.rowCounts)
      step('reopened')
    } catch (e) {
      // Whatever failed, and wherever: the database the desk had goes back in place and back to the desk.
      db?.close()
      throw recover(e, { livePath, previous, swapped, released, safetyCopy, o, nb })
    }
    if (o.live) o.live.adopt(db, true)
    else closeCleanly(db)
    step('done')
    return { restored: staged.summary, safetyCopy, durationMs: Date.now() - started }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

/**
 * An exclusive lock on the live database, which SQLite grants only when no
 * other connection (another desk, a script) has it open. Answers null when the
 * file is too damaged for SQLite to lock: then there is nothing to protect but its bytes.
 */
function takeExclusiveHold(
  livePath: string,
  dataFolder: string,
  nativeBinding: string | undefined,
): Database.Database | null {
  let hold: Database.Database
  try {
    hold = new Database(livePath, { fileMustExist: true, timeout: 3000, ...(nativeBinding ? { nativeBinding } : {}) })
  } catch {
    return null
  }
  try {
    hold.pragma('locking_mode = EXCLUSIVE')
    hold.exec('BEGIN EXCLUSIVE; COMMIT')
    hold.pragma('wal_checkpoint(TRUNCATE)')
    return hold
  } catch (e) {
    hold.close()
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw inUse(dataFolder)
    return null
  }
}

function inUse(dataFolder: string): DeskError {
  return new DeskError(
    'BUSY',
    `The database in ${dataFolder} is open in another desk or program. Close every desk using this data folder, then restore again; nothing was changed.`,
  )
}

/**
 * A safety copy in <data>/backups: the database file's bytes as they are under
 * the hold, stamped and sealed as a backup (not checked: it is kept because it
 * is what was there; restoring it checks it then). A file SQLite cannot stamp
 * (damaged), one from a newer version, one whose WAL could not be moved into
 * it, or one SQLite could not even lock is kept byte for byte as found, with
 * its journal.
 */
function keepSafetyCopy(hold: Database.Database | null, livePath: string, backups: string, o: RestoreOptions): string {
  const now = o.clock.now()
  if (hold && dataVersion(hold) <= LATEST_SCHEMA_VERSION && wholeInFile(hold)) {
    try {
      return writeFileCopy(livePath, freePath(backups, safetyCopyName(now)), {
        appVersion: o.appVersion,
        clock: o.clock,
        source: 'safety-copy',
        ...(o.progress ? { progress: o.progress } : {}),
        ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
      }).file
    } catch (e) {
      // A damaged database is still kept, byte for byte, below; a full disk stops the restore.
      if (!(e instanceof DeskError && e.details?.['problem'] === 'source-damaged')) throw noSafetyCopy(e)
    }
  }
  const target = freePath(backups, `before-restore-${fileStamp(now)}-as-found.sqlite`)
  try {
    for (const suffix of ['', '-wal', '-journal']) {
      if (!fs.existsSync(livePath + suffix)) continue
      const partial = partialPath(target + suffix)
      fs.copyFileSync(livePath + suffix, partial)
      fsyncFile(partial)
      fs.renameSync(partial, target + suffix)
    }
    fsyncDirectory(backups)
  } catch (e) {
    throw noSafetyCopy(e)
  }
  return target
}

/** Whether every committed page is in the file itself (its WAL checkpointed and emptied under the hold): then its bytes are the database. */
function wholeInFile(hold: Database.Database): boolean {
  try {
    const [r] = hold.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[]
    return r !== undefined && r.busy === 0 && r.log <= 0
  } catch {
    return false
  }
}

function dataVersion(db: Database.Database): number {
  try {
    return db.pragma('user_version', { simple: true }) as number
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

function noSafetyCopy(e: unknown): DeskError {
  return new DeskError(
    'INTERNAL',
    `No safety copy of the current database could be kept (${describeFileError(e)}), so nothing was restored and nothing was changed.`,
  )
}

/** The old database file, kept until the restored one has passed its checks (a hard link costs nothing). */
function keepPrevious(livePath: string, staging: string): string {
  const previous = path.join(staging, 'previous.sqlite')
  try {
    fs.linkSync(livePath, previous)
  } catch {
    fs.copyFileSync(livePath, previous)
  }
  return previous
}

/**
 * A -wal or -journal left beside the database would be replayed into the new
 * file: it must be gone before the swap. After a clean exclusive hold SQLite
 * has removed them; one that is back means someone opened the database meanwhile.
 */
function clearSidecars(livePath: string, staging: string, held: boolean, dataFolder: string): void {
  for (const suffix of ['-wal', '-journal']) {
    const f = livePath + suffix
    if (!fs.existsSync(f)) continue
    if (fs.statSync(f).size === 0) fs.rmSync(f, { force: true })
    else if (held) throw inUse(dataFolder)
    else fs.renameSync(f, path.join(staging, `previous.sqlite${suffix}`))
  }
  fs.rmSync(`${livePath}-shm`, { force: true })
}

/**
 * The restored database as reopened: the checked copy itself must be what is
 * in place (a rename keeps the file, so the same file with the same pages is
 * the one that passed integrity_check and foreign_key_check on staging), with
 * the desk's mark, this version's data format, a sound table of tables, and
 * the rows of every table that the checked copy held.
 *
 * A full quick_check here would read every page again, pages that passed the
 * full integrity_check moments before: on a big unit's database that is
 * seconds more per restore for no new finding; the file's identity proves the
 * same thing at no cost.
 */
function checkRestored(
  db: Database.Database,
  livePath: string,
  staged: fs.Stats,
  rowCounts: Record<string, number>,
): void {
  const inPlace = fs.statSync(livePath)
  if (inPlace.dev !== staged.dev || inPlace.ino !== staged.ino)
    throw new Error('another file is in place of the checked copy')
  const pages =
    (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)
  if (pages !== staged.size)
    throw new Error(`it holds ${pages} bytes of pages where the checked copy had ${staged.size}`)
  if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new Error('application id')
  if (db.pragma('user_version', { simple: true }) !== LATEST_SCHEMA_VERSION) throw new Error('data version')
  const schema = db.pragma('quick_check(sqlite_schema)', { simple: true })
  if (schema !== 'ok') throw new Error(`its table of tables is damaged (${String(schema).slice(0, 80)})`)
  const counts = tableCounts(db)
  const tables = new Set([...Object.keys(counts), ...Object.keys(rowCounts)])
  for (const t of tables)
    if (counts[t] !== rowCounts[t]) throw new Error(`row counts differ from the checked copy (${t})`)
}

interface Recovery {
  livePath: string
  /** The old database file, kept in the staging folder; null when there was none. */
  previous: string | null
  /** Whether the checked copy had already been renamed over the database. */
  swapped: boolean
  /** Whether the desk's connection had been closed. */
  released: boolean
  safetyCopy: string | null
  o: RestoreOptions
  nb: { nativeBinding?: string }
}

/**
 * After a failure at any step once the desk's connection is closed: the old
 * file goes back in place if the new one was swapped in already, and the
 * desk is handed its database again, so it goes on working with the data it
 * had. Answers the refusal to report, in words for the person restoring.
 */
function recover(e: unknown, r: Recovery): DeskError {
  const why = reasonOf(e)
  let notPutBack: unknown = null
  if (r.swapped) {
    try {
      putBack(r.livePath, r.previous, r.o.dataFolder)
    } catch (p) {
      notPutBack = p
    }
  }
  const kept = r.safetyCopy ? ` The data as it was before the restore is kept in ${r.safetyCopy}.` : ''
  if (r.released) {
    try {
      r.o.live!.adopt(openDatabaseFile(r.livePath, r.nb), false)
    } catch (a) {
      return new DeskError(
        'INTERNAL',
        `The restore failed (${why}) and the desk could not open its database again (${describeFileError(a)}). Close the desk and start it again.${kept}`,
      )
    }
  }
  if (notPutBack !== null) {
    return new DeskError(
      'INTERNAL',
      `The restored database failed its final check (${why}) and the previous one could not be put back (${describeFileError(notPutBack)}).${kept} Restore that copy.`,
    )
  }
  if (r.swapped)
    return new DeskError(
      'INTERNAL',
      `The restored database failed its final check (${why}), so the previous database was put back; nothing was lost.`,
    )
  if (e instanceof DeskError) return e
  return new DeskError(
    'INTERNAL',
    `The restore stopped before the database was replaced (${why}), so nothing was restored and nothing was changed.`,
  )
}

function reasonOf(e: unknown): string {
  if (e instanceof DeskError) return e.message.slice(0, 200)
  const code = (e as { code?: unknown })?.code
  if (typeof code === 'string' && !code.startsWith('SQLITE_')) return describeFileError(e)
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200)
}

function putBack(livePath: string, previous: string | null, dataFolder: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(livePath + suffix, { force: true })
  if (previous) fs.renameSync(previous, livePath)
  else fs.rmSync(livePath, { force: true })
  fsyncDirectory(dataFolder)
}

function closeCleanly(db: Database.Database): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
}
