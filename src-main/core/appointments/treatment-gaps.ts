/**
 * The days between a patient's treatments. A missed or moved treatment can
 * stretch the gap, and a long gap (the weekend's) is when patients come to
 * harm: a rebooking that leaves more than the center's maximum gets a warning.
 */
import { daysBetween } from '../../../src-shared/dates.js'
import { centerRow, showDate } from '../center/center.js'
import type { Core } from '../core.js'

/**
 * Warnings for a treatment of the patient on `date` (the appointment
 * `ignoring` set aside, when moving one). With `insteadOf`, the date of the
 * treatment it replaces, only a gap the change makes longer is reported: a
 * rebooking on the same day, or one that keeps the usual weekend gap, says nothing.
 */
export function gapWarnings(
  core: Core,
  patientId: number,
  date: string,
  ignoring: number | null = null,
  insteadOf: string | null = null,
): string[] {
  const max = centerRow(core).max_gap_days
  const around = (from: string, op: '<' | '>', order: 'DESC' | 'ASC') =>
    core.sql.raw<{ d: string }>(
      `SELECT ss.session_date AS d FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
       WHERE a.patient_id = ? AND a.status IN ('scheduled', 'checked_in', 'completed') AND a.id IS NOT ? AND ss.session_date ${op} ?
       ORDER BY ss.session_date ${order} LIMIT 1`,
      patientId,
      ignoring,
      from,
    )[0]?.d
  const gaps = (d: string) => {
    const before = around(d, '<', 'DESC')
    const after = around(d, '>', 'ASC')
    return {
      before,
      after,
      sinceBefore: before ? daysBetween(before, d) : 0,
      untilAfter: after ? daysBetween(d, after) : 0,
    }
  }
  const now = gaps(date)
  const was = insteadOf === null ? null : gaps(insteadOf)
  const warnings: string[] = []
  if (now.before && now.sinceBefore > max && (was === null || now.sinceBefore > was.sinceBefore)) {
    warnings.push(
      `${now.sinceBefore} days since the treatment before (${showDate(core, now.before)}); the unit's limit is ${max}.`,
    )
  }
  if (now.after && now.untilAfter > max && (was === null || now.untilAfter > was.untilAfter)) {
    warnings.push(
      `${now.untilAfter} days until the next treatment (${showDate(core, now.after)}); the unit's limit is ${max}.`,
    )
  }
  return warnings
}
