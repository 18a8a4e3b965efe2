/**
 * What the desk's methods answer with. Dates are YYYY-MM-DD, times HH:MM,
 * instants ISO 8601 in UTC.
 */
import type { Weekday } from './dates.js'

export type IsolationRule = 'enforce' | 'warn'
export type PaperSize = 'A4' | 'Letter'
export type DateFormat = 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYY-MM-DD'
export type StaffRole = 'receptionist' | 'nurse' | 'doctor' | 'manager' | 'admin' | 'system'
export type HepatitisB = 'negative' | 'positive' | 'unknown'
export type Shift = 'morning' | 'afternoon' | 'evening'
export type PreferredShift = Shift | 'any'
export type AppointmentStatus = 'scheduled' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'
export type SessionBedStatus = 'available' | 'reserved' | 'blocked'
export type ScheduleSessionStatus = 'scheduled' | 'cancelled'
export type NoShowReason = 'hospital' | 'holiday' | 'unwell' | 'transport' | 'unknown'

/** Statuses that hold a place (a bed and a unit of capacity) in a session. */
export const ACTIVE_STATUSES = ['scheduled', 'checked_in', 'completed'] as const satisfies readonly AppointmentStatus[]

export function holdsPlace(status: AppointmentStatus): boolean {
  return (ACTIVE_STATUSES as readonly string[]).includes(status)
}

/** The order of a day's appointments in every list of the board: by name, then as booked. */
export function byPatientName(x: { patientName: string; id: number }, y: { patientName: string; id: number }): number {
  return x.patientName < y.patientName ? -1 : x.patientName > y.patientName ? 1 : x.id - y.id
}

export interface Center {
  id: number
  name: string
  totalCapacity: number
  isolationRule: IsolationRule
  weeksAhead: number
  dateFormat: DateFormat
  paperSize: PaperSize
  turnoverMinutes: number
  maxGapDays: number
}

export interface Bed {
  id: number
  code: string
  isolation: boolean
  inService: boolean
  active: boolean
  position: number
  notes: string
}

export interface Doctor {
  id: number
  fullName: string
  phone: string
  active: boolean
}

export interface Staff {
  id: number
  fullName: string
  role: StaffRole
  active: boolean
}

export interface Patient {
  id: number
  fullName: string
  clinicNumber: string
  nationalId: string | null
  phone: string
  hepatitisB: HepatitisB
  preferredShift: PreferredShift
  notes: string
  active: boolean
  kind: PatientKind
  /** A visiting patient's first and last day with the unit. */
  visitFrom: string | null
  visitUntil: string | null
  createdAt: string
  updatedAt: string
}

export type PatientKind = 'regular' | 'visiting'

export interface SessionTemplate {
  id: number
  weekday: Weekday
  startTime: string
  endTime: string
  defaultCapacity: number
  doctorId: number | null
  doctorName: string | null
  label: string
  active: boolean
}

export interface ScheduleSession {
  id: number
  templateId: number | null
  date: string
  startTime: string
  endTime: string
  status: ScheduleSessionStatus
  cancelReason: string | null
  doctorId: number | null
  doctorName: string | null
  label: string
  /** Places that can be booked: the template's capacity, at most the beds not blocked. */
  capacity: number
  booked: number
  free: number
}

export interface Appointment {
  id: number
  scheduleSessionId: number
  patientId: number
  bedId: number | null
  staffId: number
  doctorId: number | null
  status: AppointmentStatus
  cancelReason: string | null
  noShowReason: NoShowReason | null
  checkedInAt: string | null
  completedAt: string | null
  createdAt: string
  updatedAt: string
}

/** An appointment with what a screen needs to show it without a second read. */
export interface AppointmentView extends Appointment {
  patientName: string
  clinicNumber: string
  hepatitisB: HepatitisB
  bedCode: string | null
  date: string
  startTime: string
  endTime: string
  sessionLabel: string
  /** Booked by the patient's standing schedule. */
  standing: boolean
  /** A standing booking changed by hand for this date only. */
  oneOff: boolean
  /** The patient is visiting (a limited stay), not one of the unit's own. */
  visiting: boolean
  /** The cancelled or missed appointment this one makes up for. */
  makeUpForId: number | null
}

