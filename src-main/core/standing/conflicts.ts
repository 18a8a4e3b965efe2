/**
 * What needs a decision at the desk: a standing patient the generator could
 * not place, a patient displaced by a bed outage, a patient whose session was
 * cancelled. Opened by the core, closed when someone rebooks or dismisses them.
 */
import type { ConflictRow } from '../../db/schema.js'
import { type Core, wallClock } from '../core.js'

export type ConflictKind = ConflictRow['kind']

export interface OpenConflict {
  kind: ConflictKind
  patientId: number
  date: string
  reason: string
  standingSlotId?: number | null
  appointmentId?: number | null
  scheduleSessionId?: number | null
}

/** Records a conflict unless the same standing occurrence already has one open. Answers whether it is new. */
export function openConflict(core: Core, c: OpenConflict): boolean {
  const r = core.sql.rawRun(
    `INSERT INTO conflicts (kind, patient_id, session_date, standing_slot_id, appointment_id, schedule_session_id, reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    c.kind,
    c.patientId,
    c.date,
    c.standingSlotId ?? null,
    c.appointmentId ?? null,
    c.scheduleSessionId ?? null,
    c.reason,
    wallClock(core).iso,
  )
  return r.changes > 0
}

/** Closes the open conflicts of a patient on a date (they were rebooked that day, or the occurrence was placed). */
export function resolveConflictsFor(core: Core, patientId: number, date: string, resolution: string): number {
  return core.sql.rawRun(
    `UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE patient_id = ? AND session_date = ? AND resolved_at IS NULL`,
    wallClock(core).iso,
    resolution,
    patientId,
    date,
  ).changes
}

/** Closes the open conflicts that point at an appointment (the cancelled or displaced one that was made up). */
export function resolveConflictsOfAppointment(core: Core, appointmentId: number, resolution: string): number {
  return core.sql.rawRun(
    `UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE appointment_id = ? AND resolved_at IS NULL`,
    wallClock(core).iso,
    resolution,
    appointmentId,
  ).changes
}

/**
 * Closes the open conflicts of standing slots that a schedule change ends, from
 * its first date on: those places are no longer owed (the new pattern's
 * placement opens its own where it cannot book). A session already over keeps
 * its conflict: that treatment was missed, whatever the schedule says now.
 */
export function resolveConflictsOfEndedSlots(core: Core, slotIds: number[], from: string, resolution: string): number {
  if (slotIds.length === 0) return 0
  const now = wallClock(core)
  return core.sql.rawRun(
    `UPDATE conflicts SET resolved_at = ?, resolution = ?
     WHERE resolved_at IS NULL AND session_date >= ? AND standing_slot_id IN (${slotIds.map(() => '?').join(',')})
       AND NOT EXISTS (SELECT 1 FROM schedule_sessions ss WHERE ss.id = conflicts.schedule_session_id
         AND (ss.session_date < ? OR (ss.session_date = ? AND ss.end_time <= ?)))`,
    now.iso,
    resolution,
    from,
    ...slotIds,
    now.date,
    now.date,
    now.time,
  ).changes
}
