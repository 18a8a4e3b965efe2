/**
 * The contract's backup methods, answered by the desk (openDesk passes these
 * to the dispatcher in place of the core's NOT_AVAILABLE defaults). They need
 * what only the desk has: the data folder, and the power to swap the
 * database under the core and make every open screen reload.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { BackupStatus } from '../../src-shared/backup-model.js'
import type { BackupMethodName } from '../../src-shared/contract/index.js'
import type { Core } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import type { Handler } from '../core/handlers.js'
import type { AutomaticBackups } from './automatic.js'
import type { BackupTurn } from './backup-turn.js'
import { backupsFolder, sameFile } from './backup-paths.js'
import { readBackupState, updateBackupState } from './backup-state.js'
import { listCopies } from './copies.js'
import { exportBackupAsync } from './export.js'
import { inspectBackup } from './inspect.js'
import { type LiveConnection, restoreDatabase, type RestoreStep } from './restore.js'

export interface BackupDesk {
  dataFolder: string
  appVersion: string
  automatic: AutomaticBackups
  /** The turn the automatic copies take too: while one backup is being made, another is refused. */
  turn: BackupTurn
  /** How a restore closes the desk's connection and hands it the new one. */
  live: LiveConnection
  nativeBinding?: string
  /** Called as each step of a restore is reached (the failure tests stop a restore there). */
  onRestoreStep?: (step: RestoreStep) => void
}

export type BackupHandlers = { [M in BackupMethodName]: Handler<M> }

export function backupHandlers(d: BackupDesk): BackupHandlers {
  const nb = d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}
  const status = (): BackupStatus => ({
    backupsFolder: backupsFolder(d.dataFolder),
    retention: d.automatic.retention,
    ...readBackupState(d.dataFolder),
  })
  const changed = (core: Core) => core.events.emit({ kind: 'backup' })

  return {
    'backup.status': () => status(),
    'backup.list': () => listCopies(d.dataFolder, readBackupState(d.dataFolder).secondFolder, d.nativeBinding),
    'backup.inspect': (_core, i) => inspectBackup(i.path, { dataFolder: d.dataFolder, ...nb }),

    // The copy is made before the first await; its checks are awaited with the desk answering meanwhile.
    'backup.export': (core, i) => {
      staffAtDesk(core, i.staffId)
      return d.turn.take('a backup to a file', () =>
        exportBackupAsync(core.sql.db, i.path, {
          dataFolder: d.dataFolder,
          appVersion: d.appVersion,
          clock: core.clock,
          replace: i.replace,
          ...nb,
        }),
      )
    },

    'backup.now': async (core, i) => {
      staffAtDesk(core, i.staffId)
      if ((await d.automatic.runAsync('manual')) === null)
        throw new DeskError('SETUP_REQUIRED', 'There is nothing to back up until the clinic is set up.')
      return status()
    },

    'backup.restore': (core, i) => {
      const by = restoringAs(core, i.staffId)
      const result = restoreDatabase({
        dataFolder: d.dataFolder,
        file: i.path,
        appVersion: d.appVersion,
        clock: core.clock,
        live: d.live,
        ...nb,
        ...(d.onRestoreStep ? { onStep: d.onRestoreStep } : {}),
      })
      updateBackupState(d.dataFolder, (s) => ({
        ...s,
        lastRestore: {
          at: core.clock.now().toISOString(),
          file: result.restored.file,
          by,
          safetyCopy: result.safetyCopy,
        },
      }))
      core.events.emit({ kind: 'reload' })
      changed(core)
      return result
    },

    'backup.setSecondFolder': (core, i) => {
      staffAtDesk(core, i.staffId)
      if (i.folder !== null) checkSecondFolder(i.folder, d.dataFolder)
      updateBackupState(d.dataFolder, (s) => ({
        ...s,
        secondFolder: i.folder === null ? null : path.resolve(i.folder),
      }))
      changed(core)
      return status()
    },

    'backup.acknowledgeWarning': (core, i) => {
      staffAtDesk(core, i.staffId)
      updateBackupState(d.dataFolder, (s) => ({ ...s, warning: null }))
      changed(core)
      return status()
    },
  }
}

/**
 * Who the restore is recorded under. A desk with no clinic yet (a new PC, its
 * data to come from a backup) has no staff member who could be at it: only
 * then may the restore come without one.
 */
function restoringAs(core: Core, staffId: number | undefined): string {
  if (staffId !== undefined) return staffAtDesk(core, staffId)
  if (clinicExists(core))
    throw new DeskError(
      'STAFF_NOT_ALLOWED',
      'Choose who is at the desk first (top right): a restore is recorded under their name.',
    )
  return 'the welcome screen (no clinic was set up yet)'
}

function clinicExists(core: Core): boolean {
  return core.sql.first(core.sql.q.selectFrom('centers').select('id').limit(1)) !== undefined
}

/** The name of the staff member at the desk, who must exist and be active (as for every write). */
function staffAtDesk(core: Core, staffId: number): string {
  const staff = core.sql.first(core.sql.q.selectFrom('staff').select(['full_name', 'active']).where('id', '=', staffId))
  if (!staff)
    throw new DeskError(
      'STAFF_NOT_ALLOWED',
      `No staff member with number ${staffId} exists; choose who is at the desk.`,
    )
  if (!staff.active)
    throw new DeskError(
      'STAFF_NOT_ALLOWED',
      `${staff.full_name} has been deactivated and cannot make changes; choose who is at the desk.`,
    )
  return staff.full_name
}

/** A second folder must exist (a USB drive that is not plugged in is not quietly replaced by a local folder) and take a file. */
function checkSecondFolder(folder: string, dataFolder: string): void {
  const rel = path.relative(path.resolve(dataFolder), path.resolve(folder))
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    throw new DeskError(
      'VALIDATION',
      'The second folder must be somewhere other than the data folder: choose a USB drive or a network share.',
    )
  }
  let stat: fs.Stats
  try {
    stat = fs.statSync(folder)
  } catch {
    throw new DeskError(
      'NOT_FOUND',
      `The folder ${folder} does not exist. Connect the USB drive or network share, or create the folder, then set it again.`,
    )
  }
  if (!stat.isDirectory()) throw new DeskError('VALIDATION', `${folder} is a file, not a folder.`)
  if (sameFile(folder, dataFolder)) {
    throw new DeskError(
      'VALIDATION',
      'The second folder must be somewhere other than the data folder: choose a USB drive or a network share.',
    )
  }
  const probe = path.join(folder, `.desk-write-test-${process.pid}`)
  try {
    fs.writeFileSync(probe, 'test')
    fs.rmSync(probe)
  } catch {
    throw new DeskError('VALIDATION', `The desk cannot write into ${folder} (permission denied or a read-only drive).`)
  }
}
