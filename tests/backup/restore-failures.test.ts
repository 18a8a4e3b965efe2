/**
 * A restore that fails late, after the desk's connection was closed: at each
 * step in turn (a failure raised there, as a full disk would raise it: no
 * safety copy, no hold, no swap, no reopening), and for real where a failure
 * can be made without faking anything (the checked copy changed or replaced
 * after its checks, so the final check fails and the old file goes back).
 * After each, on the same open desk: every row of every table is as it was,
 * the desk answers reads and takes a write on its reopened connection (and the
 * write is in the file on disk), the refusal is one plain sentence, and the
 * staging folder is empty.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import type { RestoreStep } from '../../src-main/backup/restore.js'
import { FixedClock, systemClock } from '../../src-main/core/core.js'
import { databasePath } from '../../src-main/db/open-database.js'
import { APP_VERSION, type Desk, openDesk } from '../../src-main/desk/desk.js'
import { tempFolder } from '../support/clinic.js'
import { dumpTables } from '../support/dump.js'
import { call, refuse } from './support/desk-calls.js'
import { DEMO_TODAY, demoClinic, removeFolder } from './support/clinics.js'

let out: string
let backup: string

beforeAll(() => {
  out = tempFolder('desk-restore-failures-')
  const other = demoClinic({ seed: 2 })
  const db = openForExport(other)
  backup = path.join(out, 'other-clinic.sqlite')
  exportBackup(db, backup, { dataFolder: other, appVersion: APP_VERSION, clock: systemClock })
  db.close()
  removeFolder(other)
})
afterAll(() => removeFolder(out))

let desk: Desk | undefined
let live: string | undefined
afterEach(() => {
  desk?.close()
  desk = undefined
  if (live) removeFolder(live)
  live = undefined
})

/** A desk open on the demo clinic whose restores call `atStep` at each step. */
function openClinic(atStep: (step: RestoreStep, dataFolder: string) => void): { desk: Desk; staffId: number } {
  live = demoClinic({ seed: 1 })
  const folder = live
  desk = openDesk({
    dataFolder: folder,
    log: () => {},
    clock: new FixedClock(new Date(`${DEMO_TODAY}T07:00:00`)),
    backups: { automatic: false, onRestoreStep: (step) => atStep(step, folder) },
  })
  const staffId = (
    desk.db.prepare("SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number }
  ).id
  return { desk, staffId }
}

/** The failed restore changed no row, and the desk works on: reads, a write, the write on disk. */
async function expectDeskAsItWas(
  d: Desk,
  staffId: number,
  before: Record<string, unknown[]>,
  name: string,
): Promise<void> {
  expect(d.db.open).toBe(true)
  expect(dumpTables(d.db)).toEqual(before)
  const board = await call(d, 'board.day', { date: DEMO_TODAY })
  expect(board.sessions.length).toBeGreaterThan(0)
  expect((await call(d, 'center.get', {})).name).toBe('Colombo Kidney Care')
  await call(d, 'patient.create', { staffId, fullName: name, clinicNumber: `F-${name.length}-${Date.now() % 100000}` })
  const reader = new Database(databasePath(d.dataFolder), { readonly: true })
  try {
    expect(reader.prepare('SELECT count(*) AS n FROM patients WHERE full_name = ?').get(name)).toEqual({ n: 1 })
  } finally {
    reader.close()
  }
  const staging = path.join(d.dataFolder, 'backups', '.staging')
  expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([])
}

function expectPlainSentence(message: string): void {
  expect(message).not.toMatch(/\n|at .*\(.*:\d+:\d+\)|^SQLITE_|undefined|\[object/)
  expect(message.length).toBeLessThan(500)
}

/** The staged copy a restore is about to swap in. */
function candidate(dataFolder: string): string {
  const staging = path.join(dataFolder, 'backups', '.staging')
  const [folder] = fs.readdirSync(staging).filter((n) => n.includes('-restore-'))
  return path.join(staging, folder!, 'candidate.sqlite')
}

const LATE_STEPS: RestoreStep[] = [
  'released',
  'held',
  'safety-copy',
  'previous-kept',
  'hold-released',
  'swapping',
  'swapped',
  'reopened',
]

describe('a restore that fails after the desk let go of its database', () => {
  for (const failAt of LATE_STEPS) {
    it(`at "${failAt}": the rows are as they were and the desk works on`, async () => {
      const { desk: d, staffId } = openClinic((step) => {
        if (step === failAt)
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      })
      const before = dumpTables(d.db)
      const connection = d.db
      const error = await refuse(d, 'backup.restore', { staffId, path: backup })
      expect(error.code).toBe('INTERNAL')
      expectPlainSentence(error.message)
      // Before the swap nothing was replaced; from the swap on, the old file was put back.
      if (LATE_STEPS.indexOf(failAt) >= LATE_STEPS.indexOf('swapped')) {
        expect(error.message).toBe(
          'The restored database failed its final check (the disk is full), so the previous database was put back; nothing was lost.',
        )
      } else {
        expect(error.message).toBe(
          'The restore stopped before the database was replaced (the disk is full), so nothing was restored and nothing was changed.',
        )
      }
      // The connection was closed and a new one handed to the desk.
      expect(connection.open).toBe(false)
      await expectDeskAsItWas(d, staffId, before, `After failure at ${failAt}`)
    })
  }

  it('the final check fails for real (a row added to the checked copy after its checks): the old file goes back', async () => {
    const { desk: d, staffId } = openClinic((step, folder) => {
      if (step !== 'hold-released') return
      const c = new Database(candidate(folder))
      c.exec(
        "INSERT INTO doctors (center_id, full_name, phone, active, created_at, updated_at) VALUES (1, 'Dr. Nobody', '', 1, '2026-01-01', '2026-01-01')",
      )
      c.close()
    })
    const before = dumpTables(d.db)
    const error = await refuse(d, 'backup.restore', { staffId, path: backup })
    expect(error.message).toBe(
      'The restored database failed its final check (row counts differ from the checked copy (doctors)), so the previous database was put back; nothing was lost.',
    )
    await expectDeskAsItWas(d, staffId, before, 'After a failed final check')
  })

  it('the final check fails for real (another file put in place of the checked copy): the old file goes back', async () => {
    const { desk: d, staffId } = openClinic((step, folder) => {
      if (step !== 'hold-released') return
      // The same bytes, but not the file that was checked: nothing shows they are whole.
      const c = candidate(folder)
      fs.copyFileSync(c, `${c}.other`)
      fs.renameSync(`${c}.other`, c)
    })
    const before = dumpTables(d.db)
    const error = await refuse(d, 'backup.restore', { staffId, path: backup })
    expect(error.message).toMatch(
      /^The restored database failed its final check \(another file is in place of the checked copy\), so the previous database was put back/,
    )
    await expectDeskAsItWas(d, staffId, before, 'After another file')
  })

  it('a restore that succeeds after a failed one still works (nothing was left half-done)', async () => {
    let fail = true
    const { desk: d, staffId } = openClinic((step) => {
      if (fail && step === 'swapped') throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })
    })
    const error = await refuse(d, 'backup.restore', { staffId, path: backup })
    expect(error.message).toMatch(/the disk reported an error \(EIO\).*previous database was put back/)
    fail = false
    await call(d, 'backup.restore', { staffId, path: backup })
    const source = new Database(backup, { readonly: true })
    try {
      const names = (db: Database.Database) =>
        (db.prepare('SELECT full_name FROM patients ORDER BY id').all() as { full_name: string }[]).map(
          (r) => r.full_name,
        )
      expect(names(d.db)).toEqual(names(source))
    } finally {
      source.close()
    }
  })
})
