/**
 * Appointments: a patient's place in a dated session, with the bed now or later.
 * Every change checks the placement rules, then writes in one transaction with its audit row.
 */
import type { Booking, ParsedInputOf } from '../../../src-shared/contract/index.js'
import { formatSession } from '../../../src-shared/format.js'
import type { AffectedAppointments, AppointmentView } from '../../../src-shared/model.js'
import type { AppointmentRow, ScheduleSessionRow } from '../../db/schema.js'
import { appointmentViewsByIds, getAppointmentView } from './appointment-views.js'
import { centerRow, showDate } from '../center/center.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { patientRow } from '../people/patients.js'
import { checkPlacement, placeAndWrite } from './placement-rules.js'
import { scheduleSessionRow } from '../sessions/schedule-sessions.js'
import { linkToOccurrence } from '../standing/standing-occurrences.js'
import { assertNotEnded } from './time-rules.js'
import { type AuditRecord, changedFields, runWrite } from '../write.js'

function appointmentRow(core: Core, id: number): AppointmentRow {
  const row = core.sql.firstOf(
    'appointment-by-id',
    (i: number) => core.sql.q.selectFrom('appointments').selectAll().where('id', '=', i),
    id,
  )
  if (!row) throw notFound('appointment', id)
  return row
}

function where(core: Core, a: { date: string; startTime: string; endTime: string; bedCode: string | null }): string {
  return `${formatSession(a, centerRow(core).date_format)}${a.bedCode ? ` on ${a.bedCode}` : ' (no bed yet)'}`
}

function bookingAudit(
  action: string,
  before: AppointmentView | null,
  after: AppointmentView,
  summary: string,
): AuditRecord {
  return {
    action,
    entity: 'appointment',
    entityId: after.id,
    patientId: after.patientId,
    sessionDate: after.date,
    summary,
    // A new booking is recorded whole; a change, by the fields it changed.
    ...(before === null ? { after } : changedFields(before, after)),
  }
}

export interface NewBooking {
  session: ScheduleSessionRow
  patientId: number
  bedId: number | null
  staffId: number
  /** The standing occurrence this booking fulfils. */
  standing?: { slotId: number; date: string }
  /** The missed or cancelled appointment this one makes up for. */
  makeUpFor?: number
}

/** Writes an appointment the caller has already checked (the database checks again). Answers its id. */
export function insertAppointment(core: Core, b: NewBooking): number {
  const now = wallClock(core).iso
  return core.sql.runOf(
    'appointment-insert',
    (
      session: number,
      patient: number,
      bed: number | null,
      staff: number,
      doctor: number | null,
      slot: number | null,
      date: string | null,
      makeUp: number | null,
      at: string,
    ) =>
      core.sql.q.insertInto('appointments').values({
        schedule_session_id: session,
        patient_id: patient,
        bed_id: bed,
        staff_id: staff,
        doctor_id: doctor,
        standing_slot_id: slot,
        standing_date: date,
        makeup_for_id: makeUp,
        created_at: at,
        updated_at: at,
      }),
    b.session.id,
    b.patientId,
    b.bedId,
    b.staffId,
    b.session.doctor_id,
    b.standing?.slotId ?? null,
    b.standing?.date ?? null,
    b.makeUpFor ?? null,
    now,
  ).lastInsertRowid
}

export function bookAppointment(core: Core, input: ParsedInputOf<'appointment.book'>): Booking {
  return runWrite(core, input.staffId, () => {
    const session = scheduleSessionRow(core, input.scheduleSessionId)
    const patient = patientRow(core, input.patientId)
    const { value: id, warnings } = placeAndWrite(core, { session, patient, bedId: input.bedId }, () =>
      insertAppointment(core, { session, patientId: patient.id, bedId: input.bedId, staffId: input.staffId }),
    )
    linkToOccurrence(core, id, { patientId: patient.id, session })
    const appointment = getAppointmentView(core, id)
    return {
      value: { appointment, warnings },
      audit: bookingAudit(
        'appointment.book',
        null,
        appointment,
        `Booked ${appointment.patientName} into ${where(core, appointment)}`,
      ),
      // A booking on a standing patient's day can settle that day's conflict and end their wait (linkToOccurrence).
      changed: ['appointments', 'session_beds', 'conflicts', 'waiting_list'],
      dates: [appointment.date],
    }
  })
}

