/** Opening the data folder: a new database is made whole and configured; a file that is not ours, or is newer, is refused untouched. */
import Database from 'better-sqlite3'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskError } from '../../src-main/core/desk-error.js'
import {
  APPLICATION_ID,
  DATABASE_FILE_NAME,
  openDatabaseFile,
  openDataFolder,
} from '../../src-main/db/open-database.js'
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations/index.js'
import type { ErrorCode } from '../../src-shared/errors.js'
import { tempFolder } from '../support/clinic.js'
import { expectPlainMessage } from '../support/refusal.js'

const folders: string[] = []
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true })
})

function folder(): string {
  const f = tempFolder('desk-file-')
  folders.push(f)
  return f
}

/** Every file of the folder with a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of fs.readdirSync(dir).sort())
    out[name] = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(dir, name)))
      .digest('hex')
  return out
}

function refusal(open: () => unknown): DeskError {
  try {
    const db = open() as Database.Database
    db.close()
  } catch (e) {
    if (e instanceof DeskError) return e
    throw e
  }
  throw new Error('the file was opened, but it should have been refused')
}

function expectRefusedUntouched(dir: string, code: ErrorCode): DeskError {
  const before = snapshot(dir)
  const e = refusal(() => openDataFolder(dir))
  expect(e.code).toBe(code)
  expectPlainMessage(e.message)
  expect(e.message).toContain(DATABASE_FILE_NAME)
  expect(snapshot(dir)).toEqual(before)
  // Asking again, or read-only, changes nothing either.
  expect(refusal(() => openDataFolder(dir, { readonly: true })).code).toBe(code)
  expect(snapshot(dir)).toEqual(before)
  return e
}

describe('a new data folder', () => {
  it('gets desk.sqlite with WAL, foreign keys, synchronous FULL, a busy timeout, our application id and the latest schema', () => {
    const dir = path.join(folder(), 'nested', 'data')
    const db = openDataFolder(dir)
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(db.pragma('synchronous', { simple: true })).toBe(2)
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000)
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }
    expect(fs.readdirSync(dir).filter((n) => !n.endsWith('-wal') && !n.endsWith('-shm'))).toEqual([DATABASE_FILE_NAME])
  })

  it('opens the same file again with its data and makes no pre-migration copy', () => {
    const dir = folder()
    const first = openDataFolder(dir)
    first.prepare("INSERT INTO centers (name, created_at, updated_at) VALUES ('CKC', 'now', 'now')").run()
    first.close()
    const again = openDataFolder(dir)
    try {
      expect(again.prepare('SELECT name FROM centers').all()).toEqual([{ name: 'CKC' }])
      expect(again.pragma('foreign_keys', { simple: true })).toBe(1)
      expect(again.pragma('synchronous', { simple: true })).toBe(2)
    } finally {
      again.close()
    }
    expect(fs.readdirSync(dir).some((n) => n.includes('before-v'))).toBe(false)
  })

  it('clears a half-made file left by a crash during creation', () => {
    const dir = folder()
    fs.writeFileSync(path.join(dir, `${DATABASE_FILE_NAME}.creating`), 'half written')
    const db = openDataFolder(dir)
    db.close()
    expect(fs.existsSync(path.join(dir, `${DATABASE_FILE_NAME}.creating`))).toBe(false)
  })

  it('read-only, creates nothing', () => {
    const dir = folder()
    expect(refusal(() => openDataFolder(dir, { readonly: true })).code).toBe('NOT_FOUND')
    expect(fs.readdirSync(dir)).toEqual([])
  })
})

describe('a file that is not ours is refused and left byte-identical', () => {
  it('random bytes', () => {
    const dir = folder()
    fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), crypto.randomBytes(8192))
    expectRefusedUntouched(dir, 'NOT_OUR_DATABASE')
  })

  it('a text file', () => {
    const dir = folder()
    fs.writeFileSync(
      path.join(dir, DATABASE_FILE_NAME),
      'Patient,Bed,Session\nNimal Perera,BED-A1,Mon 06:00\n'.repeat(20),
    )
    expectRefusedUntouched(dir, 'NOT_OUR_DATABASE')
  })

  it('a 0-byte file', () => {
    const dir = folder()
    fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), '')
    expect(expectRefusedUntouched(dir, 'NOT_OUR_DATABASE').message).toContain('empty')
  })

  it('a file that starts like SQLite but is cut short', () => {
    const dir = folder()
    fs.writeFileSync(path.join(dir, DATABASE_FILE_NAME), Buffer.from('SQLite format 3\0 and then nothing', 'latin1'))
    expectRefusedUntouched(dir, 'NOT_OUR_DATABASE')
  })

  it("another program's SQLite database, in rollback or WAL mode", () => {
    for (const mode of ['delete', 'wal']) {
      const dir = folder()
      const other = new Database(path.join(dir, DATABASE_FILE_NAME))
      other.pragma(`journal_mode = ${mode}`)
      other.exec(
        'CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (12.5), (99);',
      )
      other.close()
      const e = expectRefusedUntouched(dir, 'NOT_OUR_DATABASE')
      expect(e.message).toContain('another program')
    }
  })
})

describe('a database written by a newer version of the desk', () => {
  it('is refused with DATABASE_NEWER and left byte-identical', () => {
    const dir = folder()
    const db = openDataFolder(dir)
    db.prepare("INSERT INTO centers (name, created_at, updated_at) VALUES ('CKC', 'now', 'now')").run()
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`)
    db.pragma('journal_mode = delete') // a whole file, as a newer desk might leave it
    db.close()
    const e = expectRefusedUntouched(dir, 'DATABASE_NEWER')
    expect(e.message).toContain(String(LATEST_SCHEMA_VERSION + 1))
    expect(e.details).toMatchObject({ version: LATEST_SCHEMA_VERSION + 1, latest: LATEST_SCHEMA_VERSION })
    expect(refusal(() => openDatabaseFile(path.join(dir, DATABASE_FILE_NAME))).code).toBe('DATABASE_NEWER')
  })

  it('is refused in WAL mode too, its database file byte-identical', () => {
    const dir = folder()
    const db = openDataFolder(dir)
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`)
    db.close()
    const file = path.join(dir, DATABASE_FILE_NAME)
    const bytes = fs.readFileSync(file)
    expect(refusal(() => openDataFolder(dir)).code).toBe('DATABASE_NEWER')
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
  })
})
