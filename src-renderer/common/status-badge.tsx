/** An appointment's status in words and colour. */
import { Badge } from '@mantine/core'
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
    <Badge size="xs" variant="light" color={look.color} className="badge-plain">
      {look.label}
    </Badge>
  )
}

export function HepatitisBadge({ value }: { value: string }) {
  if (value !== 'positive') return null
  return (
    <Badge size="xs" variant="filled" color="orange" title="Hepatitis B positive: isolation bed only">
      HBV+
    </Badge>
  )
}

/** The status, except the ordinary "Booked": on a busy board only what changed stands out. */
export function OutcomeBadge({ status }: { status: AppointmentStatus }) {
  return status === 'scheduled' ? null : <StatusBadge status={status} />
}
