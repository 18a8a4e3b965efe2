/**
 * The figures measured in this process: each one through the desk's own code
 * (the dispatcher: validation, transaction, audit, change event) and, in the
 * same run on the same machine, the raw SQLite operation doing the same work.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { addDays, localDateTime } from '../../src-shared/dates.js'
import type { MethodName } from '../../src-shared/contract/index.js'
import { createCore, systemClock } from '../../src-main/core/core.js'
import { DATABASE_FILE_NAME, fsyncFile, openDataFolder } from '../../src-main/db/open-database.js'
import { createDispatcher, type Dispatcher } from '../../src-main/dispatcher.js'
import { openDesk } from '../../src-main/desk/desk.js'
import { workCopy } from './clinics.js'
import { type Metric, metric } from './report.js'
import { median, nowMs, percentile, spread, timeEach } from './stats.js'

type Figures = (Metric & { met: boolean })[]

const silent = () => {}

async function call(d: Dispatcher, method: MethodName, input: unknown): Promise<unknown> {
  const r = await d.dispatch(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value
}

/** A unit's setup without patients: 40 beds (one in ten for isolation), 4 sessions a day, Monday to Saturday. */
async function setUpEmptyUnit(folder: string, beds: number): Promise<{ db: Database.Database; d: Dispatcher }> {
  const db = openDataFolder(folder)
  const d = createDispatcher(createCore(db, systemClock), silent)
  await call(d, 'setup.initialize', { centerName: 'Bench Unit', staffName: 'Bench' })
  for (let i = 1; i <= beds; i++) await call(d, 'bed.create', { staffId: 1, code: `BED-${i}`, isolation: i % 10 === 0 })
  for (const weekday of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) {
    for (const [startTime, endTime] of [
      ['05:30', '09:30'],
      ['10:00', '14:00'],
      ['14:30', '18:30'],
      ['19:00', '23:00'],
    ]) {
      await call(d, 'template.create', { staffId: 1, weekday, startTime, endTime, defaultCapacity: beds })
    }
  }
  return { db, d }
}

/** generate_year: a year of dated sessions and their session beds, against one batched insert of the same rows. */
export async function generateYear(scratch: string, beds: number, runs: number): Promise<Figures> {
  const ours: number[] = []
  const raw: number[] = []
  let rows = 0
  const today = localDateTime(new Date()).date
  for (let r = 0; r < runs; r++) {
    const a = await setUpEmptyUnit(path.join(scratch, `gen-ours-${r}`), beds)
    const t0 = nowMs()
    const result = (await call(a.d, 'schedule.generate', { staffId: 1, from: today, to: addDays(today, 365) })) as {
      created: number
      sessionBeds: number
    }
    ours.push(nowMs() - t0)
    rows = result.created + result.sessionBeds
    const sessions = a.db.prepare('SELECT * FROM schedule_sessions ORDER BY id').all() as Record<string, unknown>[]
    const sessionBeds = a.db.prepare('SELECT schedule_session_id, bed_id FROM session_beds ORDER BY id').all() as {
      schedule_session_id: number
      bed_id: number
    }[]
    a.db.close()

    const b = await setUpEmptyUnit(path.join(scratch, `gen-raw-${r}`), beds)
    const insertSession = b.db.prepare(
      `INSERT INTO schedule_sessions (id, center_id, session_id, session_date, start_time, end_time, available_beds, doctor_id, label, created_by_id, created_at, updated_at)
       VALUES (@id, @center_id, @session_id, @session_date, @start_time, @end_time, @available_beds, @doctor_id, @label, @created_by_id, @created_at, @updated_at)`,
    )
    const insertBed = b.db.prepare(
      "INSERT INTO session_beds (schedule_session_id, bed_id, status) VALUES (?, ?, 'available')",
    )
    const t1 = nowMs()
    b.db
      .transaction(() => {
        for (const s of sessions) {
          insertSession.run({ ...s, status: undefined, cancel_reason: undefined })
        }
        for (const sb of sessionBeds) insertBed.run(sb.schedule_session_id, sb.bed_id)
      })
      .immediate()
    raw.push(nowMs() - t1)
    b.db.close()
  }
  console.log(`  generate_year: ${rows} rows a year`)
  return [metric('generate_year', median(ours), 'ms', median(raw), { maxRatio: 2 })]
}

/**
 * book_one: one booking through the dispatcher at synchronous=FULL, against the
 * raw SQLite operation that does the same work: a hand-written single-row
 * INSERT of a booking into the appointments table (its indexes and guard
 * triggers fire, as they must), one transaction at FULL on the same file.
 * What the desk adds on top is its reads and checks, the audit row, the answer
 * and the change event. Both interleave so that both meet the disk in the same
 * state. For scale, the same commit into a bare one-column table is printed too.
 */
