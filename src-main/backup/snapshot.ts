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
import { parallelByDefault, startSideWork } from './backup-worker.js'
import { copyOnline } from './online-copy.js'
import { appendTrailerAndSync, hashFile, TRAILER_DESCRIPTION, TRAILER_LENGTH } from './trailer.js'

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
  /** Where the foreign-key check and the hash ran (for the tests). */
  checkedOn: 'worker' | 'caller'
}

/** Writes a checked backup of `db` to `target` (which must not exist yet: the caller decides about replacing). */
export function writeSnapshot(db: Database.Database, target: string, options: SnapshotOptions): Snapshot {
  const progress = options.progress ?? (() => {})
  const partial = partialPath(target)
  try {
    progress('Copying the database…')
    try {
      copyOnline(db, partial)
    } catch (e) {
      throw new DeskError('INTERNAL', `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`, { target })
    }
    const header = readHeader(partial)
    if (header.readInt32BE(68) !== APPLICATION_ID) throw sourceDamaged('it does not carry the desk’s mark (application id)')
    const version = header.readUInt32BE(60)
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DeskError('DATABASE_NEWER', `The database was written by a newer version of the desk (data version ${version}); back it up with that version.`)
    }
    markStandalone(partial)
    progress('Checking the copy…')
    return seal(partial, target, options, true)
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
    return seal(partial, target, options, false)
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
function seal(partial: string, target: string, options: SnapshotOptions, check: boolean): Snapshot {
  const progress = options.progress ?? (() => {})
  const nb = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  let info: BackupInfo
  const copy = openCopy(partial, nb)
  try {
    // A hidden file that is synced as a whole at the end and thrown away on any failure: no journal needed.
    copy.pragma('journal_mode = OFF')
    copy.pragma('synchronous = OFF')
    info = {
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
  } catch (e) {
    throw sqliteFailure(e)
  } finally {
    copy.close()
  }

  const bytes = fs.statSync(partial).size
  // When checked, the two threads' shares are about even with the hash here after quick_check,
  // and the foreign-key check on the worker.
  const side = startSideWork({ file: partial, foreignKeys: check, hashBytes: check ? null : bytes, syncEarly: true, ...nb }, options.parallel ?? parallelByDefault(bytes))
  let findings: string[] = ['ok']
  let result
  let sha256: string | undefined
  try {
    progress('Computing its SHA-256 checksum…')
    if (check) {
      findings = quickCheck(partial, nb)
      if (findings[0] === 'ok') sha256 = hashFile(partial, bytes)
    }
    result = side.result()
  } finally {
    side.dispose()
  }
  if (findings[0] !== 'ok') {
    const found = integrityFindings(findings)
    throw sourceDamaged(`SQLite's check reports ${found[0]!.slice(0, 120)}${found.length > 1 ? ', and more' : ''}`)
  }
  if (result.foreignKeyError !== undefined) throw sourceDamaged(`SQLite cannot check its references (${result.foreignKeyError.slice(0, 120)})`)
  if (result.broken && result.broken.count > 0) {
    const first = result.broken.first!
    throw sourceDamaged(`${result.broken.count} record(s) refer to records that are missing (for example in ${first.table}, a missing ${first.parent} record)`)
  }
  sha256 ??= result.sha256!
  appendTrailerAndSync(partial, sha256)
  fs.renameSync(partial, target)
  fsyncDirectory(path.dirname(target))
  return { file: target, sizeBytes: bytes + TRAILER_LENGTH, info, sha256, checkedOn: result.ranOn }
}

function openCopy(file: string, nb: { nativeBinding?: string }): Database.Database {
  try {
    return new Database(file, { fileMustExist: true, ...nb })
  } catch (e) {
    throw sqliteFailure(e)
  }
}

/** quick_check on its own read-only connection (the worker reads the same file meanwhile). */
function quickCheck(file: string, nb: { nativeBinding?: string }): string[] {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...nb })
    return (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check)
  } catch (e) {
    throw sqliteFailure(e)
  } finally {
    db?.close()
  }
}

/** SQLite failing on the copy: the database it came from is damaged, unless the disk failed (which says so). */
function sqliteFailure(e: unknown): unknown {
  const code = String((e as { code?: unknown }).code ?? '')
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
  return new DeskError('INTERNAL', `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`, { target })
}

function clinicName(db: Database.Database): string | null {
  try {
    const row = db.prepare('SELECT name FROM centers ORDER BY id LIMIT 1').get() as { name: string } | undefined
    return row?.name ?? null
  } catch {
    return null
  }
}
