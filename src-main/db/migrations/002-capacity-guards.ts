/**
 * Migration 2: the database's capacity and bed-status guards made whole.
 * Frozen: never edit after it has landed; add a new migration instead.
 *
 * - Blocking a bed counted the places left wrongly when a session's planned
 *   capacity is below its bed count: a session planned for 3 on 4 beds, with 3
 *   booked, could not block its spare bed although everyone keeps a place.
 *   The places left after a block are min(planned capacity, open beds - 1).
 * - Removing a bed from a session (a bed retired) could leave more patients
 *   booked than places; lowering a session's planned capacity likewise.
 * - A session could be marked cancelled while it still held active bookings.
 * - 'reserved' and 'available' now both say the truth about the bed's occupant,
 *   whatever statement writes them.
 */
import type { Migration } from './migration.js'

const ACTIVE = `('scheduled', 'checked_in', 'completed')`

const booked = (ssid: string) =>
  `(SELECT count(*) FROM appointments WHERE schedule_session_id = ${ssid} AND status IN ${ACTIVE})`

const openBeds = (ssid: string) =>
  `(SELECT count(*) FROM session_beds WHERE schedule_session_id = ${ssid} AND status <> 'blocked')`

const planned = (ssid: string) => `(SELECT available_beds FROM schedule_sessions WHERE id = ${ssid})`

const occupied = (row: string) =>
  `EXISTS (SELECT 1 FROM appointments WHERE schedule_session_id = ${row}.schedule_session_id AND bed_id = ${row}.bed_id AND status IN ${ACTIVE})`

export const migration002: Migration = {
  version: 2,
  name: 'capacity-guards',
  up: (db) => {
    db.exec(`
  DROP TRIGGER session_beds_guard_block;
  CREATE TRIGGER session_beds_guard_block BEFORE UPDATE OF status ON session_beds
    WHEN NEW.status = 'blocked' AND OLD.status <> 'blocked'
    BEGIN
      SELECT RAISE(ABORT, 'DESK:BED_OCCUPIED') WHERE ${occupied('NEW')};
      SELECT RAISE(ABORT, 'DESK:SESSION_FULL')
        WHERE ${booked('NEW.schedule_session_id')} > min(${planned('NEW.schedule_session_id')}, ${openBeds('NEW.schedule_session_id')} - 1);
    END;

  CREATE TRIGGER session_beds_guard_delete BEFORE DELETE ON session_beds
    WHEN OLD.status <> 'blocked'
    BEGIN
      SELECT RAISE(ABORT, 'DESK:SESSION_FULL')
        WHERE ${booked('OLD.schedule_session_id')} > min(${planned('OLD.schedule_session_id')}, ${openBeds('OLD.schedule_session_id')} - 1);
    END;

  CREATE TRIGGER session_beds_guard_available BEFORE UPDATE OF status ON session_beds
    WHEN NEW.status = 'available' AND ${occupied('NEW')}
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL a bed with a patient on it is not available'); END;

  CREATE TRIGGER session_beds_guard_insert BEFORE INSERT ON session_beds
    WHEN NEW.status = 'reserved'
    BEGIN SELECT RAISE(ABORT, 'DESK:INTERNAL a bed is reserved only by an appointment'); END;

  CREATE TRIGGER schedule_sessions_guard_capacity BEFORE UPDATE OF available_beds ON schedule_sessions
    WHEN NEW.available_beds < OLD.available_beds
    BEGIN
      SELECT RAISE(ABORT, 'DESK:SESSION_FULL') WHERE ${booked('NEW.id')} > min(NEW.available_beds, ${openBeds('NEW.id')});
    END;

  CREATE TRIGGER schedule_sessions_guard_cancel BEFORE UPDATE OF status ON schedule_sessions
    WHEN NEW.status = 'cancelled'
    BEGIN
      SELECT RAISE(ABORT, 'DESK:INVALID_STATE') WHERE ${booked('NEW.id')} > 0;
    END;
`)
  },
}
