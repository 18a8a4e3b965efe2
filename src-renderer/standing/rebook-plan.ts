/**
 * Rebooking a cancelled session's patients, planned before it is done: for
 * each patient the nearest sessions with a free bed the rules allow (the desk's
 * make-up options), the one suggested, and what reception chose instead. Kept
 * apart from the dialog so that the choices and their words are tested alone.
 */
import type { MakeUpOption, MakeUpOptions } from '../../src-shared/contract/standing-methods'
import type { AppointmentView } from '../../src-shared/model'
import { plural, sessionLine, type Words } from './standing-words'

/** A patient's choice: a session's id, or "later" (left under “To decide”). */
export type Choice = `${number}` | 'later'
export const LATER: Choice = 'later'

export interface PatientPlan {
  appointment: AppointmentView
  options: MakeUpOptions
  choice: Choice
}

/** As the desk's own session rebooking chooses: the nearest after (a treatment later in the week is the usual make-up), else the nearest before. */
export function suggested(options: MakeUpOptions): Choice {
  const o = options.after[0] ?? options.before[0]
  return o ? `${o.scheduleSessionId}` : LATER
}

export function chosenOption(plan: PatientPlan): MakeUpOption | null {
  if (plan.choice === LATER) return null
  return [...plan.options.after, ...plan.options.before].find((o) => `${o.scheduleSessionId}` === plan.choice) ?? null
}

/** "Fri 16/01/2026 10:30–14:30 · 2 free" (the bed is chosen as each is booked, so two patients never get the same one). */
export function optionLabel(o: MakeUpOption, w: Words): string {
  return `${sessionLine(o, w)} · ${o.free} free${o.warnings.length > 0 ? ' · long gap' : ''}`
}

/**
 * Sessions chosen for more patients than they have free places, with the
 * sentence shown beside each of those patients: the last ones would not fit.
 */
export function crowdedSessions(plans: PatientPlan[], w: Words): Map<string, string> {
  const chosen = new Map<string, { option: MakeUpOption; count: number }>()
  for (const p of plans) {
    const o = chosenOption(p)
    if (!o) continue
    const entry = chosen.get(p.choice) ?? { option: o, count: 0 }
    entry.count++
    chosen.set(p.choice, entry)
  }
  const out = new Map<string, string>()
  for (const [key, { option, count }] of chosen) {
    if (count > option.free) {
      out.set(
        key,
        `${plural(count, 'patient')} chosen for ${sessionLine(option, w)}, which has ${option.free} free: choose another session for ${count - option.free === 1 ? 'one of them' : `${count - option.free} of them`}.`,
      )
    }
  }
  return out
}
