/**
 * Opening the clinic's database file, carefully.
 *
 * - A missing file is created whole (built beside the target, then renamed), so
 *   a crash during creation never leaves a half-made file under the real name.
 * - An existing file is first inspected read-only: a file that is not ours, or
 *   that a newer version of the desk wrote, is refused and never written to.
 * - Pending migrations run in one transaction, after a copy of the file as it
 *   was has been kept beside it.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { DeskError } from '../core/desk-error.js'
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index.js'

/** "DDK1": marks a SQLite file as a dialysis desk database (PRAGMA application_id). */
export const APPLICATION_ID = 0x44444b31

export const DATABASE_FILE_NAME = 'desk.sqlite'

export interface OpenOptions {
  /** Path of a better-sqlite3 native binding built for the running runtime (Electron's ABI). */
  nativeBinding?: string
  readonly?: boolean
}

export function databasePath(dataFolder: string): string {
  return path.join(dataFolder, DATABASE_FILE_NAME)
}

/** Opens (creating if missing) the database in a data folder, ready for the core. */
export function openDataFolder(dataFolder: string, options: OpenOptions = {}): Database.Database {
  fs.mkdirSync(dataFolder, { recursive: true })
  return openDatabaseFile(databasePath(dataFolder), options)
}

export function openDatabaseFile(file: string, options: OpenOptions = {}): Database.Database {
  if (!fs.existsSync(file)) {
    if (options.readonly) throw new DeskError('NOT_FOUND', `There is no database at ${file}.`)
    createDatabaseFile(file, options)
  }
  const version = inspectDatabaseFile(file, options)
  const db = connect(file, options)
  try {
    if (!options.readonly && version < LATEST_SCHEMA_VERSION) {
      keepCopyBeforeMigration(db, file, version)
      migrate(db)
    }
    return db
  } catch (e) {
    db.close()
    throw e
  }
}

/** Applies the connection settings every handle of ours uses. */
export function configureConnection(db: Database.Database, readonly: boolean): void {
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  if (!readonly) {
    db.pragma('journal_mode = WAL')
    // FULL: a booking the desk has confirmed survives a power cut.
    db.pragma('synchronous = FULL')
  }
}

function connect(file: string, options: OpenOptions): Database.Database {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  configureConnection(db, options.readonly ?? false)
  return db
}

/**
 * Checks, without writing a byte, that the file is a database of ours that this
 * version of the desk can open. Answers its schema version.
 */
export function inspectDatabaseFile(file: string, options: OpenOptions = {}): number {
  const headerProblem = sqliteHeaderProblem(file)
  if (headerProblem) throw new DeskError('NOT_OUR_DATABASE', `${path.basename(file)} ${headerProblem}`, { file })
  // Judged from the header's bytes first: opening another program's WAL database,
  // even read-only, would leave -wal and -shm files beside it.
  const headerAppId = applicationIdInHeader(file)
  if (headerAppId !== APPLICATION_ID) throw notOurs(file, headerAppId)
  let db: Database.Database | undefined
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
    const appId = db.pragma('application_id', { simple: true }) as number
    const version = db.pragma('user_version', { simple: true }) as number
    if (appId !== APPLICATION_ID) throw notOurs(file, appId)
    if (version > LATEST_SCHEMA_VERSION) {
      throw new DeskError(
        'DATABASE_NEWER',
        `${path.basename(file)} was written by a newer version of the desk (data version ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). Install the newer version to open it; the file was left untouched.`,
        { file, version, latest: LATEST_SCHEMA_VERSION },
      )
    }
    return version
  } catch (e) {
    if (e instanceof DeskError) throw e
    const msg = e instanceof Error ? e.message : String(e)
    throw new DeskError(
      'NOT_OUR_DATABASE',
      `${path.basename(file)} cannot be read as a database (${msg}). It was left untouched.`,
      { file },
    )
  } finally {
    db?.close()
  }
}

function notOurs(file: string, applicationId: number): DeskError {
  return new DeskError(
    'NOT_OUR_DATABASE',
    `${path.basename(file)} is a SQLite database of another program, not of the dialysis desk. It was left untouched.`,
    { file, applicationId },
  )
}

/** PRAGMA application_id as stored in the file header (4 bytes, big-endian, at offset 68). */
function applicationIdInHeader(file: string): number {
  const fd = fs.openSync(file, 'r')
  try {
    const bytes = Buffer.alloc(4)
    fs.readSync(fd, bytes, 0, 4, 68)
    return bytes.readInt32BE(0)
  } finally {
    fs.closeSync(fd)
  }
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** A sentence saying why the file's first bytes are not a SQLite header, or null when they are. */
export function sqliteHeaderProblem(file: string): string | null {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    return code === 'EACCES' || code === 'EPERM'
      ? 'cannot be read: permission denied.'
      : `cannot be opened (${code ?? 'unknown error'}).`
  }
  try {
    const header = Buffer.alloc(100)
    const read = fs.readSync(fd, header, 0, 100, 0)
    if (read === 0) return 'is empty (0 bytes): it is not a database.'
    if (read < 100) return `is too short (${read} bytes) to be a database.`
    if (!header.subarray(0, 16).equals(SQLITE_MAGIC))
      return 'is not a SQLite database (its first bytes are not a database header).'
    return null
  } finally {
    fs.closeSync(fd)
  }
}

function createDatabaseFile(file: string, options: OpenOptions): void {
  const building = `${file}.creating`
  for (const f of [building, `${building}-wal`, `${building}-shm`, `${building}-journal`]) fs.rmSync(f, { force: true })
  const db = new Database(building, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`)
    configureConnection(db, false)
    migrate(db)
    // Leave no -wal behind: the file must be whole on its own before it gets its real name.
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    db.close()
  }
  fsyncFile(building)
  fs.renameSync(building, file)
  fsyncDirectory(path.dirname(file))
}

/** Runs every pending migration in one transaction. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number
  const pending = migrations.filter((m) => m.version > current)
  if (pending.length === 0) return
  db.transaction(() => {
    for (const m of pending) {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    }
  }).immediate()
}

function keepCopyBeforeMigration(db: Database.Database, file: string, version: number): void {
  const copy = `${file}.before-v${version + 1}.sqlite`
  if (fs.existsSync(copy)) return
  const tmp = `${copy}.tmp`
  fs.rmSync(tmp, { force: true })
  db.prepare('VACUUM INTO ?').run(tmp)
  fsyncFile(tmp)
  fs.renameSync(tmp, copy)
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export function fsyncDirectory(dir: string): void {
  // Makes a rename durable. Windows cannot open a directory; there the rename is already durable enough.
  if (process.platform === 'win32') return
  const fd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
