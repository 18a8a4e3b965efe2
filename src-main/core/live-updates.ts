/**
 * Changes made outside this process (a second desk on the same file, a script,
 * a restore) are noticed by polling SQLite's data_version, which moves only
 * when another connection commits. Cheap enough to run twice a second.
 */
import { systemStaffId } from './center.js'
import { type Core, today } from './core.js'
import { ensureHorizon } from './session-generator.js'

export function watchExternalChanges(core: Core, intervalMs = 500): () => void {
  const read = () => core.sql.db.pragma('data_version', { simple: true }) as number
  let last = read()
  const timer = setInterval(() => {
    try {
      const now = read()
      if (now !== last) {
        last = now
        core.events.emit({ kind: 'external-change' })
      }
    } catch {
      // The database was closed (shutdown or restore); the owner stops this watcher.
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Keeps dated sessions generated up to the center's horizon: once at start and
 * again whenever the date changes while the desk is open.
 */
export function keepHorizonTopped(core: Core, log: (message: string, error?: unknown) => void, checkEveryMs = 60_000): () => void {
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
