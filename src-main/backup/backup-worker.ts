/**
 * The second core: SQLite's checks and the hash of a backup, on worker
 * threads. They only read the file (each opens it read-only), so they need no
 * coordination; on a two-core reception PC the checks then cost about what
 * the longest of them costs.
 *
 * The work comes in pieces (SideWork: quick_check then the hash, or
 * foreign_key_check and an early flush to disk), waited for in either of the
 * two ways of backup-steps.ts. Blocking (the closing backup inside a
 * synchronous close(), the command line, a restore): the calling thread does
 * the first piece itself while a worker does the second, then waits for it
 * with Atomics.wait and takes its answer with receiveMessageOnPort. Settled
 * (an export or a daily copy while the desk is open): each piece gets a
 * worker of its own and the caller awaits their answers, its event loop free.
 * Where a worker cannot be had (Atomics.wait refused, the thread failing to
 * start, to load SQLite or to answer), its work is done on the calling thread
 * instead, so a check is never skipped, only done one after the other.
 *
 * Small files are checked on the calling thread from the start: below
 * PARALLEL_FROM_BYTES, starting a thread costs more than it saves.
 */
import Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { Wait } from './backup-steps.js'
import { hashFile } from './trailer.js'

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024

export interface SideWork {
  file: string
  /** Run PRAGMA quick_check(5) on the file first; the hash is then made only when it finds nothing. */
  quickCheck?: boolean
  /** Run PRAGMA foreign_key_check on the file. */
  foreignKeys: boolean
  /** Hash this many bytes from the start of the file (null: no hash). */
  hashBytes: number | null
  /** Start flushing the file to disk meanwhile (the caller still syncs it at the end: this only starts the work early). */
  syncEarly: boolean
  nativeBinding?: string
}

export interface SideResult {
  /** quick_check's findings (['ok'] when it found nothing), when it was asked for. */
  quickCheck?: string[]
  /** The foreign-key check's findings, when it was asked for and could run. */
  broken?: { count: number; first: { table: string; rowid: number; parent: string } | null }
  /** SQLite could not run the foreign-key check (a damaged file): its message. */
  foreignKeyError?: string
  sha256?: string
  /** Where the work was done, for the tests and the logs. */
  ranOn: 'worker' | 'caller'
}

export interface SideJob {
  /** Waits for the work (or does it here) and answers it; throws what the work threw. */
  result(): SideResult
  /** Stops the worker if its answer is no longer wanted (the caller failed first). */
  dispose(): void
}

/**
 * Two pieces of work side by side. Blocking: the first on the calling thread
 * while a worker does the second. Settled: each on a worker of its own. Either
 * way the answers come in the pieces' order; when both fail, the first's error
 * is the one thrown (as when the calling thread fails before it waits).
 */
export function sideBySide(pieces: readonly [SideWork, SideWork], parallel: boolean): Wait<[SideResult, SideResult]> {
  const [first, second] = pieces
  return {
    blocking() {
      const side = startSideWork(second, parallel)
      try {
        return [runHere(first), side.result()]
      } finally {
        side.dispose()
      }
    },
    async settled() {
      const [a, b] = await Promise.allSettled([onThread(first, parallel), onThread(second, parallel)])
      if (a.status === 'rejected') throw a.reason
      if (b.status === 'rejected') throw b.reason
      return [a.value, b.value]
    },
  }
}

/** One piece of work: blocking, on the calling thread (a thread would only add its start); settled, on a worker when `parallel`. */
export function sideWork(work: SideWork, parallel: boolean): Wait<SideResult> {
  return { blocking: () => runHere(work), settled: () => onThread(work, parallel) }
}

/** Starts the work on a worker thread when `parallel`, else leaves it for result() to do on the calling thread. */
export function startSideWork(work: SideWork, parallel: boolean): SideJob {
  if (parallel && hasWork(work) && atomicsWaitAllowed()) {
    try {
      return blockingJob(launch(work, 'blocking'), work)
    } catch {
      // No thread to be had: done on the calling thread below.
    }
  }
  return { result: () => runHere(work), dispose: () => {} }
}

