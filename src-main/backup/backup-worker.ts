/**
 * The second core: while the calling thread runs SQLite's page check
 * (quick_check on an export, integrity_check on a restore), a worker thread
 * runs foreign_key_check on the same file, hashes it and starts flushing it to
 * disk. Both only read the file (the worker opens it read-only), so they need
 * no coordination; on a two-core reception PC the checks then cost about what
 * the longest of them costs.
 *
 * The callers stay synchronous (the desk makes its closing backup inside a
 * synchronous close(), as Electron quits): the calling thread waits for the
 * worker with Atomics.wait and takes its answer with receiveMessageOnPort.
 * Where a worker cannot be had (Atomics.wait refused, the thread failing to
 * start or to answer), the same work is done on the calling thread instead,
 * so a check is never skipped, only done one after the other.
 *
 * Small files are checked on the calling thread from the start: below
 * PARALLEL_FROM_BYTES, starting a thread costs more than it saves.
 */
import Database from 'better-sqlite3'
import { createRequire } from 'node:module'
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { hashFile } from './trailer.js'

export const PARALLEL_FROM_BYTES = 16 * 1024 * 1024

export interface SideWork {
  file: string
  /** Run PRAGMA foreign_key_check on the file. */
  foreignKeys: boolean
  /** Hash this many bytes from the start of the file (null: no hash). */
  hashBytes: number | null
  /** Start flushing the file to disk meanwhile (the caller still syncs it at the end: this only starts the work early). */
  syncEarly: boolean
  nativeBinding?: string
}

export interface SideResult {
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

/** Starts the work on a worker thread when `parallel`, else leaves it for result() to do on the calling thread. */
export function startSideWork(work: SideWork, parallel: boolean): SideJob {
  if (parallel && atomicsWaitAllowed()) {
    try {
      return onWorker(work)
    } catch {
      // No thread to be had: done on the calling thread below.
    }
  }
  return { result: () => onCaller(work), dispose: () => {} }
}

/** The same work, on the calling thread. */
function onCaller(work: SideWork): SideResult {
  const result: SideResult = { ranOn: 'caller' }
  if (work.foreignKeys) Object.assign(result, foreignKeyCheck(work.file, work.nativeBinding))
  if (work.hashBytes !== null) result.sha256 = hashFile(work.file, work.hashBytes)
  return result
}

function foreignKeyCheck(file: string, nativeBinding: string | undefined): Pick<SideResult, 'broken' | 'foreignKeyError'> {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) })
    const rows = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[]
    return { broken: { count: rows.length, first: rows[0] ? { table: rows[0].table, rowid: rows[0].rowid, parent: rows[0].parent } : null } }
  } catch (e) {
    return { foreignKeyError: (e instanceof Error ? e.message : String(e)).split('\n')[0]! }
  } finally {
    db?.close()
  }
}

// Plain CommonJS, run with eval: a worker needs no file of its own in any of the
// ways the desk is packaged (Electron's bundle, the built host, tsx, the tests).
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
async function run() {
  const result = { ranOn: 'worker' }
  let syncing = null
  if (work.syncEarly) {
    syncing = fs.promises.open(work.file, 'r+').then(async (handle) => {
      try { await handle.datasync() } finally { await handle.close() }
    }).catch(() => {})
  }
  if (work.foreignKeys) {
    let db
    try {
      const Database = require(betterSqlite3)
      db = new Database(work.file, Object.assign({ readonly: true, fileMustExist: true }, work.nativeBinding ? { nativeBinding: work.nativeBinding } : {}))
      const rows = db.pragma('foreign_key_check')
      result.broken = { count: rows.length, first: rows[0] ? { table: rows[0].table, rowid: rows[0].rowid, parent: rows[0].parent } : null }
    } catch (e) {
      // SQLite's own refusal is a finding about the file; anything else (the module or its
      // native binding not loading in a thread) means this thread cannot do the work.
      if (!(e && typeof e.code === 'string' && e.code.startsWith('SQLITE_'))) return { unavailable: String(e && e.message ? e.message : e) }
      result.foreignKeyError = String(e.message).split('\\n')[0]
    } finally {
      if (db) db.close()
    }
  }
  if (work.hashBytes !== null) {
    const hash = crypto.createHash('sha256')
    const fd = fs.openSync(work.file, 'r')
    try {
      const buffer = Buffer.allocUnsafe(4 << 20)
      let left = work.hashBytes
      let position = 0
      while (left > 0) {
        const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, left), position)
        if (n === 0) throw new Error('the file became shorter while it was being read')
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

function onWorker(work: SideWork): SideJob {
  const betterSqlite3 = createRequire(import.meta.url).resolve('better-sqlite3')
  const signal = new Int32Array(new SharedArrayBuffer(4))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { work, betterSqlite3, signal, port: port2 }, transferList: [port2] })
  worker.unref()
  // A failure to start is seen in result() (no answer): nothing may throw here.
  worker.on('error', () => {})
  let done = false
  const stop = () => {
    if (done) return
    done = true
    port1.close()
    void worker.terminate()
  }
  return {
    result() {
      try {
        const started = Date.now()
        while (Atomics.load(signal, 0) === 0 && Date.now() - started < WORKER_PATIENCE_MS) Atomics.wait(signal, 0, 0, 1000)
        const message = receiveMessageOnPort(port1)?.message as { result?: SideResult; error?: string; code?: string; unavailable?: string } | undefined
        // No answer, or a thread that could not load SQLite: the work is done here instead.
        if (!message || message.unavailable !== undefined) return onCaller(work)
        if (message.error !== undefined) throw Object.assign(new Error(message.error), message.code ? { code: message.code } : {})
        return message.result!
      } finally {
        stop()
      }
    },
    dispose: stop,
  }
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
