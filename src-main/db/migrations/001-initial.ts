/**
 * Migration 1: the seed's tables (centers, beds, sessions, schedule_sessions,
 * session_beds, appointments), the people they refer to, and the audit log.
 * Frozen: never edit after it has landed; add a new migration instead.
 *
 * The database guards its own invariants, so a bug in the code cannot break them:
 * - a bed holds at most one active appointment per dated session, and a patient
 *   is at most once per dated session (partial unique indexes);
 * - an appointment's bed must be mapped into its session (composite foreign key);
 * - no active appointment on a blocked bed, in a cancelled session, or beyond
 *   the session's capacity (triggers);
 * - session_beds.status says 'reserved' exactly when an active appointment holds it;
 * - the audit log is append-only.
 */
import type { Migration } from './migration.js'

const DATE = (col: string) => `${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(${col}) = ${col}`
const TIME = (col: string) => `${col} GLOB '[0-2][0-9]:[0-5][0-9]' AND ${col} <= '23:59'`
const BOOL = (col: string) => `${col} IN (0, 1)`
const ACTIVE = `('scheduled', 'checked_in', 'completed')`

/** Places a dated session can hold: its planned capacity, at most its beds that are not blocked. */
const CAPACITY = (ssid: string) => `min(
      (SELECT available_beds FROM schedule_sessions WHERE id = ${ssid}),
      (SELECT count(*) FROM session_beds WHERE schedule_session_id = ${ssid} AND status <> 'blocked'))`

const guard = (excludeSelf: boolean) => `
    SELECT RAISE(ABORT, 'DESK:SESSION_CANCELLED')
      WHERE (SELECT status FROM schedule_sessions WHERE id = NEW.schedule_session_id) = 'cancelled';
    SELECT RAISE(ABORT, 'DESK:BED_BLOCKED')
      WHERE NEW.bed_id IS NOT NULL AND (SELECT status FROM session_beds
        WHERE schedule_session_id = NEW.schedule_session_id AND bed_id = NEW.bed_id) = 'blocked';
    SELECT RAISE(ABORT, 'DESK:SESSION_FULL')
      WHERE (SELECT count(*) FROM appointments
        WHERE schedule_session_id = NEW.schedule_session_id AND status IN ${ACTIVE}${excludeSelf ? ' AND id <> NEW.id' : ''})
        >= ${CAPACITY('NEW.schedule_session_id')};`

