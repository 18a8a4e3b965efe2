/**
 * One bed in one session: its occupant, or free, or blocked. A drop target,
 * and the occupant can be dragged or picked up from here.
 */
import { Text } from '@mantine/core'
import { useDraggable, useDroppable } from '@dnd-kit/core'
import type { Bed, BoardCell, BoardSession } from '../../src-shared/model'
import { OutcomeBadge, statusLabel } from '../common/status-badge'
import { BookingMarks, marksInWords } from '../standing/booking-marks'
import type { MenuEntry } from './appointment-actions'
import { type Subject, subjectKey, type Target, targetKey } from './drag-subject'
import type { Verdict } from './drop-rules'
import { EntryMenu } from './entry-menu'
import { PersonLine } from './subject-cards'

export interface CellProps {
  session: BoardSession
  bed: Bed
  cell: BoardCell | undefined
  row: number
  col: number
  /** What the desk would say to a drop here; null while nothing is picked or dragged. */
  verdict: Verdict | null
  active: boolean
  pickedKey: string | null
  menuEntries: MenuEntry[]
  menuOpen: boolean
  onMenuChange: (open: boolean) => void
  onMenuClosed: () => void
  onPick: (subject: Subject) => void
  onDrop: (target: Target) => void
  registerRef: (el: HTMLElement | null) => void
}

export function BoardCellView(props: CellProps) {
  const { session, bed, cell, row, col, verdict, active, pickedKey, menuEntries, menuOpen, onMenuChange, onMenuClosed, onPick, onDrop, registerRef } = props
  const target: Target = { scheduleSessionId: session.id, bedId: bed.id }
  const { setNodeRef, isOver } = useDroppable({ id: targetKey(target), data: { target } })
  const occupant = cell?.appointment ?? null
  const where = `${bed.code}, ${session.startTime}-${session.endTime}`
  const state = session.status === 'cancelled' ? 'cancelled' : !cell ? 'absent' : cell.status === 'blocked' ? 'blocked' : occupant ? 'taken' : 'free'
  const description = occupant ? [occupant.patientName, occupant.clinicNumber, statusLabel(occupant.status).toLowerCase(), ...marksInWords(occupant)].join(', ') : state === 'blocked' ? `blocked: ${cell?.blockedReason ?? ''}` : state
  return (
    <td
      ref={(el) => {
        setNodeRef(el)
        registerRef(el)
      }}
      role="gridcell"
      tabIndex={active ? 0 : -1}
      className="board-cell"
      data-cell={`${row}:${col}`}
      data-testid={`cell-${bed.code}-${session.startTime}`}
      data-state={state}
      data-drop={verdict ? (verdict.ok ? 'allowed' : verdict.here ? 'here' : 'refused') : undefined}
      data-over={isOver || undefined}
      aria-label={`${where}: ${description}${verdict && !verdict.ok && !verdict.here ? `. Cannot drop here: ${verdict.reason}` : ''}`}
      title={verdict && !verdict.ok && !verdict.here ? verdict.reason : undefined}
      onClick={() => {
        if (pickedKey) onDrop(target)
      }}
    >
      <div className="cell-inner">
        {occupant ? (
          <Occupant appointment={occupant} picked={pickedKey === subjectKey({ kind: 'appointment', appointment: occupant })} anyPicked={pickedKey !== null} onPick={onPick} />
        ) : state === 'blocked' ? (
          <div className="cell-note">
            <Text size="xs" fw={700} c="gray.7">
              {!bed.active ? 'Retired' : !bed.inService ? 'Out of service' : 'Blocked'}
            </Text>
            {bed.active && bed.inService && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {cell?.blockedReason}
              </Text>
            )}
          </div>
        ) : state === 'free' ? (
          <Text size="xs" c="dimmed" className="cell-note">
            Free
          </Text>
        ) : (
          <Text size="xs" c="dimmed" className="cell-note">
            —
          </Text>
        )}
        <EntryMenu label={`Actions for ${where}`} entries={menuEntries} opened={menuOpen} onChange={onMenuChange} onClosed={onMenuClosed} tabIndex={-1} />
      </div>
    </td>
  )
}

function Occupant({ appointment, picked, anyPicked, onPick }: { appointment: NonNullable<BoardCell['appointment']>; picked: boolean; anyPicked: boolean; onPick: (s: Subject) => void }) {
  const subject: Subject = { kind: 'appointment', appointment }
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: subjectKey(subject), data: { subject } })
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      className="occupant"
      data-testid="occupant"
      data-status={appointment.status}
      data-one-off={appointment.oneOff || undefined}
      data-picked={picked || undefined}
      data-dragging={isDragging || undefined}
      onClick={(e) => {
        // With something else picked up, a click on this bed is a drop: let it reach the cell.
        if (anyPicked && !picked) return
        e.stopPropagation()
        onPick(subject)
      }}
    >
      <PersonLine
        name={appointment.patientName}
        clinicNumber={appointment.clinicNumber}
        hepatitisB={appointment.hepatitisB}
        extra={
          <>
            <BookingMarks appointment={appointment} />
            <OutcomeBadge status={appointment.status} />
          </>
        }
        nameLines={2}
      />
    </div>
  )
}
