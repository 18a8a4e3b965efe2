/** An appointment's status in words and colour. */
import { Pill } from './pill'
import type { AppointmentStatus } from '../../src-shared/model'

const LOOK: Record<AppointmentStatus, { label: string; color: string }> = {
  scheduled: { label: 'Booked', color: 'blue' },
  checked_in: { label: 'Checked in', color: 'teal' },
  completed: { label: 'Done', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'red' },
  no_show: { label: 'Did not come', color: 'orange' },
}

export function statusLabel(status: AppointmentStatus): string {
  return LOOK[status].label
}

export function StatusBadge({ status }: { status: AppointmentStatus }) {
  const look = LOOK[status]
  return (
    <Pill color={look.color} plain>
      {look.label}
    </Pill>
  )
}

export function HepatitisBadge({ value }: { value: string }) {
  if (value !== 'positive') return null
  return (
    <Pill color="orange" variant="filled" title="Hepatitis B positive: isolation bed only">
      HBV+
    </Pill>
  )
}

/** The status, except the ordinary "Booked": on a busy board only what changed stands out. */
export function OutcomeBadge({ status }: { status: AppointmentStatus }) {
  return status === 'scheduled' ? null : <StatusBadge status={status} />
}
