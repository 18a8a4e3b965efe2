/** What can be picked up on the board, and where it can be put down. */
import type { AppointmentView, Patient } from '../../src-shared/model'

export type SubjectPatient = Pick<Patient, 'id' | 'fullName' | 'clinicNumber' | 'hepatitisB' | 'active'>

export type Subject =
  /** A patient from the search: dropping books them. */
  | { kind: 'patient'; patient: SubjectPatient }
  /** An existing appointment (on a bed or not yet): dropping moves it. */
  | { kind: 'appointment'; appointment: AppointmentView }

/** A bed in a dated session, or the session itself with the bed to come later (bedId null). */
export interface Target {
  scheduleSessionId: number
  bedId: number | null
}

export function subjectName(s: Subject): string {
  return s.kind === 'patient' ? s.patient.fullName : s.appointment.patientName
}

export function subjectKey(s: Subject): string {
  return s.kind === 'patient' ? `patient:${s.patient.id}` : `appointment:${s.appointment.id}`
}

export function targetKey(t: Target): string {
  return `${t.scheduleSessionId}:${t.bedId ?? 'none'}`
}
