/**
 * A booking made by hand on a day a standing patient is owed a place (a
 * make-up, a rebooking, reception's own choice) fulfils that day's standing
 * occurrence: it takes the occurrence's link, so no generation run books the
 * patient a second time that day, and the occurrence's conflict is closed
 * (and the waiting-list entry the desk opened for it, when nothing else is owed).
 */
import { weekdayOf } from '../../../src-shared/dates.js'
import type { Core } from '../core.js'
import { resolveConflictsFor } from './conflicts.js'
import { endStandingWaitWhenPlaced } from './waiting-list.js'

/** `justBooked`: the new booking's patient and session, when the caller has them (no need to read them back). */
export function linkToOccurrence(
  core: Core,
  appointmentId: number,
  justBooked?: { patientId: number; session: { session_date: string; session_id: number | null } },
): void {
  const a = justBooked
    ? {
        patient_id: justBooked.patientId,
        session_date: justBooked.session.session_date,
        session_id: justBooked.session.session_id,
      }
    : core.sql
        .raw<{
          patient_id: number
          standing_slot_id: number | null
          session_date: string
          session_id: number | null
          status: string
        }>(
          `SELECT a.patient_id, a.standing_slot_id, ss.session_date, ss.session_id, a.status FROM appointments a
         JOIN schedule_sessions ss ON ss.id = a.schedule_session_id WHERE a.id = ?`,
          appointmentId,
        )
        .filter((r) => r.standing_slot_id === null && r.status !== 'cancelled' && r.status !== 'no_show')[0]
  if (!a) return
  const slot = core.sql.raw<{ id: number; session_id: number }>(
    `SELECT id, session_id FROM standing_slots WHERE patient_id = ? AND weekday = ? AND valid_from <= ?
       AND (valid_until IS NULL OR valid_until >= ?) AND (valid_until IS NULL OR valid_until >= valid_from)`,
    a.patient_id,
    weekdayOf(a.session_date),
    a.session_date,
    a.session_date,
  )[0]
  if (!slot) return
  const taken = core.sql.raw(
    'SELECT 1 FROM appointments WHERE standing_slot_id = ? AND standing_date = ?',
    slot.id,
    a.session_date,
  )
  if (taken.length > 0) return
  core.sql.rawRun(
    'UPDATE appointments SET standing_slot_id = ?, standing_date = ?, one_off = ? WHERE id = ?',
    slot.id,
    a.session_date,
    slot.session_id === a.session_id ? 0 : 1,
    appointmentId,
  )
  if (resolveConflictsFor(core, a.patient_id, a.session_date, 'Booked that day') > 0)
    endStandingWaitWhenPlaced(core, a.patient_id)
}
