/**
 * The contract's methods for standing schedules and the dialysis rules around
 * them: weekly places, bed outages, make-up sessions after a cancellation or a
 * missed treatment, the waiting list, conflicts to decide, and the reports.
 */
import { z } from 'zod'
import type { AppointmentView, Conflict, StandingChange, StandingSlot, WaitingEntry } from '../model.js'
import type { Booking } from './methods.js'
import { read, write } from './define.js'
import * as f from './fields.js'

export interface BedOutage {
  id: number
  bedId: number
  bedCode: string
  from: string
  until: string
  reason: string
  ended: boolean
}

/** An appointment on a bed going out of service, with a free bed the rules allow in the same session. */
export interface OutageEffect {
  appointment: AppointmentView
  suggestedBedId: number | null
  suggestedBedCode: string | null
}

export interface OutageResult {
  outage: BedOutage
  /** Moved to the suggested bed. */
  moved: AppointmentView[]
  /** No bed was free in their session: cancelled, with a conflict to rebook them. */
  displaced: AppointmentView[]
}

/** A session a patient could be rebooked into, nearest first, with a bed and what the move does to their gaps. */
export interface MakeUpOption {
  scheduleSessionId: number
  date: string
  startTime: string
  endTime: string
  free: number
  bedId: number | null
  bedCode: string | null
  warnings: string[]
}

export interface MakeUpOptions {
  appointment: AppointmentView
  before: MakeUpOption[]
  after: MakeUpOption[]
}

export interface SessionRebooking {
  rebooked: Booking[]
  /** No session nearby had room: still listed as conflicts to decide. */
  unplaced: AppointmentView[]
  /** Left for later by reception's choice ("not now"): still listed as conflicts to decide. */
  later: AppointmentView[]
}

export interface MissedTreatment {
  appointmentId: number
  date: string
  startTime: string
  reason: string
  note: string
  madeUp: boolean
}

export interface MissedTreatments {
  patientId: number
  patientName: string
  clinicNumber: string
  missed: MissedTreatment[]
}

export interface PreferenceMismatch {
  patientId: number
  patientName: string
  clinicNumber: string
  preferredShift: string
  slots: { weekday: string; startTime: string; shift: string }[]
}

export interface WaitingMatch {
  scheduleSessionId: number
  startTime: string
  free: number
  waiting: WaitingEntry[]
}

export interface DayDecisions {
  conflicts: Conflict[]
  waiting: WaitingMatch[]
}

const slot = f.input({ weekday: f.weekday, templateId: f.id, bedId: f.id.nullable().default(null) })

export const standingMethods = {
  'standing.list': read<StandingSlot[]>()(
    f.input({ patientId: f.id }),
    "A patient's weekly places that hold today or later.",
  ),
  'standing.set': write<StandingChange>()(
    f.writeInput({
      patientId: f.id,
      from: f.date,
      until: f.date.nullable().default(null),
      slots: z.array(slot).max(7, 'may hold at most one place per weekday'),
    }),
    "Set a patient's weekly places from a date on (an empty list ends them): future standing bookings follow; nothing before today changes.",
  ),

  'outage.list': read<BedOutage[]>()(f.input({}), 'Bed outages that have not ended, soonest first.'),
  'outage.preview': read<OutageEffect[]>()(
    f.input({ bedId: f.id, from: f.date, until: f.date }),
    'The bookings a bed outage would touch, each with a free bed the rules allow in the same session.',
  ),
  'outage.create': write<OutageResult>()(
    f.writeInput({ bedId: f.id, from: f.date, until: f.date, reason: f.reason }),
    'Take a bed out of service for a date range and move its patients to the suggested beds in one action.',
  ),
  'outage.end': write<BedOutage>()(
    f.writeInput({ id: f.id }),
    'End a bed outage now: the bed takes bookings again from the sessions not yet over.',
  ),

  'makeup.options': read<MakeUpOptions>()(
    f.input({ appointmentId: f.id }),
    'For a cancelled, missed or displaced appointment: the nearest sessions before and after with a free bed the rules allow.',
  ),
  'makeup.book': write<Booking>()(
    f.writeInput({ forAppointmentId: f.id, scheduleSessionId: f.id, bedId: f.id.nullable().default(null) }),
    'Book a make-up session for a cancelled, missed or displaced appointment; warns when it leaves a long gap.',
  ),
  'makeup.rebookSession': write<SessionRebooking>()(
    f.writeInput({
      scheduleSessionId: f.id,
      choices: z
        .array(z.strictObject({ appointmentId: f.id, scheduleSessionId: f.id.nullable() }))
        .max(500)
        .optional(),
    }),
    'Rebook the patients of a cancelled session in one action (one transaction): each into the session chosen for them (null: not now), or without choices into the nearest session with room. A chosen session without a free bed the rules allow refuses the whole rebooking, changing nothing.',
  ),

  'waiting.list': read<WaitingEntry[]>()(
    f.input({}),
    'Patients waiting for a pattern and shift, longest waiting first.',
  ),
  'waiting.add': write<WaitingEntry>()(
    f.writeInput({
      patientId: f.id,
      weekdays: z.array(f.weekday).min(1, 'must name at least one weekday').max(7),
      shift: f.preferredShift,
      note: f.notes.default(''),
    }),
    'Put a patient on the waiting list for a pattern and shift.',
  ),
  'waiting.resolve': write<WaitingEntry>()(
    f.writeInput({ id: f.id, resolution: f.reason }),
    'Take a patient off the waiting list, saying why.',
  ),

  'conflict.day': read<DayDecisions>()(
    f.input({ date: f.date }),
    'What needs a decision on a date: open conflicts, and waiting patients who fit a free place.',
  ),
  'conflict.list': read<Conflict[]>()(
    f.input({ from: f.date.optional() }),
    'Every open conflict from a date on (default: today).',
  ),
  'conflict.resolve': write<Conflict>()(
    f.writeInput({ id: f.id, resolution: f.reason }),
    'Close a conflict, saying what was decided.',
  ),

  'report.missedTreatments': read<MissedTreatments[]>()(
    f.input({ days: z.int().min(1).max(366).default(30) }),
    'Patients who missed treatments in the last `days` days (today and the days - 1 before it), with the reasons and whether each was made up.',
  ),
  'report.preferences': read<PreferenceMismatch[]>()(
    f.input({}),
    'Patients whose standing schedule is not in their preferred shift.',
  ),
} as const
