/**
 * The database as kysely sees it: one interface per table, matching the
 * migrations. Booleans are 0/1 integers; dates and times are strings.
 * Generated<> marks a column the database fills in when an insert leaves it out.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

type Bool = 0 | 1

export interface CenterTable {
  id: Generated<number>
  name: string
  isolation_rule: Generated<'enforce' | 'warn'>
  weeks_ahead: Generated<number>
  date_format: Generated<'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYY-MM-DD'>
  paper_size: Generated<'A4' | 'Letter'>
  turnover_minutes: Generated<number>
  max_gap_days: Generated<number>
  created_at: string
  updated_at: string
}

export interface StaffTable {
  id: Generated<number>
  center_id: number
  full_name: string
  role: 'receptionist' | 'nurse' | 'doctor' | 'manager' | 'admin' | 'system'
  active: Generated<Bool>
  created_at: string
  updated_at: string
}

export interface DoctorTable {
  id: Generated<number>
  center_id: number
  full_name: string
  phone: Generated<string>
  active: Generated<Bool>
  created_at: string
  updated_at: string
}

export interface BedTable {
  id: Generated<number>
  center_id: number
  code: string
  isolation: Generated<Bool>
  in_service: Generated<Bool>
  active: Generated<Bool>
  position: Generated<number>
  notes: Generated<string>
  created_at: string
  updated_at: string
}

export interface PatientTable {
  id: Generated<number>
  center_id: number
  full_name: string
  clinic_number: string
  national_id: string | null
  phone: Generated<string>
  hepatitis_b: Generated<'negative' | 'positive' | 'unknown'>
  preferred_shift: Generated<'morning' | 'afternoon' | 'evening' | 'any'>
  notes: Generated<string>
  active: Generated<Bool>
  search_text: string
  kind: Generated<'regular' | 'visiting'>
  visit_from: string | null
  visit_until: string | null
  created_at: string
  updated_at: string
}

export interface SessionTable {
  id: Generated<number>
  center_id: number
  doctor_id: number | null
  weekday: 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun'
  start_time: string
  end_time: string
  default_capacity: number
  label: Generated<string>
  active: Generated<Bool>
  created_at: string
  updated_at: string
}

export interface ScheduleSessionTable {
  id: Generated<number>
  center_id: number
  session_id: number | null
  session_date: string
  start_time: string
  end_time: string
  available_beds: number
  doctor_id: number | null
  label: Generated<string>
  status: Generated<'scheduled' | 'cancelled'>
  cancel_reason: string | null
  created_by_id: number
  created_at: string
  updated_at: string
}

export interface SessionBedTable {
  id: Generated<number>
  schedule_session_id: number
  bed_id: number
  status: Generated<'available' | 'reserved' | 'blocked'>
  blocked_kind: 'manual' | 'out_of_service' | null
  blocked_reason: string | null
}

export interface AppointmentTable {
  id: Generated<number>
  schedule_session_id: number
  patient_id: number
  bed_id: number | null
  staff_id: number
  doctor_id: number | null
  status: Generated<'scheduled' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'>
  cancel_reason: string | null
  no_show_reason: 'hospital' | 'holiday' | 'unwell' | 'transport' | 'unknown' | null
  no_show_note: Generated<string>
  checked_in_at: string | null
  completed_at: string | null
  created_at: string
  updated_at: string
  standing_slot_id: number | null
  standing_date: string | null
  one_off: Generated<0 | 1>
  makeup_for_id: number | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  staff_id: number
  action: string
  entity: string
  entity_id: number | null
  patient_id: number | null
  session_date: string | null
  summary: string
  before: string | null
  after: string | null
}

export interface StandingSlotTable {
  id: Generated<number>
  patient_id: number
  session_id: number
  weekday: 'Mon' | 'Tue' | 'Wed' | 'Thu' | 'Fri' | 'Sat' | 'Sun'
  bed_id: number | null
  valid_from: string
  valid_until: string | null
  created_at: string
  updated_at: string
}

export interface BedOutageTable {
  id: Generated<number>
  bed_id: number
  from_date: string
  until_date: string
  reason: string
  created_at: string
  ended_at: string | null
}

export interface WaitingListTable {
  id: Generated<number>
  patient_id: number
  weekdays: string
  shift: 'morning' | 'afternoon' | 'evening' | 'any'
  note: Generated<string>
  /** Who put the patient on the list: reception, or the desk for a standing place it could not book. */
  opened_by: Generated<'reception' | 'desk'>
  created_at: string
  resolved_at: string | null
  resolution: string | null
}

export interface ConflictTable {
  id: Generated<number>
  kind: 'standing_unplaced' | 'displaced' | 'session_cancelled'
  patient_id: number
  session_date: string
  standing_slot_id: number | null
  appointment_id: number | null
  schedule_session_id: number | null
  reason: string
  created_at: string
  resolved_at: string | null
  resolution: string | null
}

export interface Schema {
  centers: CenterTable
  staff: StaffTable
  doctors: DoctorTable
  beds: BedTable
  patients: PatientTable
  sessions: SessionTable
  schedule_sessions: ScheduleSessionTable
  session_beds: SessionBedTable
  appointments: AppointmentTable
  audit_log: AuditLogTable
  standing_slots: StandingSlotTable
  bed_outages: BedOutageTable
  waiting_list: WaitingListTable
  conflicts: ConflictTable
}

export type CenterRow = Selectable<CenterTable>
export type StaffRow = Selectable<StaffTable>
export type DoctorRow = Selectable<DoctorTable>
export type BedRow = Selectable<BedTable>
export type PatientRow = Selectable<PatientTable>
export type SessionRow = Selectable<SessionTable>
export type ScheduleSessionRow = Selectable<ScheduleSessionTable>
export type SessionBedRow = Selectable<SessionBedTable>
export type AppointmentRow = Selectable<AppointmentTable>
export type AuditLogRow = Selectable<AuditLogTable>
export type StandingSlotRow = Selectable<StandingSlotTable>
export type ConflictRow = Selectable<ConflictTable>
export type NewAppointment = Insertable<AppointmentTable>
export type AppointmentUpdate = Updateable<AppointmentTable>
