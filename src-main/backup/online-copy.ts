/**
 * A consistent copy of a live database, written straight into a new file:
 * SQLite's online backup with every page in one step. One step is one read
 * transaction, so the copy holds whole transactions only while the desk's
 * writers carry on (WAL); and no writer can restart it, as one can restart a
 * backup made in small steps, again and again on a busy desk.
 *
 * better-sqlite3 offers the backup only as an asynchronous loop of small steps.
 * The desk's closing backup runs inside a synchronous close() (as Electron
 * quits), so its backup handle is used here directly, for one synchronous
 * step: an internal of the pinned better-sqlite3 (12.x), checked by the backup
 * tests. It is the fastest consistent copy on offer: about the time of reading
 * the file, where serialize() and a write cost twice that.
 */
import type Database from 'better-sqlite3'
import { createRequire } from 'node:module'

interface BackupHandle {
  transfer(pages: number): { totalPages: number; remainingPages: number }
  close(): void
}
interface NativeDatabase {
  backup(owner: Database.Database, attached: string, file: string, isNewFile: boolean): BackupHandle
}

const { cppdb } = createRequire(import.meta.url)('better-sqlite3/lib/util.js') as { cppdb: symbol }

/** Copies every page of `db` into `file`, which must not exist yet. */
export function copyOnline(db: Database.Database, file: string): void {
  const native = (db as unknown as Record<symbol, NativeDatabase | undefined>)[cppdb]
  if (!native || typeof native.backup !== 'function') throw new Error('this better-sqlite3 offers no backup handle')
  const handle = native.backup(db, 'main', file, true)
  try {
    // -1: every remaining page, in this one step.
    const { remainingPages } = handle.transfer(-1)
    if (remainingPages !== 0) throw new Error(`the copy stopped with ${remainingPages} pages still to copy`)
  } finally {
    handle.close()
  }
}
