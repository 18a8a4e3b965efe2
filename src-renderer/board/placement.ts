/** Which desk call a drop makes: book a patient, put an appointment on another bed, or move it to another session. */
import type { DeskCall } from '../data/desk-call'
import type { Subject, Target } from './drag-subject'

/** Null when the drop puts the subject where it already is. */
export function placementCall(subject: Subject, target: Target): DeskCall | null {
  if (subject.kind === 'patient') {
    return {
      method: 'appointment.book',
      input: { scheduleSessionId: target.scheduleSessionId, patientId: subject.patient.id, bedId: target.bedId },
    }
  }
  const a = subject.appointment
  if (a.scheduleSessionId === target.scheduleSessionId) {
    if (a.bedId === target.bedId) return null
    return { method: 'appointment.assignBed', input: { appointmentId: a.id, bedId: target.bedId } }
  }
  return {
    method: 'appointment.move',
    input: { appointmentId: a.id, scheduleSessionId: target.scheduleSessionId, bedId: target.bedId },
  }
}
