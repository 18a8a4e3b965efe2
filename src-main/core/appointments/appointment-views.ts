/** Reading appointments together with the patient, bed and session a screen shows beside them. */
import type { AppointmentView } from '../../../src-shared/model.js'
import type { Core } from '../core.js'
import { notFound } from '../desk-error.js'

/** What an appointment view takes from the appointment itself. */
export const APPOINTMENT_COLUMNS = [
  'a.id',
  'a.schedule_session_id',
  'a.patient_id',
  'a.bed_id',
  'a.staff_id',
  'a.doctor_id',
  'a.status',
  'a.cancel_reason',
  'a.no_show_reason',
  'a.checked_in_at',
  'a.completed_at',
  'a.created_at',
  'a.updated_at',
  'a.standing_slot_id',
  'a.one_off',
  'a.makeup_for_id',
] as const

/** What it takes from the patient. */
export const PATIENT_COLUMNS = ['p.full_name', 'p.clinic_number', 'p.hepatitis_b', 'p.kind'] as const

/** The base query: callers add their own where and order by. */
export function appointmentViewQuery(core: Core) {
  return core.sql.q
    .selectFrom('appointments as a')
    .innerJoin('patients as p', 'p.id', 'a.patient_id')
    .innerJoin('schedule_sessions as ss', 'ss.id', 'a.schedule_session_id')
    .leftJoin('beds as b', 'b.id', 'a.bed_id')
    .select([
      ...APPOINTMENT_COLUMNS,
      ...PATIENT_COLUMNS,
      'b.code as bed_code',
      'ss.session_date',
      'ss.start_time',
      'ss.end_time',
      'ss.label',
    ])
}

export interface AppointmentViewRow {
  id: number
  schedule_session_id: number
  patient_id: number
  bed_id: number | null
  staff_id: number
  doctor_id: number | null
  status: AppointmentView['status']
  cancel_reason: string | null
  no_show_reason: AppointmentView['noShowReason']
  checked_in_at: string | null
  completed_at: string | null
  created_at: string
  updated_at: string
  full_name: string
  clinic_number: string
  hepatitis_b: AppointmentView['hepatitisB']
  bed_code: string | null
  session_date: string
  start_time: string
  end_time: string
  label: string
  standing_slot_id: number | null
  one_off: 0 | 1
  makeup_for_id: number | null
  kind: 'regular' | 'visiting'
}

export function toAppointmentView(r: AppointmentViewRow): AppointmentView {
  return appointmentViewAt(r, r, r.bed_code)
}

type SessionPart = Pick<AppointmentViewRow, 'session_date' | 'start_time' | 'end_time' | 'label'>

/**
 * The view of an appointment's row, with what it shares with its session and
 * bed given apart: a day's board reads those once, not again on every row.
 */
export function appointmentViewAt(
  r: Omit<AppointmentViewRow, keyof SessionPart | 'bed_code'>,
  session: SessionPart,
  bedCode: string | null,
): AppointmentView {
  return {
    id: r.id,
    scheduleSessionId: r.schedule_session_id,
    patientId: r.patient_id,
    bedId: r.bed_id,
    staffId: r.staff_id,
    doctorId: r.doctor_id,
    status: r.status,
    cancelReason: r.cancel_reason,
    noShowReason: r.no_show_reason,
    checkedInAt: r.checked_in_at,
    completedAt: r.completed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    patientName: r.full_name,
    clinicNumber: r.clinic_number,
    hepatitisB: r.hepatitis_b,
    bedCode,
    date: session.session_date,
    startTime: session.start_time,
    endTime: session.end_time,
    sessionLabel: session.label,
    standing: r.standing_slot_id !== null,
    oneOff: r.one_off === 1,
    visiting: r.kind === 'visiting',
    makeUpForId: r.makeup_for_id,
  }
}

export function getAppointmentView(core: Core, id: number): AppointmentView {
  const row = core.sql.firstOf(
    'appointment-view-by-id',
    (i: number) => appointmentViewQuery(core).where('a.id', '=', i),
    id,
  )
  if (!row) throw notFound('appointment', id)
  return toAppointmentView(row)
}

export function appointmentViewsByIds(core: Core, ids: readonly number[]): AppointmentView[] {
  if (ids.length === 0) return []
  return core.sql
    .all(appointmentViewQuery(core).where('a.id', 'in', ids).orderBy('ss.session_date').orderBy('ss.start_time'))
    .map(toAppointmentView)
}
