/**
 * Every contract method bound to the core function that does it. The type
 * makes the map complete: a method added to the contract without a handler
 * does not compile.
 */
import type { MethodName, OutputOf, ParsedInputOf } from '../../src-shared/contract/index.js'
import {
  assignBed,
  bookAppointment,
  cancelAppointment,
  checkIn,
  complete,
  completeSession,
  moveAppointment,
  noShow,
  reinstateAppointment,
} from './appointments/appointments.js'
import { getAppointmentView } from './appointments/appointment-views.js'
import { listAudit } from './reports/audit.js'
import { createBed, listBeds, setBedActive, setBedInService, updateBed } from './beds/beds.js'
import { availabilityRange, dayAvailability, dayBoard } from './sessions/board.js'
import { getCenter, initialize, setupStatus, updateCenter } from './center/center.js'
import type { Core } from './core.js'
import { DeskError } from './desk-error.js'
import { dayRoster } from './reports/roster.js'
import { createOutage, endOutage, listOutages, previewOutage } from './beds/bed-outages.js'
import { dismissConflict, listConflicts } from './standing/conflict-views.js'
import { bookMakeUp, makeUpOptions, rebookSession } from './appointments/make-up.js'
import { missedTreatments, preferenceMismatches } from './reports/reports.js'
import { listStanding, setStanding } from './standing/standing-schedules.js'
import { addWaiting, listWaiting, resolveWaiting, waitingMatches } from './standing/waiting-list.js'
import { today } from './core.js'
import {
  createPatient,
  deactivatePatient,
  getPatient,
  patientAppointments,
  reactivatePatient,
  searchPatients,
  updatePatient,
} from './people/patients.js'
import {
  createDoctor,
  createStaff,
  listDoctors,
  listStaff,
  setDoctorActive,
  setStaffActive,
  updateDoctor,
  updateStaff,
} from './people/staff-and-doctors.js'
import {
  blockBed,
  cancelSession,
  getScheduleSession,
  sessionsInRange,
  setSessionDoctor,
  unblockBed,
} from './sessions/schedule-sessions.js'
import { ensureHorizon, generateSessions } from './sessions/session-generator.js'
import { createTemplate, listTemplates, setTemplateActive, updateTemplate } from './sessions/templates.js'

export type Handler<M extends MethodName> = (core: Core, input: ParsedInputOf<M>) => OutputOf<M> | Promise<OutputOf<M>>
export type Handlers = { [M in MethodName]: Handler<M> }

function deskOnly(): never {
  throw new DeskError(
    'NOT_AVAILABLE',
    'Backups are made by the desk itself; this connection has no data folder to back up.',
  )
}

export const handlers: Handlers = {
  'setup.status': (core) => setupStatus(core),
  'setup.initialize': initialize,
  'center.get': (core) => getCenter(core),
  'center.update': updateCenter,

  'bed.list': (core, i) => listBeds(core, i.includeInactive),
  'bed.create': createBed,
  'bed.update': updateBed,
  'bed.setInService': setBedInService,
  'bed.deactivate': (core, i) => setBedActive(core, i, false),
  'bed.reactivate': (core, i) => setBedActive(core, i, true),

  'doctor.list': (core, i) => listDoctors(core, i.includeInactive),
  'doctor.create': createDoctor,
  'doctor.update': updateDoctor,
  'doctor.deactivate': (core, i) => setDoctorActive(core, i, false),
  'doctor.reactivate': (core, i) => setDoctorActive(core, i, true),

  'staff.list': (core, i) => listStaff(core, i.includeInactive),
  'staff.create': createStaff,
  'staff.update': updateStaff,
  'staff.deactivate': (core, i) => setStaffActive(core, i, false),
  'staff.reactivate': (core, i) => setStaffActive(core, i, true),

  'patient.search': searchPatients,
  'patient.get': (core, i) => getPatient(core, i.id),
  'patient.create': createPatient,
  'patient.update': updatePatient,
  'patient.deactivate': deactivatePatient,
  'patient.reactivate': reactivatePatient,
  'patient.appointments': patientAppointments,

  'template.list': (core, i) => listTemplates(core, i.includeInactive),
  'template.create': createTemplate,
  'template.update': updateTemplate,
  'template.deactivate': (core, i) => setTemplateActive(core, i, false),
  'template.reactivate': (core, i) => setTemplateActive(core, i, true),

  'schedule.generate': generateSessions,
  'schedule.ensureHorizon': ensureHorizon,
  'schedule.get': (core, i) => getScheduleSession(core, i.id),
  'schedule.range': (core, i) => sessionsInRange(core, i.from, i.to),
  'schedule.blockBed': blockBed,
  'schedule.unblockBed': unblockBed,
  'schedule.setDoctor': setSessionDoctor,
  'schedule.cancel': cancelSession,

  'board.day': (core, i) => dayBoard(core, i.date),
  'availability.day': (core, i) => dayAvailability(core, i.date),
  'availability.range': availabilityRange,
  'roster.day': dayRoster,

  // Only a window can print: the Electron shell provides these (see createDispatcher's `shell`).
  'shell.printRoster': () => {
    throw new DeskError(
      'NOT_AVAILABLE',
      'Printing from here works in the desk app; in a web browser, open the roster and use the browser’s Print.',
    )
  },
  'shell.saveRosterPdf': () => {
    throw new DeskError(
      'NOT_AVAILABLE',
      'Saving a PDF from here works in the desk app; in a web browser, open the roster and print it to PDF.',
    )
  },
  'shell.chooseBackupFile': () => {
    throw new DeskError(
      'NOT_AVAILABLE',
      'Choosing a file in a dialog works in the desk app; in a web browser, type the file’s full path.',
    )
  },

  'appointment.get': (core, i) => getAppointmentView(core, i.id),
  'appointment.book': bookAppointment,
  'appointment.assignBed': assignBed,
  'appointment.move': moveAppointment,
  'appointment.cancel': cancelAppointment,
  'appointment.reinstate': reinstateAppointment,
  'appointment.checkIn': checkIn,
  'appointment.complete': complete,
  'appointment.completeSession': completeSession,
  'appointment.noShow': noShow,

  'audit.list': listAudit,

  'standing.list': (core, i) => listStanding(core, i.patientId),
  'standing.set': setStanding,
  'outage.list': (core) => listOutages(core),
  'outage.preview': previewOutage,
  'outage.create': createOutage,
  'outage.end': endOutage,
  'makeup.options': makeUpOptions,
  'makeup.book': bookMakeUp,
  'makeup.rebookSession': rebookSession,
  'waiting.list': (core) => listWaiting(core),
  'waiting.add': addWaiting,
  'waiting.resolve': resolveWaiting,
  'conflict.day': (core, i) => ({
    conflicts: listConflicts(core, { date: i.date }),
    waiting: waitingMatches(core, i.date),
  }),
  'conflict.list': (core, i) => listConflicts(core, { from: i.from ?? today(core) }),
  'conflict.resolve': dismissConflict,
  'report.missedTreatments': missedTreatments,
  'report.preferences': (core) => preferenceMismatches(core),

  // Backups work on the data folder and replace the database under the core: the desk
  // answers them (openDesk passes src-main/backup/backup-handlers.ts as overrides).
  'backup.status': deskOnly,
  'backup.list': deskOnly,
  'backup.inspect': deskOnly,
  'backup.export': deskOnly,
  'backup.now': deskOnly,
  'backup.restore': deskOnly,
  'backup.setSecondFolder': deskOnly,
  'backup.acknowledgeWarning': deskOnly,
}
