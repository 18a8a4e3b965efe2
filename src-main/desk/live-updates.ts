/**
 * Changes made outside this process (a second desk on the same file, a script,
 * a restore) are noticed through SQLite's data_version, which moves only when
 * another connection commits; and the dated sessions are kept generated ahead.
 */
import fs from 'node:fs'
import path from 'node:path'
import { systemStaffId } from '../core/center/center.js'
import { type Core, today } from '../core/core.js'
import { ensureHorizon } from '../core/sessions/session-generator.js'

/**
 * Another connection's commit is written into the -wal file beside the
 * database, so a watch on the folder hears it at once; a poll twice a second
 * stays for the file systems that send no notices (some network shares).
 * Reading data_version costs microseconds, so a notice of the desk's own
 * writes is harmless.
 */
export function watchExternalChanges(core: Core, intervalMs = 500): () => void {
  const read = () => core.sql.db.pragma('data_version', { simple: true }) as number
  let last = read()
  const check = () => {
    try {
      const now = read()
      if (now !== last) {
        last = now
        core.events.emit({ kind: 'external-change' })
      }
    } catch {
      // The database was closed (shutdown or restore); the owner stops this watcher.
    }
  }
  const timer = setInterval(check, intervalMs)
  timer.unref()
  const stopWatch = watchDatabaseFiles(core.sql.db.name, check)
  return () => {
    clearInterval(timer)
    stopWatch()
  }
}

/** Calls `onChange` soon after the database file or its -wal changes; a burst of writes makes one call. */
function watchDatabaseFiles(file: string, onChange: () => void): () => void {
  if (!path.isAbsolute(file)) return () => {} // an in-memory database: nobody else can write to it
  const base = path.basename(file)
  let soon: NodeJS.Timeout | undefined
  let watcher: fs.FSWatcher | undefined
  try {
    watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (soon || (name !== null && !String(name).startsWith(base))) return
      soon = setTimeout(() => {
        soon = undefined
        onChange()
      }, 10)
    })
    // A folder that disappears or a watch the system takes back: the poll carries on alone.
    watcher.on('error', () => watcher?.close())
  } catch {
    // No notices on this file system: the poll carries on alone.
  }
  return () => {
    clearTimeout(soon)
    watcher?.close()
  }
}

/**
 * Keeps dated sessions generated up to the center's horizon: once at start and
 * again whenever the date changes while the desk is open.
 */
export function keepHorizonTopped(
  core: Core,
  log: (message: string, error?: unknown) => void,
  checkEveryMs = 60_000,
): () => void {
  let doneFor: string | null = null
  const run = () => {
    const day = today(core)
    if (doneFor === day) return
    try {
      const staffId = systemStaffId(core)
      ensureHorizon(core, { staffId })
      doneFor = day
    } catch (e) {
      // Not set up yet, or a template problem: try again at the next check.
      if ((e as { code?: string }).code !== 'SETUP_REQUIRED') log('Could not top up the dated sessions', e)
    }
  }
  run()
  const timer = setInterval(run, checkEveryMs)
  timer.unref()
  return () => clearInterval(timer)
}
