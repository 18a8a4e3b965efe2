/**
 * Automatic copies: when the desk closes and once a day while it is open,
 * into <data>/backups and, when set, a second folder (a USB drive, a network
 * share); old copies are pruned (7 daily, 4 weekly, 12 monthly by default).
 * A failure is kept as a warning in the backup settings until someone
 * acknowledges it, so it survives a restart and cannot pass unnoticed.
 *
 * The daily and on-request copies make their snapshot in one step on the
 * desk's thread, then await the checks and the copy to the second folder with
 * the desk answering meanwhile, one backup at a time (backup-turn.ts). The
 * closing copy runs the same steps blocking, inside the synchronous close().
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Core } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { fsyncDirectory, fsyncFile } from '../db/open-database.js'
import type { Logger } from '../dispatcher.js'
import { automaticCopyName, backupsFolder, freePath, parseCopyName, partialPath } from './backup-paths.js'
import { describeFileError } from './backup-problem.js'
import { updateBackupState, readBackupState } from './backup-state.js'
import { runBlocking, runSettled, step, type Steps, type Wait } from './backup-steps.js'
import type { BackupTurn } from './backup-turn.js'
import { parallelByDefault, sideWork } from './backup-worker.js'
import { copiesToKeep, DEFAULT_RETENTION, type Retention } from './retention.js'
import { snapshotting } from './snapshot.js'
import { hashFile, parseTrailer, readEnd, TRAILER_LENGTH } from './trailer.js'

export interface AutomaticOptions {
  dataFolder: string
  core: Core
  appVersion: string
  log: Logger
  /** The desk's one turn for backups, shared with exports. */
  turn: BackupTurn
  nativeBinding?: string
  retention?: Retention
  /** How often to look whether today's copy is made (default 10 minutes). */
  checkEveryMs?: number
  /** The first look after the desk opens (default 1 minute: not while it is starting up). */
  firstCheckAfterMs?: number
}

export type AutomaticReason = 'daily' | 'close' | 'manual'

export interface AutomaticOutcome {
  /** The copy made in the backups folder, or null when that failed. */
  file: string | null
  failures: string[]
}

const HOUR = 3_600_000

export class AutomaticBackups {
  readonly retention: Retention
  private timers: NodeJS.Timeout[] = []
  private lastDailyAttempt: number | null = null
  /** Where copies still being checked will be renamed to: a closing copy made meanwhile takes another name. */
  private readonly reserved = new Set<string>()

  constructor(private readonly o: AutomaticOptions) {
    this.retention = o.retention ?? DEFAULT_RETENTION
  }

  start(): void {
    this.stop()
    const first = setTimeout(() => void this.checkDaily(), this.o.firstCheckAfterMs ?? 60_000)
    const every = setInterval(() => void this.checkDaily(), this.o.checkEveryMs ?? 10 * 60_000)
    first.unref()
    every.unref()
    this.timers = [first, every]
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers = []
  }

  /**
   * Makes today's copy if there is none yet; after a failure, tries again an hour later at the soonest.
   * While another backup is being made, it looks again at its next turn.
   */
  async checkDaily(): Promise<AutomaticOutcome | null> {
    try {
      if (this.o.turn.busy || !this.isSetUp() || this.hasCopyToday()) return null
      const now = this.o.core.clock.now().getTime()
      if (this.lastDailyAttempt !== null && now - this.lastDailyAttempt < HOUR) return null
      this.lastDailyAttempt = now
      return await this.runAsync('daily')
    } catch (e) {
      this.o.log('The daily backup check failed', e)
      return null
    }
  }

  /**
   * Makes a copy now, blocking until it is made (the closing copy, inside the
   * synchronous close()). A clinic that is not set up yet has nothing to keep: null.
   */
  run(reason: AutomaticReason): AutomaticOutcome | null {
    return runBlocking(this.copying(reason))
  }

  /** Makes a copy now, the desk answering while it is checked; refused (BUSY) while another backup is being made. */
  runAsync(reason: 'daily' | 'manual'): Promise<AutomaticOutcome | null> {
    return this.o.turn.take(reason === 'daily' ? 'the daily copy' : 'a copy on request', () =>
      runSettled(this.copying(reason)),
    )
  }

