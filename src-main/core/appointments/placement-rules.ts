/**
 * Whether a patient may take a place (and a bed) in a dated session. The code
 * checks first, to say why in words; the database's indexes and triggers
 * check again, so a bug here cannot double-book anyone.
 */
import { formatDate, formatSession } from '../../../src-shared/format.js'
import { ACTIVE_STATUSES } from '../../../src-shared/model.js'
import type { CenterRow, PatientRow, ScheduleSessionRow } from '../../db/schema.js'
import { centerRow } from '../center/center.js'
import { type Core, today } from '../core.js'
import { DeskError } from '../desk-error.js'
import { sessionViewById, toScheduleSession } from '../sessions/schedule-sessions.js'
import { assertNotEnded } from './time-rules.js'
import { holdsPlace } from './active-status.js'

export interface Placement {
  session: ScheduleSessionRow
  patient: PatientRow
  bedId: number | null
  /** The appointment being placed, when it already exists (a move): it does not count against itself. */
  appointment?: { id: number; schedule_session_id: number; status: string }
  /** Skip the "session is over" check (undoing a no-show of today). */
  allowEndedToday?: boolean
}

/**
 * Checks a placement, then makes it with `write`. The clashes the database
 * refuses by itself (a bed or a patient twice in one session, a session over
 * its capacity: unique indexes and triggers) are not read beforehand: on the
 * booking path those reads cost more than the write. When anything refuses,
 * the whole check runs in its own order to say why in words, and only if it
 * passes is the write tried again (the database then has the last word).
 */
export function placeAndWrite<T>(core: Core, p: Placement, write: () => T): { value: T; warnings: string[] } {
  try {
    const warnings = checkPlacement(core, p, 'left to the database')
    return { value: write(), warnings }
  } catch (e) {
    if (!(e instanceof DeskError) && !isConstraintError(e)) throw e
  }
  const warnings = checkPlacement(core, p)
  return { value: write(), warnings }
}

/** A statement the database refused by a rule of the schema; SQLite undid that statement alone, the transaction goes on. */
function isConstraintError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')
}

/**
 * Throws the first rule the placement breaks; answers the warnings of rules the
 * center has relaxed. `clashes` 'left to the database' skips the three rules the
 * schema enforces (see `placeAndWrite`).
 */
export function checkPlacement(
  core: Core,
  p: Placement,
  clashes: 'checked' | 'left to the database' = 'checked',
): string[] {
  const { session: s, patient } = p
  const center = centerRow(core)
  const where = formatSession(
    { date: s.session_date, startTime: s.start_time, endTime: s.end_time },
    center.date_format,
  )
  if (s.status === 'cancelled')
    throw new DeskError(
      'SESSION_CANCELLED',
      `The session ${where} is cancelled (${s.cancel_reason ?? 'no reason given'}).`,
    )
  if (!(p.allowEndedToday && s.session_date === today(core))) {
    assertNotEnded(core, s, `Cannot book ${patient.full_name} into ${where}`)
  }
  if (patient.active !== 1)
    throw new DeskError('INACTIVE', `${patient.full_name} has been deactivated; reactivate the patient before booking.`)
  if (patient.kind === 'visiting' && (s.session_date < patient.visit_from! || s.session_date > patient.visit_until!)) {
    throw new DeskError(
      'OUTSIDE_VISIT',
      `${patient.full_name} is visiting from ${formatDate(patient.visit_from!, center.date_format)} to ${formatDate(patient.visit_until!, center.date_format)}; ${formatDate(s.session_date, center.date_format)} is outside the visit.`,
    )
  }

  const selfId = p.appointment?.id ?? -1
  if (clashes === 'left to the database')
    return p.bedId === null ? [] : checkBed(core, p, p.bedId, selfId, where, clashes, center)
  const other = core.sql.firstOf(
    'placement-patient-in-session',
    (session: number, patientId: number, self: number) =>
      core.sql.q
        .selectFrom('appointments')
        .select('id')
        .where('schedule_session_id', '=', session)
        .where('patient_id', '=', patientId)
        .where(holdsPlace('status'))
        .where('id', '<>', self),
    s.id,
    patient.id,
    selfId,
  )
  if (other)
    throw new DeskError('PATIENT_DOUBLE_BOOKED', `${patient.full_name} is already booked in ${where}.`, {
      appointmentId: other.id,
    })

  const alreadyCounted =
    p.appointment !== undefined &&
    p.appointment.schedule_session_id === s.id &&
    (ACTIVE_STATUSES as readonly string[]).includes(p.appointment.status)
  if (!alreadyCounted) {
    const view = toScheduleSession(sessionViewById(core, s.id)!)
    if (view.booked >= view.capacity) {
      throw new DeskError('SESSION_FULL', `${where} is full: ${view.booked} of ${view.capacity} places are booked.`, {
        capacity: view.capacity,
        booked: view.booked,
      })
    }
  }
  return p.bedId === null ? [] : checkBed(core, p, p.bedId, selfId, where, clashes, center)
}

