/**
 * The inverse of each change the desk can take back. Undo is a new, audited
 * change made by whoever is at the desk, never a silent rewrite of history.
 */
import type { AppointmentView } from '../../src-shared/model'
import type { UndoStep } from './desk-call'

/** The reason recorded when a booking is taken back with Undo. */
export const UNDO_REASON = 'Undone at the desk'

/** A new booking is taken back by cancelling it. */
export function undoBooking(booked: AppointmentView): UndoStep {
  return {
    label: `booking of ${booked.patientName}`,
    call: { method: 'appointment.cancel', input: { appointmentId: booked.id, reason: UNDO_REASON } },
  }
}

/** A patient moved (to another bed, off a bed, or to another session) goes back where they were. */
export function undoPlacement(before: AppointmentView, after: AppointmentView): UndoStep {
  const label = `move of ${before.patientName}`
  if (before.scheduleSessionId !== after.scheduleSessionId) {
    return {
      label,
      call: {
        method: 'appointment.move',
        input: { appointmentId: before.id, scheduleSessionId: before.scheduleSessionId, bedId: before.bedId },
      },
    }
  }
  return { label, call: { method: 'appointment.assignBed', input: { appointmentId: before.id, bedId: before.bedId } } }
}

const STATUS_WORDS = { cancel: 'cancellation', noShow: 'no-show', checkIn: 'check-in' } as const

/** A cancellation, no-show or check-in is taken back by reinstating the appointment. */
export function undoStatusChange(before: AppointmentView, change: keyof typeof STATUS_WORDS): UndoStep {
  return {
    label: `${STATUS_WORDS[change]} of ${before.patientName}`,
    call: { method: 'appointment.reinstate', input: { appointmentId: before.id } },
  }
}

export function undoBedBlock(scheduleSessionId: number, bedId: number, bedCode: string): UndoStep {
  return { label: `block of ${bedCode}`, call: { method: 'schedule.unblockBed', input: { scheduleSessionId, bedId } } }
}

export function undoBedUnblock(scheduleSessionId: number, bedId: number, bedCode: string, reason: string): UndoStep {
  return {
    label: `unblock of ${bedCode}`,
    call: { method: 'schedule.blockBed', input: { scheduleSessionId, bedId, reason } },
  }
}

export function undoDoctorChange(scheduleSessionId: number, previousDoctorId: number | null): UndoStep {
  return {
    label: 'doctor change',
    call: { method: 'schedule.setDoctor', input: { scheduleSessionId, doctorId: previousDoctorId } },
  }
}
