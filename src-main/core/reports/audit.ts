/** Reading the audit trail: who did what and when. */
import { sql } from 'kysely'
import type { AuditPage, ParsedInputOf } from '../../../src-shared/contract/index.js'
import { addDays } from '../../../src-shared/dates.js'
import type { Core } from '../core.js'

/** The UTC instant at which a local calendar date begins on this computer's clock. */
function localMidnightIso(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString()
}

export function listAudit(core: Core, input: ParsedInputOf<'audit.list'>): AuditPage {
  let query = core.sql.q
    .selectFrom('audit_log as l')
    .innerJoin('staff as s', 's.id', 'l.staff_id')
    .selectAll('l')
    .select('s.full_name as staff_name')
    .orderBy('l.id', 'desc')
    .limit(input.limit + 1)
  if (input.from) query = query.where('l.at', '>=', localMidnightIso(input.from))
  if (input.to) query = query.where('l.at', '<', localMidnightIso(addDays(input.to, 1)))
  if (input.patientId) {
    const patientId = input.patientId
    // A session cancellation is one write touching many patients: its row names them in `after`.
    query = query.where((eb) =>
      eb.or([
        eb('l.patient_id', '=', patientId),
        eb.and([
          eb('l.action', '=', 'schedule.cancel'),
          sql<boolean>`EXISTS (SELECT 1 FROM json_each(l.after, '$.cancelledAppointments') j WHERE json_extract(j.value, '$.patientId') = ${patientId})`,
        ]),
      ]),
    )
  }
  if (input.staffId) query = query.where('l.staff_id', '=', input.staffId)
  if (input.beforeId) query = query.where('l.id', '<', input.beforeId)
  const rows = core.sql.all(query)
  const page = rows.slice(0, input.limit)
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      staffId: r.staff_id,
      staffName: r.staff_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      patientId: r.patient_id,
      sessionDate: r.session_date,
      summary: r.summary,
      before: r.before === null ? null : (JSON.parse(r.before) as unknown),
      after: r.after === null ? null : (JSON.parse(r.after) as unknown),
    })),
    nextBeforeId: rows.length > input.limit ? page[page.length - 1]!.id : null,
  }
}