function checkBed(
  core: Core,
  p: Placement,
  bedId: number,
  selfId: number,
  where: string,
  clashes: 'checked' | 'left to the database',
  center: CenterRow,
): string[] {
  const { sql } = core
  const bed = sql.firstOf(
    'placement-bed',
    (session: number, id: number) =>
      sql.q
        .selectFrom('beds as b')
        .leftJoin('session_beds as sb', (j) =>
          j.onRef('sb.bed_id', '=', 'b.id').on('sb.schedule_session_id', '=', session),
        )
        .select([
          'b.id',
          'b.code',
          'b.isolation',
          'b.active',
          'b.in_service',
          'sb.id as sbid',
          'sb.status',
          'sb.blocked_kind',
          'sb.blocked_reason',
        ])
        .where('b.id', '=', id),
    p.session.id,
    bedId,
  )
  if (!bed) throw new DeskError('NOT_FOUND', `No bed with number ${bedId} exists.`, { bedId })
  if (bed.sbid === null)
    throw new DeskError('BED_NOT_IN_SESSION', `${bed.code} is not part of the session ${where}.`, { bedId })
  // A manual block outlives an out-of-service period; while the bed is out, that is what the desk hears.
  if (bed.blocked_kind === 'out_of_service' || bed.active !== 1 || (bed.status === 'blocked' && bed.in_service !== 1)) {
    throw new DeskError('BED_OUT_OF_SERVICE', `${bed.code} is out of service for ${where}.`, { bedId })
  }
  if (bed.status === 'blocked')
    throw new DeskError('BED_BLOCKED', `${bed.code} is blocked for ${where} (${bed.blocked_reason}).`, { bedId })
  const occupant =
    clashes === 'left to the database'
      ? undefined
      : sql.firstOf(
          'placement-bed-occupant',
          (session: number, id: number, self: number) =>
            sql.q
              .selectFrom('appointments as a')
              .innerJoin('patients as pt', 'pt.id', 'a.patient_id')
              .select(['a.id', 'pt.full_name'])
              .where('a.schedule_session_id', '=', session)
              .where('a.bed_id', '=', id)
              .where(holdsPlace('a.status'))
              .where('a.id', '<>', self),
          p.session.id,
          bedId,
          selfId,
        )
  if (occupant) {
    throw new DeskError('BED_TAKEN', `${bed.code} is taken by ${occupant.full_name} in ${where}.`, {
      bedId,
      appointmentId: occupant.id,
    })
  }
  const problem = isolationProblem(p.patient, bed)
  if (!problem) return []
  if (center.isolation_rule === 'warn') return [problem]
  throw new DeskError('ISOLATION_MISMATCH', problem, { bedId })
}

/** Hepatitis B positive patients go only on isolation beds, and isolation beds take no one else. */
export function isolationProblem(
  patient: { full_name: string; hepatitis_b: string },
  bed: { code: string; isolation: number },
): string | null {
  const positive = patient.hepatitis_b === 'positive'
  if (positive && bed.isolation !== 1) {
    return `${patient.full_name} is hepatitis B positive and must be dialysed on an isolation bed; ${bed.code} is not one.`
  }
  if (!positive && bed.isolation === 1) {
    return `${bed.code} is an isolation bed, kept for hepatitis B positive patients; ${patient.full_name} is not recorded as positive.`
  }
  return null
}
