/**
 * Migrations: a database at every earlier version, holding what could be put
 * in it then, reaches the latest version with its data whole, keeps a copy of
 * itself as it was, and gains what each migration promised.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, FixedClock } from '../../src-main/core/core.js'
import { LATEST_SCHEMA_VERSION, migrations } from '../../src-main/db/migrations/index.js'
import {
  APPLICATION_ID,
  DATABASE_FILE_NAME,
  openDatabaseFile,
  openDataFolder,
} from '../../src-main/db/open-database.js'
import { createDispatcher } from '../../src-main/dispatcher.js'
import { dumpDatabase, tableNames } from '../support/db-dump.js'
import { tempFolder } from '../support/clinic.js'

const folders: string[] = []
afterEach(() => {
  for (const f of folders.splice(0)) fs.rmSync(f, { recursive: true, force: true })
})

function newFile(): string {
  const dir = tempFolder('desk-migrate-')
  folders.push(dir)
  return path.join(dir, DATABASE_FILE_NAME)
}

/** A database of ours built by the migrations up to `version` only, as an older desk left it. */
function databaseAt(file: string, version: number): Database.Database {
  const db = new Database(file)
  db.pragma(`application_id = ${APPLICATION_ID}`)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  for (const m of migrations.filter((x) => x.version <= version)) {
    m.up(db)
    db.pragma(`user_version = ${m.version}`)
  }
  return db
}

const T = '2026-01-04T10:00:00.000Z'

/**
 * A small clinic in raw SQL, frozen like the migrations (the service moves on; this must not):
 * Tuesday 2026-01-06 06:00 planned for 3 places on 4 beds, 3 patients booked, one on BED-A1.
 */
function seedVersion1(db: Database.Database): void {
  db.exec(`
    INSERT INTO centers (id, name, created_at, updated_at) VALUES (1, 'Colombo Kidney Care', '${T}', '${T}');
    INSERT INTO staff (id, center_id, full_name, role, created_at, updated_at) VALUES
      (1, 1, 'Anoma Fernando', 'admin', '${T}', '${T}'), (2, 1, 'Desk (automatic)', 'system', '${T}', '${T}');
    INSERT INTO doctors (id, center_id, full_name, created_at, updated_at) VALUES (1, 1, 'Dr. Silva', '${T}', '${T}');
    INSERT INTO beds (id, center_id, code, isolation, position, created_at, updated_at) VALUES
      (1, 1, 'BED-A1', 0, 1, '${T}', '${T}'), (2, 1, 'BED-A2', 0, 2, '${T}', '${T}'),
      (3, 1, 'BED-A3', 0, 3, '${T}', '${T}'), (4, 1, 'BED-A4', 1, 4, '${T}', '${T}');
    INSERT INTO sessions (id, center_id, doctor_id, weekday, start_time, end_time, default_capacity, created_at, updated_at)
      VALUES (1, 1, 1, 'Tue', '06:00', '10:00', 3, '${T}', '${T}');
    INSERT INTO schedule_sessions (id, center_id, session_id, session_date, start_time, end_time, available_beds, doctor_id, created_by_id, created_at, updated_at)
      VALUES (1, 1, 1, '2026-01-06', '06:00', '10:00', 3, 1, 1, '${T}', '${T}');
    INSERT INTO session_beds (schedule_session_id, bed_id) VALUES (1, 1), (1, 2), (1, 3), (1, 4);
    INSERT INTO patients (id, center_id, full_name, clinic_number, national_id, hepatitis_b, search_text, created_at, updated_at) VALUES
      (1, 1, 'Nimal Perera', 'CKC-001', '851234567V', 'negative', 'nimal perera | ckc-001 | 851234567v | ', '${T}', '${T}'),
      (2, 1, 'සුනිල් ජයසූරිය', 'CKC-002', NULL, 'negative', 'සුනිල් ජයසූරිය | ckc-002 |  | ', '${T}', '${T}'),
      (3, 1, 'முருகன் செல்வம்', 'CKC-003', NULL, 'negative', 'முருகன் செல்வம் | ckc-003 |  | ', '${T}', '${T}');
    INSERT INTO appointments (schedule_session_id, patient_id, bed_id, staff_id, doctor_id, created_at, updated_at) VALUES
      (1, 1, 1, 1, 1, '${T}', '${T}'), (1, 2, NULL, 1, 1, '${T}', '${T}'), (1, 3, NULL, 1, 1, '${T}', '${T}');
    INSERT INTO audit_log (at, staff_id, action, entity, entity_id, patient_id, session_date, summary, after)
      VALUES ('${T}', 1, 'appointment.book', 'appointment', 1, 1, '2026-01-06', 'Booked Nimal Perera', '{"id":1}');
  `)
}

