/** Rows as stored to objects as the contract answers them. */
import type { Bed, Center, Doctor, Patient, SessionTemplate, Staff } from '../../src-shared/model.js'
import type { BedRow, CenterRow, DoctorRow, PatientRow, SessionRow, StaffRow } from '../db/schema.js'

export const toCenter = (r: CenterRow, totalCapacity: number): Center => ({
  id: r.id,
  name: r.name,
  totalCapacity,
  isolationRule: r.isolation_rule,
  weeksAhead: r.weeks_ahead,
  dateFormat: r.date_format,
  paperSize: r.paper_size,
  turnoverMinutes: r.turnover_minutes,
  maxGapDays: r.max_gap_days,
})

export const toBed = (r: BedRow): Bed => ({
  id: r.id,
  code: r.code,
  isolation: r.isolation === 1,
  inService: r.in_service === 1,
  active: r.active === 1,
  position: r.position,
  notes: r.notes,
})

export const toDoctor = (r: DoctorRow): Doctor => ({
  id: r.id,
  fullName: r.full_name,
  phone: r.phone,
  active: r.active === 1,
})

export const toStaff = (r: StaffRow): Staff => ({
  id: r.id,
  fullName: r.full_name,
  role: r.role,
  active: r.active === 1,
})

export const toPatient = (r: PatientRow): Patient => ({
  id: r.id,
  fullName: r.full_name,
  clinicNumber: r.clinic_number,
  nationalId: r.national_id,
  phone: r.phone,
  hepatitisB: r.hepatitis_b,
  preferredShift: r.preferred_shift,
  notes: r.notes,
  active: r.active === 1,
  kind: r.kind,
  visitFrom: r.visit_from,
  visitUntil: r.visit_until,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export const toTemplate = (r: SessionRow & { doctor_name: string | null }): SessionTemplate => ({
  id: r.id,
  weekday: r.weekday,
  startTime: r.start_time,
  endTime: r.end_time,
  defaultCapacity: r.default_capacity,
  doctorId: r.doctor_id,
  doctorName: r.doctor_name,
  label: r.label,
  active: r.active === 1,
})
