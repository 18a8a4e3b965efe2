/**
 * Making a backup file: a consistent snapshot of a live database, checked,
 * stamped with its record, sealed with its checksum line (trailer.ts) and
 * synced before it takes its name.
 *
 * The snapshot is SQLite's online backup in one step (online-copy.ts): one
 * read transaction, so the copy holds whole transactions only, and in WAL mode
 * writers carry on meanwhile; the pages go straight into the new file. Unlike
 * VACUUM INTO it does not rebuild the file; unlike serialize() it does not hold
 * the whole database in memory, nor cost a second write of it.
 *
 * What is checked here, and what is not. The copy gets SQLite's quick_check
 * (every page, every b-tree, every record's format) and foreign_key_check,
 * run side by side on two threads (backup-worker.ts), and the desk's mark and
 * data version. The full integrity_check (which adds that every index agrees
 * with its table) is not run here: it costs several times the copy, the pages
 * come straight from the live database whose every write SQLite itself
 * validated, and it runs on every restore and every verify, where a file that
 * travelled on a USB stick has to prove itself in any case. The checksum line
 * makes every later change to the file show.
 *
 * The copy is written beside the target under a hidden name and renamed into
 * place only when it is whole, checked and on disk: a crash, a full disk or a
 * pulled USB drive leaves either the previous file or none, never half a backup.
 *
 * The copy is made on the calling thread, in one step, however the rest is
 * waited for; writeSnapshot then blocks until the checks are done (the closing
 * backup, the command line), writeSnapshotAsync awaits them on worker threads
 * (an export or a daily copy while the desk is open: its event loop stays free).
 * Both run the same steps (backup-steps.ts).
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Clock } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js'
import { APPLICATION_ID, fsyncDirectory } from '../db/open-database.js'
import { type BackupInfo, type BackupSource, tableCounts, writeBackupInfo } from './backup-info.js'
import { partialPath } from './backup-paths.js'
import { describeFileError, integrityFindings } from './backup-problem.js'
import { runBlocking, runSettled, step, type Steps } from './backup-steps.js'
import { parallelByDefault, type SideResult, type SideWork, sideBySide } from './backup-worker.js'
import { copyOnline } from './online-copy.js'
import { appendTrailerAndSync, TRAILER_DESCRIPTION, TRAILER_LENGTH } from './trailer.js'

export type Progress = (line: string) => void

export interface SnapshotOptions {
  appVersion: string
  clock: Clock
  source: BackupSource
  progress?: Progress
  nativeBinding?: string
  /** Check on two threads (default: for files of PARALLEL_FROM_BYTES and more). */
  parallel?: boolean
}

export interface Snapshot {
  file: string
  sizeBytes: number
  info: BackupInfo
  /** The SHA-256 in the file's checksum line. */
  sha256: string
  /** Where the work beside quick_check ran (the foreign-key check; unchecked, the hash), for the tests. */
  checkedOn: 'worker' | 'caller'
}

/** Writes a checked backup of `db` to `target` (which must not exist yet: the caller decides about replacing), blocking until it is done. */
export function writeSnapshot(db: Database.Database, target: string, options: SnapshotOptions): Snapshot {
  return runBlocking(snapshotting(db, target, options))
}

/** The same backup, the copy made before this returns and the checks awaited on worker threads. */
export function writeSnapshotAsync(db: Database.Database, target: string, options: SnapshotOptions): Promise<Snapshot> {
  return runSettled(snapshotting(db, target, options))
}

/** The steps of writeSnapshot, for a caller that makes a snapshot among steps of its own. */
export function* snapshotting(db: Database.Database, target: string, options: SnapshotOptions): Steps<Snapshot> {
  const progress = options.progress ?? (() => {})
  const partial = partialPath(target)
  try {
    progress('Copying the database…')
    try {
      copyOnline(db, partial)
    } catch (e) {
      throw new DeskError(
        'INTERNAL',
        `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`,
        { target },
      )
    }
    const header = readHeader(partial)
    if (header.readInt32BE(68) !== APPLICATION_ID)
      throw sourceDamaged('it does not carry the desk’s mark (application id)')
    const version = header.readUInt32BE(60)
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DeskError(
        'DATABASE_NEWER',
        `The database was written by a newer version of the desk (data version ${version}); back it up with that version.`,
      )
    }
    markStandalone(partial)
    progress('Checking the copy…')
    return yield* sealing(partial, target, options, true)
  } catch (e) {
    throw failed(e, partial, target)
  }
}

/**
 * A backup made from a database file's bytes as they are (the safety copy a
 * restore keeps: the file under an exclusive hold, its WAL checkpointed into
 * it): copied, stamped with its record and sealed, but not checked. It is kept
 * because it is what was there, sound or not; a restore of it checks it then.
 */
export function writeFileCopy(source: string, target: string, options: SnapshotOptions): Snapshot {
  const partial = partialPath(target)
  try {
    fs.copyFileSync(source, partial, fs.constants.COPYFILE_EXCL)
    markStandalone(partial)
    return runBlocking(sealing(partial, target, options, false))
  } catch (e) {
    throw failed(e, partial, target)
  }
}

/**
 * A database in WAL mode says so in its header (bytes 18 and 19 are 2), and a
 * page-for-page copy says so too: opened like that, the copy would get a -wal
 * and a -shm beside it. The copy is complete (an online backup and a
 * checkpointed file hold every page), so it is marked as an ordinary
 * rollback-journal file, as PRAGMA journal_mode = DELETE would.
 */