const markBed = (ref: 'NEW' | 'OLD') => `
    UPDATE session_beds SET status = CASE
        WHEN EXISTS (SELECT 1 FROM appointments a WHERE a.schedule_session_id = ${ref}.schedule_session_id
          AND a.bed_id = ${ref}.bed_id AND a.status IN ${ACTIVE}) THEN 'reserved'
        ELSE 'available' END
      WHERE ${ref}.bed_id IS NOT NULL AND schedule_session_id = ${ref}.schedule_session_id
        AND bed_id = ${ref}.bed_id AND status <> 'blocked';`

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
  CREATE TABLE centers (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    isolation_rule TEXT NOT NULL DEFAULT 'enforce' CHECK (isolation_rule IN ('enforce', 'warn')),
    weeks_ahead INTEGER NOT NULL DEFAULT 8 CHECK (weeks_ahead BETWEEN 1 AND 52),
    date_format TEXT NOT NULL DEFAULT 'DD/MM/YYYY' CHECK (date_format IN ('DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD')),
    paper_size TEXT NOT NULL DEFAULT 'A4' CHECK (paper_size IN ('A4', 'Letter')),
    turnover_minutes INTEGER NOT NULL DEFAULT 30 CHECK (turnover_minutes BETWEEN 0 AND 240),
    max_gap_days INTEGER NOT NULL DEFAULT 2 CHECK (max_gap_days BETWEEN 1 AND 14),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('receptionist', 'nurse', 'doctor', 'manager', 'admin', 'system')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('active')}),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE doctors (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    phone TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('active')}),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE beds (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    isolation INTEGER NOT NULL DEFAULT 0 CHECK (${BOOL('isolation')}),
    in_service INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('in_service')}),
    active INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('active')}),
    position INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX beds_code_unique ON beds (center_id, code COLLATE NOCASE);

  CREATE TABLE patients (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    clinic_number TEXT NOT NULL CHECK (length(clinic_number) BETWEEN 1 AND 30),
    national_id TEXT CHECK (national_id IS NULL OR length(national_id) BETWEEN 1 AND 20),
    phone TEXT NOT NULL DEFAULT '',
    hepatitis_b TEXT NOT NULL DEFAULT 'unknown' CHECK (hepatitis_b IN ('negative', 'positive', 'unknown')),
    preferred_shift TEXT NOT NULL DEFAULT 'any' CHECK (preferred_shift IN ('morning', 'afternoon', 'evening', 'any')),
    notes TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('active')}),
    -- name, numbers and phone digits folded for case- and accent-insensitive search
    search_text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;
  CREATE UNIQUE INDEX patients_clinic_number_unique ON patients (center_id, clinic_number COLLATE NOCASE);
  CREATE UNIQUE INDEX patients_national_id_unique ON patients (center_id, national_id) WHERE national_id IS NOT NULL;

  -- weekly templates ("every Monday 06:00-10:00")
  CREATE TABLE sessions (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    doctor_id INTEGER REFERENCES doctors(id),
    weekday TEXT NOT NULL CHECK (weekday IN ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')),
    start_time TEXT NOT NULL CHECK (${TIME('start_time')}),
    end_time TEXT NOT NULL CHECK (${TIME('end_time')}),
    default_capacity INTEGER NOT NULL CHECK (default_capacity BETWEEN 1 AND 500),
    label TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1 CHECK (${BOOL('active')}),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_time > start_time)
  ) STRICT;

  -- dated instances ("Monday 2025-04-07 06:00-10:00")
  CREATE TABLE schedule_sessions (
    id INTEGER PRIMARY KEY,
    center_id INTEGER NOT NULL REFERENCES centers(id),
    session_id INTEGER REFERENCES sessions(id),
    session_date TEXT NOT NULL CHECK (${DATE('session_date')}),
    start_time TEXT NOT NULL CHECK (${TIME('start_time')}),
    end_time TEXT NOT NULL CHECK (${TIME('end_time')}),
    available_beds INTEGER NOT NULL CHECK (available_beds BETWEEN 0 AND 500),
    doctor_id INTEGER REFERENCES doctors(id),
    label TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
    cancel_reason TEXT CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
    created_by_id INTEGER NOT NULL REFERENCES staff(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (end_time > start_time)
  ) STRICT;
  CREATE UNIQUE INDEX schedule_sessions_once ON schedule_sessions (session_id, session_date);
  CREATE INDEX schedule_sessions_by_date ON schedule_sessions (session_date, start_time);

  CREATE TABLE session_beds (
    id INTEGER PRIMARY KEY,
    schedule_session_id INTEGER NOT NULL REFERENCES schedule_sessions(id),
    bed_id INTEGER NOT NULL REFERENCES beds(id),
    status TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'blocked')),
    blocked_kind TEXT CHECK (blocked_kind IN ('manual', 'out_of_service')),
    blocked_reason TEXT,
    CHECK ((status = 'blocked') = (blocked_kind IS NOT NULL)),
    CHECK ((status = 'blocked') = (blocked_reason IS NOT NULL))
  ) STRICT;
  CREATE UNIQUE INDEX session_beds_once ON session_beds (schedule_session_id, bed_id);
  CREATE INDEX session_beds_by_bed ON session_beds (bed_id, schedule_session_id);

  CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    schedule_session_id INTEGER NOT NULL REFERENCES schedule_sessions(id),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    bed_id INTEGER REFERENCES beds(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    doctor_id INTEGER REFERENCES doctors(id),
    status TEXT NOT NULL DEFAULT 'scheduled'
      CHECK (status IN ('scheduled', 'checked_in', 'completed', 'cancelled', 'no_show')),
    cancel_reason TEXT CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
    no_show_reason TEXT CHECK (no_show_reason IN ('hospital', 'holiday', 'unwell', 'transport', 'unknown')),
    no_show_note TEXT NOT NULL DEFAULT '',
    checked_in_at TEXT,
    completed_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'no_show') = (no_show_reason IS NOT NULL)),
    FOREIGN KEY (schedule_session_id, bed_id) REFERENCES session_beds (schedule_session_id, bed_id)
  ) STRICT;
  CREATE UNIQUE INDEX appointments_one_per_bed ON appointments (schedule_session_id, bed_id)
    WHERE bed_id IS NOT NULL AND status IN ${ACTIVE};
  CREATE UNIQUE INDEX appointments_one_per_patient ON appointments (schedule_session_id, patient_id)
    WHERE status IN ${ACTIVE};
  CREATE INDEX appointments_by_patient ON appointments (patient_id, schedule_session_id);
  CREATE INDEX appointments_by_session ON appointments (schedule_session_id, status);

  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    patient_id INTEGER REFERENCES patients(id),
    session_date TEXT CHECK (session_date IS NULL OR (${DATE('session_date')})),
    summary TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    after TEXT CHECK (after IS NULL OR json_valid(after))
  ) STRICT;
  CREATE INDEX audit_by_patient ON audit_log (patient_id, id) WHERE patient_id IS NOT NULL;
  CREATE INDEX audit_by_staff ON audit_log (staff_id, id);
  CREATE INDEX audit_by_time ON audit_log (at);

  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL the audit log cannot be changed'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL the audit log cannot be changed'); END;

  CREATE TRIGGER appointments_guard_insert BEFORE INSERT ON appointments
    WHEN NEW.status IN ${ACTIVE}
    BEGIN ${guard(false)} END;
  CREATE TRIGGER appointments_guard_update BEFORE UPDATE OF status, schedule_session_id, bed_id ON appointments
    WHEN NEW.status IN ${ACTIVE}
    BEGIN ${guard(true)} END;

  CREATE TRIGGER appointments_mark_insert AFTER INSERT ON appointments
    BEGIN ${markBed('NEW')} END;
  CREATE TRIGGER appointments_mark_update AFTER UPDATE OF status, schedule_session_id, bed_id ON appointments
    BEGIN ${markBed('OLD')} ${markBed('NEW')} END;
  CREATE TRIGGER appointments_mark_delete AFTER DELETE ON appointments
    BEGIN ${markBed('OLD')} END;

  CREATE TRIGGER session_beds_guard_block BEFORE UPDATE OF status ON session_beds
    WHEN NEW.status = 'blocked' AND OLD.status <> 'blocked'
    BEGIN
      SELECT RAISE(ABORT, 'DESK:BED_OCCUPIED')
        WHERE EXISTS (SELECT 1 FROM appointments WHERE schedule_session_id = NEW.schedule_session_id
          AND bed_id = NEW.bed_id AND status IN ${ACTIVE});
      SELECT RAISE(ABORT, 'DESK:SESSION_FULL')
        WHERE (SELECT count(*) FROM appointments WHERE schedule_session_id = NEW.schedule_session_id
          AND status IN ${ACTIVE}) > ${CAPACITY('NEW.schedule_session_id')} - 1;
    END;
  CREATE TRIGGER session_beds_guard_reserved BEFORE UPDATE OF status ON session_beds
    WHEN NEW.status = 'reserved' AND NOT EXISTS (SELECT 1 FROM appointments WHERE schedule_session_id = NEW.schedule_session_id
          AND bed_id = NEW.bed_id AND status IN ${ACTIVE})
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL a bed is reserved only by an appointment'); END;
`)
  },
}
