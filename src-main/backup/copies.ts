/**
 * The copies a desk can offer to restore: what is in <data>/backups and in the
 * second folder, described from each file's own backup record. Listing opens
 * files read-only and only those in rollback-journal mode (as every backup the
 * desk makes is), so it never writes a byte beside them.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import type { BackupCopy, BackupLocation } from '../../src-shared/backup-model.js'
import { APPLICATION_ID } from '../db/open-database.js'
import { readBackupInfo } from './backup-info.js'
import { backupsFolder, parseCopyName } from './backup-paths.js'

export function listCopies(dataFolder: string, secondFolder: string | null, nativeBinding?: string): BackupCopy[] {
  const found = [
    ...copiesIn(backupsFolder(dataFolder), 'data', nativeBinding),
    ...(secondFolder ? copiesIn(secondFolder, 'second', nativeBinding) : []),
  ]
  return found.sort((a, b) => b.madeAt.localeCompare(a.madeAt) || a.location.localeCompare(b.location))
}

function copiesIn(folder: string, location: BackupLocation, nativeBinding: string | undefined): BackupCopy[] {
  let names: string[]
  try {
    names = fs.readdirSync(folder)
  } catch {
    return []
  }
  const copies: BackupCopy[] = []
  for (const fileName of names) {
    if (fileName.startsWith('.') || !fileName.endsWith('.sqlite')) continue
    const parsed = parseCopyName(fileName)
    // In a second folder (a USB drive's root, say) only the desk's own copies are listed.
    if (location === 'second' && !parsed) continue
    const file = path.join(folder, fileName)
    let stat: fs.Stats
    try {
      stat = fs.statSync(file)
    } catch {
      continue
    }
    if (!stat.isFile()) continue
    copies.push({
      file,
      fileName,
      location,
      kind: parsed?.kind ?? 'other',
      madeAt: stat.mtime.toISOString(),
      sizeBytes: stat.size,
      clinicName: null,
      patients: null,
      appointments: null,
      problem: null,
      ...describe(file, nativeBinding),
    })
  }
  return copies
}

function describe(file: string, nativeBinding: string | undefined): Partial<BackupCopy> {
  const head = Buffer.alloc(100)
  try {
    const fd = fs.openSync(file, 'r')
    try {
      fs.readSync(fd, head, 0, 100, 0)
    } finally {
      fs.closeSync(fd)
    }
  } catch {
    return { problem: 'cannot be read' }
  }
  if (head.toString('latin1', 0, 15) !== 'SQLite format 3') return { problem: 'not a database' }
  if (head.readInt32BE(68) !== APPLICATION_ID) return { problem: 'not a desk database' }
  if (head[18] === 2 || head[19] === 2) return {}
  let db: Database.Database | undefined
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: 200,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
    const record = readBackupInfo(db)
    if (record.kind !== 'present') return record.kind === 'absent' ? {} : { problem: 'damaged backup record' }
    const { info } = record
    return {
      madeAt: info.madeAt,
      clinicName: info.clinicName,
      patients: info.rowCounts['patients'] ?? null,
      appointments: info.rowCounts['appointments'] ?? null,
    }
  } catch {
    return { problem: 'cannot be read as a database' }
  } finally {
    db?.close()
  }
}
