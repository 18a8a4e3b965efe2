/**
 * The days between a patient's treatments. A missed or moved treatment can
 * stretch the gap, and a long gap (the weekend's) is when patients come to
 * harm: a rebooking that leaves more than the center's maximum gets a warning.
 */
import { daysBetween } from '../../src-shared/dates.js'
import { centerRow } from './center.js'
import type { Core } from './core.js'

/** Warnings for a treatment of the patient on `date` (the appointment `ignoring` set aside, when moving one). */
export function gapWarnings(core: Core, patientId: number, date: string, ignoring: number | null = null): string[] {
  const max = centerRow(core).max_gap_days
  const around = (op: '<' | '>', order: 'DESC' | 'ASC') =>
    core.sql.raw<{ d: string }>(
      `SELECT ss.session_date AS d FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.patient_id = ? AND a.status IN ('scheduled', 'checked_in', 'completed') AND a.id IS NOT ? AND ss.session_date ${op} ?
       ORDER BY ss.session_date ${order} LIMIT 1`,
      patientId,
      ignoring,
      date,
    )[0]?.d
  const before = around('<', 'DESC')
  const after = around('>', 'ASC')
  const warnings: string[] = []
  if (before && daysBetween(before, date) > max) warnings.push(`${daysBetween(before, date)} days since the treatment before (${before}); the unit's limit is ${max}.`)
  if (after && daysBetween(date, after) > max) warnings.push(`${daysBetween(date, after)} days until the next treatment (${after}); the unit's limit is ${max}.`)
  return warnings
}
