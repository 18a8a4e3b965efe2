/** Reading and dismissing the open conflicts: what the day's conflicts panel shows. */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { Conflict } from '../../../src-shared/model.js'
import type { ConflictRow } from '../../db/schema.js'
import { type Core, wallClock } from '../core.js'
import { notFound } from '../desk-error.js'
import { endStandingWaitWhenPlaced } from './waiting-list.js'
import { runWrite } from '../write.js'

type Row = ConflictRow & { full_name: string; clinic_number: string }

const toConflict = (r: Row): Conflict => ({
  id: r.id,
  kind: r.kind,
  patientId: r.patient_id,
  patientName: r.full_name,
  clinicNumber: r.clinic_number,
  date: r.session_date,
  reason: r.reason,
  standingSlotId: r.standing_slot_id,
  appointmentId: r.appointment_id,
  scheduleSessionId: r.schedule_session_id,
  createdAt: r.created_at,
})

/** Open conflicts, oldest date first; of one date, or of one patient. */
export function listConflicts(core: Core, filter: { date?: string; patientId?: number; from?: string }): Conflict[] {
  const where = ['c.resolved_at IS NULL']
  const params: unknown[] = []
  if (filter.date !== undefined) {
    where.push('c.session_date = ?')
    params.push(filter.date)
  }
  if (filter.from !== undefined) {
    where.push('c.session_date >= ?')
    params.push(filter.from)
  }
  if (filter.patientId !== undefined) {
    where.push('c.patient_id = ?')
    params.push(filter.patientId)
  }
  return core.sql
    .raw<Row>(
      `SELECT c.*, p.full_name, p.clinic_number FROM conflicts c JOIN patients p ON p.id = c.patient_id
       WHERE ${where.join(' AND ')} ORDER BY c.session_date, c.id`,
      ...params,
    )
    .map(toConflict)
}

export function dismissConflict(core: Core, input: ParsedInputOf<'conflict.resolve'>): Conflict {
  return runWrite(core, input.staffId, () => {
    const open = listConflicts(core, {}).find((c) => c.id === input.id)
    if (!open) throw notFound('open conflict', input.id)
    core.sql.rawRun(
      'UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?',
      wallClock(core).iso,
      input.resolution,
      input.id,
    )
    // Reception decided this place: the desk's own waiting-list entry for it goes once nothing else is owed.
    const leftWaiting = endStandingWaitWhenPlaced(core, open.patientId)
    return {
      value: open,
      audit: {
        action: 'conflict.resolve',
        entity: 'conflict',
        entityId: open.id,
        patientId: open.patientId,
        sessionDate: open.date,
        summary: `Closed "${open.reason}" for ${open.patientName} on ${open.date}: ${input.resolution}`,
        before: open,
        after: { resolution: input.resolution },
      },
      changed: leftWaiting ? ['conflicts', 'waiting_list'] : ['conflicts'],
      dates: [open.date],
    }
  })
}
