/**
 * A session's column head: its time, doctor and free places. Dropping a
 * patient here books them into the session with the bed to come later.
 */
import { Badge, Group, Text } from '@mantine/core'
import { memo } from 'react'
import { doctorLabel } from '../common/doctor-label'
import type { BoardSession } from '../../src-shared/model'
import type { MenuEntry } from './appointment-actions'
import type { Target } from './drag-subject'
import type { Verdict } from './drop-rules'
import { EntryMenu } from './entry-menu'

interface SessionHeaderProps {
  session: BoardSession
  ended: boolean
  col: number
  verdict: Verdict | null
  active: boolean
  pickedKey: string | null
  hasMenu: boolean
  /** Made when the menu opens. */
  menuEntries: () => MenuEntry[]
  menuOpen: boolean
  onMenuChange: (open: boolean) => void
  onMenuClosed: () => void
  onDrop: (target: Target) => void
  registerRef: (el: HTMLElement | null) => void
}

/** Draws again only when its props change: the board's re-read keeps an unchanged session's identity. */
export const SessionHeader = memo(function SessionHeader(props: SessionHeaderProps) {
  const {
    session: s,
    ended,
    col,
    verdict,
    active,
    pickedKey,
    hasMenu,
    menuEntries,
    menuOpen,
    onMenuChange,
    onMenuClosed,
    onDrop,
    registerRef,
  } = props
  const target: Target = { scheduleSessionId: s.id, bedId: null }
  const cancelled = s.status === 'cancelled'
  return (
    <th
      ref={registerRef}
      role="columnheader"
      scope="col"
      tabIndex={active ? 0 : -1}
      className="session-head"
      data-cell={`0:${col}`}
      data-testid={`session-${s.startTime}`}
      data-drop={verdict ? (verdict.ok ? 'allowed' : verdict.here ? 'here' : 'refused') : undefined}
      // data-over is set by the grid while something is dragged over this head.
      data-cancelled={cancelled || undefined}
      aria-label={`Session ${s.startTime}-${s.endTime}, ${doctorLabel(s.doctorName)}, ${cancelled ? 'cancelled' : `${s.free} of ${s.capacity} places free`}`}
      title={
        verdict && !verdict.ok && !verdict.here ? verdict.reason : 'Drop a patient here to book them without a bed yet'
      }
      onClick={() => {
        if (pickedKey) onDrop(target)
      }}
    >
      <div className="session-head-line">
        <Text fw={700} size="sm" td={cancelled ? 'line-through' : undefined} className="nowrap">
          {s.startTime}–{s.endTime}
        </Text>
        {hasMenu && (
          <EntryMenu
            label={`Actions for the ${s.startTime} session`}
            entries={menuEntries}
            opened={menuOpen}
            onChange={onMenuChange}
            onClosed={onMenuClosed}
            tabIndex={-1}
          />
        )}
      </div>
      <Group gap={4} wrap="nowrap" mt={2}>
        {cancelled ? (
          <Badge color="red" size="sm" variant="light" title={s.cancelReason ?? undefined} className="badge-plain">
            Cancelled
          </Badge>
        ) : (
          <Badge
            color={s.free > 0 ? 'teal' : 'red'}
            size="sm"
            variant="light"
            data-testid="free-places"
            className="badge-plain"
          >
            {s.free}/{s.capacity} free
          </Badge>
        )}
        {ended && !cancelled && (
          <Badge color="gray" size="sm" variant="outline" className="badge-plain">
            Over
          </Badge>
        )}
        {s.label && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {s.label}
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed" lineClamp={1} mt={2}>
        {doctorLabel(s.doctorName)}
      </Text>
    </th>
  )
})
