/**
 * Make-up sessions: after a cancelled session, a missed treatment or a bed
 * outage, the patient is rebooked as near as possible to the treatment they
 * lost. A missed treatment roughly doubles the risk of a hospital stay in the
 * following week, so the desk suggests the nearest sessions with a free bed the
 * rules allow and warns when the rebooking leaves a long gap.
 */
import type { Booking, ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { MakeUpOption, MakeUpOptions, SessionRebooking } from '../../../src-shared/contract/standing-methods.js'
import { addDays } from '../../../src-shared/dates.js'
import { formatSession } from '../../../src-shared/format.js'
import type { AppointmentView } from '../../../src-shared/model.js'
import type { ScheduleSessionRow } from '../../db/schema.js'
import { appointmentViewQuery, getAppointmentView, toAppointmentView } from './appointment-views.js'
import { insertAppointment } from './appointments.js'
import { freeAllowedBeds, hasRoom } from './bed-choice.js'
import { centerRow, showDate } from '../center/center.js'
import { resolveConflictsOfAppointment } from '../standing/conflicts.js'
import { type Core, today } from '../core.js'
import { DeskError } from '../desk-error.js'
import { patientRow } from '../people/patients.js'
import { checkPlacement } from './placement-rules.js'
import { scheduleSessionRow } from '../sessions/schedule-sessions.js'
import { linkToOccurrence } from '../standing/standing-occurrences.js'
import { gapWarnings } from './treatment-gaps.js'
import { runWrite } from '../write.js'

/** How far either side of the lost treatment the desk looks for a make-up session. */
const SEARCH_DAYS = 7
const OPTIONS_EACH_SIDE = 3

/** Only a treatment that did not happen can be made up. */
function lostAppointment(core: Core, appointmentId: number): AppointmentView {
  const a = getAppointmentView(core, appointmentId)
  if (a.status !== 'cancelled' && a.status !== 'no_show') {
    throw new DeskError(
      'INVALID_STATE',
      `${a.patientName}'s appointment of ${showDate(core, a.date)} is not cancelled or missed; there is nothing to make up.`,
    )
  }
  return a
}

function optionsFor(core: Core, lost: AppointmentView): MakeUpOptions {
  const patient = patientRow(core, lost.patientId)
  const from = today(core) > addDays(lost.date, -SEARCH_DAYS) ? today(core) : addDays(lost.date, -SEARCH_DAYS)
  const sessions = core.sql.raw<ScheduleSessionRow>(
    `SELECT * FROM schedule_sessions ss WHERE ss.session_date BETWEEN ? AND ? AND ss.status = 'scheduled' AND ss.id <> ?
       AND NOT EXISTS (SELECT 1 FROM appointments a JOIN schedule_sessions x ON x.id = a.schedule_session_id
         WHERE a.patient_id = ? AND x.session_date = ss.session_date AND a.status IN ('scheduled', 'checked_in', 'completed'))
     ORDER BY ss.session_date, ss.start_time`,
    from,
    addDays(lost.date, SEARCH_DAYS),
    lost.scheduleSessionId,
    patient.id,
  )
  const options: MakeUpOption[] = []
  for (const s of sessions) {
    if (!hasRoom(core, s)) continue
    const bed = freeAllowedBeds(core, s.id, patient)[0]
    if (!bed) continue
    const free = core.sql.raw<{ n: number }>(
      `SELECT min(ss.available_beds, (SELECT count(*) FROM session_beds sb WHERE sb.schedule_session_id = ss.id AND sb.status <> 'blocked'))
         - (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ('scheduled', 'checked_in', 'completed')) AS n
       FROM schedule_sessions ss WHERE ss.id = ?`,
      s.id,
    )[0]!.n
    options.push({
      scheduleSessionId: s.id,
      date: s.session_date,
      startTime: s.start_time,
      endTime: s.end_time,
      free,
      bedId: bed.bedId,
      bedCode: bed.code,
      warnings: gapWarnings(core, patient.id, s.session_date, null, lost.date),
    })
  }
  const key = (o: MakeUpOption) => `${o.date} ${o.startTime}`
  const lostKey = `${lost.date} ${lost.startTime}`
  return {
    appointment: lost,
    before: options
      .filter((o) => key(o) < lostKey)
      .reverse()
      .slice(0, OPTIONS_EACH_SIDE),
    after: options.filter((o) => key(o) > lostKey).slice(0, OPTIONS_EACH_SIDE),
  }
}

export function makeUpOptions(core: Core, input: ParsedInputOf<'makeup.options'>): MakeUpOptions {
  return optionsFor(core, lostAppointment(core, input.appointmentId))
}

/** Books the make-up inside the caller's write; answers the booking with its warnings. */
function bookMakeUpFor(
  core: Core,
  staffId: number,
  lost: AppointmentView,
  scheduleSessionId: number,
  bedId: number | null,
): Booking {
  const already = core.sql.raw<{ id: number }>(
    "SELECT id FROM appointments WHERE makeup_for_id = ? AND status IN ('scheduled', 'checked_in', 'completed')",
    lost.id,
  )[0]
  if (already)
    throw new DeskError(
      'DUPLICATE',
      `${lost.patientName}'s lost treatment of ${showDate(core, lost.date)} has already been made up.`,
      { appointmentId: already.id },
    )
  const session = scheduleSessionRow(core, scheduleSessionId)
  const patient = patientRow(core, lost.patientId)
  const warnings = [
    ...checkPlacement(core, { session, patient, bedId }),
    ...gapWarnings(core, patient.id, session.session_date, null, lost.date),
  ]
  const id = insertAppointment(core, { session, patientId: patient.id, bedId, staffId, makeUpFor: lost.id })
  linkToOccurrence(core, id)
  resolveConflictsOfAppointment(core, lost.id, 'Made up')
  return { appointment: getAppointmentView(core, id), warnings }
}

export function bookMakeUp(core: Core, input: ParsedInputOf<'makeup.book'>): Booking {
  return runWrite(core, input.staffId, () => {
    const lost = lostAppointment(core, input.forAppointmentId)
    const booking = bookMakeUpFor(core, input.staffId, lost, input.scheduleSessionId, input.bedId)
    const a = booking.appointment
    return {
      value: booking,
      audit: {
        action: 'makeup.book',
        entity: 'appointment',
        entityId: a.id,
        patientId: a.patientId,
        sessionDate: a.date,
        summary: `Booked ${a.patientName} into ${formatSession(a, centerRow(core).date_format)}${a.bedCode ? ` on ${a.bedCode}` : ''} to make up for ${lost.date}${booking.warnings.length ? ` (warning: ${booking.warnings.join(' ')})` : ''}`,
        after: { ...a, makeUpFor: lost.id, warnings: booking.warnings },
      },
      changed: ['appointments', 'session_beds', 'conflicts', 'waiting_list'],
      dates: [a.date, lost.date],
    }
  })
}

export function rebookSession(core: Core, input: ParsedInputOf<'makeup.rebookSession'>): SessionRebooking {
  return runWrite(core, input.staffId, () => {
    const session = scheduleSessionRow(core, input.scheduleSessionId)
    if (session.status !== 'cancelled')
      throw new DeskError('INVALID_STATE', 'Only the patients of a cancelled session are rebooked this way.')
    const lost = core.sql
      .all(
        appointmentViewQuery(core)
          .where('a.schedule_session_id', '=', session.id)
          .where('a.status', '=', 'cancelled')
          .where('a.cancel_reason', 'like', 'Session cancelled:%')
          .orderBy('p.full_name'),
      )
      .map(toAppointmentView)
      .filter((a) => core.sql.raw('SELECT 1 FROM appointments WHERE makeup_for_id = ? LIMIT 1', a.id).length === 0)
    const chosen = new Map(input.choices?.map((c) => [c.appointmentId, c.scheduleSessionId]))
    for (const id of chosen.keys()) {
      if (!lost.some((a) => a.id === id)) {
        throw new DeskError(
          'VALIDATION',
          `Appointment ${id} is not one of this cancelled session's patients still to rebook; open the session again to see who is.`,
          { appointmentId: id },
        )
      }
    }
    const rebooked: Booking[] = []
    const unplaced: AppointmentView[] = []
    const later: AppointmentView[] = []
    for (const a of lost) {
      if (input.choices) {
        const sessionId = chosen.get(a.id)
        if (sessionId === undefined || sessionId === null) {
          later.push(a)
          continue
        }
        // Looked for patient by patient inside this one transaction: a bed taken by one before is not offered again.
        const s = scheduleSessionRow(core, sessionId)
        const bed =
          s.status === 'scheduled' && hasRoom(core, s)
            ? freeAllowedBeds(core, s.id, patientRow(core, a.patientId))[0]
            : undefined
        if (!bed) {
          throw new DeskError(
            'SESSION_FULL',
            `${formatSession({ date: s.session_date, startTime: s.start_time, endTime: s.end_time }, centerRow(core).date_format)} has no free bed the rules allow for ${a.patientName} (${a.clinicNumber}) now; choose another session for them. Nobody was rebooked.`,
            { appointmentId: a.id, scheduleSessionId: sessionId },
          )
        }
        rebooked.push(bookMakeUpFor(core, input.staffId, a, s.id, bed.bedId))
        continue
      }
      // Nearest after first: a treatment later in the week is the usual make-up; else the nearest before.
      const { before, after } = optionsFor(core, a)
      const choice = after[0] ?? before[0]
      if (!choice) {
        unplaced.push(a)
        continue
      }
      rebooked.push(bookMakeUpFor(core, input.staffId, a, choice.scheduleSessionId, choice.bedId))
    }
    return {
      value: { rebooked, unplaced, later },
      audit: {
        action: 'makeup.rebookSession',
        entity: 'schedule_session',
        entityId: session.id,
        sessionDate: session.session_date,
        summary: `Rebooked ${rebooked.length} patient${rebooked.length === 1 ? '' : 's'} of the cancelled ${session.session_date} ${session.start_time} session${unplaced.length + later.length ? `; ${unplaced.length + later.length} still to place` : ''}`,
        after: {
          rebooked: rebooked.map((b) => ({ id: b.appointment.id, warnings: b.warnings })),
          unplaced: unplaced.map((a) => a.id),
          later: later.map((a) => a.id),
        },
      },
      changed: ['appointments', 'session_beds', 'conflicts', 'waiting_list'],
      dates: [session.session_date, ...rebooked.map((b) => b.appointment.date)],
    }
  })
}