export function assignBed(core: Core, input: ParsedInputOf<'appointment.assignBed'>): Booking {
  return runWrite(core, input.staffId, () => {
    const row = appointmentRow(core, input.appointmentId)
    const before = getAppointmentView(core, row.id)
    if (row.status !== 'scheduled' && row.status !== 'checked_in') {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName}'s appointment is ${statusWords(row.status)}; only a booked or checked-in patient can be put on a bed.`,
      )
    }
    if (row.bed_id === input.bedId) {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName} is already ${input.bedId === null ? 'without a bed' : `on ${before.bedCode}`}.`,
      )
    }
    const session = scheduleSessionRow(core, row.schedule_session_id)
    const { warnings } = placeAndWrite(
      core,
      { session, patient: patientRow(core, row.patient_id), bedId: input.bedId, appointment: row },
      () =>
        core.sql.run(
          core.sql.q
            .updateTable('appointments')
            .set({
              bed_id: input.bedId,
              one_off: oneOff(core, row, row.schedule_session_id, input.bedId),
              updated_at: wallClock(core).iso,
            })
            .where('id', '=', row.id),
        ),
    )
    const after = getAppointmentView(core, row.id)
    const summary =
      input.bedId === null
        ? `Took ${after.patientName} off ${before.bedCode} in ${where(core, after)}`
        : before.bedId === null
          ? `Put ${after.patientName} on ${after.bedCode} in ${where(core, { ...after, bedCode: null })}`
          : `Moved ${after.patientName} from ${before.bedCode} to ${after.bedCode} in ${where(core, { ...after, bedCode: null })}`
    return {
      value: { appointment: after, warnings },
      audit: bookingAudit('appointment.assignBed', before, after, summary),
      changed: ['appointments', 'session_beds'],
      dates: [after.date],
    }
  })
}

export function moveAppointment(core: Core, input: ParsedInputOf<'appointment.move'>): Booking {
  return runWrite(core, input.staffId, () => {
    const row = appointmentRow(core, input.appointmentId)
    const before = getAppointmentView(core, row.id)
    if (row.status !== 'scheduled') {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName}'s appointment is ${statusWords(row.status)}; only a booked appointment can move to another session.`,
      )
    }
    const from = scheduleSessionRow(core, row.schedule_session_id)
    assertNotEnded(core, from, `Cannot move ${before.patientName}`)
    const session = scheduleSessionRow(core, input.scheduleSessionId)
    if (session.id === row.schedule_session_id && row.bed_id === input.bedId) {
      throw new DeskError('INVALID_STATE', `${before.patientName} is already there.`)
    }
    const { warnings } = placeAndWrite(
      core,
      { session, patient: patientRow(core, row.patient_id), bedId: input.bedId, appointment: row },
      () =>
        core.sql.run(
          core.sql.q
            .updateTable('appointments')
            .set({
              schedule_session_id: session.id,
              bed_id: input.bedId,
              doctor_id: session.doctor_id,
              one_off: oneOff(core, row, session.id, input.bedId),
              updated_at: wallClock(core).iso,
            })
            .where('id', '=', row.id),
        ),
    )
    const after = getAppointmentView(core, row.id)
    return {
      value: { appointment: after, warnings },
      audit: bookingAudit(
        'appointment.move',
        before,
        after,
        `Moved ${after.patientName} from ${where(core, before)} to ${where(core, after)}`,
      ),
      changed: ['appointments', 'session_beds'],
      dates: [...new Set([before.date, after.date])],
    }
  })
}

