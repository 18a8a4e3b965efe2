/**
 * The first look at a file someone chose as a backup: can it be read, is it a
 * SQLite database at all, is it ours, is it whole. Judged from the file's own
 * bytes, without SQLite opening it, so nothing is written beside it and the
 * reason given is the most specific one the bytes allow. A backup the desk made
 * ends with its checksum line (trailer.ts) after the database's last page: the
 * sizes below are those of the database before it.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import { APPLICATION_ID } from '../db/open-database.js'
import { backupProblem } from './backup-problem.js'
import { isTrailerStart, parseTrailer, readEnd, TRAILER_LENGTH } from './trailer.js'

/** The checksum line at the end of the file: none (a plain copy, or a backup that lost it), whole, or there but unreadable. */
export type TrailerFacts = { kind: 'none' } | { kind: 'present'; sha256: string } | { kind: 'damaged' }

export interface FileFacts {
  sizeBytes: number
  /** The database's bytes: the whole file, less the checksum line when there is one. */
  bodyBytes: number
  trailer: TrailerFacts
  pageSize: number
  /** The data version in the header (PRAGMA user_version). */
  schemaVersion: number
  walMode: boolean
  /** Files SQLite keeps beside a database it is writing: copied with it, so recovery happens on the copy. */
  sidecars: { wal: string | null; journal: string | null }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

const ARCHIVES: [Buffer, string][] = [
  [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'a ZIP archive'],
  [Buffer.from([0x1f, 0x8b]), 'a gzip-compressed file'],
  [Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), 'a 7-Zip archive'],
  [Buffer.from('Rar!', 'latin1'), 'a RAR archive'],
]

export function checkBackupFile(file: string, options: { nativeBinding?: string } = {}): FileFacts {
  const stat = statOrRefuse(file)
  if (stat.isDirectory()) throw backupProblem(file, 'folder', 'is a folder, not a backup file. Choose the .sqlite file inside it.')
  if (!stat.isFile()) throw backupProblem(file, 'not-a-file', 'is not an ordinary file (it is a device, a pipe or a socket). Choose a backup file.')
  const head = readHead(file, 4096)
  if (stat.size === 0 || head.length === 0) {
    throw backupProblem(file, 'empty', 'is empty (0 bytes): it holds no data. The copy probably failed when it was made; use another backup.')
  }
  for (const [magic, what] of ARCHIVES) {
    if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) {
      throw backupProblem(file, 'archive', `is ${what}, not a backup file. Extract it first, then choose the .sqlite file that was inside.`)
    }
  }
  if (head.length < SQLITE_MAGIC.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    const text = textBeginning(head)
    if (text !== null) throw backupProblem(file, 'text', `is a text file, not a database backup (it begins "${text}").`)
    throw backupProblem(file, 'not-sqlite', 'is not a database: its first bytes are not those of a SQLite database. It is another kind of file, or it is damaged.')
  }
  if (stat.size < 100) {
    throw backupProblem(file, 'too-short', `is cut short: only its first ${stat.size} bytes are there, not even a whole database header. Use another backup.`)
  }
  const facts = readHeader(file, head, stat.size)
  const wal = sidecar(`${file}-wal`)
  const journal = sidecar(`${file}-journal`)
  if (!facts.walMode) refuseWhenLocked(file, options.nativeBinding)
  return { ...facts, sidecars: { wal, journal } }
}

function statOrRefuse(file: string): fs.Stats {
  try {
    return fs.statSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw backupProblem(file, 'missing', 'does not exist. Check the path, and that the USB drive or network share holding it is connected.')
    }
    if (code === 'ELOOP') throw backupProblem(file, 'missing', 'is a link that leads nowhere (it points back to itself).')
    throw readFailure(file, e)
  }
}

function readHead(file: string, bytes: number): Buffer {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    throw readFailure(file, e)
  }
  try {
    const buffer = Buffer.alloc(bytes)
    const read = fs.readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read)
  } catch (e) {
    throw readFailure(file, e)
  } finally {
    fs.closeSync(fd)
  }
}

/** A failure to read the file, as the refusal the person needs. */
export function readFailure(file: string, e: unknown) {
  const code = (e as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM') {
    return backupProblem(file, 'unreadable', 'cannot be read: permission denied. Give this user permission to read it, or copy it somewhere readable first.')
  }
  if (code === 'EISDIR') return backupProblem(file, 'folder', 'is a folder, not a backup file. Choose the .sqlite file inside it.')
  if (code === 'EBUSY' || code === 'ETXTBSY') {
    return backupProblem(file, 'locked', 'is locked by another program. Close the program using it (or wait for it to finish) and try again.')
  }
  if (code === 'ENOENT') return backupProblem(file, 'missing', 'disappeared while it was being read. Check that the USB drive or network share is still connected.')
  return backupProblem(file, 'read-error', `cannot be read: the disk reported an error (${code ?? 'unknown'}). The drive may be failing; try another copy of the backup.`)
}

