/**
 * The desk's one contract: every method, once. The renderer, the preload, the
 * IPC handler, the HTTP host and the tests all take their types from here.
 * Names are `domain.verb`; over HTTP a method is `POST /api/<name>`.
 */
import { z } from 'zod'
import type {
  AffectedAppointments,
  AppointmentView,
  AuditEntry,
  Bed,
  Center,
  DayAvailability,
  DayBoard,
  Roster,
  Doctor,
  GenerationResult,
  Patient,
  PatientAppointments,
  ScheduleSession,
  SessionTemplate,
  SetupStatus,
  Staff,
} from '../model.js'
import { backupMethods } from './backup-methods.js'
import { standingMethods } from './standing-methods.js'
import { read, write } from './define.js'
import * as f from './fields.js'

const none = f.input({})
const byId = f.input({ id: f.id })
const writeById = f.writeInput({ id: f.id })
const listInput = f.input({ includeInactive: z.boolean().optional() })

export interface Booking {
  appointment: AppointmentView
  /** Rules the center has relaxed to warnings (isolation), said once at booking time. */
  warnings: string[]
}

export interface SessionCancellation extends AffectedAppointments {
  session: ScheduleSession
}

export interface AuditPage {
  entries: AuditEntry[]
  /** Pass as `beforeId` to read the next (older) page; null when there is none. */
  nextBeforeId: number | null
}

