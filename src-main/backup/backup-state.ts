/**
 * Backup settings and warnings, in <data>/backup-settings.json rather than in
 * the database: they belong to this computer (its USB drive, its failures),
 * and restoring a backup must not bring back an old setting or erase a
 * warning. Written whole under a temporary name, then renamed.
 */
import fs from 'node:fs'
import type { BackupStatus } from '../../src-shared/backup-model.js'
import { fsyncFile } from '../db/open-database.js'
import { backupStateFile, partialPath } from './backup-paths.js'

export type BackupState = Pick<BackupStatus, 'secondFolder' | 'warning' | 'lastAutomatic' | 'lastRestore'>

const EMPTY: BackupState = { secondFolder: null, warning: null, lastAutomatic: null, lastRestore: null }

export function readBackupState(dataFolder: string): BackupState {
  let text: string
  try {
    text = fs.readFileSync(backupStateFile(dataFolder), 'utf8')
  } catch {
    return { ...EMPTY }
  }
  try {
    const parsed = JSON.parse(text) as Partial<BackupState>
    return {
      secondFolder: typeof parsed.secondFolder === 'string' ? parsed.secondFolder : null,
      warning: parsed.warning && typeof parsed.warning.message === 'string' ? parsed.warning : null,
      lastAutomatic: parsed.lastAutomatic ?? null,
      lastRestore: parsed.lastRestore ?? null,
    }
  } catch {
    // A damaged settings file must not stop the backups: start again from the defaults, and say so.
    return {
      ...EMPTY,
      warning: {
        since: new Date().toISOString(),
        lastFailureAt: new Date().toISOString(),
        failures: 1,
        message: 'The backup settings file was damaged and has been reset; set the second folder again if you use one.',
      },
    }
  }
}

export function writeBackupState(dataFolder: string, state: BackupState): void {
  const file = backupStateFile(dataFolder)
  const partial = partialPath(file)
  fs.writeFileSync(partial, `${JSON.stringify(state, null, 2)}\n`)
  fsyncFile(partial)
  fs.renameSync(partial, file)
}

export function updateBackupState(dataFolder: string, change: (state: BackupState) => BackupState): BackupState {
  const next = change(readBackupState(dataFolder))
  writeBackupState(dataFolder, next)
  return next
}
