/** Patients: registered, edited, deactivated (never deleted), found by name, number, national ID or phone. */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { AffectedAppointments, Patient, PatientAppointments } from '../../../src-shared/model.js'
import { foldText, looksLikePhone, phoneDigits } from '../../../src-shared/search-text.js'
import type { PatientRow } from '../../db/schema.js'
import { appointmentViewQuery, toAppointmentView } from '../appointments/appointment-views.js'
import { centerRow, showDate } from '../center/center.js'
import { type Core, today, wallClock } from '../core.js'
import { DeskError, notFound } from '../desk-error.js'
import { toPatient } from '../mappers.js'
import { notEndedYet } from '../appointments/time-rules.js'
import { runWrite } from '../write.js'
import { holdsPlace } from '../appointments/active-status.js'

export function patientRow(core: Core, id: number): PatientRow {
  const row = core.sql.firstOf(
    'patient-by-id',
    (i: number) => core.sql.q.selectFrom('patients').selectAll().where('id', '=', i),
    id,
  )
  if (!row) throw notFound('patient', id)
  return row
}

export function getPatient(core: Core, id: number): Patient {
  return toPatient(patientRow(core, id))
}

function searchText(p: {
  full_name: string
  clinic_number: string
  national_id: string | null
  phone: string
}): string {
  return [foldText(p.full_name), foldText(p.clinic_number), foldText(p.national_id ?? ''), phoneDigits(p.phone)].join(
    ' | ',
  )
}

/** A visiting patient comes for a stay with a first and a last day; a regular patient has neither. */
function visitFields(
  core: Core,
  kind: 'regular' | 'visiting',
  from: string | null,
  until: string | null,
): { kind: 'regular' | 'visiting'; visit_from: string | null; visit_until: string | null } {
  if (kind === 'regular') return { kind, visit_from: null, visit_until: null }
  if (!from || !until)
    throw new DeskError('VALIDATION', 'A visiting patient needs the first and the last day of the visit.', {
      field: from ? 'visitUntil' : 'visitFrom',
    })
  if (until < from)
    throw new DeskError(
      'VALIDATION',
      `The visit ends (${showDate(core, until)}) before it starts (${showDate(core, from)}).`,
      { field: 'visitUntil' },
    )
  return { kind, visit_from: from, visit_until: until }
}

function assertUnique(core: Core, clinicNumber: string, nationalId: string | null, exceptId: number | null): void {
  const byNumber = core.sql.raw<{ full_name: string }>(
    'SELECT full_name FROM patients WHERE clinic_number = ? COLLATE NOCASE AND id IS NOT ?',
    clinicNumber,
    exceptId,
  )[0]
  if (byNumber) {
    throw new DeskError('DUPLICATE', `Clinic number ${clinicNumber} already belongs to ${byNumber.full_name}.`, {
      field: 'clinicNumber',
    })
  }
  if (nationalId) {
    const byNic = core.sql.raw<{ full_name: string }>(
      'SELECT full_name FROM patients WHERE national_id = ? AND id IS NOT ?',
      nationalId,
      exceptId,
    )[0]
    if (byNic)
      throw new DeskError('DUPLICATE', `National ID ${nationalId} already belongs to ${byNic.full_name}.`, {
        field: 'nationalId',
      })
  }
}

export function createPatient(core: Core, input: ParsedInputOf<'patient.create'>): Patient {
  return runWrite(core, input.staffId, () => {
    const nationalId = input.nationalId ?? null
    assertUnique(core, input.clinicNumber, nationalId, null)
    const now = wallClock(core).iso
    const fields = {
      full_name: input.fullName,
      clinic_number: input.clinicNumber,
      national_id: nationalId,
      phone: input.phone,
    }
    const id = core.sql.run(
      core.sql.q.insertInto('patients').values({
        ...fields,
        center_id: centerRow(core).id,
        hepatitis_b: input.hepatitisB,
        preferred_shift: input.preferredShift,
        notes: input.notes,
        search_text: searchText(fields),
        ...visitFields(core, input.kind, input.visitFrom, input.visitUntil),
        created_at: now,
        updated_at: now,
      }),
    ).lastInsertRowid
    const patient = getPatient(core, id)
    return {
      value: patient,
      audit: {
        action: 'patient.create',
        entity: 'patient',
        entityId: id,
        patientId: id,
        summary: `Registered ${patient.fullName} (${patient.clinicNumber})`,
        after: patient,
      },
      changed: ['patients'],
    }
  })
}

