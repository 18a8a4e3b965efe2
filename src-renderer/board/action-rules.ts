/**
 * Which actions an appointment's menu offers. They follow the desk's rules
 * (check-in on the day, nothing moves after a session is over...), so the menu
 * offers only what the desk would accept.
 */
import type { AppointmentView } from '../../src-shared/model'

export type ActionKind =
  'pick' | 'checkIn' | 'complete' | 'noShow' | 'takeOffBed' | 'cancel' | 'reinstate' | 'openPatient'

/** The actions the desk would accept for this appointment now, in menu order. */
export function availableActions(
  a: Pick<AppointmentView, 'status' | 'date' | 'bedId'>,
  ctx: { today: string; ended: boolean; canPick: boolean },
): ActionKind[] {
  const open = a.status === 'scheduled' || a.status === 'checked_in'
  const kinds: ActionKind[] = []
  if (open && ctx.canPick && !ctx.ended) kinds.push('pick')
  if (a.status === 'scheduled' && a.date === ctx.today) kinds.push('checkIn')
  if (open && a.date <= ctx.today) kinds.push('complete')
  if (a.status === 'scheduled' && a.date <= ctx.today) kinds.push('noShow')
  if (open && a.bedId !== null && !ctx.ended) kinds.push('takeOffBed')
  if (open && !ctx.ended) kinds.push('cancel')
  if ((a.status === 'cancelled' || a.status === 'no_show') && a.date >= ctx.today) kinds.push('reinstate')
  kinds.push('openPatient')
  return kinds
}