/** The first line of a file that is text, shortened and made printable; null when it is not text. */
function textBeginning(head: Buffer): string | null {
  const sample = head.subarray(0, 512)
  let printable = 0
  for (const byte of sample) {
    if (byte === 0) return null
    if (byte >= 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) printable++
  }
  if (printable < sample.length * 0.95) return null
  const firstLine = sample.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? ''
  const clean = firstLine.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '?').trim()
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean
}

function readHeader(file: string, head: Buffer, size: number): Omit<FileFacts, 'sidecars'> {
  let end: Buffer
  try {
    end = readEnd(file, size)
  } catch (e) {
    throw readFailure(file, e)
  }
  const raw = head.readUInt16BE(16)
  const pageSize = raw === 1 ? 65536 : raw
  const writeVersion = head[18]!
  const readVersion = head[19]!
  const damagedHeader = (what: string) =>
    backupProblem(file, 'damaged-header', `is damaged: its database header is broken (${what}). Use another backup.`)
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) throw damagedHeader(`page size ${raw}`)
  if (writeVersion < 1 || writeVersion > 2 || readVersion < 1 || readVersion > 2) {
    throw damagedHeader(`file format versions ${writeVersion}/${readVersion}`)
  }
  if (head[21] !== 64 || head[22] !== 32 || head[23] !== 32) throw damagedHeader('payload fractions')
  const encoding = head.readUInt32BE(56)
  if (encoding > 3) throw damagedHeader(`text encoding ${encoding}`)

  const applicationId = head.readInt32BE(68)
  if (applicationId !== APPLICATION_ID) {
    throw backupProblem(
      file,
      'other-program',
      applicationId === 0
        ? 'is a SQLite database of another program, not a dialysis desk backup (it does not carry the desk’s mark).'
        : `is a SQLite database of another program (application id ${applicationId}), not a dialysis desk backup.`,
      { applicationId },
    )
  }

  // Whole pages, then possibly the checksum line: what is left over after the last whole page tells.
  const rest = size % pageSize
  const hasLine = rest === TRAILER_LENGTH
  const recorded = hasLine ? parseTrailer(end) : null
  const trailer: TrailerFacts = !hasLine ? { kind: 'none' } : recorded ? { kind: 'present', sha256: recorded } : { kind: 'damaged' }
  const body = hasLine ? size - TRAILER_LENGTH : size
  // The page count in the header counts only when the two change counters agree (SQLite's own rule).
  const pagesInHeader = head.readUInt32BE(28)
  const countValid = pagesInHeader > 0 && head.readUInt32BE(24) === head.readUInt32BE(92)
  const expected = countValid ? pagesInHeader * pageSize : null
  if (body % pageSize !== 0 || (expected !== null && body < expected)) {
    const cutLine = rest !== 0 && rest < TRAILER_LENGTH && isTrailerStart(end.subarray(end.length - rest))
    const should = cutLine
      ? `the checksum line at its end is cut short (${rest} of its ${TRAILER_LENGTH} bytes are there)`
      : expected !== null
        ? `it should be ${(expected + (body === size ? 0 : TRAILER_LENGTH)).toLocaleString('en')} bytes but only ${size.toLocaleString('en')} are there`
        : `its size (${size.toLocaleString('en')} bytes) is not a whole number of pages`
    throw backupProblem(
      file,
      'truncated',
      `is incomplete: ${should}. The copy was cut short (a full disk, or a USB drive removed too early); use another backup.`,
      { sizeBytes: size, expectedBytes: expected },
    )
  }
  return { sizeBytes: size, bodyBytes: body, trailer, pageSize, schemaVersion: head.readUInt32BE(60), walMode: writeVersion === 2 || readVersion === 2 }
}

function sidecar(file: string): string | null {
  try {
    return fs.statSync(file).size > 0 ? file : null
  } catch {
    return null
  }
}

/**
 * A database in rollback-journal mode that another program is writing holds a
 * lock on it; a copy taken now could catch it half-written. Asking SQLite for
 * a read lock (read-only, which never writes a file in this mode) tells.
 */
function refuseWhenLocked(file: string, nativeBinding: string | undefined): void {
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 300, ...(nativeBinding ? { nativeBinding } : {}) })
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw backupProblem(file, 'locked', 'is locked: another program has it open and is writing to it. Close that program (or wait for it to finish) and try again.')
    }
    // Anything else (damage, a journal left by a crash) is judged on the staged copy.
  } finally {
    db?.close()
  }
}
