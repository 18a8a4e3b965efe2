/**
 * Finding a bed the rules allow: for standing bookings, for patients moved off
 * a bed going out of service, and for make-up sessions. A bed is free when its
 * session_bed is 'available' (not blocked, no one on it); allowed when the
 * isolation rule accepts the patient on it.
 */
import type { PatientRow, ScheduleSessionRow } from '../../db/schema.js'
import { centerRow } from '../center/center.js'
import type { Core } from '../core.js'
import { isolationProblem } from './placement-rules.js'
import { sessionViewById, toScheduleSession } from '../sessions/schedule-sessions.js'
import { sessionHasEnded } from './time-rules.js'

export interface FreeBed {
  bedId: number
  code: string
  isolation: number
}

/** Free beds of a session in bed order, those the isolation rule allows first (only those when it is enforced). */
export function freeAllowedBeds(
  core: Core,
  scheduleSessionId: number,
  patient: Pick<PatientRow, 'full_name' | 'hepatitis_b'>,
): FreeBed[] {
  const free = core.sql.raw<FreeBed>(
    `SELECT sb.bed_id AS bedId, b.code, b.isolation FROM session_beds sb JOIN beds b ON b.id = sb.bed_id
     WHERE sb.schedule_session_id = ? AND sb.status = 'available' AND b.active = 1 ORDER BY b.position, b.code`,
    scheduleSessionId,
  )
  const matching = free.filter((b) => isolationProblem(patient, b) === null)
  if (centerRow(core).isolation_rule === 'enforce') return matching
  return [...matching, ...free.filter((b) => isolationProblem(patient, b) !== null)]
}

/** Whether the session can take one more patient: not cancelled, not over, a place left. */
export function hasRoom(core: Core, session: ScheduleSessionRow): boolean {
  if (session.status !== 'scheduled' || sessionHasEnded(core, session)) return false
  const view = toScheduleSession(sessionViewById(core, session.id)!)
  return view.booked < view.capacity
}

/**
 * A bed for the patient in the session: the preferred one when it is free and
 * allowed, else the first free allowed one; null when there is none or no room.
 */
export function chooseBed(
  core: Core,
  session: ScheduleSessionRow,
  patient: PatientRow,
  preferredBedId: number | null,
): FreeBed | null {
  if (!hasRoom(core, session)) return null
  return chooseBedIn(core, session, patient, preferredBedId)
}

/** The same choice for a patient already holding a place in the session (a move to another of its beds). */
export function chooseBedIn(
  core: Core,
  session: ScheduleSessionRow,
  patient: PatientRow,
  preferredBedId: number | null,
): FreeBed | null {
  if (preferredBedId !== null) {
    // The usual case for a standing patient: their own bed is free. One row, not the session's list.
    const own = core.sql.raw<FreeBed>(
      `SELECT sb.bed_id AS bedId, b.code, b.isolation FROM session_beds sb JOIN beds b ON b.id = sb.bed_id
       WHERE sb.schedule_session_id = ? AND sb.bed_id = ? AND sb.status = 'available' AND b.active = 1`,
      session.id,
      preferredBedId,
    )[0]
    if (own && isolationProblem(patient, own) === null) return own
  }
  const beds = freeAllowedBeds(core, session.id, patient)
  return beds.find((b) => b.bedId === preferredBedId) ?? beds[0] ?? null
}