  private *copying(reason: AutomaticReason): Steps<AutomaticOutcome | null> {
    if (!this.isSetUp()) return null
    const { core, dataFolder } = this.o
    const now = core.clock.now()
    const primary = backupsFolder(dataFolder)
    const failures: string[] = []
    let file: string | null = null
    try {
      fs.mkdirSync(primary, { recursive: true })
      const snapshot = yield* this.reserving(freePath(primary, automaticCopyName(now), this.reserved), (target) =>
        snapshotting(core.sql.db, target, this.snapshotOptions()),
      )
      file = snapshot.file
      this.prune(primary)
    } catch (e) {
      failures.push(
        e instanceof DeskError ? e.message : `The automatic backup into ${primary} failed: ${describeFileError(e)}.`,
      )
    }
    const second = readBackupState(dataFolder).secondFolder
    if (second) {
      try {
        if (!isFolder(second)) throw Object.assign(new Error('missing'), { code: 'ENOENT' })
        const target = freePath(second, path.basename(file ?? automaticCopyName(now)), this.reserved)
        const made = file
        if (made) yield* this.reserving(target, (t) => copyingChecked(made, t))
        else yield* this.reserving(target, (t) => snapshotting(core.sql.db, t, this.snapshotOptions()))
        this.prune(second)
      } catch (e) {
        failures.push(`The copy to the second folder ${second} failed: ${describeFileError(e)}.`)
      }
    }
    const at = now.toISOString()
    const message =
      failures.length === 0
        ? `Backed up (${reason === 'close' ? 'on closing' : reason === 'daily' ? 'daily copy' : 'on request'}).`
        : failures.join(' ')
    updateBackupState(dataFolder, (s) => ({
      ...s,
      lastAutomatic: { at, ok: failures.length === 0, file, message },
      warning:
        failures.length === 0
          ? s.warning
          : s.warning
            ? { ...s.warning, lastFailureAt: at, failures: s.warning.failures + 1, message }
            : { since: at, lastFailureAt: at, failures: 1, message },
    }))
    if (failures.length > 0) this.o.log(`Automatic backup (${reason}) failed: ${message}`)
    core.events.emit({ kind: 'backup' })
    return { file, failures }
  }

  /** The steps writing to `target`, a name no other copy takes until they are done. */
  private *reserving<R>(target: string, steps: (target: string) => Steps<R>): Steps<R> {
    this.reserved.add(target)
    try {
      return yield* steps(target)
    } finally {
      this.reserved.delete(target)
    }
  }

  private snapshotOptions() {
    return {
      appVersion: this.o.appVersion,
      clock: this.o.core.clock,
      source: 'automatic' as const,
      ...(this.o.nativeBinding ? { nativeBinding: this.o.nativeBinding } : {}),
    }
  }

  private isSetUp(): boolean {
    try {
      return this.o.core.sql.db.prepare('SELECT 1 FROM centers LIMIT 1').get() !== undefined
    } catch {
      return false
    }
  }

  private hasCopyToday(): boolean {
    const d = this.o.core.clock.now()
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    let names: string[]
    try {
      names = fs.readdirSync(backupsFolder(this.o.dataFolder))
    } catch {
      return false
    }
    return names.some((n) => {
      const c = parseCopyName(n)
      return c?.kind === 'automatic' && c.date === today
    })
  }

  /** Removes the automatic copies the retention rules no longer keep; only files named like ours are touched. */
  private prune(folder: string): void {
    try {
      const copies = fs.readdirSync(folder).flatMap((name) => {
        const c = parseCopyName(name)
        return c?.kind === 'automatic' ? [{ name, date: c.date, time: c.time }] : []
      })
      const keep = copiesToKeep(copies, this.retention)
      for (const c of copies) if (!keep.has(c.name)) fs.rmSync(path.join(folder, c.name), { force: true })
    } catch (e) {
      this.o.log(`Pruning old backups in ${folder} failed`, e)
    }
  }
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory()
  } catch {
    return false
  }
}

/**
 * Copies a finished backup to another drive and reads the copy back before it
 * takes its name: its bytes must match its own checksum line (one read of the
 * copy, none of the original).
 */
function* copyingChecked(source: string, target: string): Steps<void> {
  const partial = partialPath(target)
  try {
    yield* step(copyFile(source, partial))
    yield* step(syncFile(partial))
    if (!(yield* matchingOwnTrailer(partial))) {
      throw new Error('the copy read back differently from the original (the drive may be failing)')
    }
    fs.renameSync(partial, target)
    fsyncDirectory(path.dirname(target))
  } finally {
    fs.rmSync(partial, { force: true })
  }
}

/** Whether a finished backup file's bytes still match its own checksum line (the hash on a worker for a large file, when settled). */
function* matchingOwnTrailer(file: string): Steps<boolean> {
  const size = fs.statSync(file).size
  if (size < TRAILER_LENGTH) return false
  const recorded = parseTrailer(readEnd(file, size))
  if (recorded === null) return false
  const read = yield* step(
    sideWork({ file, foreignKeys: false, hashBytes: size - TRAILER_LENGTH, syncEarly: false }, parallelByDefault(size)),
  )
  return read.sha256 === recorded
}

function copyFile(from: string, to: string): Wait<void> {
  return { blocking: () => fs.copyFileSync(from, to), settled: () => fs.promises.copyFile(from, to) }
}

function syncFile(file: string): Wait<void> {
  return {
    blocking: () => fsyncFile(file),
    async settled() {
      const handle = await fs.promises.open(file, 'r+')
      try {
        await handle.sync()
      } finally {
        await handle.close()
      }
    },
  }
}

/** SHA-256 of a whole file. */
export function fileSha256(file: string): string {
  return hashFile(file)
}