/** Version 4 on: the waiting list, with an entry the desk opened for a standing place and one reception opened. */
function seedVersion4(db: Database.Database): void {
  seedVersion1(db)
  db.exec(`
    INSERT INTO waiting_list (id, patient_id, weekdays, shift, note, created_at) VALUES
      (1, 1, 'Mon,Wed,Fri', 'morning', 'Standing Wed 06:00 could not be placed', '${T}'),
      (2, 2, 'Tue,Thu,Sat', 'any', 'Standing by for any evening place', '${T}');
  `)
}

/** What can be put into a database at each version, before migrating it on. */
const seeds: Record<number, (db: Database.Database) => void> = {
  0: () => {}, // no tables yet: only the file, our application id and version 0
  1: seedVersion1,
  2: seedVersion1,
  3: seedVersion1,
  4: seedVersion4,
  5: seedVersion4,
}

function schemaOf(db: Database.Database): string[] {
  return (
    db
      .prepare(
        "SELECT type || ' ' || name || ': ' || sql AS s FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name",
      )
      .all() as { s: string }[]
  ).map((r) => r.s)
}

describe('migrating an older database to the latest version', () => {
  it('knows a seed for every earlier version (a new migration needs its test data here)', () => {
    for (let v = 0; v < LATEST_SCHEMA_VERSION; v++) expect(seeds[v], `seed for version ${v}`).toBeTypeOf('function')
  })

  for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
    it(`from version ${from}: data kept, a copy of the old file kept, the schema as a new database has it`, () => {
      const file = newFile()
      const old = databaseAt(file, from)
      seeds[from]!(old)
      const before = dumpDatabase(old).tables
      old.close()

      const db = openDatabaseFile(file)
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION)
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
        expect(db.pragma('foreign_key_check')).toEqual([])
        const after = dumpDatabase(db).tables
        // Every row as it was; columns a migration added hold their defaults.
        for (const name of Object.keys(before)) expect(after[name], name).toMatchObject(before[name]!)

        const fresh = openDataFolder(path.join(path.dirname(file), 'fresh'))
        try {
          expect(schemaOf(db)).toEqual(schemaOf(fresh))
        } finally {
          fresh.close()
        }
      } finally {
        db.close()
      }
      const copy = new Database(`${file}.before-v${from + 1}.sqlite`, { readonly: true })
      try {
        expect(copy.pragma('user_version', { simple: true })).toBe(from)
        expect(tableNames(copy).sort()).toEqual(Object.keys(before).sort())
      } finally {
        copy.close()
      }
    })
  }
})

