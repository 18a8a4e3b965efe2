/** The clinic itself: first-run setup and the center's settings. */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import { formatDay } from '../../../src-shared/format.js'
import type { Center, SetupStatus } from '../../../src-shared/model.js'
import type { CenterRow } from '../../db/schema.js'
import { type Core, wallClock } from '../core.js'
import { DeskError } from '../desk-error.js'
import { toCenter, toStaff } from '../mappers.js'
import { runWrite } from '../write.js'

/** The name under which the desk's own automatic work (daily top-up of sessions) is audited. */
export const SYSTEM_STAFF_NAME = 'Desk (automatic)'

export function findCenterRow(core: Core): CenterRow | undefined {
  // LIMIT written out: bound as a parameter it costs SQLite three times as much, on every write.
  return core.sql.raw<CenterRow>('SELECT * FROM centers ORDER BY id LIMIT 1')[0]
}

/** A date as the clinic writes it ("Mon 12/01/2026"), for the sentences the desk says; ISO before setup. */
export function showDate(core: Core, date: string): string {
  const format = findCenterRow(core)?.date_format
  return format ? formatDay(date, format) : date
}

export function centerRow(core: Core): CenterRow {
  const row = findCenterRow(core)
  if (!row)
    throw new DeskError(
      'SETUP_REQUIRED',
      'The clinic has not been set up yet: enter its name and the first staff member.',
    )
  return row
}

export function getCenter(core: Core): Center {
  const row = centerRow(core)
  const beds = core.sql.first(
    core.sql.q
      .selectFrom('beds')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('center_id', '=', row.id)
      .where('active', '=', 1),
  )
  return toCenter(row, beds?.n ?? 0)
}

export function setupStatus(core: Core): SetupStatus {
  const row = findCenterRow(core)
  if (!row) return { initialized: false, center: null, staff: [] }
  const staff = core.sql.all(
    core.sql.q.selectFrom('staff').selectAll().where('role', '<>', 'system').orderBy('full_name'),
  )
  return { initialized: true, center: getCenter(core), staff: staff.map(toStaff) }
}

/** The staff row the desk's automatic jobs write under. */
export function systemStaffId(core: Core): number {
  const row = core.sql.first(
    core.sql.q.selectFrom('staff').select('id').where('role', '=', 'system').orderBy('id').limit(1),
  )
  if (!row) throw new DeskError('SETUP_REQUIRED')
  return row.id
}

export function initialize(core: Core, input: ParsedInputOf<'setup.initialize'>): SetupStatus {
  const { db, q } = core.sql
  const now = wallClock(core).iso
  // The first staff member does not exist until this transaction creates them, so this
  // write cannot go through runWrite's staff check; it keeps the same shape by hand.
  db.transaction(() => {
    if (findCenterRow(core))
      throw new DeskError('ALREADY_SET_UP', 'The clinic is already set up; change its details in Setup.')
    const centerId = core.sql.run(
      q.insertInto('centers').values({ name: input.centerName, created_at: now, updated_at: now }),
    ).lastInsertRowid
    const staffId = core.sql.run(
      q.insertInto('staff').values({
        center_id: centerId,
        full_name: input.staffName,
        role: input.staffRole,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    core.sql.run(
      q.insertInto('staff').values({
        center_id: centerId,
        full_name: SYSTEM_STAFF_NAME,
        role: 'system',
        created_at: now,
        updated_at: now,
      }),
    )
    core.sql.run(
      q.insertInto('audit_log').values({
        at: now,
        staff_id: staffId,
        action: 'setup.initialize',
        entity: 'center',
        entity_id: centerId,
        summary: `Set up ${input.centerName} with ${input.staffName} (${input.staffRole}) as the first staff member`,
        after: JSON.stringify(input),
      }),
    )
  }).immediate()
  core.events.emit({ kind: 'change', tables: ['centers', 'staff', 'audit_log'], dates: [] })
  return setupStatus(core)
}

export function updateCenter(core: Core, input: ParsedInputOf<'center.update'>): Center {
  return runWrite(core, input.staffId, () => {
    const before = centerRow(core)
    const { staffId: _staff, ...changes } = input
    core.sql.run(
      core.sql.q
        .updateTable('centers')
        .set({
          ...(changes.name !== undefined && { name: changes.name }),
          ...(changes.isolationRule !== undefined && { isolation_rule: changes.isolationRule }),
          ...(changes.weeksAhead !== undefined && { weeks_ahead: changes.weeksAhead }),
          ...(changes.dateFormat !== undefined && { date_format: changes.dateFormat }),
          ...(changes.paperSize !== undefined && { paper_size: changes.paperSize }),
          ...(changes.turnoverMinutes !== undefined && { turnover_minutes: changes.turnoverMinutes }),
          ...(changes.maxGapDays !== undefined && { max_gap_days: changes.maxGapDays }),
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', before.id),
    )
    const after = getCenter(core)
    return {
      value: after,
      audit: {
        action: 'center.update',
        entity: 'center',
        entityId: after.id,
        summary: `Changed the center's settings`,
        before,
        after: changes,
      },
      changed: ['centers'],
    }
  })
}