/** The work on a worker thread when `parallel` (else here), answered once the worker has stopped. */
async function onThread(work: SideWork, parallel: boolean): Promise<SideResult> {
  if (!parallel || !hasWork(work)) return runHere(work)
  let started: Launched
  try {
    started = launch(work, 'settled')
  } catch {
    return runHere(work)
  }
  const message = await answerWhenStopped(started)
  return answerOf(message, work)
}

function hasWork(work: SideWork): boolean {
  return work.quickCheck === true || work.foreignKeys || work.hashBytes !== null || work.syncEarly
}

/** The same work, on the calling thread (throws what SQLite throws for quick_check). */
function runHere(work: SideWork): SideResult {
  const result: SideResult = { ranOn: 'caller' }
  if (work.quickCheck) result.quickCheck = quickCheck(work.file, work.nativeBinding)
  if (work.foreignKeys) Object.assign(result, foreignKeyCheck(work.file, work.nativeBinding))
  if (work.hashBytes !== null && (result.quickCheck?.[0] ?? 'ok') === 'ok')
    result.sha256 = hashFile(work.file, work.hashBytes)
  return result
}

function quickCheck(file: string, nativeBinding: string | undefined): string[] {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
    return (db.pragma('quick_check(5)') as { quick_check: string }[]).map((r) => r.quick_check)
  } finally {
    db?.close()
  }
}

function foreignKeyCheck(
  file: string,
  nativeBinding: string | undefined,
): Pick<SideResult, 'broken' | 'foreignKeyError'> {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
    const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    return {
      broken: {
        count: rows.length,
        first: rows[0] ? { table: rows[0].table, rowid: rows[0].rowid, parent: rows[0].parent } : null,
      },
    }
  } catch (e) {
    return { foreignKeyError: (e instanceof Error ? e.message : String(e)).split('\n')[0]! }
  } finally {
    db?.close()
  }
}

// Plain CommonJS, run with eval: a worker needs no file of its own in any of the
// ways the desk is packaged (Electron's bundle, the built host, tsx, the tests).
// It does what runHere does, in the same order.
const WORKER_SOURCE = `
'use strict'
const { workerData } = require('node:worker_threads')
const fs = require('node:fs')
const crypto = require('node:crypto')
const { work, betterSqlite3, signal, port } = workerData
const answer = (message) => {
  port.postMessage(message)
  Atomics.store(signal, 0, 1)
  Atomics.notify(signal, 0)
}
// SQLite's own refusal is a finding about the file; anything else (the module or its
// native binding not loading in a thread) means this thread cannot do the work.
const sqliteError = (e) => Boolean(e && typeof e.code === 'string' && e.code.startsWith('SQLITE_'))
const open = () => {
  const Database = require(betterSqlite3)
  return new Database(work.file, Object.assign({ readonly: true, fileMustExist: true }, work.nativeBinding ? { nativeBinding: work.nativeBinding } : {}))
}
async function run() {
  const result = { ranOn: 'worker' }
  let syncing = null
  if (work.syncEarly) {
    syncing = fs.promises.open(work.file, 'r+').then(async (handle) => {
      try { await handle.datasync() } finally { await handle.close() }
    }).catch(() => {})
  }
  if (work.quickCheck) {
    let db
    try {
      db = open()
      result.quickCheck = db.pragma('quick_check(5)').map((r) => r.quick_check)
    } catch (e) {
      if (!sqliteError(e)) return { unavailable: String(e && e.message ? e.message : e) }
      throw e
    } finally {
      if (db) db.close()
    }
  }
  if (work.foreignKeys) {
    let db
    try {
      db = open()
      const rows = db.pragma('foreign_key_check')
      result.broken = { count: rows.length, first: rows[0] ? { table: rows[0].table, rowid: rows[0].rowid, parent: rows[0].parent } : null }
    } catch (e) {
      if (!sqliteError(e)) return { unavailable: String(e && e.message ? e.message : e) }
      result.foreignKeyError = String(e.message).split('\\n')[0]
    } finally {
      if (db) db.close()
    }
  }
  if (work.hashBytes !== null && (!result.quickCheck || result.quickCheck[0] === 'ok')) {
    const hash = crypto.createHash('sha256')
    const fd = fs.openSync(work.file, 'r')
    try {
      const buffer = Buffer.allocUnsafe(4 << 20)
      let left = work.hashBytes
      let position = 0
      while (left > 0) {
        const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, left), position)
        if (n === 0) throw Object.assign(new Error('the file became shorter while it was being read'), { code: 'ESHORT' })
        hash.update(buffer.subarray(0, n))
        position += n
        left -= n
      }
    } finally {
      fs.closeSync(fd)
    }
    result.sha256 = hash.digest('hex')
  }
  if (syncing) await syncing
  return result
}
run().then((result) => answer(result.unavailable !== undefined ? result : { result }), (e) => answer({ error: String(e && e.message ? e.message : e), code: e && e.code }))
`

