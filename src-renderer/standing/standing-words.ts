/**
 * What the desk did, in plain words: a changed weekly schedule, a generation
 * run, a session's patients rebooked, a bed's patients moved. Screens show
 * these sentences as they are, so they are tested on their own.
 */
import type { MakeUpOption, OutageResult, SessionRebooking } from '../../src-shared/contract/standing-methods'
import type {
  AppointmentView,
  Conflict,
  ConflictKind,
  GenerationResult,
  StandingChange,
  StandingSlot,
} from '../../src-shared/model'
import { labelOf, WEEKDAY_OPTIONS } from '../common/options'

/** The two ways the desk writes dates (see common/use-format.ts). */
export interface Words {
  date: (date: string) => string
  day: (date: string) => string
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** "Wed" → "Wednesday" */
export function weekdayName(weekday: string): string {
  return labelOf(WEEKDAY_OPTIONS, weekday)
}

/** "Mon 19/01/2026 06:00–10:00" */
export function sessionLine(a: Pick<AppointmentView, 'date' | 'startTime' | 'endTime'>, w: Words): string {
  return `${w.day(a.date)} ${a.startTime}–${a.endTime}`
}

/** "Mon 19/01/2026 06:00–10:00 on BED-A1" */
export function bookingLine(a: Pick<AppointmentView, 'date' | 'startTime' | 'endTime' | 'bedCode'>, w: Words): string {
  return `${sessionLine(a, w)}${a.bedCode ? ` on ${a.bedCode}` : ', no bed yet'}`
}

/** "Monday 06:00–10:00 on BED-A1, from 19/01/2026" */
export function slotLine(s: StandingSlot, w: Words, today: string): string {
  const bed = s.bedCode ? ` on ${s.bedCode}` : ', any free bed'
  const from = s.validFrom > today ? `, from ${w.date(s.validFrom)}` : ''
  const until = s.validUntil ? `, until ${w.date(s.validUntil)}` : ''
  return `${weekdayName(s.weekday)} ${s.startTime}–${s.endTime}${bed}${from}${until}`
}

export interface Section {
  title: string
  lines: string[]
  /** Something the desk should act on (phone the patient, decide on the Board). */
  attention?: boolean
}

export interface Outcome {
  summary: string
  sections: Section[]
}

export function describeStandingChange(change: StandingChange, w: Words): Outcome {
  const parts = [
    change.placed.length > 0 ? `${plural(change.placed.length, 'session')} booked` : null,
    change.moved.length > 0 ? `${plural(change.moved.length, 'booking')} moved` : null,
    change.cancelled.length > 0 ? `${plural(change.cancelled.length, 'booking')} cancelled` : null,
    change.conflicts.length > 0 ? `${change.conflicts.length} to decide on the Board` : null,
  ].filter((p): p is string => p !== null)
  const summary =
    parts.length === 0
      ? 'Saved. No booking had to change; the weekly places are booked as the dated sessions are generated.'
      : `Saved: ${parts.join(', ')}.`
  const sections: Section[] = []
  if (change.placed.length > 0) sections.push({ title: 'Booked', lines: change.placed.map((a) => bookingLine(a, w)) })
  if (change.moved.length > 0)
    sections.push({ title: 'Moved to the new pattern', lines: change.moved.map((a) => `Now ${bookingLine(a, w)}`) })
  if (change.cancelled.length > 0) {
    sections.push({
      title: 'Cancelled: let the patient know',
      lines: change.cancelled.map((a) => `${sessionLine(a, w)}${a.cancelReason ? ` (${a.cancelReason})` : ''}`),
      attention: true,
    })
  }
  if (change.conflicts.length > 0)
    sections.push({
      title: 'Could not be booked: see “To decide” on the Board',
      lines: change.conflicts.map((c) => conflictLine(c, w)),
      attention: true,
    })
  return { summary, sections }
}

export function conflictLine(c: Pick<Conflict, 'date' | 'reason'>, w: Words): string {
  return `${w.day(c.date)}: ${c.reason}`
}

const KIND_WORDS: Record<ConflictKind, string> = {
  standing_unplaced: 'Weekly place not booked',
  displaced: 'Bed out of service',
  session_cancelled: 'Session cancelled',
}

export function conflictKindLabel(kind: ConflictKind): string {
  return KIND_WORDS[kind]
}

/** The conflict's kind, unless its reason already starts with the same words ("Session cancelled: power cut"). */
export function conflictKindUnlessSaid(c: Pick<Conflict, 'kind' | 'reason'>): string | null {
  const label = KIND_WORDS[c.kind]
  return c.reason.toLowerCase().startsWith(label.toLowerCase()) ? null : label
}

export function describeGeneration(r: GenerationResult, w: Words): string {
  const sessions = `Created ${plural(r.created, 'dated session')} from ${w.date(r.from)} to ${w.date(r.to)}.`
  const standing =
    r.standingBooked > 0 ? ` Booked ${plural(r.standingBooked, 'weekly place')} for standing patients.` : ''
  const conflicts =
    r.conflicts > 0 ? ` ${plural(r.conflicts, 'weekly place')} could not be booked: see “To decide” on the Board.` : ''
  return sessions + standing + conflicts
}

/** "Fri 16/01/2026 10:30–14:30 · BED-A1 · 2 free" */
export function makeUpOptionLine(o: MakeUpOption, w: Words): string {
  return `${sessionLine(o, w)} · ${o.bedCode ?? 'no bed yet'} · ${o.free} free`
}

export function describeRebooking(r: SessionRebooking, w: Words): Outcome {
  const left = r.unplaced.length + r.later.length
  const summary =
    r.rebooked.length === 0 && left === 0
      ? 'There was nobody left to rebook: every patient of this session is already made up or rebooked.'
      : `Rebooked ${plural(r.rebooked.length, 'patient')}${left > 0 ? `; ${left} still to place` : ''}.`
  const sections: Section[] = []
  if (r.rebooked.length > 0) {
    sections.push({
      title: 'Rebooked: let the patients know',
      lines: r.rebooked.map(
        (b) => `${b.appointment.patientName} (${b.appointment.clinicNumber}): ${bookingLine(b.appointment, w)}`,
      ),
    })
  }
  const warnings = r.rebooked.flatMap((b) => b.warnings.map((x) => `${b.appointment.patientName}: ${x}`))
  if (warnings.length > 0) sections.push({ title: 'Please note', lines: warnings, attention: true })
  if (r.unplaced.length > 0) {
    sections.push({
      title: 'Still to place: no session nearby has room (see “To decide” on the Board)',
      lines: r.unplaced.map((a) => `${a.patientName} (${a.clinicNumber})`),
      attention: true,
    })
  }
  if (r.later.length > 0) {
    sections.push({
      title: 'Left for later, under “To decide” on the Board',
      lines: r.later.map((a) => `${a.patientName} (${a.clinicNumber})`),
    })
  }
  return { summary, sections }
}

export function describeOutage(r: OutageResult, w: Words): Outcome {
  const o = r.outage
  const moved =
    r.moved.length > 0
      ? ` Moved ${plural(r.moved.length, 'patient')} to other beds.`
      : ' Nobody was booked on it in that time.'
  const displaced =
    r.displaced.length > 0
      ? ` ${plural(r.displaced.length, 'booking')} had no free bed: cancelled and listed under “To decide” on the Board.`
      : ''
  const sections: Section[] = []
  if (r.moved.length > 0)
    sections.push({
      title: 'Moved: tell the nurses',
      lines: r.moved.map((a) => `${a.patientName}: ${bookingLine(a, w)}`),
    })
  if (r.displaced.length > 0) {
    sections.push({
      title: 'No free bed: rebook them',
      lines: r.displaced.map((a) => `${a.patientName} (${a.clinicNumber}): ${sessionLine(a, w)}`),
      attention: true,
    })
  }
  return {
    summary: `${o.bedCode} is out of service from ${w.date(o.from)} to ${w.date(o.until)}.${moved}${displaced}`,
    sections,
  }
}
