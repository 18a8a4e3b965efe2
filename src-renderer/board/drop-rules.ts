/**
 * Predicts, from the board on screen, whether the desk would accept a drop,
 * so refusing cells can look different while dragging. The desk itself
 * decides: a drop is always sent, and its answer is what the user reads.
 * The rules follow src-main/core/placement-rules.ts in the same order, so the
 * predicted reason is usually the one the desk gives.
 */
import {
  holdsPlace,
  type AppointmentView,
  type BoardSession,
  type DayBoard,
  type IsolationRule,
} from '../../src-shared/model'
import type { Subject, Target } from './drag-subject'

export type Verdict =
  | { ok: true; warning: string | null }
  /** `here`: the subject already sits at this target, so dropping is a no-op. */
  | { ok: false; reason: string; here?: boolean }

export interface DropContext {
  /** The wall clock: sessions that have ended take no changes. */
  now: { date: string; time: string }
  isolationRule: IsolationRule
}

/** Every appointment of a session that holds a place, on a bed or not. */
export function activeAppointments(session: BoardSession): AppointmentView[] {
  const onBeds = session.cells.flatMap((c) =>
    c.appointment && holdsPlace(c.appointment.status) ? [c.appointment] : [],
  )
  return [...onBeds, ...session.unassigned.filter((a) => holdsPlace(a.status))]
}

export function isolationProblem(
  patient: { name: string; hepatitisB: string },
  bed: { code: string; isolation: boolean },
): string | null {
  const positive = patient.hepatitisB === 'positive'
  if (positive && !bed.isolation)
    return `${patient.name} is hepatitis B positive and must be dialysed on an isolation bed; ${bed.code} is not one.`
  if (!positive && bed.isolation)
    return `${bed.code} is an isolation bed, kept for hepatitis B positive patients; ${patient.name} is not recorded as positive.`
  return null
}

export function predictDrop(board: DayBoard, subject: Subject, target: Target, ctx: DropContext): Verdict {
  const session = board.sessions.find((s) => s.id === target.scheduleSessionId)
  if (!session) return { ok: false, reason: 'That session is not on this board.' }
  const moving = subject.kind === 'appointment' ? subject.appointment : null
  const patient =
    subject.kind === 'patient'
      ? {
          id: subject.patient.id,
          name: subject.patient.fullName,
          hepatitisB: subject.patient.hepatitisB,
          active: subject.patient.active,
        }
      : {
          id: subject.appointment.patientId,
          name: subject.appointment.patientName,
          hepatitisB: subject.appointment.hepatitisB,
          active: true,
        }

  if (moving && moving.scheduleSessionId === session.id && moving.bedId === target.bedId) {
    return { ok: false, reason: `${patient.name} is already here.`, here: true }
  }
  if (moving) {
    const sameSession = moving.scheduleSessionId === session.id
    if (sameSession && moving.status !== 'scheduled' && moving.status !== 'checked_in') {
      return {
        ok: false,
        reason: `${patient.name}'s appointment is ${moving.status.replace('_', ' ')}; it cannot change bed.`,
      }
    }
    if (!sameSession && moving.status !== 'scheduled') {
      return {
        ok: false,
        reason: `${patient.name}'s appointment is ${moving.status.replace('_', ' ')}; only a booked appointment can move to another session.`,
      }
    }
  }
  if (session.status === 'cancelled')
    return { ok: false, reason: `This session is cancelled (${session.cancelReason ?? 'no reason given'}).` }
  if (session.date < ctx.now.date || (session.date === ctx.now.date && session.endTime <= ctx.now.time)) {
    return { ok: false, reason: 'That session is already over; the past cannot be changed.' }
  }
  if (!patient.active)
    return { ok: false, reason: `${patient.name} has been deactivated; reactivate the patient before booking.` }

  const others = activeAppointments(session).filter((a) => a.id !== moving?.id)
  if (others.some((a) => a.patientId === patient.id))
    return { ok: false, reason: `${patient.name} is already booked in this session.` }
  const alreadyCounted = moving !== null && moving.scheduleSessionId === session.id && holdsPlace(moving.status)
  if (!alreadyCounted && session.booked >= session.capacity) {
    return { ok: false, reason: `This session is full: ${session.booked} of ${session.capacity} places are booked.` }
  }
  if (target.bedId === null) return { ok: true, warning: null }

  const bed = board.beds.find((b) => b.id === target.bedId)
  const cell = session.cells.find((c) => c.bedId === target.bedId)
  if (!bed || !cell) return { ok: false, reason: 'That bed is not part of this session.' }
  if (!bed.active || !bed.inService) return { ok: false, reason: `${bed.code} is out of service.` }
  if (cell.status === 'blocked')
    return {
      ok: false,
      reason: `${bed.code} is blocked for this session (${cell.blockedReason ?? 'no reason given'}).`,
    }
  if (cell.appointment && cell.appointment.id !== moving?.id && holdsPlace(cell.appointment.status)) {
    return { ok: false, reason: `${bed.code} is taken by ${cell.appointment.patientName}.` }
  }
  const problem = isolationProblem(patient, bed)
  if (!problem) return { ok: true, warning: null }
  return ctx.isolationRule === 'warn' ? { ok: true, warning: problem } : { ok: false, reason: problem }
}