export function cancelAppointment(core: Core, input: ParsedInputOf<'appointment.cancel'>): AppointmentView {
  return runWrite(core, input.staffId, () => {
    const row = appointmentRow(core, input.appointmentId)
    const before = getAppointmentView(core, row.id)
    if (row.status !== 'scheduled' && row.status !== 'checked_in') {
      throw new DeskError('INVALID_STATE', `${before.patientName}'s appointment is already ${statusWords(row.status)}.`)
    }
    assertNotEnded(
      core,
      scheduleSessionRow(core, row.schedule_session_id),
      `Cannot cancel ${before.patientName}'s appointment`,
    )
    core.sql.run(
      core.sql.q
        .updateTable('appointments')
        .set({
          status: 'cancelled',
          cancel_reason: input.reason,
          one_off: row.standing_slot_id !== null ? 1 : row.one_off,
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', row.id),
    )
    const after = getAppointmentView(core, row.id)
    return {
      value: after,
      audit: bookingAudit(
        'appointment.cancel',
        before,
        after,
        `Cancelled ${after.patientName}'s appointment ${where(core, after)}: ${input.reason}`,
      ),
      changed: ['appointments', 'session_beds'],
      dates: [after.date],
    }
  })
}

export function reinstateAppointment(core: Core, input: ParsedInputOf<'appointment.reinstate'>): Booking {
  return runWrite(core, input.staffId, () => {
    const row = appointmentRow(core, input.appointmentId)
    const before = getAppointmentView(core, row.id)
    if (row.status === 'scheduled' || row.status === 'completed') {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName}'s appointment is ${statusWords(row.status)}; there is nothing to undo.`,
      )
    }
    const session = scheduleSessionRow(core, row.schedule_session_id)
    if (session.session_date < today(core)) {
      throw new DeskError(
        'IN_THE_PAST',
        `That appointment was on ${showDate(core, session.session_date)}; the past cannot be changed.`,
      )
    }
    const warnings =
      row.status === 'checked_in'
        ? []
        : checkPlacement(core, {
            session,
            patient: patientRow(core, row.patient_id),
            bedId: row.bed_id,
            appointment: row,
            allowEndedToday: true,
          })
    core.sql.run(
      core.sql.q
        .updateTable('appointments')
        .set({
          status: 'scheduled',
          cancel_reason: null,
          no_show_reason: null,
          no_show_note: '',
          checked_in_at: null,
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', row.id),
    )
    const after = getAppointmentView(core, row.id)
    return {
      value: { appointment: after, warnings },
      audit: bookingAudit(
        'appointment.reinstate',
        before,
        after,
        `Put ${after.patientName}'s appointment ${where(core, after)} back to booked (was ${statusWords(row.status)})`,
      ),
      changed: ['appointments', 'session_beds'],
      dates: [after.date],
    }
  })
}

/** Check-in, completion and no-show: what happened on the day. */
function recordOutcome(
  core: Core,
  staffId: number,
  appointmentId: number,
  action: 'appointment.checkIn' | 'appointment.complete' | 'appointment.noShow',
  allowedFrom: readonly AppointmentRow['status'][],
  set: (now: string) => Partial<AppointmentRow>,
  describe: (a: AppointmentView) => string,
): AppointmentView {
  return runWrite(core, staffId, () => {
    const row = appointmentRow(core, appointmentId)
    const before = getAppointmentView(core, row.id)
    if (!allowedFrom.includes(row.status)) {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName}'s appointment is ${statusWords(row.status)}; that cannot be recorded now.`,
      )
    }
    if (before.date > today(core)) {
      throw new DeskError(
        'INVALID_STATE',
        `${before.patientName}'s appointment is on ${showDate(core, before.date)}; this can be recorded on the day, not before.`,
      )
    }
    const changes = set(wallClock(core).iso)
    const columns = Object.keys(changes) as (keyof AppointmentRow)[]
    core.sql.runOf(
      `appointment-outcome:${columns.join(',')}`,
      (id: number, ...values: unknown[]) =>
        core.sql.q
          .updateTable('appointments')
          .set(Object.fromEntries(columns.map((c, i) => [c, values[i]])))
          .where('id', '=', id),
      row.id,
      ...columns.map((c) => changes[c]),
    )
    const after = getAppointmentView(core, row.id)
    return {
      value: after,
      audit: bookingAudit(action, before, after, describe(after)),
      changed: ['appointments', 'session_beds'],
      dates: [after.date],
    }
  })
}

export function checkIn(core: Core, input: ParsedInputOf<'appointment.checkIn'>): AppointmentView {
  return recordOutcome(
    core,
    input.staffId,
    input.appointmentId,
    'appointment.checkIn',
    ['scheduled'],
    (now) => ({ status: 'checked_in', checked_in_at: now, updated_at: now }),
    (a) => `Checked in ${a.patientName} for ${where(core, a)}`,
  )
}

