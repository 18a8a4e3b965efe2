/**
 * The desk without a window: open the data folder, build the core and its
 * dispatcher, keep sessions generated ahead, notice changes made by others
 * and keep automatic backups. Electron's main process and the browser host
 * both start exactly this.
 */
import type Database from 'better-sqlite3'
import { type Clock, type Core, createCore, systemClock } from '../core/core.js'
import { keepHorizonTopped, watchExternalChanges } from './live-updates.js'
import { databasePath, openDataFolder } from '../db/open-database.js'
import { LATEST_SCHEMA_VERSION } from '../db/migrations/index.js'
import type { Handlers } from '../core/handlers.js'
import { createDispatcher, type Dispatcher, type Logger } from '../dispatcher.js'
import { AutomaticBackups } from '../backup/automatic.js'
import { backupHandlers } from '../backup/backup-handlers.js'
import { BackupTurn } from '../backup/backup-turn.js'
import { removeLeftovers } from '../backup/leftovers.js'
import type { Retention } from '../backup/retention.js'
import type { LiveConnection, RestoreStep } from '../backup/restore.js'

export interface DeskOptions {
  dataFolder: string
  log: Logger
  clock?: Clock
  /** better-sqlite3 built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string
  /** Methods only the shell can answer (a window's print dialog). */
  shell?: Partial<Handlers>
  /** Automatic copies (on close and daily); on unless `automatic: false`. */
  backups?: {
    automatic?: boolean
    retention?: Retention
    checkEveryMs?: number
    firstCheckAfterMs?: number
    /** Called as each step of a restore is reached (the tests make a restore fail there). */
    onRestoreStep?: (step: RestoreStep) => void
  }
}

export interface Desk {
  readonly dataFolder: string
  /** The live connection; a restore replaces it, so read it each time. */
  readonly db: Database.Database
  readonly core: Core
  readonly dispatcher: Dispatcher
  readonly backups: AutomaticBackups
  status(): Record<string, unknown>
  /** Makes the closing backup, then closes the database. */
  close(): void
}

export const APP_VERSION = '0.1.0'

export function openDesk(options: DeskOptions): Desk {
  const nb = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  const core = createCore(openDataFolder(options.dataFolder, nb), options.clock ?? systemClock)
  try {
    removeLeftovers(options.dataFolder)
  } catch (e) {
    options.log('Could not remove the partial files left by a desk that stopped mid-write', e)
  }
  let stopWatching = watchExternalChanges(core)
  let stopTopping = keepHorizonTopped(core, options.log)
  const { automatic: automaticSetting, onRestoreStep, ...schedule } = options.backups ?? {}
  const automaticOn = automaticSetting !== false
  // Exports and automatic copies take turns: one backup at a time.
  const turn = new BackupTurn()
  const automatic = new AutomaticBackups({
    dataFolder: options.dataFolder,
    core,
    appVersion: APP_VERSION,
    log: options.log,
    turn,
    ...nb,
    ...schedule,
  })

  // A restore swaps the database under the core: the core, its dispatcher and everyone holding
  // them stay; only the connection inside changes, and the watchers follow it. The dated sessions
  // are topped up again only for a restored database: after a failed restore the desk has its own
  // database back, already topped up today (its timer cannot fire during the synchronous restore).
  const live: LiveConnection = {
    release() {
      stopWatching()
      closeConnection(core.sql.db)
    },
    adopt(db, restored) {
      core.sql.replaceConnection(db)
      stopWatching = watchExternalChanges(core)
      if (restored) {
        stopTopping()
        stopTopping = keepHorizonTopped(core, options.log)
      }
    },
  }
  const dispatcher = createDispatcher(core, options.log, {
    ...backupHandlers({
      dataFolder: options.dataFolder,
      appVersion: APP_VERSION,
      automatic,
      turn,
      live,
      ...nb,
      ...(onRestoreStep ? { onRestoreStep } : {}),
    }),
    ...options.shell,
  })
  if (automaticOn) automatic.start()
  return {
    dataFolder: options.dataFolder,
    get db() {
      return core.sql.db
    },
    core,
    dispatcher,
    backups: automatic,
    status: () => ({
      app: 'dialysis-desk',
      version: APP_VERSION,
      schemaVersion: LATEST_SCHEMA_VERSION,
      database: databasePath(options.dataFolder),
    }),
    close() {
      stopWatching()
      stopTopping()
      automatic.stop()
      const db = core.sql.db
      if (!db.open) return
      if (automaticOn) {
        try {
          automatic.run('close')
        } catch (e) {
          options.log('The closing backup failed', e)
        }
      }
      closeConnection(db)
    },
  }
}

function closeConnection(db: Database.Database): void {
  if (!db.open) return
  try {
    db.pragma('wal_checkpoint(TRUNCATE)')
  } catch {
    // Another connection holds the WAL: SQLite checkpoints it later.
  }
  db.close()
}
