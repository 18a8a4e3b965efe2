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
  if (stat.isDirectory())
    throw backupProblem(file, 'folder', 'is a folder, not a backup file. Choose the .sqlite file inside it.')
  if (!stat.isFile()) {
    const what = stat.isFIFO()
      ? 'a named pipe'
      : stat.isSocket()
        ? 'a socket'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : 'not an ordinary file'
    throw backupProblem(file, 'not-a-file', `is ${what}, not a file: it holds no backup. Choose a backup file.`)
  }
  const head = readHead(file, 4096)
  if (stat.size === 0 || head.length === 0) {
    throw backupProblem(
      file,
      'empty',
      'is empty (0 bytes): it holds no data. The copy probably failed when it was made; use another backup.',
    )
  }
  for (const [magic, what] of ARCHIVES) {
    if (head.length >= magic.length && head.subarray(0, magic.length).equals(magic)) {
      throw backupProblem(
        file,
        'archive',
        `is ${what}, not a backup file. Extract it first, then choose the .sqlite file that was inside.`,
      )
    }
  }
  if (head.length < SQLITE_MAGIC.length || !head.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    const text = textBeginning(head)
    if (text !== null)
      throw backupProblem(file, 'text', `is ${textKind(head)}, not a database backup (it begins "${text}").`)
    if (nearlyMagic(head)) {
      const begins = head
        .subarray(0, SQLITE_MAGIC.length - 1)
        .toString('latin1')
        .replace(/[^\x20-\x7e]/g, '?')
      throw backupProblem(
        file,
        'not-sqlite',
        `is damaged at its very start: it begins "${begins}" where a database begins "SQLite format 3", so SQLite will not open it. Use another backup.`,
      )
    }
    throw backupProblem(
      file,
      'not-sqlite',
      'is not a database: its first bytes are neither those of a SQLite database, nor text, nor a known archive. It is another kind of file, or it is damaged.',
    )
  }
  if (stat.size < 100) {
    throw backupProblem(
      file,
      'too-short',
      `is cut short: only its first ${stat.size} bytes are there, not even a whole database header. Use another backup.`,
    )
  }
  const facts = readHeader(file, head, stat.size, options.nativeBinding)
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
      const target = linkTarget(file)
      if (target !== null)
        throw backupProblem(
          file,
          'missing',
          `is a link to ${target}, which does not exist (moved or deleted). Choose the backup file itself.`,
        )
      throw backupProblem(
        file,
        'missing',
        'does not exist. Check the path, and that the USB drive or network share holding it is connected.',
      )
    }
    if (code === 'ELOOP')
      throw backupProblem(file, 'missing', 'is a link that leads nowhere (it points back to itself).')
    throw readFailure(file, e)
  }
}

/** Where a symbolic link points, or null when `file` is not one. */
function linkTarget(file: string): string | null {
  try {
    return fs.lstatSync(file).isSymbolicLink() ? fs.readlinkSync(file) : null
  } catch {
    return null
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
    return backupProblem(
      file,
      'unreadable',
      'cannot be read: permission denied. Give this user permission to read it, or copy it somewhere readable first.',
    )
  }
  if (code === 'EISDIR')
    return backupProblem(file, 'folder', 'is a folder, not a backup file. Choose the .sqlite file inside it.')
  if (code === 'EBUSY' || code === 'ETXTBSY') {
    return backupProblem(
      file,
      'locked',
      'is locked by another program. Close the program using it (or wait for it to finish) and try again.',
    )
  }
  if (code === 'ENOENT')
    return backupProblem(
      file,
      'missing',
      'disappeared while it was being read. Check that the USB drive or network share is still connected.',
    )
  return backupProblem(
    file,
    'read-error',
    `cannot be read: the disk reported an error (${code ?? 'unknown'}). The drive may be failing; try another copy of the backup.`,
  )
}

/** What kind of text a file is, as a person would name it. */
function textKind(head: Buffer): string {
  const start = head
    .subarray(0, 512)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (/^<(!doctype html|html|head|body)\b/i.test(start)) return 'a web page (HTML: a download that failed, perhaps)'
  if (/^<\?xml\b/i.test(start)) return 'an XML file'
  if (/^[[{]/.test(start)) return 'a JSON file (text)'
  const lines = start
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5)
  for (const separator of [',', ';', '\t']) {
    const columns = lines.map((l) => l.split(separator).length)
    if (lines.length >= 2 && columns[0]! > 1 && columns.every((c) => c === columns[0]))
      return 'a spreadsheet saved as text (CSV)'
  }
  return 'a text file'
}

/** Whether the first bytes are SQLite's own but for a few damaged ones. */
function nearlyMagic(head: Buffer): boolean {
  if (head.length < SQLITE_MAGIC.length) return false
  let differ = 0
  for (let i = 0; i < SQLITE_MAGIC.length; i++) if (head[i] !== SQLITE_MAGIC[i]) differ++
  return differ <= 2
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
  const firstLine =
    sample
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim() !== '') ?? ''
  const clean = firstLine.replace(/[^\p{L}\p{N}\p{P}\p{S} ]/gu, '?').trim()
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean
}

