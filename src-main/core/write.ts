/**
 * The one way the core changes data (practices #4): a write is one IMMEDIATE
 * transaction that checks who is making it, does its work, writes exactly one
 * audit row, and after the commit emits one change event.
 */
import type { DeskTable } from '../../src-shared/events.js'
import { type Core, wallClock } from './core.js'
import { DeskError } from './desk-error.js'

export interface AuditRecord {
  /** The contract method, e.g. 'appointment.book'. */
  action: string
  entity: string
  entityId: number | null
  patientId?: number | null
  sessionDate?: string | null
  /** One sentence a manager can read in the audit screen. */
  summary: string
  before?: unknown
  after?: unknown
}

export interface WriteOutcome<T> {
  value: T
  audit: AuditRecord
  /** Tables changed, for the change event; the audit log is added. */
  changed: DeskTable[]
  /** Session dates touched, so a screen showing another day need not re-read. */
  dates?: string[]
}

/**
 * What a change did to a record, for the audit log: only the fields that
 * differ, before and after. A ten-year log keeps every change without
 * keeping every unchanged field of every record again and again.
 */
export function changedFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {}
  const a: Partial<T> = {}
  for (const key of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

const pendingEvents = new WeakMap<Core, { tables: Set<DeskTable>; dates: Set<string> }>()

/**
 * Runs one write for a staff member. Inside an enclosing transaction (see
 * `inOneTransaction`) it becomes a savepoint and its event waits for the outer commit.
 */
export function runWrite<T>(core: Core, staffId: number, work: () => WriteOutcome<T>): T {
  const db = core.sql.db
  const nested = db.inTransaction
  let outcome: WriteOutcome<T> | undefined
  core.sql.immediate(() => {
    assertStaffMayWrite(core, staffId)
    outcome = work()
    writeAudit(core, staffId, outcome.audit)
  })
  if (!outcome) throw new DeskError('INTERNAL')
  const tables = new Set<DeskTable>([...outcome.changed, 'audit_log'])
  const dates = new Set(outcome.dates ?? [])
  const pending = pendingEvents.get(core)
  if (nested && pending) {
    for (const t of tables) pending.tables.add(t)
    for (const d of dates) pending.dates.add(d)
  } else {
    core.events.emit({ kind: 'change', tables: [...tables], dates: [...dates] })
  }
  return outcome.value
}

/** Runs many writes as one transaction (bulk loads such as the demo generator); one event after the commit. */
export function inOneTransaction<T>(core: Core, work: () => T): T {
  const pending = { tables: new Set<DeskTable>(), dates: new Set<string>() }
  pendingEvents.set(core, pending)
  try {
    const value = core.sql.immediate(work)
    if (pending.tables.size > 0)
      core.events.emit({ kind: 'change', tables: [...pending.tables], dates: [...pending.dates] })
    return value
  } finally {
    pendingEvents.delete(core)
  }
}

function assertStaffMayWrite(core: Core, staffId: number): void {
  const staff = core.sql.firstOf(
    'staff-may-write',
    (id: number) => core.sql.q.selectFrom('staff').select(['id', 'active', 'full_name']).where('id', '=', id),
    staffId,
  )
  if (!staff)
    throw new DeskError(
      'STAFF_NOT_ALLOWED',
      `No staff member with number ${staffId} exists; choose who is at the desk.`,
    )
  if (!staff.active) {
    throw new DeskError(
      'STAFF_NOT_ALLOWED',
      `${staff.full_name} has been deactivated and cannot make changes; choose who is at the desk.`,
    )
  }
}

function writeAudit(core: Core, staffId: number, a: AuditRecord): void {
  core.sql.runOf(
    'audit-insert',
    (
      at: string,
      staff: number,
      action: string,
      entity: string,
      entityId: number | null,
      patientId: number | null,
      sessionDate: string | null,
      summary: string,
      before: string | null,
      after: string | null,
    ) =>
      core.sql.q.insertInto('audit_log').values({
        at,
        staff_id: staff,
        action,
        entity,
        entity_id: entityId,
        patient_id: patientId,
        session_date: sessionDate,
        summary,
        before,
        after,
      }),
    wallClock(core).iso,
    staffId,
    a.action,
    a.entity,
    a.entityId,
    a.patientId ?? null,
    a.sessionDate ?? null,
    a.summary,
    a.before === undefined ? null : JSON.stringify(a.before),
    a.after === undefined ? null : JSON.stringify(a.after),
  )
}