describe('what each migration brings', () => {
  it('version 2: a session planned below its bed count can block its spare bed with everyone keeping a place', async () => {
    const file = newFile()
    const old = databaseAt(file, 1)
    seedVersion1(old)
    old.close()
    const db = openDatabaseFile(file)
    try {
      const dispatcher = createDispatcher(createCore(db, new FixedClock(new Date('2026-01-05T07:00:00'))), () => {})
      const r = await dispatcher.dispatch('schedule.blockBed', {
        staffId: 1,
        scheduleSessionId: 1,
        bedId: 2,
        reason: 'Spare machine serviced',
      })
      expect(r).toMatchObject({ ok: true, value: { capacity: 3, booked: 3, free: 0 } })
      const again = await dispatcher.dispatch('schedule.blockBed', {
        staffId: 1,
        scheduleSessionId: 1,
        bedId: 3,
        reason: 'x',
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'SESSION_FULL' } })
    } finally {
      db.close()
    }
  })

  it('version 3: a month 13 or a day 32 is no longer accepted as a date', () => {
    const file = newFile()
    const old = databaseAt(file, 2)
    seedVersion1(old)
    // Accepted at version 2: the gap this migration closes.
    old.prepare("UPDATE schedule_sessions SET session_date = '2026-13-01' WHERE id = 1").run()
    old.prepare("UPDATE schedule_sessions SET session_date = '2026-01-06' WHERE id = 1").run()
    old.close()
    const db = openDatabaseFile(file)
    try {
      expect(() => db.prepare("UPDATE schedule_sessions SET session_date = '2026-13-01' WHERE id = 1").run()).toThrow(
        /DESK:VALIDATION/,
      )
    } finally {
      db.close()
    }
  })

  it('version 4: existing patients are regular, existing bookings are not standing, and a weekly place can be kept', async () => {
    const file = newFile()
    const old = databaseAt(file, 3)
    seedVersion1(old)
    old.close()
    const db = openDatabaseFile(file)
    try {
      expect(db.prepare('SELECT DISTINCT kind FROM patients').all()).toEqual([{ kind: 'regular' }])
      expect(
        db.prepare('SELECT count(*) AS n FROM appointments WHERE standing_slot_id IS NULL AND one_off = 0').get(),
      ).toEqual({ n: 3 })
      const dispatcher = createDispatcher(createCore(db, new FixedClock(new Date('2026-01-05T07:00:00'))), () => {})
      const r = await dispatcher.dispatch('standing.set', {
        staffId: 1,
        patientId: 1,
        from: '2026-01-05',
        slots: [{ weekday: 'Tue', templateId: 1, bedId: 1 }],
      })
      expect(r.ok).toBe(true)
      // Nimal was already booked by hand on Tuesday 2026-01-06: that booking becomes the standing occurrence, not a second one.
      expect(db.prepare('SELECT id, standing_date FROM appointments WHERE patient_id = 1').all()).toEqual([
        { id: 1, standing_date: '2026-01-06' },
      ])
    } finally {
      db.close()
    }
  })

  it('version 5: completing a patient in a full session runs no guard, and the guards still hold where a place changes', () => {
    const file = newFile()
    const old = databaseAt(file, 4)
    seedVersion1(old)
    old.close()
    const db = openDatabaseFile(file)
    try {
      // Planned for 3, 3 booked: full. Completing one keeps its place (the old trigger counted it against itself here too).
      db.prepare("UPDATE appointments SET status = 'completed', completed_at = '${T}' WHERE id = 1").run()
      expect(db.prepare('SELECT status FROM session_beds WHERE schedule_session_id = 1 AND bed_id = 1').get()).toEqual({
        status: 'reserved',
      })
      db.prepare("UPDATE appointments SET status = 'cancelled', cancel_reason = 'x' WHERE id = 1").run()
      expect(db.prepare('SELECT status FROM session_beds WHERE schedule_session_id = 1 AND bed_id = 1').get()).toEqual({
        status: 'available',
      })
      db.prepare(
        "INSERT INTO patients (id, center_id, full_name, clinic_number, search_text, created_at, updated_at) VALUES (4, 1, 'Kamala', 'CKC-004', 'kamala', '${T}', '${T}')",
      ).run()
      db.prepare(
        "INSERT INTO appointments (schedule_session_id, patient_id, bed_id, staff_id, created_at, updated_at) VALUES (1, 4, 2, 1, '${T}', '${T}')",
      ).run()
      // Full again: the cancelled one cannot come back, and a move onto a blocked bed is refused.
      expect(() =>
        db.prepare("UPDATE appointments SET status = 'scheduled', cancel_reason = NULL WHERE id = 1").run(),
      ).toThrow(/DESK:SESSION_FULL/)
      db.prepare(
        "UPDATE session_beds SET status = 'blocked', blocked_kind = 'manual', blocked_reason = 'x' WHERE schedule_session_id = 1 AND bed_id = 4",
      ).run()
      expect(() => db.prepare('UPDATE appointments SET bed_id = 4 WHERE patient_id = 4').run()).toThrow(
        /DESK:BED_BLOCKED/,
      )
      expect(db.prepare('SELECT status FROM session_beds WHERE schedule_session_id = 1 AND bed_id = 2').get()).toEqual({
        status: 'reserved',
      })
    } finally {
      db.close()
    }
  })

  it('version 6: the entries the desk opened for a standing place are marked as the desk’s, reception’s stay reception’s', () => {
    const file = newFile()
    const old = databaseAt(file, 5)
    seedVersion4(old)
    old.close()
    const db = openDatabaseFile(file)
    try {
      expect(db.prepare('SELECT id, opened_by FROM waiting_list ORDER BY id').all()).toEqual([
        { id: 1, opened_by: 'desk' },
        { id: 2, opened_by: 'reception' },
      ])
      expect(() => db.prepare("UPDATE waiting_list SET opened_by = 'someone' WHERE id = 2").run()).toThrow(/CHECK/)
    } finally {
      db.close()
    }
  })

  it('a migration that fails leaves the database as it was: all of it runs, or none', () => {
    const file = newFile()
    const old = databaseAt(file, 1)
    seedVersion1(old)
    old.exec('DROP TRIGGER session_beds_guard_block') // migration 2 starts by replacing it, and now cannot
    const before = dumpDatabase(old)
    const triggersBefore = schemaOf(old)
    old.close()
    expect(() => openDatabaseFile(file)).toThrow(/no such trigger/)
    const db = new Database(file, { readonly: true })
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(1)
      expect(schemaOf(db)).toEqual(triggersBefore)
      expect(dumpDatabase(db)).toEqual(before)
    } finally {
      db.close()
    }
  })
})