export async function bookOne(clinicFolder: string, scratch: string, count: number): Promise<Figures> {
  const folder = workCopy(clinicFolder, scratch, 'book-one')
  const desk = openDesk({ dataFolder: folder, log: silent, backups: { automatic: false } })
  try {
    const d = desk.dispatcher
    const patients: number[] = []
    for (let i = 0; i < count * 2; i++) {
      const p = (await call(d, 'patient.create', {
        staffId: 1,
        fullName: `Bench Patient ${i}`,
        clinicNumber: `BENCH-${i}`,
        hepatitisB: 'negative',
      })) as { id: number }
      patients.push(p.id)
    }
    const today = localDateTime(new Date()).date
    // Free non-isolation beds in sessions from tomorrow on, one per session, across as many sessions as needed.
    const places = desk.db
      .prepare(
        `SELECT sb.schedule_session_id AS session, min(sb.bed_id) AS bed FROM session_beds sb
         JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id JOIN beds b ON b.id = sb.bed_id
         WHERE ss.session_date > ? AND ss.status = 'scheduled' AND sb.status = 'available' AND b.isolation = 0
           AND (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ('scheduled', 'checked_in', 'completed'))
             < min(ss.available_beds, (SELECT count(*) FROM session_beds x WHERE x.schedule_session_id = ss.id AND x.status <> 'blocked'))
         GROUP BY sb.schedule_session_id ORDER BY ss.session_date, ss.start_time LIMIT ?`,
      )
      .all(today, count * 2) as { session: number; bed: number }[]
    if (places.length < count * 2) throw new Error(`only ${places.length} free places to book into`)
    const at = new Date().toISOString()
    const insertBooking = desk.db.prepare(
      'INSERT INTO appointments (schedule_session_id, patient_id, bed_id, staff_id, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)',
    )
    const rawBooking = desk.db.transaction((session: number, patient: number, bed: number) =>
      insertBooking.run(session, patient, bed, at, at),
    )
    desk.db.exec('CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, a INTEGER)')
    const insertBare = desk.db.prepare('INSERT INTO bench_bare (a) VALUES (?)')
    const bareTx = desk.db.transaction((i: number) => insertBare.run(i))
    const ours: number[] = []
    const raw: number[] = []
    const bare: number[] = []
    for (let i = 0; i < count; i++) {
      const mine = places[2 * i]!
      const theirs = places[2 * i + 1]!
      let t0 = nowMs()
      await call(d, 'appointment.book', {
        staffId: 1,
        scheduleSessionId: mine.session,
        patientId: patients[2 * i]!,
        bedId: mine.bed,
      })
      ours.push(nowMs() - t0)
      t0 = nowMs()
      rawBooking.immediate(theirs.session, patients[2 * i + 1]!, theirs.bed)
      raw.push(nowMs() - t0)
      t0 = nowMs()
      bareTx.immediate(i)
      bare.push(nowMs() - t0)
    }
    console.log(
      `  book_one: a commit of one row into a bare table takes ${median(bare).toFixed(3)} ms here (the booking is ${(median(ours) / median(bare)).toFixed(2)} times that)`,
    )
    return [metric('book_one', median(ours), 'ms', median(raw), { maxRatio: 2 })]
  } finally {
    desk.close()
  }
}

/** The same rows the day board reads, read with hand-written SQL: the physical limit for board.day. */
function rawDayBoard(db: Database.Database): (date: string) => unknown {
  const sessions = db.prepare(
    'SELECT ss.*, d.full_name AS doctor_name FROM schedule_sessions ss LEFT JOIN doctors d ON d.id = ss.doctor_id WHERE ss.session_date = ? ORDER BY ss.start_time',
  )
  const cells = db.prepare(
    'SELECT sb.schedule_session_id, sb.bed_id, sb.status, sb.blocked_reason FROM session_beds sb JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id WHERE ss.session_date = ?',
  )
  const appointments = db.prepare(
    `SELECT a.id, a.schedule_session_id, a.patient_id, a.bed_id, a.staff_id, a.doctor_id, a.status, a.cancel_reason, a.no_show_reason, a.checked_in_at,
       a.completed_at, a.created_at, a.updated_at, a.standing_slot_id, a.one_off, a.makeup_for_id, p.full_name, p.clinic_number, p.hepatitis_b, p.kind
     FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id JOIN patients p ON p.id = a.patient_id WHERE ss.session_date = ?`,
  )
  const beds = db.prepare('SELECT * FROM beds ORDER BY position, code')
  return (date) => [sessions.all(date), cells.all(date), appointments.all(date), beds.all()]
}

export interface BoardTimes {
  ours: number
  raw: number
}

