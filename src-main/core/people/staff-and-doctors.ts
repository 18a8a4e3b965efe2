/** Doctors and staff: created, edited and deactivated, never deleted (sessions and the audit log name them). */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { Doctor, Staff } from '../../../src-shared/model.js'
import { centerRow } from '../center/center.js'
import { type Core, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { toDoctor, toStaff } from '../mappers.js'
import { runWrite } from '../write.js'

export function listDoctors(core: Core, includeInactive = false): Doctor[] {
  let query = core.sql.q.selectFrom('doctors').selectAll().orderBy('full_name')
  if (!includeInactive) query = query.where('active', '=', 1)
  return core.sql.all(query).map(toDoctor)
}

function doctorRow(core: Core, id: number) {
  const row = core.sql.first(core.sql.q.selectFrom('doctors').selectAll().where('id', '=', id))
  if (!row) throw notFound('doctor', id)
  return row
}

export function createDoctor(core: Core, input: ParsedInputOf<'doctor.create'>): Doctor {
  return runWrite(core, input.staffId, () => {
    const now = wallClock(core).iso
    const id = core.sql.run(
      core.sql.q.insertInto('doctors').values({
        center_id: centerRow(core).id,
        full_name: input.fullName,
        phone: input.phone,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    const doctor = toDoctor(doctorRow(core, id))
    return {
      value: doctor,
      audit: {
        action: 'doctor.create',
        entity: 'doctor',
        entityId: id,
        summary: `Added doctor ${doctor.fullName}`,
        after: doctor,
      },
      changed: ['doctors'],
    }
  })
}

export function updateDoctor(core: Core, input: ParsedInputOf<'doctor.update'>): Doctor {
  return runWrite(core, input.staffId, () => {
    const before = toDoctor(doctorRow(core, input.id))
    core.sql.run(
      core.sql.q
        .updateTable('doctors')
        .set({
          ...(input.fullName !== undefined && { full_name: input.fullName }),
          ...(input.phone !== undefined && { phone: input.phone }),
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', input.id),
    )
    const after = toDoctor(doctorRow(core, input.id))
    return {
      value: after,
      audit: {
        action: 'doctor.update',
        entity: 'doctor',
        entityId: after.id,
        summary: `Edited doctor ${after.fullName}`,
        before,
        after,
      },
      changed: ['doctors'],
    }
  })
}

export function setDoctorActive(core: Core, input: { staffId: number; id: number }, active: boolean): Doctor {
  return runWrite(core, input.staffId, () => {
    const before = toDoctor(doctorRow(core, input.id))
    core.sql.run(
      core.sql.q
        .updateTable('doctors')
        .set({ active: active ? 1 : 0, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    const after = toDoctor(doctorRow(core, input.id))
    const action = active ? 'doctor.reactivate' : 'doctor.deactivate'
    return {
      value: after,
      audit: {
        action,
        entity: 'doctor',
        entityId: after.id,
        summary: `${active ? 'Reactivated' : 'Deactivated'} doctor ${after.fullName}`,
        before,
        after,
      },
      changed: ['doctors'],
    }
  })
}

export function listStaff(core: Core, includeInactive = false): Staff[] {
  let query = core.sql.q.selectFrom('staff').selectAll().where('role', '<>', 'system').orderBy('full_name')
  if (!includeInactive) query = query.where('active', '=', 1)
  return core.sql.all(query).map(toStaff)
}

function staffRow(core: Core, id: number) {
  const row = core.sql.first(
    core.sql.q.selectFrom('staff').selectAll().where('id', '=', id).where('role', '<>', 'system'),
  )
  if (!row) throw notFound('staff member', id)
  return row
}

export function createStaff(core: Core, input: ParsedInputOf<'staff.create'>): Staff {
  return runWrite(core, input.staffId, () => {
    const now = wallClock(core).iso
    const id = core.sql.run(
      core.sql.q.insertInto('staff').values({
        center_id: centerRow(core).id,
        full_name: input.fullName,
        role: input.role,
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    const staff = toStaff(staffRow(core, id))
    return {
      value: staff,
      audit: {
        action: 'staff.create',
        entity: 'staff',
        entityId: id,
        summary: `Added ${staff.fullName} (${staff.role}) to the staff`,
        after: staff,
      },
      changed: ['staff'],
    }
  })
}

export function updateStaff(core: Core, input: ParsedInputOf<'staff.update'>): Staff {
  return runWrite(core, input.staffId, () => {
    const before = toStaff(staffRow(core, input.id))
    core.sql.run(
      core.sql.q
        .updateTable('staff')
        .set({
          ...(input.fullName !== undefined && { full_name: input.fullName }),
          ...(input.role !== undefined && { role: input.role }),
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', input.id),
    )
    const after = toStaff(staffRow(core, input.id))
    return {
      value: after,
      audit: {
        action: 'staff.update',
        entity: 'staff',
        entityId: after.id,
        summary: `Edited staff member ${after.fullName}`,
        before,
        after,
      },
      changed: ['staff'],
    }
  })
}

export function setStaffActive(core: Core, input: { staffId: number; id: number }, active: boolean): Staff {
  return runWrite(core, input.staffId, () => {
    const before = toStaff(staffRow(core, input.id))
    if (!active) {
      const others = core.sql.raw<{ n: number }>(
        "SELECT count(*) AS n FROM staff WHERE active = 1 AND role <> 'system' AND id <> ?",
        input.id,
      )[0]!.n
      if (others === 0) {
        throw new DeskError(
          'INVALID_STATE',
          `${before.fullName} is the only active staff member; add someone else before deactivating them.`,
        )
      }
    }
    core.sql.run(
      core.sql.q
        .updateTable('staff')
        .set({ active: active ? 1 : 0, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    const after = toStaff(staffRow(core, input.id))
    const action = active ? 'staff.reactivate' : 'staff.deactivate'
    return {
      value: after,
      audit: {
        action,
        entity: 'staff',
        entityId: after.id,
        summary: `${active ? 'Reactivated' : 'Deactivated'} staff member ${after.fullName}`,
        before,
        after,
      },
      changed: ['staff'],
    }
  })
}
