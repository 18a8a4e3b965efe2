/**
 * Making a backup file: a consistent snapshot of a live database, checked,
 * stamped with its record and synced before it takes its name.
 *
 * VACUUM INTO reads the database inside one read transaction, so the copy
 * holds whole transactions only; in WAL mode writers carry on meanwhile (a
 * backup never holds the desk up for longer than the copy itself). The copy
 * is written beside the target under a hidden name and renamed into place
 * only when it is whole, checked and on disk: a crash, a full disk or a
 * pulled USB drive leaves either the previous file or none, never half a backup.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Clock } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js'
import { APPLICATION_ID, fsyncDirectory, fsyncFile } from '../db/open-database.js'
import { type BackupInfo, type BackupSource, writeBackupInfo } from './backup-info.js'
import { partialPath } from './backup-paths.js'
import { describeFileError, integrityFindings } from './backup-problem.js'
import { contentHash, HASH_METHOD } from './content-hash.js'

export type Progress = (line: string) => void

export interface SnapshotOptions {
  appVersion: string
  clock: Clock
  source: BackupSource
  progress?: Progress
  nativeBinding?: string
}

export interface Snapshot {
  file: string
  sizeBytes: number
  info: BackupInfo
}

/** Writes a checked backup of `db` to `target` (which must not exist yet: the caller decides about replacing). */
export function writeSnapshot(db: Database.Database, target: string, options: SnapshotOptions): Snapshot {
  const progress = options.progress ?? (() => {})
  const partial = partialPath(target)
  let copy: Database.Database | undefined
  try {
    progress('Copying the database…')
    try {
      db.prepare('VACUUM INTO ?').run(partial)
    } catch (e) {
      throw new DeskError('INTERNAL', `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`, { target })
    }
    copy = new Database(partial, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) })
    progress('Checking the copy…')
    checkCopy(copy)
    progress('Computing its SHA-256 checksum…')
    let lastShown = Date.now()
    const { sha256, rowCounts } = contentHash(copy, (fraction) => {
      if (Date.now() - lastShown > 1000) {
        lastShown = Date.now()
        progress(`  ${Math.round(fraction * 100)}%`)
      }
    })
    const info: BackupInfo = {
      format: 'dialysis-desk-backup',
      appVersion: options.appVersion,
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      madeAt: options.clock.now().toISOString(),
      madeOn: os.hostname(),
      source: options.source,
      clinicName: clinicName(copy),
      rowCounts,
      contentSha256: sha256,
      hashMethod: HASH_METHOD,
    }
    writeBackupInfo(copy, info)
    copy.close()
    copy = undefined
    fsyncFile(partial)
    fs.renameSync(partial, target)
    fsyncDirectory(path.dirname(target))
    return { file: target, sizeBytes: fs.statSync(target).size, info }
  } catch (e) {
    copy?.close()
    fs.rmSync(partial, { force: true })
    fs.rmSync(`${partial}-journal`, { force: true })
    if (e instanceof DeskError) throw e
    throw new DeskError('INTERNAL', `The backup could not be written to ${path.dirname(target)}: ${describeFileError(e)}.`, { target })
  }
}

/**
 * The copy must be a sound database of ours: if it is not, the live database
 * itself is in trouble, and a backup that would be refused at restore time is no backup.
 */
function checkCopy(copy: Database.Database): void {
  const problems = (copy.pragma('integrity_check(5)') as { integrity_check: string }[]).map((r) => r.integrity_check)
  if (problems[0] !== 'ok') {
    const found = integrityFindings(problems)
    throw sourceDamaged(`SQLite's integrity check reports ${found[0]!.slice(0, 120)}${found.length > 1 ? ', and more' : ''}`)
  }
  const broken = copy.pragma('foreign_key_check') as { table: string; parent: string }[]
  if (broken.length > 0) {
    throw sourceDamaged(`${broken.length} record(s) refer to records that are missing (for example in ${broken[0]!.table}, a missing ${broken[0]!.parent} record)`)
  }
  const appId = copy.pragma('application_id', { simple: true }) as number
  if (appId !== APPLICATION_ID) throw sourceDamaged('it does not carry the desk’s mark (application id)')
  const version = copy.pragma('user_version', { simple: true }) as number
  if (version > LATEST_SCHEMA_VERSION) {
    throw new DeskError('DATABASE_NEWER', `The database was written by a newer version of the desk (data version ${version}); back it up with that version.`)
  }
}

function sourceDamaged(why: string): DeskError {
  return new DeskError(
    'BACKUP_INVALID',
    `The desk's own database is damaged, so no backup was made: ${why}. Keep the earlier backups safe, do not restore over them, and call the clinic's IT support.`,
    { problem: 'source-damaged' },
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
