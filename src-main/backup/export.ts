/**
 * Exporting a backup to a file someone chose (a USB stick, a share): the same
 * snapshot as the automatic copies, with the care a typed path needs. It never
 * writes over the live database, never over a file that is not a desk backup,
 * and over a desk backup only when asked to.
 *
 * exportBackup blocks until the backup is made (the command line);
 * exportBackupAsync makes the copy before it returns and awaits the checks on
 * worker threads (the Backups screen: the desk goes on answering meanwhile).
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { ExportResult } from '../../src-shared/backup-model.js'
import type { Clock } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { APPLICATION_ID, databasePath, fsyncDirectory, inspectDatabaseFile } from '../db/open-database.js'
import { partialPath, sameFile } from './backup-paths.js'
import { runBlocking, runSettled, type Steps } from './backup-steps.js'
import { type Progress, snapshotting } from './snapshot.js'

export interface ExportOptions {
  dataFolder: string
  appVersion: string
  clock: Clock
  /** Replace an existing desk backup at that path (never any other file). */
  replace?: boolean
  progress?: Progress
  nativeBinding?: string
}

export function exportBackup(db: Database.Database, target: string, o: ExportOptions): ExportResult {
  return runBlocking(exporting(db, target, o))
}

export function exportBackupAsync(db: Database.Database, target: string, o: ExportOptions): Promise<ExportResult> {
  return runSettled(exporting(db, target, o))
}

function* exporting(db: Database.Database, target: string, o: ExportOptions): Steps<ExportResult> {
  const started = Date.now()
  const file = path.resolve(target)
  const live = databasePath(o.dataFolder)
  if (
    file === live ||
    [live, `${live}-wal`, `${live}-shm`].some((f) => sameFile(f, file)) ||
    isInside(file, path.join(o.dataFolder, 'backups', '.staging'))
  ) {
    throw new DeskError('VALIDATION', `${file} is the desk's own database; choose another place for the backup.`)
  }
  const folder = path.dirname(file)
  let folderStat: fs.Stats
  try {
    folderStat = fs.statSync(folder)
  } catch {
    throw new DeskError(
      'NOT_FOUND',
      `The folder ${folder} does not exist. Check the path, and that the USB drive or network share is connected.`,
    )
  }
  if (!folderStat.isDirectory()) throw new DeskError('VALIDATION', `${folder} is not a folder.`)
  if (fs.existsSync(file)) {
    if (!o.replace)
      throw new DeskError('DUPLICATE', `${file} already exists. Choose another name, or choose to replace it.`)
    if (!isDeskBackup(file)) {
      throw new DeskError(
        'DUPLICATE',
        `${file} already exists and is not a desk backup, so it was left untouched. Choose another name.`,
      )
    }
  }
  // Made under a hidden name first, so an existing backup is replaced only by a whole, checked one.
  const fresh = partialPath(file)
  try {
    const snapshot = yield* snapshotting(db, fresh, {
      appVersion: o.appVersion,
      clock: o.clock,
      source: 'export',
      ...(o.progress ? { progress: o.progress } : {}),
      ...(o.nativeBinding ? { nativeBinding: o.nativeBinding } : {}),
    })
    fs.renameSync(fresh, file)
    fsyncDirectory(folder)
    return {
      file,
      sizeBytes: snapshot.sizeBytes,
      madeAt: snapshot.info.madeAt,
      sha256: snapshot.sha256,
      rowCounts: snapshot.info.rowCounts,
      durationMs: Date.now() - started,
    }
  } finally {
    fs.rmSync(fresh, { force: true })
  }
}

function isDeskBackup(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false
    const fd = fs.openSync(file, 'r')
    try {
      const head = Buffer.alloc(72)
      fs.readSync(fd, head, 0, 72, 0)
      return head.toString('latin1', 0, 15) === 'SQLite format 3' && head.readInt32BE(68) === APPLICATION_ID
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return false
  }
}

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file)
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)
}

/**
 * A connection for exporting from a data folder no desk in this process has
 * open (the command line): the file is inspected first, never created or upgraded.
 */
export function openForExport(dataFolder: string, nativeBinding?: string): Database.Database {
  const file = databasePath(dataFolder)
  if (!fs.existsSync(file))
    throw new DeskError('NOT_FOUND', `There is no desk database in ${dataFolder} (no ${path.basename(file)}).`)
  inspectDatabaseFile(file, nativeBinding ? { nativeBinding } : {})
  return new Database(file, { fileMustExist: true, timeout: 5000, ...(nativeBinding ? { nativeBinding } : {}) })
}