function markStandalone(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.writeSync(fd, Buffer.from([1, 1]), 0, 2, 18)
  } finally {
    fs.closeSync(fd)
  }
}

function readHeader(file: string): Buffer {
  const header = Buffer.alloc(100)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, header, 0, 100, 0)
  } finally {
    fs.closeSync(fd)
  }
  return header
}

/** Stamps the copy at `partial` with its record, checks it when asked, appends the checksum line, syncs it and renames it to `target`. */
function* sealing(partial: string, target: string, options: SnapshotOptions, check: boolean): Steps<Snapshot> {
  const progress = options.progress ?? (() => {})
  const nb = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  const info = stamp(partial, options, nb)
  const bytes = fs.statSync(partial).size
  // Two shares of about even length, side by side: quick_check then the hash (made only
  // when quick_check found nothing), and the foreign-key check with the early flush to disk.
  // Unchecked, the hash is the only work.
  const file = { file: partial, ...nb }
  const pieces: [SideWork, SideWork] = check
    ? [
        { ...file, quickCheck: true, foreignKeys: false, hashBytes: bytes, syncEarly: false },
        { ...file, foreignKeys: true, hashBytes: null, syncEarly: true },
      ]
    : [
        { ...file, foreignKeys: false, hashBytes: null, syncEarly: false },
        { ...file, foreignKeys: false, hashBytes: bytes, syncEarly: true },
      ]
  progress('Computing its SHA-256 checksum…')
  let checked: [SideResult, SideResult]
  try {
    checked = yield* step(sideBySide(pieces, options.parallel ?? parallelByDefault(bytes)))
  } catch (e) {
    throw sqliteFailure(e)
  }
  const [pages, side] = checked
  const findings = pages.quickCheck ?? ['ok']
  if (findings[0] !== 'ok') {
    const found = integrityFindings(findings)
    throw sourceDamaged(`SQLite's check reports ${found[0]!.slice(0, 120)}${found.length > 1 ? ', and more' : ''}`)
  }
  if (side.foreignKeyError !== undefined)
    throw sourceDamaged(`SQLite cannot check its references (${side.foreignKeyError.slice(0, 120)})`)
  if (side.broken && side.broken.count > 0) {
    const first = side.broken.first!
    throw sourceDamaged(
      `${side.broken.count} record(s) refer to records that are missing (for example in ${first.table}, a missing ${first.parent} record)`,
    )
  }
  const sha256 = pages.sha256 ?? side.sha256!
  appendTrailerAndSync(partial, sha256)
  fs.renameSync(partial, target)
  fsyncDirectory(path.dirname(target))
  return { file: target, sizeBytes: bytes + TRAILER_LENGTH, info, sha256, checkedOn: side.ranOn }
}

/** Writes the backup record into the copy and answers it. */
function stamp(partial: string, options: SnapshotOptions, nb: { nativeBinding?: string }): BackupInfo {
  const copy = openCopy(partial, nb)
  try {
    // A hidden file that is synced as a whole at the end and thrown away on any failure: no journal needed.
    copy.pragma('journal_mode = OFF')
    copy.pragma('synchronous = OFF')
    const info: BackupInfo = {
      format: 'dialysis-desk-backup',
      appVersion: options.appVersion,
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      madeAt: options.clock.now().toISOString(),
      madeOn: os.hostname(),
      source: options.source,
      clinicName: clinicName(copy),
      rowCounts: tableCounts(copy),
      checksum: TRAILER_DESCRIPTION,
    }
    writeBackupInfo(copy, info)
    return info
  } catch (e) {
    throw sqliteFailure(e)
  } finally {
    copy.close()
  }
}

function openCopy(file: string, nb: { nativeBinding?: string }): Database.Database {
  try {
    return new Database(file, { fileMustExist: true, ...nb })
  } catch (e) {
    throw sqliteFailure(e)
  }
}

/** SQLite failing on the copy: the database it came from is damaged, unless the disk failed (which says so). */
function sqliteFailure(e: unknown): unknown {
  const raw = (e as { code?: unknown }).code
  const code = typeof raw === 'string' ? raw : ''
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT_')) {
    return sourceDamaged(`SQLite cannot read the copy (${(e as Error).message.split('\n')[0]!.slice(0, 120)})`)
  }
  return e
}

function sourceDamaged(why: string): DeskError {
  return new DeskError(
    'BACKUP_INVALID',
    `The desk's own database is damaged, so no backup was made: ${why}. Keep the earlier backups safe, do not restore over them, and call the clinic's IT support.`,
    { problem: 'source-damaged' },
  )
}

/** Removes what was left of the copy and says what failed. */
function failed(e: unknown, partial: string, target: string): DeskError {
  fs.rmSync(partial, { force: true })
  fs.rmSync(`${partial}-journal`, { force: true })
  if (e instanceof DeskError) return e
  return new DeskError(
    'INTERNAL',
    `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`,
    { target },
  )
}

function clinicName(db: Database.Database): string | null {
  try {
    const row = db.prepare('SELECT name FROM centers ORDER BY id LIMIT 1').get() as { name: string } | undefined
    return row?.name ?? null
  } catch {
    return null
  }
}
