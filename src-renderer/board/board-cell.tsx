/**
 * One bed in one session: its occupant, or free, or blocked. A drop target,
 * and the occupant can be dragged or picked up from here.
 */
import { memo, type ReactNode, useMemo } from 'react'
import type { Bed, BoardCell, BoardSession } from '../../src-shared/model'
import { OutcomeBadge, statusLabel } from '../common/status-badge'
import { BookingMarks, marksInWords } from '../standing/booking-marks'
import type { MenuEntry } from './appointment-actions'
import { type Subject, subjectKey, type Target } from './drag-subject'
import type { Verdict } from './drop-rules'
import { EntryMenu } from './entry-menu'
import { DRAG_SOURCE } from './grid-drag'
import { PersonLine } from './subject-cards'

export interface CellProps {
  session: BoardSession
  bed: Bed
  cell: BoardCell | undefined
  row: number
  col: number
  active: boolean
  pickedKey: string | null
  /** Whether the cell has a menu; its entries are made when it opens. */
  hasMenu: boolean
  menuEntries: () => MenuEntry[]
  menuOpen: boolean
  onMenuChange: (open: boolean) => void
  onMenuClosed: () => void
  onPick: (subject: Subject) => void
  onDrop: (target: Target) => void
  registerRef: (el: HTMLElement | null) => void
}

/**
 * How the cells would take what is being moved: written onto the cells' elements
 * directly, not drawn through React, so a drag's start and end do not redraw the
 * whole grid (160 cells on a big unit's day).
 */
export function showVerdict(el: HTMLElement, verdict: Verdict | null): void {
  const refused = verdict !== null && !verdict.ok && !verdict.here
  if (verdict) el.dataset.drop = verdict.ok ? 'allowed' : verdict.here ? 'here' : 'refused'
  else delete el.dataset.drop
  if (refused) el.title = verdict.reason
  else el.removeAttribute('title')
  el.setAttribute('aria-label', `${el.dataset.label ?? ''}${refused ? `. Cannot drop here: ${verdict.reason}` : ''}`)
}

/**
 * A cell draws again only when what it shows changes: after a change, the
 * board reads the day again and every cell gets new objects, but usually one or
 * two of them show something new. (The callbacks it gets are stable.)
 */
export const BoardCellView = memo(CellView, (a, b) => sameProps(a, b) || cellShows(a) === cellShows(b))

/** The usual case after a re-read: every prop is the very same (the re-read keeps unchanged parts' identity). */
function sameProps(a: CellProps, b: CellProps): boolean {
  for (const key of Object.keys(b) as (keyof CellProps)[]) if (a[key] !== b[key]) return false
  return true
}

function cellShows(p: CellProps): string {
  const o = p.cell?.appointment
  return (
    [
      p.session.id,
      p.session.status,
      p.session.startTime,
      p.session.endTime,
      p.bed.id,
      p.bed.code,
      p.bed.isolation,
      p.bed.inService,
      p.bed.active,
      p.cell?.status,
      p.cell?.blockedReason,
      o
        ? [
            o.id,
            o.status,
            o.patientName,
            o.clinicNumber,
            o.hepatitisB,
            o.standing,
            o.oneOff,
            o.visiting,
            o.makeUpForId,
          ].join('|')
        : '',
      p.row,
      p.col,
      p.active,
      p.pickedKey,
      p.hasMenu,
      p.menuOpen,
    ].join('\u0001') +
    [p.onPick, p.onDrop, p.registerRef, p.onMenuChange, p.onMenuClosed, p.menuEntries].map(identity).join(',')
  )
}

/** Identities of the callbacks, so a cell given new ones draws again (they are stable in practice). */
const ids = new WeakMap<object, number>()
let nextId = 0
function identity(f: object): number {
  let id = ids.get(f)
  if (id === undefined) ids.set(f, (id = nextId++))
  return id
}

