/**
 * Beds: the physical dialysis stations. A bed's state reaches every dated
 * session that has not ended yet through its session_beds rows; ended sessions
 * keep what was true then.
 */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { Bed } from '../../../src-shared/model.js'
import { formatSession } from '../../../src-shared/format.js'
import type { BedRow } from '../../db/schema.js'
import { appointmentViewQuery, toAppointmentView } from '../appointments/appointment-views.js'
import { centerRow } from '../center/center.js'
import { type Core, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { toBed } from '../mappers.js'
import { sessionViewQuery, toScheduleSession } from '../sessions/schedule-sessions.js'
import { notEndedYet } from '../appointments/time-rules.js'
import { runWrite } from '../write.js'
import { holdsPlace } from '../appointments/active-status.js'

export const OUT_OF_SERVICE_REASON = 'Out of service'
export const RETIRED_REASON = 'Bed retired'

export function listBeds(core: Core, includeInactive = false): Bed[] {
  let query = core.sql.q.selectFrom('beds').selectAll().orderBy('position').orderBy('code')
  if (!includeInactive) query = query.where('active', '=', 1)
  return core.sql.all(query).map(toBed)
}

export function bedRow(core: Core, id: number): BedRow {
  const row = core.sql.first(core.sql.q.selectFrom('beds').selectAll().where('id', '=', id))
  if (!row) throw notFound('bed', id)
  return row
}

function assertCodeFree(core: Core, code: string, exceptId?: number): void {
  const clash = core.sql.raw<{ id: number }>(
    'SELECT id FROM beds WHERE code = ? COLLATE NOCASE AND id IS NOT ?',
    code,
    exceptId ?? null,
  )
  if (clash.length > 0)
    throw new DeskError('DUPLICATE', `A bed called ${code} already exists; choose another code.`, { field: 'code' })
}

export function createBed(core: Core, input: ParsedInputOf<'bed.create'>): Bed {
  return runWrite(core, input.staffId, () => {
    const center = centerRow(core)
    assertCodeFree(core, input.code)
    const now = wallClock(core).iso
    const last = core.sql.first(core.sql.q.selectFrom('beds').select((eb) => eb.fn.max('position').as('p')))
    const id = core.sql.run(
      core.sql.q.insertInto('beds').values({
        center_id: center.id,
        code: input.code,
        isolation: input.isolation ? 1 : 0,
        notes: input.notes,
        position: (last?.p ?? 0) + 1,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    syncUpcomingSessionBeds(core, bedRow(core, id))
    const bed = toBed(bedRow(core, id))
    return {
      value: bed,
      audit: {
        action: 'bed.create',
        entity: 'bed',
        entityId: id,
        summary: `Added bed ${bed.code}${bed.isolation ? ' (isolation)' : ''}`,
        after: bed,
      },
      changed: ['beds', 'session_beds'],
    }
  })
}

export function updateBed(core: Core, input: ParsedInputOf<'bed.update'>): Bed {
  return runWrite(core, input.staffId, () => {
    const before = bedRow(core, input.id)
    if (input.code !== undefined) assertCodeFree(core, input.code, input.id)
    if (input.isolation !== undefined && (input.isolation ? 1 : 0) !== before.isolation) {
      assertNoUpcoming(core, before, `change whether ${before.code} is an isolation bed`)
    }
    core.sql.run(
      core.sql.q
        .updateTable('beds')
        .set({
          ...(input.code !== undefined && { code: input.code }),
          ...(input.isolation !== undefined && { isolation: input.isolation ? 1 : 0 }),
          ...(input.notes !== undefined && { notes: input.notes }),
          ...(input.position !== undefined && { position: input.position }),
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', input.id),
    )
    const after = toBed(bedRow(core, input.id))
    return {
      value: after,
      audit: {
        action: 'bed.update',
        entity: 'bed',
        entityId: after.id,
        summary: `Edited bed ${after.code}`,
        before: toBed(before),
        after,
      },
      changed: ['beds'],
    }
  })
}

export function setBedInService(core: Core, input: ParsedInputOf<'bed.setInService'>): Bed {
  return runWrite(core, input.staffId, () => {
    const before = bedRow(core, input.id)
    if (!input.inService) {
      assertNoUpcoming(core, before, `take ${before.code} out of service`)
      assertPlacesKept(core, before, `take ${before.code} out of service`)
    }
    core.sql.run(
      core.sql.q
        .updateTable('beds')
        .set({ in_service: input.inService ? 1 : 0, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    const row = bedRow(core, input.id)
    syncUpcomingSessionBeds(core, row)
    const after = toBed(row)
    return {
      value: after,
      audit: {
        action: 'bed.setInService',
        entity: 'bed',
        entityId: after.id,
        summary: input.inService ? `Returned bed ${after.code} to service` : `Took bed ${after.code} out of service`,
        before: toBed(before),
        after,
      },
      changed: ['beds', 'session_beds'],
    }
  })
}

export function setBedActive(core: Core, input: { staffId: number; id: number }, active: boolean): Bed {
  return runWrite(core, input.staffId, () => {
    const before = bedRow(core, input.id)
    if (!active) {
      assertNoUpcoming(core, before, `retire ${before.code}`)
      assertPlacesKept(core, before, `retire ${before.code}`)
    }
    core.sql.run(
      core.sql.q
        .updateTable('beds')
        .set({ active: active ? 1 : 0, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    const row = bedRow(core, input.id)
    syncUpcomingSessionBeds(core, row)
    const after = toBed(row)
    return {
      value: after,
      audit: {
        action: active ? 'bed.reactivate' : 'bed.deactivate',
        entity: 'bed',
        entityId: after.id,
        summary: active ? `Brought bed ${after.code} back` : `Retired bed ${after.code}`,
        before: toBed(before),
        after,
      },
      changed: ['beds', 'session_beds'],
    }
  })
}

/** Refuses a change to a bed while patients are booked on it in sessions that have not ended. */
function assertNoUpcoming(core: Core, bed: BedRow, change: string): void {
  const rows = core.sql.all(
    appointmentViewQuery(core)
      .where('a.bed_id', '=', bed.id)
      .where(holdsPlace('a.status'))
      .where(notEndedYet(core, 'ss'))
      .orderBy('ss.session_date')
      .orderBy('ss.start_time'),
  )
  if (rows.length === 0) return
  const affected = rows.map(toAppointmentView)
  const first = affected[0]!
  const format = centerRow(core).date_format
  throw new DeskError(
    'BED_OCCUPIED',
    `Cannot ${change}: ${affected.length} upcoming booking${affected.length === 1 ? ' uses' : 's use'} it (the first: ${first.patientName}, ${formatSession(first, format)}). Move ${affected.length === 1 ? 'it' : 'them'} to another bed first.`,
    { affected },
  )
}

/**
 * Refuses a change that takes the bed away from sessions that need it for the
 * patients already booked there (booked without a bed yet, so no booking is
 * "on" it): every booked patient keeps a place.
 */
function assertPlacesKept(core: Core, bed: BedRow, change: string): void {
  const short = core.sql
    .all(
      sessionViewQuery(core)
        .innerJoin('session_beds as sb', (j) =>
          j.onRef('sb.schedule_session_id', '=', 'ss.id').on('sb.bed_id', '=', bed.id),
        )
        .where('sb.status', '<>', 'blocked')
        .where('ss.status', '=', 'scheduled')
        .where(notEndedYet(core, 'ss'))
        .orderBy('ss.session_date')
        .orderBy('ss.start_time'),
    )
    .filter((r) => r.booked > Math.min(r.available_beds, r.open_beds - 1))
  if (short.length === 0) return
  const first = short[0]!
  const places = Math.min(first.available_beds, first.open_beds - 1)
  const where = formatSession(
    { date: first.session_date, startTime: first.start_time, endTime: first.end_time },
    centerRow(core).date_format,
  )
  const more =
    short.length > 1
      ? ` (${short.length - 1} more session${short.length === 2 ? ' is' : 's are'} in the same position)`
      : ''
  throw new DeskError(
    'SESSION_FULL',
    `Cannot ${change}: ${where} has ${first.booked} patients booked and would keep only ${places} places without it${more}. Move or cancel a booking there first.`,
    { sessions: short.map(toScheduleSession) },
  )
}

/**
 * Makes the session_beds rows of every session that has not ended agree with
 * the bed: an active bed is mapped into each (blocked while out of service); a
 * retired bed leaves them (its row stays, blocked, where an old appointment refers to it).
 * A manual block for one session is the desk's own decision and is left as it is.
 */
export function syncUpcomingSessionBeds(core: Core, bed: BedRow): void {
  const { sql } = core
  const upcoming = sql.all(
    sql.q
      .selectFrom('schedule_sessions')
      .leftJoin('session_beds as sb', (j) =>
        j.onRef('sb.schedule_session_id', '=', 'schedule_sessions.id').on('sb.bed_id', '=', bed.id),
      )
      .select(['schedule_sessions.id as ssid', 'sb.id as sbid', 'sb.status', 'sb.blocked_kind'])
      .where('schedule_sessions.status', '=', 'scheduled')
      .where(notEndedYet(core)),
  )
  const usable = bed.active === 1 && bed.in_service === 1
  const reason = bed.active === 1 ? OUT_OF_SERVICE_REASON : RETIRED_REASON
  for (const u of upcoming) {
    if (u.sbid === null) {
      if (bed.active === 0) continue
      sql.run(
        sql.q.insertInto('session_beds').values({
          schedule_session_id: u.ssid,
          bed_id: bed.id,
          status: usable ? 'available' : 'blocked',
          blocked_kind: usable ? null : 'out_of_service',
          blocked_reason: usable ? null : reason,
        }),
      )
    } else if (usable) {
      if (u.blocked_kind === 'out_of_service') {
        sql.run(
          sql.q
            .updateTable('session_beds')
            .set({ status: 'available', blocked_kind: null, blocked_reason: null })
            .where('id', '=', u.sbid),
        )
      }
    } else if (bed.active === 0 && !isReferenced(core, u.ssid, bed.id)) {
      sql.run(sql.q.deleteFrom('session_beds').where('id', '=', u.sbid))
    } else if (u.status !== 'blocked') {
      sql.run(
        sql.q
          .updateTable('session_beds')
          .set({ status: 'blocked', blocked_kind: 'out_of_service', blocked_reason: reason })
          .where('id', '=', u.sbid),
      )
    }
  }
}

function isReferenced(core: Core, ssid: number, bedId: number): boolean {
  return (
    core.sql.first(
      core.sql.q
        .selectFrom('appointments')
        .select('id')
        .where('schedule_session_id', '=', ssid)
        .where('bed_id', '=', bedId)
        .limit(1),
    ) !== undefined
  )
}
