/**
 * Whether a move on the Board must first ask how far it reaches: a standing
 * booking (one not already changed by hand) moved within its own day may be a
 * change for this date only, or a change of the patient's weekly place.
 */
import type { ScheduleSession } from '../../src-shared/model'
import type { Subject } from './drag-subject'

export type ReachQuestion =
  | { ask: false }
  /** `seriesRefused`: why "from this date on" cannot be offered, or null when it can. */
  | { ask: true; seriesRefused: string | null }

export function reachQuestion(
  subject: Subject,
  target: (Pick<ScheduleSession, 'id' | 'date' | 'templateId'> & { bedId: number | null }) | undefined,
): ReachQuestion {
  if (subject.kind !== 'appointment' || !target) return { ask: false }
  const a = subject.appointment
  // Taken off the bed within the session: a matter of that day (the bed comes later), not of the pattern.
  if (target.id === a.scheduleSessionId && target.bedId === null) return { ask: false }
  // A booking already changed for its date, or one under way, is a one-off whatever happens next.
  if (!a.standing || a.oneOff || a.status !== 'scheduled') return { ask: false }
  // Another day is another weekday: that is a one-off too; the weekly pattern is changed on the patient's page.
  if (target.date !== a.date) return { ask: false }
  if (target.templateId === null)
    return {
      ask: true,
      seriesRefused: 'This session was not made from a weekly session, so it cannot become a weekly place.',
    }
  return { ask: true, seriesRefused: null }
}