export const methods = {
  // --- first run ---------------------------------------------------------
  'setup.status': read<SetupStatus>()(none, 'Whether the clinic is set up, with its center and staff.'),
  'setup.initialize': write<SetupStatus>()(
    f.input({
      centerName: f.requiredText(200),
      staffName: f.personName,
      staffRole: f.staffRole.default('admin'),
    }),
    'First run: create the center and the first staff member (who makes this change).',
  ),

  // --- center ------------------------------------------------------------
  'center.get': read<Center>()(none, 'The center and its settings.'),
  'center.update': write<Center>()(
    f.writeInput({
      name: f.requiredText(200).optional(),
      isolationRule: f.isolationRule.optional(),
      weeksAhead: z.int().min(1).max(52).optional(),
      dateFormat: f.dateFormat.optional(),
      paperSize: f.paperSize.optional(),
      turnoverMinutes: z.int().min(0).max(240).optional(),
      maxGapDays: z.int().min(1).max(14).optional(),
    }),
    'Change the center name or settings.',
  ),

  // --- beds --------------------------------------------------------------
  'bed.list': read<Bed[]>()(listInput, 'Beds in bed order.'),
  'bed.create': write<Bed>()(
    f.writeInput({ code: f.bedCode, isolation: z.boolean().default(false), notes: f.notes.default('') }),
    'Add a bed; it joins every future session that is not cancelled.',
  ),
  'bed.update': write<Bed>()(
    f.writeInput({
      id: f.id,
      code: f.bedCode.optional(),
      isolation: z.boolean().optional(),
      notes: f.notes.optional(),
      position: z.int().min(0).max(10_000).optional(),
    }),
    'Rename a bed, change its isolation flag, notes or place in the bed order.',
  ),
  'bed.setInService': write<Bed>()(
    f.writeInput({ id: f.id, inService: z.boolean() }),
    'Take a bed out of service (refused while upcoming bookings use it) or return it to service.',
  ),
  'bed.deactivate': write<Bed>()(writeById, 'Retire a bed for good (refused while upcoming bookings use it).'),
  'bed.reactivate': write<Bed>()(writeById, 'Bring a retired bed back.'),

  // --- doctors -----------------------------------------------------------
  'doctor.list': read<Doctor[]>()(listInput, 'Doctors by name.'),
  'doctor.create': write<Doctor>()(
    f.writeInput({ fullName: f.personName, phone: f.phone.default('') }),
    'Add a doctor.',
  ),
  'doctor.update': write<Doctor>()(
    f.writeInput({ id: f.id, fullName: f.personName.optional(), phone: f.phone.optional() }),
    'Edit a doctor.',
  ),
  'doctor.deactivate': write<Doctor>()(writeById, 'Deactivate a doctor; past sessions keep their name.'),
  'doctor.reactivate': write<Doctor>()(writeById, 'Reactivate a doctor.'),

  // --- staff -------------------------------------------------------------
  'staff.list': read<Staff[]>()(listInput, 'Staff by name.'),
  'staff.create': write<Staff>()(f.writeInput({ fullName: f.personName, role: f.staffRole }), 'Add a staff member.'),
  'staff.update': write<Staff>()(
    f.writeInput({ id: f.id, fullName: f.personName.optional(), role: f.staffRole.optional() }),
    'Edit a staff member.',
  ),
  'staff.deactivate': write<Staff>()(writeById, 'Deactivate a staff member; the audit trail keeps their name.'),
  'staff.reactivate': write<Staff>()(writeById, 'Reactivate a staff member.'),

  // --- patients ----------------------------------------------------------
  'patient.search': read<Patient[]>()(
    f.input({
      query: f.text(200),
      includeInactive: z.boolean().optional(),
      limit: z.int().min(1).max(500).default(50),
    }),
    'Find patients by name, clinic number, national ID or phone; case- and accent-insensitive.',
  ),
  'patient.get': read<Patient>()(byId, 'One patient.'),
  'patient.create': write<Patient>()(
    f.writeInput({
      fullName: f.personName,
      clinicNumber: f.clinicNumber,
      nationalId: f.nationalId.optional(),
      phone: f.phone.default(''),
      hepatitisB: f.hepatitisB.default('unknown'),
      preferredShift: f.preferredShift.default('any'),
      notes: f.notes.default(''),
      kind: f.patientKind.default('regular'),
      visitFrom: f.date.nullable().default(null),
      visitUntil: f.date.nullable().default(null),
    }),
    'Register a patient (a visiting patient has a first and a last day with the unit).',
  ),
  'patient.update': write<Patient>()(
    f.writeInput({
      id: f.id,
      fullName: f.personName.optional(),
      clinicNumber: f.clinicNumber.optional(),
      nationalId: f.nationalId.optional(),
      phone: f.phone.optional(),
      hepatitisB: f.hepatitisB.optional(),
      preferredShift: f.preferredShift.optional(),
      notes: f.notes.optional(),
      kind: f.patientKind.optional(),
      visitFrom: f.date.nullable().optional(),
      visitUntil: f.date.nullable().optional(),
    }),
    'Edit a patient.',
  ),
  'patient.deactivate': write<Patient & AffectedAppointments>()(
    f.writeInput({ id: f.id, cancelUpcoming: z.boolean().default(false) }),
    'Deactivate a patient. Refused while they have upcoming bookings unless cancelUpcoming, which cancels and lists them.',
  ),
  'patient.reactivate': write<Patient>()(writeById, 'Reactivate a patient.'),
  'patient.appointments': read<PatientAppointments>()(
    f.input({ patientId: f.id, pastLimit: z.int().min(1).max(1000).default(100) }),
    "A patient's upcoming appointments (soonest first) and past ones (latest first).",
  ),

  // --- weekly session templates -------------------------------------------
  'template.list': read<SessionTemplate[]>()(listInput, 'Weekly session templates by weekday and start.'),
  'template.create': write<SessionTemplate>()(
    f.writeInput({
      weekday: f.weekday,
      startTime: f.time,
      endTime: f.time,
      defaultCapacity: z.int().min(1).max(500),
      doctorId: f.id.nullable().default(null),
      label: f.text(60).default(''),
    }),
    'Add a weekly session (weekday, start, end, capacity, optional doctor).',
  ),
  'template.update': write<SessionTemplate & { updatedSessions: number }>()(
    f.writeInput({
      id: f.id,
      startTime: f.time.optional(),
      endTime: f.time.optional(),
      defaultCapacity: z.int().min(1).max(500).optional(),
      doctorId: f.id.nullable().optional(),
      label: f.text(60).optional(),
    }),
    'Edit a weekly session; the change reaches only future dated sessions with no bookings.',
  ),
  'template.deactivate': write<SessionTemplate & { removedSessions: number }>()(
    writeById,
    "Stop a weekly session; its future dated sessions with no bookings are removed. Refused while it is still a patient's weekly place after today (the refusal names them).",
  ),
  'template.reactivate': write<SessionTemplate>()(writeById, 'Restart a stopped weekly session.'),

  // --- dated sessions ------------------------------------------------------
  'schedule.generate': write<GenerationResult>()(
    f.writeInput({ from: f.date, to: f.date }),
    'Create the dated sessions of a date range from the templates; running it again creates nothing.',
  ),
  'schedule.ensureHorizon': write<GenerationResult>()(
    f.writeInput({}),
    "Create dated sessions from today to the center's weeks-ahead horizon.",
  ),
  'schedule.get': read<ScheduleSession>()(byId, 'One dated session with its capacity and bookings.'),
  'schedule.range': read<ScheduleSession[]>()(
    f.input({ from: f.date, to: f.date }),
    'Dated sessions of a date range (at most a year).',
  ),
  'schedule.blockBed': write<ScheduleSession>()(
    f.writeInput({ scheduleSessionId: f.id, bedId: f.id, reason: f.reason }),
    'Block a bed for one dated session (refused while a patient is on it).',
  ),
  'schedule.unblockBed': write<ScheduleSession>()(
    f.writeInput({ scheduleSessionId: f.id, bedId: f.id }),
    'Unblock a bed for one dated session.',
  ),
  'schedule.setDoctor': write<ScheduleSession>()(
    f.writeInput({ scheduleSessionId: f.id, doctorId: f.id.nullable() }),
    'Change (or remove) the supervising doctor of one dated session.',
  ),
  'schedule.cancel': write<SessionCancellation>()(
    f.writeInput({ scheduleSessionId: f.id, reason: f.reason }),
    'Cancel a dated session; the answer lists every appointment it cancelled.',
  ),

  // --- reads for the screens -------------------------------------------------
  'board.day': read<DayBoard>()(
    f.input({ date: f.date }),
    'Every session of a date with every bed, its occupant and status.',
  ),
  'availability.day': read<DayAvailability>()(
    f.input({ date: f.date }),
    'Capacity, booked and free per session of a date.',
  ),
  'availability.range': read<DayAvailability[]>()(
    f.input({ from: f.date, to: f.date }),
    'Capacity, booked and free per day of a date range (at most a year).',
  ),

  'roster.day': read<Roster>()(
    f.input({ date: f.date, scheduleSessionId: f.id.optional(), printedBy: f.id.optional() }),
    'The printed roster of a date (or of one of its sessions): bed by bed, with the unassigned, blocked beds and totals.',
  ),

  // --- the desk app's own window (answered by Electron; NOT_AVAILABLE in a browser) ---
  'shell.printRoster': read<{ printed: boolean }>()(
    f.input({ date: f.date, scheduleSessionId: f.id.optional(), printedBy: f.id.optional() }),
    "Print a date's roster (or one session's) through the system's print dialog.",
  ),
  'shell.saveRosterPdf': read<{ path: string | null }>()(
    f.input({ date: f.date, scheduleSessionId: f.id.optional(), printedBy: f.id.optional() }),
    "Save a date's roster (or one session's) as a PDF file chosen in a file dialog; null when the dialog was cancelled.",
  ),
  'shell.chooseBackupFile': read<{ path: string | null }>()(
    f.input({
      purpose: z.enum(['save', 'open'], 'must be save (where to save a backup) or open (a backup to restore)'),
    }),
    "Choose a backup file in the system's file dialog: where to save one, or one to restore; null when the dialog was cancelled.",
  ),

  // --- appointments ----------------------------------------------------------
  'appointment.get': read<AppointmentView>()(byId, 'One appointment.'),
  'appointment.book': write<Booking>()(
    f.writeInput({ scheduleSessionId: f.id, patientId: f.id, bedId: f.id.nullable().default(null) }),
    'Book a patient into a dated session, on a bed or with the bed to come later.',
  ),
  'appointment.assignBed': write<Booking>()(
    f.writeInput({ appointmentId: f.id, bedId: f.id.nullable() }),
    'Put a booked patient on a bed of their session, move them to another bed, or take them off the bed (null).',
  ),
  'appointment.move': write<Booking>()(
    f.writeInput({ appointmentId: f.id, scheduleSessionId: f.id, bedId: f.id.nullable().default(null) }),
    'Move an appointment to another dated session (and bed).',
  ),
  'appointment.cancel': write<AppointmentView>()(
    f.writeInput({ appointmentId: f.id, reason: f.reason }),
    'Cancel an appointment with a reason; the place is freed.',
  ),
  'appointment.reinstate': write<Booking>()(
    f.writeInput({ appointmentId: f.id }),
    'Undo a cancellation or no-show: the appointment holds its place again if the rules still allow it.',
  ),
  'appointment.checkIn': write<AppointmentView>()(
    f.writeInput({ appointmentId: f.id }),
    'Record that the patient has arrived.',
  ),
  'appointment.complete': write<AppointmentView>()(
    f.writeInput({ appointmentId: f.id }),
    'Record that the treatment is done.',
  ),
  'appointment.completeSession': write<AffectedAppointments>()(
    f.writeInput({ scheduleSessionId: f.id }),
    "Record that a session's treatments are done: every patient still booked or checked in is marked completed, and listed.",
  ),
  'appointment.noShow': write<AppointmentView>()(
    f.writeInput({ appointmentId: f.id, reason: f.noShowReason, note: f.notes.default('') }),
    'Record that the patient did not come, and why; the place is freed.',
  ),

  // --- audit -------------------------------------------------------------------
  'audit.list': read<AuditPage>()(
    f.input({
      from: f.date.optional(),
      to: f.date.optional(),
      patientId: f.id.optional(),
      staffId: f.id.optional(),
      limit: z.int().min(1).max(500).default(100),
      beforeId: f.id.optional(),
    }),
    'Who did what and when, newest first, filtered by date, patient and staff member.',
  ),

  // --- backups (answered by the desk, see backup-methods.ts) -------------------
  ...backupMethods,
  ...standingMethods,
} as const
