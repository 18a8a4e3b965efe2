/**
 * `npm run demo`: the seed's clinic (Colombo Kidney Care, BED-A1..BED-A10,
 * three sessions each weekday, Dr. Silva, patients on Mon/Wed/Fri and
 * Tue/Thu/Sat with Sinhala, Tamil and English names), and the same seed and
 * day always make the same clinic, row for row in every table.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, weekdayOf } from '../../src-shared/dates.js'
import { buildDemo } from '../../src-main/cli/demo.js'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { openDatabaseFile, databasePath } from '../../src-main/db/open-database.js'
import { DEFAULT_DEMO } from '../../src-main/demo/demo-generator.js'
import { tempFolder } from '../support/clinic.js'
import { dumpDatabase } from '../support/db-dump.js'

const root = projectRoot()
const TODAY = '2026-03-04' // a Wednesday
const SEED = 7
const folder = tempFolder('desk-demo-')
const [first, second, otherSeed] = ['first', 'second', 'other-seed'].map((name) => path.join(folder, name)) as [
  string,
  string,
  string,
]
let db: Database.Database

/** `npm run demo -- …` as npm runs it: tsx on the command's source. */
function demoCommand(...args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src-main', 'cli', 'demo.ts'), ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`npm run demo exited with ${code}:\n${output}`)),
    )
  })
}

beforeAll(async () => {
  // The same seed and day, twice, at the same time: nothing of the moment may leak into the clinic.
  await Promise.all(
    [first, second].map((data) => demoCommand('--data', data, '--seed', String(SEED), '--today', TODAY)),
  )
  buildDemo(otherSeed, { ...DEFAULT_DEMO, seed: SEED + 1, today: TODAY })
  db = openDatabaseFile(databasePath(first), { readonly: true })
}, 180_000)
afterAll(() => {
  db?.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

const rows = <R>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as R[]

describe('the demo clinic', () => {
  it('is the same, row for row in every table, for the same seed and day', () => {
    const a = dumpDatabase(db)
    const other = openDatabaseFile(databasePath(second), { readonly: true })
    try {
      const b = dumpDatabase(other)
      expect(Object.keys(b.tables)).toEqual(Object.keys(a.tables))
      for (const table of Object.keys(a.tables)) expect(b.tables[table], table).toEqual(a.tables[table])
      expect(b.userVersion).toBe(a.userVersion)
    } finally {
      other.close()
    }
    // Not a clinic that ignores its seed: another seed places other patients.
    const third = openDatabaseFile(databasePath(otherSeed), { readonly: true })
    try {
      const names = (d: Database.Database) => d.prepare('SELECT full_name FROM patients ORDER BY id').pluck().all()
      expect(names(third)).not.toEqual(names(db))
    } finally {
      third.close()
    }
  })

  it('is Colombo Kidney Care with BED-A1 to BED-A10 and Dr. Silva', () => {
    expect(rows<{ name: string }>('SELECT name FROM centers').map((r) => r.name)).toEqual(['Colombo Kidney Care'])
    expect(rows<{ code: string }>('SELECT code FROM beds WHERE active = 1 ORDER BY id').map((r) => r.code)).toEqual(
      Array.from({ length: 10 }, (_, i) => `BED-A${i + 1}`),
    )
    const silva = rows<{ id: number }>("SELECT id FROM doctors WHERE full_name = 'Dr. Silva'")
    expect(silva).toHaveLength(1)
    // Dr. Silva supervises sessions every working day.
    const silvaDays = rows<{ weekday: string }>(
      'SELECT DISTINCT weekday FROM sessions WHERE doctor_id = ? ORDER BY weekday',
      silva[0]!.id,
    )
    expect(silvaDays.map((r) => r.weekday).sort()).toEqual(['Fri', 'Mon', 'Sat', 'Thu', 'Tue', 'Wed'])
  })

  it('has three sessions each weekday, Monday to Saturday, on every date from four weeks back to four weeks ahead', () => {
    const templates = rows<{ weekday: string; n: number }>(
      'SELECT weekday, count(*) AS n FROM sessions WHERE active = 1 GROUP BY weekday',
    )
    expect(Object.fromEntries(templates.map((t) => [t.weekday, t.n]))).toEqual({
      Mon: 3,
      Tue: 3,
      Wed: 3,
      Thu: 3,
      Fri: 3,
      Sat: 3,
    })
    const byDate = new Map(
      rows<{ d: string; n: number }>('SELECT session_date AS d, count(*) AS n FROM schedule_sessions GROUP BY d').map(
        (r) => [r.d, r.n],
      ),
    )
    const firstMonday = '2026-02-02' // four weeks before the Monday of TODAY's week
    const lastSunday = addDays(firstMonday, 8 * 7 - 1)
    for (let d = firstMonday; d <= lastSunday; d = addDays(d, 1)) {
      expect(byDate.get(d) ?? 0, d).toBe(weekdayOf(d) === 'Sun' ? 0 : 3)
    }
    expect([...byDate.keys()].every((d) => d >= firstMonday && d <= lastSunday)).toBe(true)
  })

  it('books standing patients on Mon/Wed/Fri and Tue/Thu/Sat, with history behind today and bookings ahead', () => {
    const patterns = rows<{ days: string }>(
      `SELECT group_concat(weekday, '/') AS days FROM (SELECT DISTINCT patient_id, weekday FROM standing_slots
        ORDER BY patient_id, CASE weekday WHEN 'Mon' THEN 1 WHEN 'Tue' THEN 2 WHEN 'Wed' THEN 3 WHEN 'Thu' THEN 4 WHEN 'Fri' THEN 5 ELSE 6 END)
       GROUP BY patient_id`,
    ).map((r) => r.days)
    expect(patterns.length).toBeGreaterThan(30)
    expect(new Set(patterns)).toEqual(new Set(['Mon/Wed/Fri', 'Tue/Thu/Sat']))
    const count = (sql: string) => (db.prepare(sql).get(TODAY) as { n: number }).n
    const join = 'FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id'
    expect(count(`SELECT count(*) AS n ${join} WHERE ss.session_date < ? AND a.status = 'completed'`)).toBeGreaterThan(
      500,
    )
    expect(count(`SELECT count(*) AS n ${join} WHERE ss.session_date > ? AND a.status = 'scheduled'`)).toBeGreaterThan(
      500,
    )
    expect(
      count(
        `SELECT count(*) AS n ${join} WHERE ss.session_date > ? AND a.status IN ('completed', 'checked_in', 'no_show')`,
      ),
    ).toBe(0)
  })

  it('has patients with Sinhala, Tamil and English names', () => {
    const names = rows<{ full_name: string }>('SELECT full_name FROM patients').map((r) => r.full_name)
    const sinhala = names.filter((n) => /^[\p{Script=Sinhala}\u200d\s]+$/u.test(n))
    const tamil = names.filter((n) => /^[\p{Script=Tamil}\s]+$/u.test(n))
    const english = names.filter((n) => /^[A-Za-z]+ [A-Za-z]+$/.test(n))
    expect(sinhala.length, 'Sinhala names').toBeGreaterThan(3)
    expect(tamil.length, 'Tamil names').toBeGreaterThan(3)
    expect(english.length, 'English names').toBeGreaterThan(3)
    expect(sinhala.length + tamil.length + english.length).toBe(names.length)
  })
})
