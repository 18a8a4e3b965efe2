/**
 * A session's column head: its time, doctor and free places. Dropping a
 * patient here books them into the session with the bed to come later.
 */
import { Badge, Group, Text } from '@mantine/core'
import { useDroppable } from '@dnd-kit/core'
import type { BoardSession } from '../../src-shared/model'
import type { MenuEntry } from './appointment-actions'
import { type Target, targetKey } from './drag-subject'
import type { Verdict } from './drop-rules'
import { EntryMenu } from './entry-menu'

interface SessionHeaderProps {
  session: BoardSession
  ended: boolean
  col: number
  verdict: Verdict | null
  active: boolean
  pickedKey: string | null
  menuEntries: MenuEntry[]
  menuOpen: boolean
  onMenuChange: (open: boolean) => void
  onDrop: (target: Target) => void
  registerRef: (el: HTMLElement | null) => void
}

export function SessionHeader(props: SessionHeaderProps) {
  const { session: s, ended, col, verdict, active, pickedKey, menuEntries, menuOpen, onMenuChange, onDrop, registerRef } = props
  const target: Target = { scheduleSessionId: s.id, bedId: null }
  const { setNodeRef, isOver } = useDroppable({ id: targetKey(target), data: { target } })
  const cancelled = s.status === 'cancelled'
  return (
    <th
      ref={(el) => {
        setNodeRef(el)
        registerRef(el)
      }}
      role="columnheader"
      scope="col"
      tabIndex={active ? 0 : -1}
      className="session-head"
      data-cell={`0:${col}`}
      data-testid={`session-${s.startTime}`}
      data-drop={verdict ? (verdict.ok ? 'allowed' : verdict.here ? 'here' : 'refused') : undefined}
      data-over={isOver || undefined}
      data-cancelled={cancelled || undefined}
      aria-label={`Session ${s.startTime}-${s.endTime}, ${s.doctorName ? `Dr. ${s.doctorName}` : 'no doctor'}, ${cancelled ? 'cancelled' : `${s.free} of ${s.capacity} places free`}`}
      title={verdict && !verdict.ok && !verdict.here ? verdict.reason : 'Drop a patient here to book them without a bed yet'}
      onClick={() => {
        if (pickedKey) onDrop(target)
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap={4} align="flex-start">
        <div className="session-head-text">
          <Group gap={6} wrap="nowrap">
            <Text fw={700} size="sm" td={cancelled ? 'line-through' : undefined}>
              {s.startTime}–{s.endTime}
            </Text>
            {s.label && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {s.label}
              </Text>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {s.doctorName ? `Dr. ${s.doctorName}` : 'No doctor'}
          </Text>
        </div>
        <Group gap={2} wrap="nowrap">
          {cancelled ? (
            <Badge color="red" size="sm" variant="light" title={s.cancelReason ?? undefined}>
              Cancelled
            </Badge>
          ) : (
            <Badge color={s.free > 0 ? 'teal' : 'red'} size="sm" variant="light" data-testid="free-places">
              {s.free}/{s.capacity} free
            </Badge>
          )}
          {ended && !cancelled && (
            <Badge color="gray" size="sm" variant="outline">
              Over
            </Badge>
          )}
          <EntryMenu label={`Actions for the ${s.startTime} session`} entries={menuEntries} opened={menuOpen} onChange={onMenuChange} tabIndex={-1} />
        </Group>
      </Group>
    </th>
  )
}
