/**
 * Migration 4: standing schedules and the dialysis rules around them.
 * Frozen once landed.
 *
 * - standing_slots: a patient's place every week (a weekday's session template,
 *   optionally a preferred bed), valid from a date, optionally until one. At
 *   most one slot per patient and weekday at any date (trigger).
 * - appointments remember the standing occurrence they fulfil (slot + date):
 *   unique, so a generation run never books an occurrence twice, and never
 *   re-creates one that reception moved or cancelled ("this date only").
 * - bed_outages: a bed out of service for a date range.
 * - waiting_list: patients waiting for a pattern and shift.
 * - conflicts: what needs a decision (a standing patient who could not be
 *   placed, a patient displaced by an outage or a cancelled session).
 * - visiting patients: a from and until date.
 */
import type { Migration } from './migration.js'

const DATE = (col: string) => `${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND date(${col}) = ${col}`

export const migration004: Migration = {
  version: 4,
  name: 'standing-schedules',
  up: (db) => {
    db.exec(`
  ALTER TABLE patients ADD COLUMN kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'visiting'));
  ALTER TABLE patients ADD COLUMN visit_from TEXT CHECK (visit_from IS NULL OR (${DATE('visit_from')}));
  ALTER TABLE patients ADD COLUMN visit_until TEXT CHECK (visit_until IS NULL OR (${DATE('visit_until')}));
  CREATE TRIGGER patients_visit_dates_insert BEFORE INSERT ON patients
    WHEN (NEW.kind = 'visiting') <> (NEW.visit_from IS NOT NULL AND NEW.visit_until IS NOT NULL AND NEW.visit_from <= NEW.visit_until)
      OR (NEW.kind = 'regular' AND (NEW.visit_from IS NOT NULL OR NEW.visit_until IS NOT NULL))
    BEGIN SELECT RAISE(ABORT, 'DESK:VALIDATION a visiting patient has a from and an until date, in that order'); END;
  CREATE TRIGGER patients_visit_dates_update BEFORE UPDATE OF kind, visit_from, visit_until ON patients
    WHEN (NEW.kind = 'visiting') <> (NEW.visit_from IS NOT NULL AND NEW.visit_until IS NOT NULL AND NEW.visit_from <= NEW.visit_until)
      OR (NEW.kind = 'regular' AND (NEW.visit_from IS NOT NULL OR NEW.visit_until IS NOT NULL))
    BEGIN SELECT RAISE(ABORT, 'DESK:VALIDATION a visiting patient has a from and an until date, in that order'); END;

  CREATE TABLE standing_slots (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    weekday TEXT NOT NULL CHECK (weekday IN ('Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun')),
    bed_id INTEGER REFERENCES beds(id),
    valid_from TEXT NOT NULL CHECK (${DATE('valid_from')}),
    valid_until TEXT CHECK (valid_until IS NULL OR (${DATE('valid_until')})),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    -- A slot replaced before it began ends the day before it would have begun: an empty range, kept for its history.
    CHECK (valid_until IS NULL OR valid_until >= date(valid_from, '-1 day'))
  ) STRICT;
  CREATE INDEX standing_slots_by_patient ON standing_slots (patient_id, weekday);
  CREATE INDEX standing_slots_by_session ON standing_slots (session_id);

  CREATE TRIGGER standing_slots_guard_insert BEFORE INSERT ON standing_slots
    BEGIN
      SELECT RAISE(ABORT, 'DESK:VALIDATION the slot''s weekday must be its session''s weekday')
        WHERE (SELECT weekday FROM sessions WHERE id = NEW.session_id) IS NOT NEW.weekday;
      SELECT RAISE(ABORT, 'DESK:DUPLICATE the patient already has a standing slot on that weekday')
        WHERE EXISTS (SELECT 1 FROM standing_slots s WHERE s.patient_id = NEW.patient_id AND s.weekday = NEW.weekday
          AND (s.valid_until IS NULL OR s.valid_until >= NEW.valid_from)
          AND (NEW.valid_until IS NULL OR NEW.valid_until >= s.valid_from)
          AND (s.valid_until IS NULL OR s.valid_until >= s.valid_from));
    END;
  CREATE TRIGGER standing_slots_guard_update BEFORE UPDATE ON standing_slots
    BEGIN
      SELECT RAISE(ABORT, 'DESK:VALIDATION the slot''s weekday must be its session''s weekday')
        WHERE (SELECT weekday FROM sessions WHERE id = NEW.session_id) IS NOT NEW.weekday;
      SELECT RAISE(ABORT, 'DESK:DUPLICATE the patient already has a standing slot on that weekday')
        WHERE EXISTS (SELECT 1 FROM standing_slots s WHERE s.id <> NEW.id AND s.patient_id = NEW.patient_id AND s.weekday = NEW.weekday
          AND (s.valid_until IS NULL OR s.valid_until >= NEW.valid_from)
          AND (NEW.valid_until IS NULL OR NEW.valid_until >= s.valid_from)
          AND (s.valid_until IS NULL OR s.valid_until >= s.valid_from));
    END;

  ALTER TABLE appointments ADD COLUMN standing_slot_id INTEGER REFERENCES standing_slots(id);
  ALTER TABLE appointments ADD COLUMN standing_date TEXT CHECK (standing_date IS NULL OR (${DATE('standing_date')}));
  -- A standing booking that reception changed for this date only: later generation runs leave it alone.
  ALTER TABLE appointments ADD COLUMN one_off INTEGER NOT NULL DEFAULT 0 CHECK (one_off IN (0, 1));
  ALTER TABLE appointments ADD COLUMN makeup_for_id INTEGER REFERENCES appointments(id);
  CREATE UNIQUE INDEX appointments_one_per_occurrence ON appointments (standing_slot_id, standing_date)
    WHERE standing_slot_id IS NOT NULL;
  CREATE TRIGGER appointments_occurrence_pair BEFORE INSERT ON appointments
    WHEN (NEW.standing_slot_id IS NULL) <> (NEW.standing_date IS NULL)
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL a standing booking names its slot and its date'); END;

  CREATE TABLE bed_outages (
    id INTEGER PRIMARY KEY,
    bed_id INTEGER NOT NULL REFERENCES beds(id),
    from_date TEXT NOT NULL CHECK (${DATE('from_date')}),
    until_date TEXT NOT NULL CHECK (${DATE('until_date')}),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at TEXT NOT NULL,
    ended_at TEXT,
    CHECK (until_date >= from_date)
  ) STRICT;
  CREATE INDEX bed_outages_by_bed ON bed_outages (bed_id, from_date);

  CREATE TABLE waiting_list (
    id INTEGER PRIMARY KEY,
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    weekdays TEXT NOT NULL CHECK (length(weekdays) BETWEEN 3 AND 27),
    shift TEXT NOT NULL CHECK (shift IN ('morning', 'afternoon', 'evening', 'any')),
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
  ) STRICT;
  CREATE UNIQUE INDEX waiting_list_one_open ON waiting_list (patient_id) WHERE resolved_at IS NULL;

  CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('standing_unplaced', 'displaced', 'session_cancelled')),
    patient_id INTEGER NOT NULL REFERENCES patients(id),
    session_date TEXT NOT NULL CHECK (${DATE('session_date')}),
    standing_slot_id INTEGER REFERENCES standing_slots(id),
    appointment_id INTEGER REFERENCES appointments(id),
    schedule_session_id INTEGER REFERENCES schedule_sessions(id),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    resolved_at TEXT,
    resolution TEXT,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
  ) STRICT;
  CREATE INDEX conflicts_open_by_date ON conflicts (session_date) WHERE resolved_at IS NULL;
  CREATE UNIQUE INDEX conflicts_one_open_per_occurrence ON conflicts (standing_slot_id, session_date)
    WHERE standing_slot_id IS NOT NULL AND resolved_at IS NULL;
`)
  },
}