export function updatePatient(core: Core, input: ParsedInputOf<'patient.update'>): Patient {
  return runWrite(core, input.staffId, () => {
    const before = patientRow(core, input.id)
    const merged = {
      full_name: input.fullName ?? before.full_name,
      clinic_number: input.clinicNumber ?? before.clinic_number,
      national_id: input.nationalId !== undefined ? input.nationalId : before.national_id,
      phone: input.phone ?? before.phone,
    }
    assertUnique(core, merged.clinic_number, merged.national_id, input.id)
    const hepatitisB = input.hepatitisB ?? before.hepatitis_b
    if ((hepatitisB === 'positive') !== (before.hepatitis_b === 'positive'))
      assertIsolationStillHolds(core, before, hepatitisB)
    core.sql.run(
      core.sql.q
        .updateTable('patients')
        .set({
          ...merged,
          hepatitis_b: hepatitisB,
          preferred_shift: input.preferredShift ?? before.preferred_shift,
          notes: input.notes ?? before.notes,
          ...visitFields(
            core,
            input.kind ?? before.kind,
            input.visitFrom !== undefined ? input.visitFrom : before.visit_from,
            input.visitUntil !== undefined ? input.visitUntil : before.visit_until,
          ),
          search_text: searchText(merged),
          updated_at: wallClock(core).iso,
        })
        .where('id', '=', input.id),
    )
    const after = getPatient(core, input.id)
    return {
      value: after,
      audit: {
        action: 'patient.update',
        entity: 'patient',
        entityId: after.id,
        patientId: after.id,
        summary: `Edited ${after.fullName} (${after.clinicNumber})`,
        before: toPatient(before),
        after,
      },
      changed: ['patients'],
    }
  })
}

/**
 * A change of hepatitis B status must not leave the patient on a bed the
 * isolation rule forbids: such upcoming bookings are named so they can be moved first.
 */
function assertIsolationStillHolds(core: Core, patient: PatientRow, hepatitisB: PatientRow['hepatitis_b']): void {
  if (centerRow(core).isolation_rule !== 'enforce') return
  const wrongBeds = core.sql
    .all(
      appointmentViewQuery(core)
        .innerJoin('beds as bb', 'bb.id', 'a.bed_id')
        .where('a.patient_id', '=', patient.id)
        .where(holdsPlace('a.status'))
        .where('bb.isolation', '=', hepatitisB === 'positive' ? 0 : 1)
        .where(notEndedYet(core, 'ss'))
        .orderBy('ss.session_date'),
    )
    .map(toAppointmentView)
  if (wrongBeds.length > 0) {
    throw new DeskError(
      'ISOLATION_MISMATCH',
      `${patient.full_name} has ${wrongBeds.length} upcoming booking${wrongBeds.length === 1 ? '' : 's'} on ${hepatitisB === 'positive' ? 'non-isolation' : 'isolation'} beds; move ${wrongBeds.length === 1 ? 'it' : 'them'} before changing the hepatitis B status.`,
      { affected: wrongBeds },
    )
  }
}