export interface BoardCell {
  bedId: number
  status: SessionBedStatus
  blockedReason: string | null
  appointment: AppointmentView | null
}

export interface BoardSession extends ScheduleSession {
  cells: BoardCell[]
  /** Booked in the session but not yet on a bed. */
  unassigned: AppointmentView[]
  /** Cancelled and no-show appointments of the session, kept for the record. */
  inactive: AppointmentView[]
}

export interface DayBoard {
  date: string
  beds: Bed[]
  sessions: BoardSession[]
}

export interface Availability {
  scheduleSessionId: number
  date: string
  startTime: string
  endTime: string
  label: string
  status: ScheduleSessionStatus
  capacity: number
  booked: number
  free: number
}

export interface DayAvailability {
  date: string
  capacity: number
  booked: number
  free: number
  sessions: Availability[]
}

export interface PatientAppointments {
  upcoming: AppointmentView[]
  past: AppointmentView[]
}

export interface AuditEntry {
  id: number
  at: string
  staffId: number
  staffName: string
  action: string
  entity: string
  entityId: number | null
  patientId: number | null
  sessionDate: string | null
  summary: string
  before: unknown
  after: unknown
}

export interface SetupStatus {
  initialized: boolean
  center: Center | null
  staff: Staff[]
}

/** A booking written with a rule relaxed to a warning (the center's isolation setting). */
export interface WriteOutcome<T> {
  value: T
  warnings: string[]
}

export interface AffectedAppointments {
  affected: AppointmentView[]
}

export interface GenerationResult {
  from: string
  to: string
  created: number
  sessionBeds: number
  /** Standing patients booked into the range's sessions. */
  standingBooked: number
  /** Standing places that could not be booked: conflicts on the Board. */
  conflicts: number
}

/** One line of a printed roster: a bed and who is on it. */
export interface RosterRow {
  bedCode: string
  isolation: boolean
  /** Why the bed takes no one in this session (blocked, out of service), or null. */
  blockedReason: string | null
  patient: RosterPatient | null
}

export interface RosterPatient {
  name: string
  clinicNumber: string
  hepatitisB: HepatitisB
  status: AppointmentStatus
}

export interface RosterSession {
  scheduleSessionId: number
  startTime: string
  endTime: string
  label: string
  doctorName: string | null
  status: ScheduleSessionStatus
  cancelReason: string | null
  rows: RosterRow[]
  unassigned: RosterPatient[]
  capacity: number
  booked: number
  free: number
}

/** What the nurses' station gets on paper for a day (or one session of it). */
export interface Roster {
  clinicName: string
  date: string
  dateFormat: DateFormat
  paperSize: PaperSize
  printedAt: string
  printedBy: string | null
  sessions: RosterSession[]
}

/** A patient's weekly place: a weekday's session, optionally a preferred bed, for a period. */
export interface StandingSlot {
  id: number
  patientId: number
  weekday: Weekday
  templateId: number
  startTime: string
  endTime: string
  label: string
  bedId: number | null
  bedCode: string | null
  validFrom: string
  /** The last day it holds; null while it runs on. */
  validUntil: string | null
}

export type ConflictKind = 'standing_unplaced' | 'displaced' | 'session_cancelled'

/** Something that needs a decision at the desk, for a patient on a date. */
export interface Conflict {
  id: number
  kind: ConflictKind
  patientId: number
  patientName: string
  clinicNumber: string
  date: string
  reason: string
  standingSlotId: number | null
  appointmentId: number | null
  scheduleSessionId: number | null
  createdAt: string
}

export interface StandingChange {
  slots: StandingSlot[]
  /** Future standing bookings moved to the new pattern. */
  moved: AppointmentView[]
  /** Future standing bookings the new pattern no longer has (or could not place), cancelled and listed. */
  cancelled: AppointmentView[]
  /** New bookings made for the new pattern. */
  placed: AppointmentView[]
  /** Occurrences that could not be placed: on the Board and the waiting list. */
  conflicts: Conflict[]
}

export interface WaitingEntry {
  id: number
  patientId: number
  patientName: string
  clinicNumber: string
  weekdays: Weekday[]
  shift: PreferredShift
  note: string
  createdAt: string
}
