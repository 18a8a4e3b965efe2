/**
 * The desk without a window: open the data folder, build the core and its
 * dispatcher, keep sessions generated ahead and notice changes made by others.
 * Electron's main process and the browser host both start exactly this.
 */
import type Database from 'better-sqlite3'
import { type Clock, type Core, createCore, systemClock } from './core/core.js'
import { keepHorizonTopped, watchExternalChanges } from './core/live-updates.js'
import { databasePath, openDataFolder } from './db/open-database.js'
import { LATEST_SCHEMA_VERSION } from './db/migrations/index.js'
import type { Handlers } from './core/handlers.js'
import { createDispatcher, type Dispatcher, type Logger } from './dispatcher.js'

export interface DeskOptions {
  dataFolder: string
  log: Logger
  clock?: Clock
  /** better-sqlite3 built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string
  /** Methods only the shell can answer (a window's print dialog). */
  shell?: Partial<Handlers>
}

export interface Desk {
  readonly dataFolder: string
  readonly db: Database.Database
  readonly core: Core
  readonly dispatcher: Dispatcher
  status(): Record<string, unknown>
  close(): void
}

export const APP_VERSION = '0.1.0'

export function openDesk(options: DeskOptions): Desk {
  const db = openDataFolder(options.dataFolder, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  const core = createCore(db, options.clock ?? systemClock)
  const dispatcher = createDispatcher(core, options.log, options.shell)
  const stopWatching = watchExternalChanges(core)
  const stopTopping = keepHorizonTopped(core, options.log)
  return {
    dataFolder: options.dataFolder,
    db,
    core,
    dispatcher,
    status: () => ({ app: 'dialysis-desk', version: APP_VERSION, schemaVersion: LATEST_SCHEMA_VERSION, database: databasePath(options.dataFolder) }),
    close() {
      stopWatching()
      stopTopping()
      if (db.open) {
        try {
          db.pragma('wal_checkpoint(TRUNCATE)')
        } catch {
          // Another connection holds the WAL: SQLite checkpoints it later.
        }
        db.close()
      }
    },
  }
}
