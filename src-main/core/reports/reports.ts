/** The unit's reports: missed treatments, and standing schedules outside a patient's preferred shift. */
import type { ParsedInputOf } from '../../../src-shared/contract/index.js'
import type { MissedTreatments, PreferenceMismatch } from '../../../src-shared/contract/standing-methods.js'
import { addDays, shiftOf } from '../../../src-shared/dates.js'
import { type Core, today } from '../core.js'

/**
 * No-shows of the last `days` days: today and the days - 1 before it (the
 * last 30 days are today and the 29 days before; the day 30 days ago is out).
 */
export function missedTreatments(core: Core, input: ParsedInputOf<'report.missedTreatments'>): MissedTreatments[] {
  const rows = core.sql.raw<{
    id: number
    patient_id: number
    full_name: string
    clinic_number: string
    session_date: string
    start_time: string
    no_show_reason: string
    no_show_note: string
    made_up: number
  }>(
    `SELECT a.id, a.patient_id, p.full_name, p.clinic_number, ss.session_date, ss.start_time, a.no_show_reason, a.no_show_note,
       EXISTS (SELECT 1 FROM appointments m WHERE m.makeup_for_id = a.id AND m.status IN ('scheduled', 'checked_in', 'completed')) AS made_up
     FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
     WHERE a.status = 'no_show' AND ss.session_date BETWEEN ? AND ?
     ORDER BY p.full_name, p.id, ss.session_date`,
    addDays(today(core), -(input.days - 1)),
    today(core),
  )
  const byPatient = new Map<number, MissedTreatments>()
  for (const r of rows) {
    let entry = byPatient.get(r.patient_id)
    if (!entry) {
      entry = { patientId: r.patient_id, patientName: r.full_name, clinicNumber: r.clinic_number, missed: [] }
      byPatient.set(r.patient_id, entry)
    }
    entry.missed.push({
      appointmentId: r.id,
      date: r.session_date,
      startTime: r.start_time,
      reason: r.no_show_reason,
      note: r.no_show_note,
      madeUp: r.made_up === 1,
    })
  }
  // Most missed first: they are the patients most at risk.
  return [...byPatient.values()].sort((a, b) => b.missed.length - a.missed.length)
}

export function preferenceMismatches(core: Core): PreferenceMismatch[] {
  const rows = core.sql.raw<{
    patient_id: number
    full_name: string
    clinic_number: string
    preferred_shift: string
    weekday: string
    start_time: string
  }>(
    `SELECT p.id AS patient_id, p.full_name, p.clinic_number, p.preferred_shift, s.weekday, t.start_time
     FROM standing_slots s JOIN patients p ON p.id = s.patient_id JOIN sessions t ON t.id = s.session_id
     WHERE p.active = 1 AND p.preferred_shift <> 'any' AND (s.valid_until IS NULL OR s.valid_until >= ?) AND (s.valid_until IS NULL OR s.valid_until >= s.valid_from)
     ORDER BY p.full_name, instr('MonTueWedThuFriSatSun', s.weekday)`,
    today(core),
  )
  const out = new Map<number, PreferenceMismatch>()
  for (const r of rows) {
    const shift = shiftOf(r.start_time)
    if (shift === r.preferred_shift) continue
    let entry = out.get(r.patient_id)
    if (!entry) {
      entry = {
        patientId: r.patient_id,
        patientName: r.full_name,
        clinicNumber: r.clinic_number,
        preferredShift: r.preferred_shift,
        slots: [],
      }
      out.set(r.patient_id, entry)
    }
    entry.slots.push({ weekday: r.weekday, startTime: r.start_time, shift })
  }
  return [...out.values()]
}