/**
 * board.day p95 over dates spread across the clinic's whole history and horizon,
 * against the same rows read with hand-written SQL. Each side reads on a
 * connection of its own, so that each meets the measured dates cold in SQLite's
 * cache (as a desk does on a day nobody opened yet); each first reads a hundred
 * other dates of the clinic, so that what is measured is a desk that has been
 * running, not the first calls of a new process (code not yet compiled).
 */
export async function dayBoardTimes(clinicFolder: string, samples: number): Promise<BoardTimes> {
  const file = path.join(clinicFolder, DATABASE_FILE_NAME)
  const all = await withReadOnly(file, (db) =>
    (db.prepare('SELECT DISTINCT session_date AS d FROM schedule_sessions ORDER BY d').all() as { d: string }[]).map(
      (r) => r.d,
    ),
  )
  const measured = spread(all, samples)
  const picked = new Set(measured)
  const warm = spread(
    all.filter((d) => !picked.has(d)),
    100,
  )
  const ours = await withReadOnly(file, async (db) => {
    const d = createDispatcher(createCore(db, systemClock), silent)
    const read = (date: string) => call(d, 'board.day', { date })
    await timeEach(warm, read, 0)
    return timeEach(measured, read, 0)
  })
  const raw = await withReadOnly(file, async (db) => {
    const read = rawDayBoard(db)
    await timeEach(warm, read, 0)
    return timeEach(measured, read, 0)
  })
  return { ours: percentile(ours, 95), raw: percentile(raw, 95) }
}

async function withReadOnly<T>(file: string, use: (db: Database.Database) => T | Promise<T>): Promise<T> {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return await use(db)
  } finally {
    db.close()
  }
}

/** patient_search: a name prefix among the clinic's patients, p95. */
export async function patientSearch(clinicFolder: string, samples: number): Promise<Figures> {
  const db = new Database(path.join(clinicFolder, DATABASE_FILE_NAME), { readonly: true })
  const d = createDispatcher(createCore(db, systemClock), silent)
  try {
    const names = (db.prepare('SELECT full_name FROM patients ORDER BY id').all() as { full_name: string }[]).map(
      (r) => r.full_name,
    )
    const prefixes = spread(names, samples).map((n, i) => n.slice(0, 2 + (i % 3)))
    const raw = db.prepare('SELECT * FROM patients WHERE search_text LIKE ? AND active = 1 ORDER BY full_name LIMIT 50')
    const ours = await timeEach(prefixes, (q) => call(d, 'patient.search', { query: q }))
    const base = await timeEach(prefixes, (q) => raw.all(`%${q.toLowerCase()}%`))
    const patients = (db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n
    console.log(`  patient_search: among ${patients} patients`)
    return [metric('patient_search', percentile(ours, 95), 'ms', percentile(base, 95), { maxValue: 5 })]
  } finally {
    db.close()
  }
}

/** backup_export and restore: the desk's checked copies against the raw backup and copy they are built on. */
export async function backupFigures(clinicFolder: string, scratch: string, runs: number): Promise<Figures> {
  const folder = workCopy(clinicFolder, scratch, 'backup')
  const desk = openDesk({ dataFolder: folder, log: silent, backups: { automatic: false } })
  const exportOurs: number[] = []
  const exportRaw: number[] = []
  const restoreOurs: number[] = []
  const restoreRaw: number[] = []
  try {
    for (let r = 0; r < runs; r++) {
      const ours = path.join(scratch, `export-${r}.sqlite`)
      fs.rmSync(ours, { force: true })
      let t0 = nowMs()
      await call(desk.dispatcher, 'backup.export', { staffId: 1, path: ours })
      exportOurs.push(nowMs() - t0)

      const rawFile = path.join(scratch, `raw-${r}.sqlite`)
      fs.rmSync(rawFile, { force: true })
      t0 = nowMs()
      await desk.db.backup(rawFile)
      const check = new Database(rawFile, { readonly: true })
      check.pragma('quick_check')
      check.close()
      exportRaw.push(nowMs() - t0)

      t0 = nowMs()
      await call(desk.dispatcher, 'backup.restore', { staffId: 1, path: ours })
      restoreOurs.push(nowMs() - t0)

      const copy = path.join(scratch, `copy-${r}.sqlite`)
      t0 = nowMs()
      const c = new Database(rawFile, { readonly: true })
      c.pragma('integrity_check')
      c.close()
      fs.copyFileSync(rawFile, copy)
      fsyncFile(copy)
      restoreRaw.push(nowMs() - t0)
    }
  } finally {
    desk.close()
  }
  console.log(`  backups: a ${Math.round(fs.statSync(path.join(folder, DATABASE_FILE_NAME)).size / 1e6)} MB database`)
  return [
    metric('backup_export', median(exportOurs), 'ms', median(exportRaw), { maxRatio: 1.5 }),
    metric('restore', median(restoreOurs), 'ms', median(restoreRaw), { maxRatio: 2 }),
  ]
}
