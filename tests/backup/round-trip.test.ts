/**
 * Export and restore end to end on a realistic clinic: the restored database
 * holds the same rows in every table; the backup is a plain SQLite file that a
 * standard tool opens; an older data version is brought up to date; and a
 * restore under an open desk swaps the connection inside the same core, makes
 * every screen reload and keeps a safety copy that restores the old data.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHash } from 'node:crypto'
import { readBackupInfo } from '../../src-main/backup/backup-info.js'
import { contentHash } from '../../src-main/backup/content-hash.js'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { inspectBackup } from '../../src-main/backup/inspect.js'
import { restoreDatabase } from '../../src-main/backup/restore.js'
import { writeSnapshot } from '../../src-main/backup/snapshot.js'
import { TRAILER_LENGTH, TRAILER_METHOD } from '../../src-main/backup/trailer.js'
import { FixedClock, systemClock } from '../../src-main/core/core.js'
import { APP_VERSION, type Desk, openDesk } from '../../src-main/desk/desk.js'
import { migration001 } from '../../src-main/db/migrations/001-initial.js'
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations/index.js'
import { APPLICATION_ID, databasePath, openDatabaseFile } from '../../src-main/db/open-database.js'
import type { DeskEvent } from '../../src-shared/events.js'
import { tempFolder } from '../support/clinic.js'
import { dumpTables } from '../support/dump.js'
import { call, refuse } from './support/desk-calls.js'
import { DEMO_TODAY, demoClinic, removeFolder } from './support/clinics.js'

const cleanup: (() => void)[] = []
afterEach(() => {
  while (cleanup.length) cleanup.pop()!()
})
const folder = (f: string) => (cleanup.push(() => removeFolder(f)), f)
const clock = () => new FixedClock(new Date(`${DEMO_TODAY}T07:00:00`))

function exportFrom(dataFolder: string, file: string) {
  const db = openForExport(dataFolder)
  try {
    return {
      result: exportBackup(db, file, { dataFolder, appVersion: APP_VERSION, clock: systemClock }),
      tables: dumpTables(db),
    }
  } finally {
    db.close()
  }
}

/**
 * The same data, allowing for what any desk start does: a reopened desk tops
 * up its dated sessions (and the bookings that follow from them) up to its
 * horizon, which adds rows but changes none of those that were there. Session
 * beds are left out: a booking added by the top-up marks its bed reserved.
 */
function expectSameData(after: Record<string, unknown[]>, before: Record<string, unknown[]>): void {
  expect(Object.keys(after)).toEqual(Object.keys(before))
  for (const t of Object.keys(before)) {
    if (t === 'session_beds') continue
    const byId = new Map((after[t] as { id: number }[]).map((r) => [r.id, r]))
    for (const row of before[t] as { id: number }[]) expect(byId.get(row.id), `${t} ${row.id}`).toEqual(row)
    if (['patients', 'staff', 'doctors', 'beds', 'centers'].includes(t))
      expect(after[t]!.length, t).toBe(before[t]!.length)
  }
}

