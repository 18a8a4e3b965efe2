/**
 * Migration 5: the appointment triggers run only when a row's place can change.
 * Frozen once landed.
 *
 * Checking in or completing a patient keeps them in the same session on the
 * same bed: no session can overfill, no blocked bed gain a patient, no bed's
 * 'reserved' mark change. The guards and the bed marks of migration 1 ran on
 * every status change all the same; now they run when the appointment starts
 * or stops holding a place, or moves to another session or bed. What they
 * check is unchanged.
 */
import type { Migration } from './migration.js'

const ACTIVE = `('scheduled', 'checked_in', 'completed')`

const guard = `
    SELECT RAISE(ABORT, 'DESK:SESSION_CANCELLED')
      WHERE (SELECT status FROM schedule_sessions WHERE id = NEW.schedule_session_id) = 'cancelled';
    SELECT RAISE(ABORT, 'DESK:BED_BLOCKED')
      WHERE NEW.bed_id IS NOT NULL AND (SELECT status FROM session_beds
        WHERE schedule_session_id = NEW.schedule_session_id AND bed_id = NEW.bed_id) = 'blocked';
    SELECT RAISE(ABORT, 'DESK:SESSION_FULL')
      WHERE (SELECT count(*) FROM appointments
        WHERE schedule_session_id = NEW.schedule_session_id AND status IN ${ACTIVE} AND id <> NEW.id)
        >= min(
          (SELECT available_beds FROM schedule_sessions WHERE id = NEW.schedule_session_id),
          (SELECT count(*) FROM session_beds WHERE schedule_session_id = NEW.schedule_session_id AND status <> 'blocked'));`

const markBed = (ref: 'NEW' | 'OLD') => `
    UPDATE session_beds SET status = CASE
        WHEN EXISTS (SELECT 1 FROM appointments a WHERE a.schedule_session_id = ${ref}.schedule_session_id
          AND a.bed_id = ${ref}.bed_id AND a.status IN ${ACTIVE}) THEN 'reserved'
        ELSE 'available' END
      WHERE ${ref}.bed_id IS NOT NULL AND schedule_session_id = ${ref}.schedule_session_id
        AND bed_id = ${ref}.bed_id AND status <> 'blocked';`

/** The row starts or stops holding a place, or holds it somewhere else. */
const placeChanges = `((OLD.status IN ${ACTIVE}) <> (NEW.status IN ${ACTIVE})
      OR NEW.schedule_session_id <> OLD.schedule_session_id OR NEW.bed_id IS NOT OLD.bed_id)`

export const migration005: Migration = {
  version: 5,
  name: 'lean-appointment-triggers',
  up: (db) => {
    db.exec(`
  DROP TRIGGER appointments_guard_update;
  CREATE TRIGGER appointments_guard_update BEFORE UPDATE OF status, schedule_session_id, bed_id ON appointments
    WHEN NEW.status IN ${ACTIVE} AND ${placeChanges}
    BEGIN ${guard} END;

  DROP TRIGGER appointments_mark_update;
  CREATE TRIGGER appointments_mark_update AFTER UPDATE OF status, schedule_session_id, bed_id ON appointments
    WHEN ${placeChanges}
    BEGIN ${markBed('OLD')} ${markBed('NEW')} END;
`)
  },
}
