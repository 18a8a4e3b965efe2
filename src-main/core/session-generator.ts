/**
 * Dated sessions from the weekly templates. Idempotent: a (template, date)
 * pair is created once, so running it again creates nothing. Every active bed
 * is mapped into each new session; a bed out of service is mapped blocked, so
 * that returning it to service is one status change.
 */
import type { ParsedInputOf } from '../../src-shared/contract/index.js'
import { addDays, datesBetween, daysBetween, weekdayOf } from '../../src-shared/dates.js'
import type { GenerationResult } from '../../src-shared/model.js'
import { OUT_OF_SERVICE_REASON } from './beds.js'
import { centerRow } from './center.js'
import { type Core, today, wallClock } from './core.js'
import { DeskError } from './desk-error.js'
import { runWrite } from './write.js'

export const MAX_GENERATION_DAYS = 366

export function generateSessions(core: Core, input: ParsedInputOf<'schedule.generate'>): GenerationResult {
  if (input.to < input.from) throw new DeskError('VALIDATION', `The range ends (${input.to}) before it starts (${input.from}).`, { field: 'to' })
  if (daysBetween(input.from, input.to) >= MAX_GENERATION_DAYS) {
    throw new DeskError('VALIDATION', `Generate at most ${MAX_GENERATION_DAYS} days at a time.`, { field: 'to' })
  }
  if (input.from < today(core)) {
    throw new DeskError('IN_THE_PAST', `Sessions can be generated from today (${today(core)}) on; ${input.from} is in the past.`, { field: 'from' })
  }
  return runWrite(core, input.staffId, () => {
    const result = createDatedSessions(core, input.staffId, input.from, input.to)
    return {
      value: result,
      audit: {
        action: 'schedule.generate',
        entity: 'schedule_session',
        entityId: null,
        summary: `Generated ${result.created} dated session${result.created === 1 ? '' : 's'} from ${input.from} to ${input.to}`,
        after: result,
      },
      changed: ['schedule_sessions', 'session_beds'],
      dates: result.created > 0 ? datesBetween(input.from, input.to) : [],
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
  const mapBeds = sql.statement(
    `INSERT INTO session_beds (schedule_session_id, bed_id, status, blocked_kind, blocked_reason)
     SELECT ?, id,
       CASE in_service WHEN 1 THEN 'available' ELSE 'blocked' END,
       CASE in_service WHEN 1 THEN NULL ELSE 'out_of_service' END,
       CASE in_service WHEN 1 THEN NULL ELSE ? END
     FROM beds WHERE center_id = ? AND active = 1 ORDER BY position, code`,
  )
  let created = 0
  let sessionBeds = 0
  for (const date of datesBetween(from, to)) {
    const weekday = weekdayOf(date)
    for (const t of templates) {
      if (t.weekday !== weekday || existing.has(`${t.id}|${date}`)) continue
      const id = insertSession.run(center.id, t.id, date, t.start_time, t.end_time, t.default_capacity, t.doctor_id, t.label, staffId, now, now)
        .lastInsertRowid
      sessionBeds += mapBeds.run(id, OUT_OF_SERVICE_REASON, center.id).changes
      created++
    }
  }
  return { from, to, created, sessionBeds }
}
