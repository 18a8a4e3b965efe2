/**
 * An export taken while another process books in a loop: each backup opens
 * cleanly, passes every check (integrity, foreign keys, its checksum) and holds
 * whole transactions only: every appointment has the audit row written in the
 * same transaction, every audit row its appointment, every cancellation its
 * audit row. The booking process is never held up for more than a moment.
 */
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { inspectBackup } from '../../src-main/backup/inspect.js'
import { FixedClock, systemClock } from '../../src-main/core/core.js'
import { APP_VERSION, openDesk } from '../../src-main/desk/desk.js'
import { tempFolder } from '../support/clinic.js'
import { bundleScript } from './support/bundle.js'
import { DEMO_TODAY, demoClinic, removeFolder } from './support/clinics.js'
import { call } from './support/desk-calls.js'

const EXPORTS = 8
let child: { file: string; remove(): void }
let live: string
let out: string

beforeAll(async () => {
  child = await bundleScript(path.resolve(import.meta.dirname, 'support/booking-child.ts'))
  live = demoClinic({ seed: 1 })
  const desk = openDesk({
    dataFolder: live,
    log: () => {},
    clock: new FixedClock(new Date(`${DEMO_TODAY}T07:00:00`)),
    backups: { automatic: false },
  })
  const admin = (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id
  await call(desk, 'staff.create', { staffId: admin, fullName: 'Load Tester', role: 'receptionist' })
  desk.close()
  out = tempFolder('desk-export-load-')
})
afterAll(() => {
  child?.remove()
  removeFolder(live)
  removeFolder(out)
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n
}

describe('export while another process books in a loop', () => {
  it('gives backups that open cleanly and hold whole transactions only', async () => {
    const proc = spawn(process.execPath, [child.file, live, DEMO_TODAY], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    let last = { writes: 0, longest: 0 }
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    proc.stdout.on('data', (d: Buffer) => {
      const m = /writes (\d+) longest ([\d.]+)\s*$/.exec(d.toString().trim().split('\n').at(-1) ?? '')
      if (m) last = { writes: Number(m[1]), longest: Number(m[2]) }
    })
    const exited = new Promise((resolve) => proc.on('exit', resolve))
    // A desk in this process too, exporting through the contract as the Backups screen does.
    const desk = openDesk({
      dataFolder: live,
      log: () => {},
      clock: new FixedClock(new Date(`${DEMO_TODAY}T07:00:00`)),
      backups: { automatic: false },
    })
    const staffId = (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id
    const files: string[] = []
    let writesAtFirstExport: number
    try {
      while (last.writes < 50) {
        if (proc.exitCode !== null) throw new Error(`the booking process stopped: ${stderr}`)
        await sleep(20)
      }
      writesAtFirstExport = last.writes
      for (let i = 0; i < EXPORTS; i++) {
        const file = path.join(out, `backup-${i}.sqlite`)
        if (i % 2 === 0) {
          await call(desk, 'backup.export', { staffId, path: file })
        } else {
          // As the command line does: its own connection, no desk.
          const db = openForExport(live)
          try {
            exportBackup(db, file, { dataFolder: live, appVersion: APP_VERSION, clock: systemClock })
          } finally {
            db.close()
          }
        }
        files.push(file)
        await sleep(30)
      }
    } finally {
      desk.close()
      proc.kill('SIGKILL')
      await exited
    }
    // The loop went on while the backups were taken, and no write waited on them.
    expect(last.writes).toBeGreaterThan(writesAtFirstExport + 20)
    expect(last.longest).toBeLessThan(1000)

    const loadBookings: number[] = []
    for (const file of files) {
      const summary = inspectBackup(file)
      expect(summary.checksum).toBe('verified')
      const db = new Database(file, { readonly: true })
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        // The loop's writes (its own staff member): each booking with its audit row, each audit row with its booking.
        const tester = (db.prepare("SELECT id FROM staff WHERE full_name = 'Load Tester'").get() as { id: number }).id
        const mine = `a.staff_id = ${tester}`
        expect(
          count(
            db,
            `SELECT count(*) AS n FROM appointments a WHERE ${mine} AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'appointment.book' AND l.entity_id = a.id)`,
          ),
        ).toBe(0)
        expect(
          count(
            db,
            `SELECT count(*) AS n FROM audit_log l WHERE l.staff_id = ${tester} AND l.action = 'appointment.book' AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = l.entity_id)`,
          ),
        ).toBe(0)
        expect(
          count(
            db,
            `SELECT count(*) AS n FROM appointments a WHERE ${mine} AND a.status = 'cancelled' AND NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.action = 'appointment.cancel' AND l.entity_id = a.id)`,
          ),
        ).toBe(0)
        expect(
          count(
            db,
            `SELECT count(*) AS n FROM audit_log l JOIN appointments a ON a.id = l.entity_id WHERE l.staff_id = ${tester} AND l.action = 'appointment.cancel' AND a.status <> 'cancelled'`,
          ),
        ).toBe(0)
        // And a booking of the loop is never left active: book and cancel are two whole transactions.
        expect(
          count(db, `SELECT count(*) AS n FROM appointments a WHERE ${mine} AND a.status <> 'cancelled'`),
        ).toBeLessThanOrEqual(1)
        loadBookings.push(count(db, "SELECT count(*) AS n FROM appointments WHERE cancel_reason = 'export load test'"))
      } finally {
        db.close()
      }
    }
    // Each backup caught the loop at a later point: they are snapshots of a live, changing database.
    expect(loadBookings[0]).toBeGreaterThan(0)
    expect(loadBookings.at(-1)).toBeGreaterThan(loadBookings[0]!)
    for (let i = 1; i < loadBookings.length; i++) expect(loadBookings[i]).toBeGreaterThanOrEqual(loadBookings[i - 1]!)
  })
})