describe('round trip', () => {
  it('export, then restore into a fresh folder: the same rows in every table', () => {
    const source = folder(demoClinic())
    const out = folder(tempFolder('desk-out-'))
    const file = path.join(out, 'clinic.sqlite')
    const { result, tables } = exportFrom(source, file)
    expect(result.rowCounts['appointments']).toBeGreaterThan(500)

    const fresh = folder(tempFolder('desk-fresh-'))
    const restored = restoreDatabase({ dataFolder: fresh, file, appVersion: APP_VERSION, clock: systemClock })
    expect(restored.safetyCopy).toBeNull()
    expect(restored.restored.checksum).toBe('verified')

    const db = openDatabaseFile(databasePath(fresh))
    try {
      const after = dumpTables(db)
      expect(Object.keys(after)).toEqual(Object.keys(tables))
      for (const table of Object.keys(tables)) expect(after[table], table).toEqual(tables[table])
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
      expect(db.pragma('foreign_key_check')).toEqual([])
    } finally {
      db.close()
    }
    // Nothing left beside the database but what SQLite itself keeps.
    expect(fs.readdirSync(fresh).filter((f) => !['desk.sqlite', 'backups'].includes(f))).toEqual([])
  })

  it('records what the issue asks for, and a standard SQLite tool can open and read it', () => {
    const source = folder(demoClinic())
    const out = folder(tempFolder('desk-out-'))
    const file = path.join(out, 'clinic.sqlite')
    const { result } = exportFrom(source, file)
    const live = new Database(databasePath(source), { readonly: true })
    const sourceContent = contentHash(live).sha256
    live.close()

    const db = new Database(file, { readonly: true })
    try {
      const record = readBackupInfo(db)
      if (record.kind !== 'present') throw new Error('no backup record')
      expect(record.info).toMatchObject({
        appVersion: APP_VERSION,
        schemaVersion: LATEST_SCHEMA_VERSION,
        clinicName: 'Colombo Kidney Care',
        source: 'export',
      })
      expect(Date.parse(record.info.madeAt)).toBeGreaterThan(Date.now() - 60_000)
      expect(record.info.rowCounts).toEqual(result.rowCounts)
      // The record says where the checksum is: the line at the end of the file, of every byte before it.
      expect(record.info.checksum.startsWith(TRAILER_METHOD)).toBe(true)
      const bytes = fs.readFileSync(file)
      expect(bytes.subarray(bytes.length - TRAILER_LENGTH).toString('latin1')).toBe(
        `\nDIALYSIS-DESK-SHA256:${result.sha256}\n`,
      )
      expect(
        createHash('sha256')
          .update(bytes.subarray(0, bytes.length - TRAILER_LENGTH))
          .digest('hex'),
      ).toBe(result.sha256)
      // The rows are those of the database it was made from.
      expect(contentHash(db).sha256).toBe(sourceContent)
      expect(db.pragma('journal_mode', { simple: true })).toBe('delete')
    } finally {
      db.close()
    }
    expect(fs.readdirSync(out)).toEqual(['clinic.sqlite'])

    const sqlite3 = spawnSync(
      'sqlite3',
      [
        '-readonly',
        file,
        "PRAGMA integrity_check; SELECT value FROM backup_info WHERE key = 'clinic_name'; SELECT count(*) FROM patients;",
      ],
      {
        encoding: 'utf8',
      },
    )
    if (sqlite3.error) return // no sqlite3 command on this machine: the checks above stand
    expect(sqlite3.stdout.trim().split('\n')).toEqual([
      'ok',
      'Colombo Kidney Care',
      String(result.rowCounts['patients']),
    ])
  })

  it('a backup from an older data version is checked, then brought up to date on the staged copy', () => {
    const old = folder(tempFolder('desk-v1-'))
    const v1 = path.join(old, 'desk.sqlite')
    const db = new Database(v1)
    db.pragma(`application_id = ${APPLICATION_ID}`)
    migration001.up(db)
    db.pragma('user_version = 1')
    const now = '2025-06-01T08:00:00.000Z'
    db.prepare('INSERT INTO centers (id, name, created_at, updated_at) VALUES (1, ?, ?, ?)').run(
      'Kandy Renal Unit',
      now,
      now,
    )
    db.prepare(
      "INSERT INTO staff (id, center_id, full_name, role, created_at, updated_at) VALUES (1, 1, 'Nimal', 'admin', ?, ?)",
    ).run(now, now)
    const patient = db.prepare(
      "INSERT INTO patients (center_id, full_name, clinic_number, search_text, created_at, updated_at) VALUES (1, ?, ?, '', ?, ?)",
    )
    patient.run('කමලා පෙරේරා', 'KRU-1', now, now)
    patient.run('முருகன் ராஜா', 'KRU-2', now, now)
    const file = path.join(old, 'kandy-v1.sqlite')
    writeSnapshot(db, file, { appVersion: '0.0.9', clock: systemClock, source: 'export' })
    db.close()

    const summary = inspectBackup(file)
    expect(summary).toMatchObject({
      clinicName: 'Kandy Renal Unit',
      schemaVersion: 1,
      patients: 2,
      checksum: 'verified',
      appVersion: '0.0.9',
    })
    expect(summary.notes.join(' ')).toMatch(/older version/)

    const fresh = folder(tempFolder('desk-fresh-'))
    restoreDatabase({ dataFolder: fresh, file, appVersion: APP_VERSION, clock: systemClock })
    const restored = openDatabaseFile(databasePath(fresh))
    try {
      expect(restored.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
      expect(
        (restored.prepare('SELECT full_name FROM patients ORDER BY id').all() as { full_name: string }[]).map(
          (r) => r.full_name,
        ),
      ).toEqual(['කමලා පෙරේරා', 'முருகன் ராஜா'])
    } finally {
      restored.close()
    }
  })
})

describe('restore under an open desk', () => {
  let desk: Desk | undefined
  afterEach(() => desk?.close())

  it('swaps the connection inside the same core, reloads every screen, and keeps a safety copy that restores the old data', async () => {
    const live = folder(demoClinic({ seed: 1 }))
    const other = folder(demoClinic({ seed: 2 }))
    const out = folder(tempFolder('desk-out-'))
    const file = path.join(out, 'other-clinic.sqlite')
    const { tables: otherTables } = exportFrom(other, file)

    desk = openDesk({ dataFolder: live, log: () => {}, clock: clock(), backups: { automatic: false } })
    const { core } = desk
    const events: DeskEvent[] = []
    core.events.subscribe((e) => events.push(e))
    const staffId = (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id
    const oldConnection = desk.db
    const oldTables = dumpTables(desk.db)
    expect(oldTables['patients']).not.toEqual(otherTables['patients'])

    const inspected = await call(desk, 'backup.inspect', { path: file })
    expect(inspected).toMatchObject({
      clinicName: 'Colombo Kidney Care',
      checksum: 'verified',
      patients: otherTables['patients']!.length,
    })

    const restored = await call(desk, 'backup.restore', { staffId, path: file })
    expect(oldConnection.open).toBe(false)
    expect(desk.db).not.toBe(oldConnection)
    expect(desk.core).toBe(core)
    expect(events).toContainEqual({ kind: 'reload' })
    expectSameData(dumpTables(desk.db), otherTables)

    // The desk goes on working, on the new file.
    await call(desk, 'patient.create', { staffId, fullName: 'After Restore', clinicNumber: 'AR-1' })
    const reader = new Database(databasePath(live), { readonly: true })
    try {
      expect(reader.prepare("SELECT count(*) AS n FROM patients WHERE full_name = 'After Restore'").get()).toEqual({
        n: 1,
      })
    } finally {
      reader.close()
    }
    const status = await call(desk, 'backup.status', {})
    expect(status.lastRestore).toMatchObject({ file, safetyCopy: restored.safetyCopy })

    // The safety copy is a checked backup of the database as it was.
    const safety = restored.safetyCopy!
    expect(path.dirname(safety)).toBe(path.join(live, 'backups'))
    const safetySummary = inspectBackup(safety)
    expect(safetySummary.checksum).toBe('verified')
    expect(safetySummary.patients).toBe(oldTables['patients']!.length)

    await call(desk, 'backup.restore', { staffId, path: safety })
    expectSameData(dumpTables(desk.db), oldTables)
    desk.close()
    desk = undefined

    // What is on disk is what the desk showed: the file was really replaced.
    const onDisk = openDatabaseFile(databasePath(live))
    try {
      expect(dumpTables(onDisk)['patients']).toEqual(oldTables['patients'])
    } finally {
      onDisk.close()
    }
  })

  it('refuses while another program has the database open, and the desk carries on with the same data', async () => {
    const live = folder(demoClinic({ seed: 1 }))
    const out = folder(tempFolder('desk-out-'))
    const file = path.join(out, 'backup.sqlite')
    exportFrom(live, file)
    desk = openDesk({ dataFolder: live, log: () => {}, clock: clock(), backups: { automatic: false } })
    const staffId = (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id
    const before = dumpTables(desk.db)

    const other = new Database(databasePath(live))
    other.prepare('SELECT count(*) FROM patients').get()
    try {
      const error = await refuse(desk, 'backup.restore', { staffId, path: file })
      expect(error.code).toBe('BUSY')
      expect(error.message).toMatch(/open in another desk or program.*nothing was changed/)
    } finally {
      other.close()
    }
    expect(desk.db.open).toBe(true)
    expectSameData(dumpTables(desk.db), before)
    await call(desk, 'patient.create', { staffId, fullName: 'Still Here', clinicNumber: 'SH-1' })
    expect(fs.readdirSync(path.join(live, 'backups')).filter((f) => f.endsWith('.sqlite'))).toEqual([])
  })

  it('on a new PC with no clinic yet, restores without a staff member; once a clinic exists, only with one', async () => {
    const other = folder(demoClinic({ seed: 2 }))
    const out = folder(tempFolder('desk-out-'))
    const file = path.join(out, 'from-the-old-pc.sqlite')
    const { tables } = exportFrom(other, file)

    const fresh = folder(tempFolder('desk-new-pc-'))
    desk = openDesk({ dataFolder: fresh, log: () => {}, clock: clock(), backups: { automatic: false } })
    expect(await call(desk, 'setup.status', {})).toMatchObject({ initialized: false })
    await call(desk, 'backup.restore', { path: file })
    expect(await call(desk, 'setup.status', {})).toMatchObject({
      initialized: true,
      center: { name: 'Colombo Kidney Care' },
    })
    expectSameData(dumpTables(desk.db), tables)
    expect((await call(desk, 'backup.status', {})).lastRestore).toMatchObject({
      file,
      by: 'the welcome screen (no clinic was set up yet)',
    })

    // Now there is a clinic: a restore without the staff member at the desk is refused and changes nothing.
    const before = dumpTables(desk.db)
    const error = await refuse(desk, 'backup.restore', { path: file })
    expect(error).toMatchObject({
      code: 'STAFF_NOT_ALLOWED',
      message: 'Choose who is at the desk first (top right): a restore is recorded under their name.',
    })
    expect(dumpTables(desk.db)).toEqual(before)
    const staffId = (
      desk.db.prepare("SELECT id FROM staff WHERE role = 'admin' ORDER BY id LIMIT 1").get() as { id: number }
    ).id
    await call(desk, 'backup.restore', { staffId, path: file })
    expect((await call(desk, 'backup.status', {})).lastRestore?.by).toBe(
      (desk.db.prepare('SELECT full_name FROM staff WHERE id = ?').get(staffId) as { full_name: string }).full_name,
    )
  })

  it('answers backup methods only where there is a data folder', async () => {
    const { openTestDesk } = await import('../support/clinic.js')
    const t = openTestDesk()
    try {
      const r = await t.dispatcher.dispatch('backup.status', {})
      expect(r.ok === false && r.error.code).toBe('NOT_AVAILABLE')
    } finally {
      t.close()
    }
  })
})
