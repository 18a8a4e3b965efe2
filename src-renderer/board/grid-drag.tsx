/**
 * Dragging on the grid with one drag source for all of it. A big unit's day
 * has 160 cells and as many patients; as that many dnd-kit drop targets and
 * drag sources, each of them drew again at every change of dnd-kit's state (a
 * drag's start, its end), a few hundred components twice per drop. Here dnd-kit
 * knows one drag source, whose node is the patient's card just pressed, and no
 * drop targets: the cell under the pointer is read from the page itself.
 */
import { PointerSensor, type PointerSensorOptions, useDndMonitor, useDraggable } from '@dnd-kit/core'
import { type ReactNode, useMemo, useRef } from 'react'
import type { DayBoard } from '../../src-shared/model'
import type { Subject, Target } from './drag-subject'

export const GRID_DRAG_ID = 'board-grid'

/** Marks an element a drag may start from (a patient's card); elsewhere a press is only a press. */
export const DRAG_SOURCE = { 'data-drag-source': '' } as const

/** dnd-kit's pointer sensor, starting a drag only from a drag source: not from a cell's empty space or its menu button. */
export class DragSourceSensor extends PointerSensor {
  static override activators = [
    {
      eventName: 'onPointerDown' as const,
      handler: ({ nativeEvent: event }: React.PointerEvent, options: PointerSensorOptions) => {
        if (!event.isPrimary || event.button !== 0) return false
        if (!(event.target instanceof Element) || !event.target.closest('[data-drag-source]')) return false
        options.onActivation?.({ event })
        return true
      },
    },
  ]
}

/**
 * The grid's drag source: it wraps the grid and, when a card is pressed, makes
 * that card dnd-kit's node and its patient the drag's subject (read by
 * `subjectAt`). It draws again with dnd-kit's state; what it wraps does not.
 */
export function GridDragSource({
  subjectAt,
  className,
  children,
}: {
  subjectAt: (card: HTMLElement) => Subject | null
  className: string
  children: ReactNode
}) {
  const data = useMemo(() => ({ subject: null as Subject | null }), [])
  const { setNodeRef, listeners } = useDraggable({ id: GRID_DRAG_ID, data })
  const pressed = useRef<HTMLElement | null>(null)
  const clear = () => {
    if (pressed.current) delete pressed.current.dataset.dragging
  }
  useDndMonitor({
    onDragStart: ({ active }) => {
      if (active.id === GRID_DRAG_ID && pressed.current) pressed.current.dataset.dragging = 'true'
    },
    onDragEnd: clear,
    onDragCancel: clear,
  })
  return (
    <div
      className={className}
      {...listeners}
      onPointerDownCapture={(e) => {
        const card = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-drag-source]') : null
        data.subject = card ? subjectAt(card) : null
        if (card && data.subject) {
          pressed.current = card
          setNodeRef(card)
        }
      }}
    >
      {children}
    </div>
  )
}

/** The grid's cell (or session head) under a point of the page, as a place to put a patient. */
export function targetAt(board: DayBoard, x: number, y: number): Target | null {
  for (const el of document.elementsFromPoint(x, y)) {
    const cell = el.closest<HTMLElement>('table.bed-board [data-cell]')
    if (!cell) continue
    const [row = 0, col = 0] = (cell.dataset.cell ?? '').split(':').map(Number)
    const session = board.sessions[col]
    if (!session) return null
    if (row === 0) return { scheduleSessionId: session.id, bedId: null }
    const bed = board.beds[row - 1]
    return bed ? { scheduleSessionId: session.id, bedId: bed.id } : null
  }
  return null
}
