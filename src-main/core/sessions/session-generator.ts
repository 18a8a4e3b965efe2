/**
 * Dated sessions from the weekly templates. Idempotent: a (template, date)
 * pair is created once, so running it again creates nothing. Every active bed
 * is mapped into each new session; a bed out of service is mapped blocked, so
 * that returning it to service is one status change.
 */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import { addDays, datesBetween, daysBetween, weekdayOf } from '../../../src-shared/dates.js'
import type { GenerationResult } from '../../../src-shared/model.js'
import { OUT_OF_SERVICE_REASON } from '../beds/beds.js'
import { centerRow, showDate } from '../center/center.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError } from '../desk-error.js'
import { placeStanding } from '../standing/standing-schedules.js'
import { runWrite } from '../write.js'

export const MAX_GENERATION_DAYS = 366

export function generateSessions(core: Core, input: ParsedInputOf<'schedule.generate'>): GenerationResult {
  if (input.to < input.from)
    throw new DeskError(
      'VALIDATION',
      `The range ends (${showDate(core, input.to)}) before it starts (${showDate(core, input.from)}).`,
      { field: 'to' },
    )
  if (daysBetween(input.from, input.to) >= MAX_GENERATION_DAYS) {
    throw new DeskError('VALIDATION', `Generate at most ${MAX_GENERATION_DAYS} days at a time.`, { field: 'to' })
  }
  if (input.from < today(core)) {
    throw new DeskError(
      'IN_THE_PAST',
      `Sessions can be generated from today (${showDate(core, today(core))}) on; ${showDate(core, input.from)} is in the past.`,
      { field: 'from' },
    )
  }
  return runWrite(core, input.staffId, () => {
    const result = createDatedSessions(core, input.staffId, input.from, input.to)
    return {
      value: result,
      audit: {
        action: 'schedule.generate',
        entity: 'schedule_session',
        entityId: null,
        summary: `Generated ${result.created} dated session${result.created === 1 ? '' : 's'} from ${input.from} to ${input.to}; booked ${result.standingBooked} standing place${result.standingBooked === 1 ? '' : 's'}${result.conflicts ? `, ${result.conflicts} to decide` : ''}`,
        after: result,
      },
      changed: ['schedule_sessions', 'session_beds', 'appointments', 'conflicts', 'waiting_list'],
      dates: result.created > 0 || result.standingBooked > 0 ? datesBetween(input.from, input.to) : [],
    }
  })
}

/** Generates from today up to the center's weeks-ahead horizon. */
export function ensureHorizon(core: Core, input: ParsedInputOf<'schedule.ensureHorizon'>): GenerationResult {
  const center = centerRow(core)
  const from = today(core)
  return generateSessions(core, { staffId: input.staffId, from, to: addDays(from, center.weeks_ahead * 7 - 1) })
}

/** The work itself, inside the caller's transaction. */
function createDatedSessions(core: Core, staffId: number, from: string, to: string): GenerationResult {
  const { sql } = core
  const center = centerRow(core)
  const templates = sql.all(sql.q.selectFrom('sessions').selectAll().where('active', '=', 1))
  const existing = new Set(
    sql
      .all(
        sql.q
          .selectFrom('schedule_sessions')
          .select(['session_id', 'session_date'])
          .where('session_date', '>=', from)
          .where('session_date', '<=', to)
          .where('session_id', 'is not', null),
      )
      .map((r) => `${r.session_id}|${r.session_date}`),
  )
  const now = wallClock(core).iso
  const insertSession = sql.statement(
    `INSERT INTO schedule_sessions (center_id, session_id, session_date, start_time, end_time, available_beds, doctor_id, label, created_by_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  // In service and not in an outage on that date: available; otherwise mapped blocked, so a return to
  // service is one status change. The beds and the outages of the range are read once, not per session.
  const beds = sql.raw<{ id: number; in_service: number }>(
    'SELECT id, in_service FROM beds WHERE center_id = ? AND active = 1 ORDER BY position, code',
    center.id,
  )
  const outages = sql.raw<{ bed_id: number; from_date: string; until_date: string; reason: string }>(
    'SELECT bed_id, from_date, until_date, reason FROM bed_outages WHERE ended_at IS NULL AND from_date <= ? AND until_date >= ? ORDER BY bed_id, from_date',
    to,
    from,
  )
  const insertBed = sql.statement(
    'INSERT INTO session_beds (schedule_session_id, bed_id, status, blocked_kind, blocked_reason) VALUES (?, ?, ?, ?, ?)',
  )
  let created = 0
  let sessionBeds = 0
  for (const date of datesBetween(from, to)) {
    const weekday = weekdayOf(date)
    for (const t of templates) {
      if (t.weekday !== weekday || existing.has(`${t.id}|${date}`)) continue
      const id = insertSession.run(
        center.id,
        t.id,
        date,
        t.start_time,
        t.end_time,
        t.default_capacity,
        t.doctor_id,
        t.label,
        staffId,
        now,
        now,
      ).lastInsertRowid
      for (const bed of beds) {
        const outage = outages.find((o) => o.bed_id === bed.id && o.from_date <= date && date <= o.until_date)
        if (bed.in_service === 1 && !outage) insertBed.run(id, bed.id, 'available', null, null)
        else
          insertBed.run(
            id,
            bed.id,
            'blocked',
            'out_of_service',
            outage ? `${OUT_OF_SERVICE_REASON}: ${outage.reason}` : OUT_OF_SERVICE_REASON,
          )
      }
      sessionBeds += beds.length
      created++
    }
  }
  // Standing patients are booked into every session of the range that owes them a place, new or not.
  const standing = placeStanding(core, staffId, { from, to })
  return { from, to, created, sessionBeds, standingBooked: standing.placed.length, conflicts: standing.conflicts }
}
