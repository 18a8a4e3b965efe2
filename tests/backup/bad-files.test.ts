/**
 * Bad backup files offered to a desk that is open on a real clinic: each is
 * refused with its own reason, in a sentence naming the file, and the live
 * database stays byte for byte as it was (file and -wal), with the desk still
 * answering on the same connection.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FixedClock } from '../../src-main/core/core.js'
import { APP_VERSION, type Desk, openDesk } from '../../src-main/desk/desk.js'
import { tempFolder } from '../support/clinic.js'
import { BAD_FILES } from './support/bad-files.js'
import { DEMO_TODAY, demoClinic, fileFingerprint, removeFolder } from './support/clinics.js'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { systemClock } from '../../src-main/core/core.js'

let live: string
let desk: Desk
let dir: string
let good: string
let staffId: number

beforeAll(() => {
  dir = tempFolder('desk-bad-files-')
  const source = demoClinic({ seed: 2 })
  const db = openForExport(source)
  good = path.join(dir, 'good.sqlite')
  exportBackup(db, good, { dataFolder: source, appVersion: APP_VERSION, clock: systemClock })
  db.close()
  removeFolder(source)

  live = demoClinic({ seed: 1 })
  desk = openDesk({
    dataFolder: live,
    log: () => {},
    clock: new FixedClock(new Date(`${DEMO_TODAY}T07:00:00`)),
    backups: { automatic: false },
  })
  staffId = (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number })
    .id
})

afterAll(() => {
  desk?.close()
  removeFolder(live)
  removeFolder(dir)
})

async function refusal(file: string) {
  const r = await desk.dispatcher.dispatch('backup.restore', { staffId, path: file })
  if (r.ok) throw new Error(`${file} was restored`)
  return r.error
}

describe('a bad backup file is refused and the live database stays byte-identical', () => {
  it('has at least 30 kinds of bad file', () => {
    expect(BAD_FILES.length).toBeGreaterThanOrEqual(30)
  })

  const messages = new Map<string, string>()

  for (const bad of BAD_FILES) {
    it(`refuses ${bad.name}`, async () => {
      const file = bad.make(dir, good, live)
      const connection = desk.db
      const before = fileFingerprint(live)
      const error = await refusal(file)
      const expected = Array.isArray(bad.problem) ? bad.problem : [bad.problem]
      expect(expected, error.message).toContain(error.details?.['problem'])
      // The reason is about this file: what is wrong with it in particular.
      expect(error.message).toMatch(bad.says)
      // One sentence for a person: names the file, one line, no stack, no SQLite error code alone.
      expect(error.message).toContain(path.basename(file))
      expect(error.message).not.toMatch(/\n|at .*\(.*:\d+:\d+\)|^SQLITE_/)
      expect(error.message.length).toBeLessThan(400)
      expect(['BACKUP_INVALID', 'NOT_OUR_DATABASE', 'DATABASE_NEWER']).toContain(error.code)
      expect(fileFingerprint(live)).toBe(before)
      // The desk kept its connection and still answers.
      expect(desk.db).toBe(connection)
      const center = await desk.dispatcher.dispatch('center.get', {})
      expect(center.ok).toBe(true)
      messages.set(bad.name, error.message.replace(path.basename(file), '<file>'))
    })
  }

  it('gives each file its own reason; only files whose checksum no longer matches may share one', () => {
    const byName = BAD_FILES.map((bad) => ({ bad, sentence: messages.get(bad.name) }))
    for (const { bad, sentence } of byName) expect(sentence, bad.name).toBeDefined()
    const shared = new Map<string, string[]>()
    for (const { bad, sentence } of byName) shared.set(sentence!, [...(shared.get(sentence!) ?? []), bad.name])
    for (const [sentence, names] of shared) {
      if (names.length === 1) continue
      // The same sentence for several files: each of them is a backup changed after it was made.
      for (const name of names)
        expect(BAD_FILES.find((b) => b.name === name)!.problem, `${name} shares "${sentence}"`).toBe('checksum')
    }
    // And no kind of problem borrows another's wording.
    const problemOf = (name: string) => String(BAD_FILES.find((b) => b.name === name)!.problem)
    for (const names of shared.values()) expect(new Set(names.map(problemOf)).size).toBe(1)
  })

  it('leaves no staged copies behind in the data folder', () => {
    const staging = path.join(live, 'backups', '.staging')
    expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([])
    expect(
      fs
        .readdirSync(live)
        .filter((f) => f.startsWith('desk.sqlite'))
        .sort(),
    ).toEqual(['desk.sqlite', 'desk.sqlite-shm', 'desk.sqlite-wal'].filter((f) => fs.existsSync(path.join(live, f))))
  })

  it('refuses a file that another program has locked while writing it', async () => {
    const lockedFile = path.join(dir, 'locked.sqlite')
    fs.copyFileSync(good, lockedFile)
    const betterSqlite = path.resolve(import.meta.dirname, '../../node_modules/better-sqlite3')
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(betterSqlite)}); const db = new D(process.argv[1]);
         db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE');
         db.exec("UPDATE patients SET notes = 'half-written'"); console.log('locked'); setInterval(() => {}, 1000)`,
        lockedFile,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve())
        holder.on('exit', () => reject(new Error('the lock holder exited')))
      })
      const before = fileFingerprint(live)
      const error = await refusal(lockedFile)
      expect(error.details?.['problem']).toBe('locked')
      expect(error.message).toMatch(/locked/)
      expect(fileFingerprint(live)).toBe(before)
    } finally {
      holder.kill('SIGKILL')
    }
  })
})