function readHeader(
  file: string,
  head: Buffer,
  size: number,
  nativeBinding: string | undefined,
): Omit<FileFacts, 'sidecars'> {
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
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    throw damagedHeader(
      `it gives a page size of ${raw} bytes, which no SQLite database has: a power of two from 512 to 65,536`,
    )
  }
  if (writeVersion < 1 || writeVersion > 2 || readVersion < 1 || readVersion > 2) {
    throw damagedHeader(`its file format numbers are ${writeVersion} and ${readVersion}, where SQLite writes 1 or 2`)
  }
  if (head[21] !== 64 || head[22] !== 32 || head[23] !== 32) {
    throw damagedHeader(
      `its payload fractions are ${head[21]}/${head[22]}/${head[23]}, where every SQLite database has 64/32/32`,
    )
  }
  const encoding = head.readUInt32BE(56)
  if (encoding > 3) throw damagedHeader(`it gives text encoding number ${encoding}, where SQLite knows only 1, 2 and 3`)

  const applicationId = head.readInt32BE(68)
  if (applicationId !== APPLICATION_ID) {
    if (oneBitApart(applicationId, APPLICATION_ID)) {
      throw damagedHeader(
        `the desk's mark in it (application id ${APPLICATION_ID}) reads ${applicationId}: one bit of it is flipped`,
      )
    }
    const tables = tableNames(file, writeVersion === 2 || readVersion === 2, nativeBinding)
    const holding =
      tables.length > 0
        ? ` It holds ${tables.length === 1 ? 'a table' : 'tables'} the desk does not have: ${listed(tables)}.`
        : ''
    throw backupProblem(
      file,
      'other-program',
      applicationId === 0
        ? `is a SQLite database of another program, not a dialysis desk backup (it does not carry the desk’s mark).${holding}`
        : `is a SQLite database of another program (application id ${applicationId}), not a dialysis desk backup.${holding}`,
      { applicationId },
    )
  }

  // Whole pages, then possibly the checksum line: what is left over after the last whole page tells.
  const rest = size % pageSize
  const hasLine = rest === TRAILER_LENGTH
  const recorded = hasLine ? parseTrailer(end) : null
  const trailer: TrailerFacts = !hasLine
    ? { kind: 'none' }
    : recorded
      ? { kind: 'present', sha256: recorded }
      : { kind: 'damaged' }
  const body = hasLine ? size - TRAILER_LENGTH : size
  // The page count in the header counts only when the two change counters agree (SQLite's own rule).
  const pagesInHeader = head.readUInt32BE(28)
  const countValid = pagesInHeader > 0 && head.readUInt32BE(24) === head.readUInt32BE(92)
  const expected = countValid ? pagesInHeader * pageSize : null
  if (trailer.kind === 'present' && body % pageSize === 0 && expected !== null && body < expected) {
    // The checksum line is whole at the very end: the file was not cut short, its header miscounts.
    throw damagedHeader(
      `it counts ${pagesInHeader.toLocaleString('en')} pages, but the file holds ${(body / pageSize).toLocaleString('en')} and ends with its checksum line whole, so the count itself is wrong`,
    )
  }
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
  return {
    sizeBytes: size,
    bodyBytes: body,
    trailer,
    pageSize,
    schemaVersion: head.readUInt32BE(60),
    walMode: writeVersion === 2 || readVersion === 2,
  }
}

function oneBitApart(a: number, b: number): boolean {
  const x = (a ^ b) >>> 0
  return x !== 0 && (x & (x - 1)) === 0
}

/**
 * The tables of another program's database, to say what it is. Read only when
 * that writes nothing beside it (not in WAL mode); none when SQLite cannot read it.
 */
function tableNames(file: string, walMode: boolean, nativeBinding: string | undefined): string[] {
  if (walMode) return []
  let db: Database.Database | undefined
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: 300,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
    return (
      db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name LIMIT 6",
        )
        .all() as { name: string }[]
    ).map((r) => r.name.replace(/[^\p{L}\p{N}_ .-]/gu, '?').slice(0, 40))
  } catch {
    return []
  } finally {
    db?.close()
  }
}

function listed(names: string[]): string {
  const shown = names.slice(0, 5)
  return names.length > 5 ? `${shown.join(', ')} and more` : shown.join(', ')
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
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: 300,
      ...(nativeBinding ? { nativeBinding } : {}),
    })
    db.prepare('SELECT count(*) FROM sqlite_schema').get()
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw backupProblem(
        file,
        'locked',
        'is locked: another program has it open and is writing to it. Close that program (or wait for it to finish) and try again.',
      )
    }
    // Anything else (damage, a journal left by a crash) is judged on the staged copy.
  } finally {
    db?.close()
  }
}