function CellView(props: CellProps) {
  const {
    session,
    bed,
    cell,
    row,
    col,
    active,
    pickedKey,
    hasMenu,
    menuEntries,
    menuOpen,
    onMenuChange,
    onMenuClosed,
    onPick,
    onDrop,
    registerRef,
  } = props
  const target = useMemo<Target>(() => ({ scheduleSessionId: session.id, bedId: bed.id }), [session.id, bed.id])
  const occupant = cell?.appointment ?? null
  const where = `${bed.code}, ${session.startTime}-${session.endTime}`
  const state =
    session.status === 'cancelled'
      ? 'cancelled'
      : !cell
        ? 'absent'
        : cell.status === 'blocked'
          ? 'blocked'
          : occupant
            ? 'taken'
            : 'free'
  const description = occupant
    ? [
        occupant.patientName,
        occupant.clinicNumber,
        statusLabel(occupant.status).toLowerCase(),
        ...marksInWords(occupant),
      ].join(', ')
    : state === 'blocked'
      ? `blocked: ${cell?.blockedReason ?? ''}`
      : state
  return (
    <DropCell
      registerRef={registerRef}
      tabIndex={active ? 0 : -1}
      dataCell={`${row}:${col}`}
      testId={`cell-${bed.code}-${session.startTime}`}
      state={state}
      label={`${where}: ${description}`}
      onClick={() => {
        if (pickedKey) onDrop(target)
      }}
    >
      <div className="cell-inner">
        {occupant ? (
          <Occupant
            appointment={occupant}
            picked={pickedKey === subjectKey({ kind: 'appointment', appointment: occupant })}
            anyPicked={pickedKey !== null}
            onPick={onPick}
          />
        ) : state === 'blocked' ? (
          <div className="cell-note">
            <div className="text-xs-dimmed" style={{ fontWeight: 700, color: 'var(--mantine-color-gray-7)' }}>
              {!bed.active ? 'Retired' : !bed.inService ? 'Out of service' : 'Blocked'}
            </div>
            {bed.active && bed.inService && (
              <div
                className="text-xs-dimmed person-name"
                style={{
                  fontWeight: 400,
                  fontSize: 'var(--mantine-font-size-xs)',
                  color: 'var(--mantine-color-dimmed)',
                }}
              >
                {cell?.blockedReason}
              </div>
            )}
          </div>
        ) : state === 'free' ? (
          <div className="text-xs-dimmed cell-note">Free</div>
        ) : (
          <div className="text-xs-dimmed cell-note">—</div>
        )}
        {hasMenu && (
          <EntryMenu
            label={`Actions for ${where}`}
            entries={menuEntries}
            opened={menuOpen}
            onChange={onMenuChange}
            onClosed={onMenuClosed}
            tabIndex={-1}
          />
        )}
      </div>
    </DropCell>
  )
}

interface DropCellProps {
  registerRef: (el: HTMLElement | null) => void
  tabIndex: number
  dataCell: string
  testId: string
  state: string
  label: string
  onClick: () => void
  children: ReactNode
}

/** The cell's <td>: what is dragged over it is found from the page (grid-drag.tsx), and its look while dragging is written onto it (showVerdict). */
function DropCell({ registerRef, tabIndex, dataCell, testId, state, label, onClick, children }: DropCellProps) {
  return (
    <td
      ref={registerRef}
      role="gridcell"
      tabIndex={tabIndex}
      className="board-cell"
      data-cell={dataCell}
      data-testid={testId}
      data-state={state}
      // data-drop and data-over, and the reason a drop would be refused, are set by the grid while something is moved.
      data-label={label}
      aria-label={label}
      onClick={onClick}
    >
      {children}
    </td>
  )
}

const Occupant = memo(function Occupant({
  appointment,
  picked,
  anyPicked,
  onPick,
}: {
  appointment: NonNullable<BoardCell['appointment']>
  picked: boolean
  anyPicked: boolean
  onPick: (s: Subject) => void
}) {
  const subject = useMemo<Subject>(() => ({ kind: 'appointment', appointment }), [appointment])
  return (
    <DragHandle subject={subject} appointment={appointment} picked={picked} anyPicked={anyPicked} onPick={onPick}>
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
    </DragHandle>
  )
})

/** The occupant's card: a drag starts from it (the grid's one drag source, grid-drag.tsx), a click picks it up. */
function DragHandle({
  subject,
  appointment,
  picked,
  anyPicked,
  onPick,
  children,
}: {
  subject: Subject
  appointment: NonNullable<BoardCell['appointment']>
  picked: boolean
  anyPicked: boolean
  onPick: (s: Subject) => void
  children: ReactNode
}) {
  return (
    <div
      {...DRAG_SOURCE}
      className="occupant"
      data-testid="occupant"
      data-status={appointment.status}
      data-one-off={appointment.oneOff || undefined}
      data-picked={picked || undefined}
      onClick={(e) => {
        // With something else picked up, a click on this bed is a drop: let it reach the cell.
        if (anyPicked && !picked) return
        e.stopPropagation()
        onPick(subject)
      }}
    >
      {children}
    </div>
  )
}