export function complete(core: Core, input: ParsedInputOf<'appointment.complete'>): AppointmentView {
  return recordOutcome(
    core,
    input.staffId,
    input.appointmentId,
    'appointment.complete',
    ['scheduled', 'checked_in'],
    (now) => ({ status: 'completed', completed_at: now, updated_at: now }),
    (a) => `Completed ${a.patientName}'s treatment ${where(core, a)}`,
  )
}

/** The end of a session: everyone still booked or checked in is done, in one write with one audit row. */
export function completeSession(core: Core, input: ParsedInputOf<'appointment.completeSession'>): AffectedAppointments {
  return runWrite(core, input.staffId, () => {
    const session = scheduleSessionRow(core, input.scheduleSessionId)
    if (session.session_date > today(core)) {
      throw new DeskError(
        'INVALID_STATE',
        `That session is on ${showDate(core, session.session_date)}; its treatments can be recorded on the day, not before.`,
      )
    }
    if (session.status === 'cancelled')
      throw new DeskError('SESSION_CANCELLED', 'That session was cancelled; there is nothing to complete.')
    const now = wallClock(core).iso
    const open = core.sql.raw<{ id: number }>(
      "SELECT id FROM appointments WHERE schedule_session_id = ? AND status IN ('scheduled', 'checked_in') ORDER BY id",
      session.id,
    )
    core.sql.rawRun(
      "UPDATE appointments SET status = 'completed', completed_at = ?, updated_at = ? WHERE schedule_session_id = ? AND status IN ('scheduled', 'checked_in')",
      now,
      now,
      session.id,
    )
    const affected = appointmentViewsByIds(
      core,
      open.map((a) => a.id),
    )
    const when = formatSession(
      { date: session.session_date, startTime: session.start_time, endTime: session.end_time },
      centerRow(core).date_format,
    )
    return {
      value: { affected },
      audit: {
        action: 'appointment.completeSession',
        entity: 'schedule_session',
        entityId: session.id,
        sessionDate: session.session_date,
        summary: `Recorded ${affected.length} treatment${affected.length === 1 ? '' : 's'} done in ${when}`,
        after: { completed: affected.map((a) => a.id) },
      },
      changed: ['appointments'],
      dates: [session.session_date],
    }
  })
}

export function noShow(core: Core, input: ParsedInputOf<'appointment.noShow'>): AppointmentView {
  return recordOutcome(
    core,
    input.staffId,
    input.appointmentId,
    'appointment.noShow',
    ['scheduled'],
    (now) => ({ status: 'no_show', no_show_reason: input.reason, no_show_note: input.note, updated_at: now }),
    (a) => `Recorded that ${a.patientName} did not come ${where(core, a)} (${input.reason})`,
  )
}

/**
 * A standing booking changed by hand is a one-off for its date: it keeps its
 * link to the standing occurrence (so no later generation books that date
 * again) and the board shows it differently.
 */
function oneOff(core: Core, row: AppointmentRow, session: number, bed: number | null): 0 | 1 {
  if (row.standing_slot_id === null) return row.one_off
  // Back where the weekly schedule puts the patient (an undo, or a change of mind): no longer an exception.
  const slot = core.sql.raw<{ session_id: number; bed_id: number | null }>(
    'SELECT session_id, bed_id FROM standing_slots WHERE id = ?',
    row.standing_slot_id,
  )[0]
  const template = core.sql.raw<{ session_id: number | null }>(
    'SELECT session_id FROM schedule_sessions WHERE id = ?',
    session,
  )[0]
  const home =
    slot !== undefined &&
    template?.session_id === slot.session_id &&
    (slot.bed_id === null ? bed !== null : slot.bed_id === bed)
  return home ? 0 : 1
}

function statusWords(status: AppointmentRow['status']): string {
  switch (status) {
    case 'scheduled':
      return 'booked'
    case 'checked_in':
      return 'checked in'
    case 'completed':
      return 'completed'
    case 'cancelled':
      return 'cancelled'
    case 'no_show':
      return 'marked as a no-show'
  }
}