export function deactivatePatient(
  core: Core,
  input: ParsedInputOf<'patient.deactivate'>,
): Patient & AffectedAppointments {
  return runWrite(core, input.staffId, () => {
    const before = patientRow(core, input.id)
    const upcoming = core.sql
      .all(
        appointmentViewQuery(core)
          .where('a.patient_id', '=', input.id)
          .where('a.status', '=', 'scheduled')
          .where(notEndedYet(core, 'ss'))
          .orderBy('ss.session_date')
          .orderBy('ss.start_time'),
      )
      .map(toAppointmentView)
    if (upcoming.length > 0 && !input.cancelUpcoming) {
      throw new DeskError(
        'INVALID_STATE',
        `${before.full_name} has ${upcoming.length} upcoming booking${upcoming.length === 1 ? '' : 's'}; cancel ${upcoming.length === 1 ? 'it' : 'them'} first, or deactivate with "cancel upcoming bookings".`,
        { affected: upcoming },
      )
    }
    const now = wallClock(core).iso
    if (upcoming.length > 0) {
      core.sql.run(
        core.sql.q
          .updateTable('appointments')
          .set({ status: 'cancelled', cancel_reason: 'Patient deactivated', updated_at: now })
          .where(
            'id',
            'in',
            upcoming.map((a) => a.id),
          ),
      )
    }
    core.sql.run(core.sql.q.updateTable('patients').set({ active: 0, updated_at: now }).where('id', '=', input.id))
    // Their weekly places end today; what was waiting for them is closed, not left on the Board.
    const day = today(core)
    core.sql.rawRun(
      `UPDATE standing_slots SET valid_until = max(date(?, '-1 day'), date(valid_from, '-1 day')), updated_at = ?
       WHERE patient_id = ? AND (valid_until IS NULL OR valid_until >= ?)`,
      day,
      now,
      input.id,
      day,
    )
    core.sql.rawRun(
      "UPDATE conflicts SET resolved_at = ?, resolution = 'Patient deactivated' WHERE patient_id = ? AND resolved_at IS NULL",
      now,
      input.id,
    )
    core.sql.rawRun(
      "UPDATE waiting_list SET resolved_at = ?, resolution = 'Patient deactivated' WHERE patient_id = ? AND resolved_at IS NULL",
      now,
      input.id,
    )
    const affected = upcoming.map((a) => ({ ...a, status: 'cancelled' as const, cancelReason: 'Patient deactivated' }))
    const after = getPatient(core, input.id)
    return {
      value: { ...after, affected },
      audit: {
        action: 'patient.deactivate',
        entity: 'patient',
        entityId: after.id,
        patientId: after.id,
        summary: `Deactivated ${after.fullName}${affected.length ? ` and cancelled ${affected.length} upcoming booking${affected.length === 1 ? '' : 's'}` : ''}`,
        before: toPatient(before),
        after: { ...after, cancelledAppointmentIds: affected.map((a) => a.id) },
      },
      changed: ['patients', 'appointments', 'session_beds', 'standing_slots', 'conflicts', 'waiting_list'],
      dates: [...new Set(affected.map((a) => a.date))],
    }
  })
}

export function reactivatePatient(core: Core, input: { staffId: number; id: number }): Patient {
  return runWrite(core, input.staffId, () => {
    const before = getPatient(core, input.id)
    core.sql.run(
      core.sql.q
        .updateTable('patients')
        .set({ active: 1, updated_at: wallClock(core).iso })
        .where('id', '=', input.id),
    )
    const after = getPatient(core, input.id)
    return {
      value: after,
      audit: {
        action: 'patient.reactivate',
        entity: 'patient',
        entityId: after.id,
        patientId: after.id,
        summary: `Reactivated ${after.fullName}`,
        before,
        after,
      },
      changed: ['patients'],
    }
  })
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Every word of the query must appear in the patient's name, clinic number,
 * national ID or phone digits. Name-prefix and exact-number matches come first.
 */
export function searchPatients(core: Core, input: ParsedInputOf<'patient.search'>): Patient[] {
  const raw = input.query.trim()
  const terms = looksLikePhone(raw) ? [phoneDigits(raw)] : foldText(raw).split(' ').filter(Boolean)
  const where: string[] = []
  const params: unknown[] = []
  for (const t of terms) {
    where.push(`search_text LIKE ? ESCAPE '\\'`)
    params.push(`%${escapeLike(t)}%`)
  }
  if (!input.includeInactive) where.push('active = 1')
  const first = terms[0] ?? ''
  const rows = core.sql.raw<PatientRow>(
    `SELECT * FROM patients ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY CASE WHEN clinic_number = ? COLLATE NOCASE THEN 0 WHEN search_text LIKE ? ESCAPE '\\' THEN 1 ELSE 2 END, active DESC, full_name
     LIMIT ?`,
    ...params,
    raw,
    `${escapeLike(first)}%`,
    input.limit,
  )
  return rows.map(toPatient)
}

export function patientAppointments(core: Core, input: ParsedInputOf<'patient.appointments'>): PatientAppointments {
  patientRow(core, input.patientId)
  const base = appointmentViewQuery(core).where('a.patient_id', '=', input.patientId)
  const upcoming = core.sql
    .all(base.where(notEndedYet(core, 'ss')).orderBy('ss.session_date').orderBy('ss.start_time'))
    .map(toAppointmentView)
  const upcomingIds = new Set(upcoming.map((a) => a.id))
  const past = core.sql
    .all(
      base
        .where((eb) => eb.not(notEndedYet(core, 'ss')))
        .orderBy('ss.session_date', 'desc')
        .orderBy('ss.start_time', 'desc')
        .limit(input.pastLimit),
    )
    .map(toAppointmentView)
    .filter((a) => !upcomingIds.has(a.id))
  return { upcoming, past }
}