/** How long to wait for a worker before doing its work here instead (it died without answering). */
const WORKER_PATIENCE_MS = 10 * 60_000

type Answer = { result?: SideResult; error?: string; code?: string; unavailable?: string } | undefined

interface Launched {
  worker: Worker
  port: MessagePort
  signal: Int32Array
}

function launch(work: SideWork, waiting: 'blocking' | 'settled'): Launched {
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { work, betterSqlite3, signal, port: port2 },
    transferList: [port2],
  })
  // A blocked caller needs no event loop; an awaiting one must be kept alive until the answer comes.
  if (waiting === 'blocking') worker.unref()
  // A failure to start is seen as no answer: nothing may throw here.
  worker.on('error', () => {})
  return { worker, port: port1, signal }
}

/** The worker's answer (none if it died without one), what it threw, or its work done here when it could not. */
function answerOf(message: Answer, work: SideWork): SideResult {
  // No answer, or a thread that could not load SQLite: the work is done here instead.
  if (!message || message.unavailable !== undefined) return runHere(work)
  if (message.error !== undefined)
    throw Object.assign(new Error(message.error), message.code ? { code: message.code } : {})
  return message.result!
}

function blockingJob({ worker, port, signal }: Launched, work: SideWork): SideJob {
  let done = false
  const stop = () => {
    if (done) return
    done = true
    port.close()
    void worker.terminate()
  }
  return {
    result() {
      try {
        const started = Date.now()
        while (Atomics.load(signal, 0) === 0 && Date.now() - started < WORKER_PATIENCE_MS)
          Atomics.wait(signal, 0, 0, 1000)
        return answerOf(receiveMessageOnPort(port)?.message as Answer, work)
      } finally {
        stop()
      }
    },
    dispose: stop,
  }
}

/**
 * The worker's answer, once it has stopped: its file handles are closed before
 * the caller goes on (and may remove the file). Undefined when it stopped
 * without answering or took longer than WORKER_PATIENCE_MS.
 */
function answerWhenStopped({ worker, port }: Launched): Promise<Answer> {
  return new Promise((resolve) => {
    let settled = false
    const finish = (message: Answer) => {
      if (settled) return
      settled = true
      clearTimeout(patience)
      port.close()
      void worker.terminate().then(
        () => resolve(message),
        () => resolve(message),
      )
    }
    const patience = setTimeout(() => finish(undefined), WORKER_PATIENCE_MS)
    patience.unref()
    port.once('message', (message: Answer) => finish(message))
    // An answer posted just before the thread ended may not have been delivered as an event yet.
    worker.once('exit', () => finish(receiveMessageOnPort(port)?.message as Answer))
  })
}

let atomicsWait: boolean | null = null

/** Atomics.wait blocks the thread that calls it; some hosts forbid that on their main thread. */
function atomicsWaitAllowed(): boolean {
  if (atomicsWait === null) {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0)
      atomicsWait = true
    } catch {
      atomicsWait = false
    }
  }
  return atomicsWait
}

/** Whether a file of this size is checked with a worker unless the caller says otherwise. */
export function parallelByDefault(sizeBytes: number): boolean {
  return sizeBytes >= PARALLEL_FROM_BYTES
}
