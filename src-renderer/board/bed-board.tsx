/**
 * The grid: one row per bed, one column per session of the day. One focus
 * stop for the whole grid (arrow keys move between cells), so a keyboard user
 * reaches the side panel in one Tab.
 */
import { Badge, Group, Text } from '@mantine/core'
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Bed, BoardCell, BoardSession, DayBoard } from '../../src-shared/model'
import type { MenuEntry } from './appointment-actions'
import { BoardCellView, showVerdict } from './board-cell'
import { type Subject, subjectKey, type Target } from './drag-subject'
import type { Verdict } from './drop-rules'
import { GridDragSource } from './grid-drag'
import { gridCommand, type Position } from './grid-keys'
import { SessionHeader } from './session-header'

export interface BedBoardProps {
  board: DayBoard
  isEnded: (s: BoardSession) => boolean
  /** Null while nothing is being dragged or has been picked up. */
  verdictFor: (t: Target) => Verdict | null
  /** What is being dragged or has been picked up: cells show whether they would take it. */
  subject: Subject | null
  /** What has been picked up with a click or the keyboard: a click or Enter on a cell puts it down. */
  picked: Subject | null
  /** The cell or session head a drag is over. */
  overTarget: Target | null
  onPick: (s: Subject) => void
  onCancelPick: () => void
  onDrop: (t: Target) => void
  /** Changes when something was picked outside the grid: focus moves to the first cell that would take it. */
  focusRequest: number
  onActiveChange: (t: Target | null) => void
  cellEntries: (session: BoardSession, bed: Bed, cell: BoardCell | undefined) => MenuEntry[]
  sessionEntries: (session: BoardSession) => MenuEntry[]
}

const posKey = (p: Position) => `${p.row}:${p.col}`

interface PositionHandlers {
  register: (el: HTMLElement | null) => void
  onMenuChange: (open: boolean) => void
  onMenuClosed: () => void
  entries: () => MenuEntry[]
}

export function BedBoard(props: BedBoardProps) {
  const {
    board,
    isEnded,
    verdictFor,
    subject,
    picked,
    overTarget,
    onPick,
    onCancelPick,
    onDrop,
    focusRequest,
    onActiveChange,
    cellEntries,
    sessionEntries,
  } = props
  const { beds, sessions } = board
  const [active, setActive] = useState<Position>({ row: beds.length > 0 ? 1 : 0, col: 0 })
  const [openMenu, setOpenMenu] = useState<string | null>(null)
  const refs = useRef(new Map<string, HTMLElement>())
  // The cells are memoised: what they are handed must not change identity at every draw of the board.
  const latest = useRef(props)
  latest.current = props
  const stable = useMemo(
    () => ({
      onPick: (s: Subject) => latest.current.onPick(s),
      onDrop: (t: Target) => latest.current.onDrop(t),
    }),
    [],
  )
  const perPosition = useRef(new Map<string, PositionHandlers>())
  const pickedKey = picked ? subjectKey(picked) : null

  // Keep the active cell inside the grid when beds or sessions change (another day, a bed retired).
  const row = Math.min(active.row, beds.length)
  const col = Math.min(active.col, Math.max(0, sessions.length - 1))

  const targetAt = useCallback(
    (p: Position): Target | null => {
      const s = sessions[p.col]
      if (!s) return null
      if (p.row === 0) return { scheduleSessionId: s.id, bedId: null }
      const bed = beds[p.row - 1]
      return bed ? { scheduleSessionId: s.id, bedId: bed.id } : null
    },
    [sessions, beds],
  )

  useEffect(() => onActiveChange(targetAt({ row, col })), [row, col, targetAt, onActiveChange])

  // The bed cells show how they would take what is moved; written onto their elements (see
  // showVerdict), after the frame is drawn: a drop's change on screen does not wait for 160 verdicts.
  useEffect(() => {
    for (const [key, el] of refs.current) {
      const [r = 0, c = 0] = key.split(':').map(Number)
      if (r === 0) continue
      const t = targetAt({ row: r, col: c })
      showVerdict(el, subject && t ? verdictFor(t) : null)
    }
  }, [subject, verdictFor, targetAt, board])

  // The cell a drag is over, marked on its element like the verdicts: one cell changes, not the grid.
  useLayoutEffect(() => {
    if (!overTarget) return
    const col = sessions.findIndex((s) => s.id === overTarget.scheduleSessionId)
    const row = overTarget.bedId === null ? 0 : beds.findIndex((b) => b.id === overTarget.bedId) + 1
    const el = col < 0 || row < 0 ? undefined : refs.current.get(posKey({ row, col }))
    if (!el) return
    el.dataset.over = 'true'
    return () => {
      delete el.dataset.over
    }
  }, [overTarget, sessions, beds])

  /** The patient on the card pressed: the subject of a drag starting from it. */
  const subjectAt = useCallback((card: HTMLElement): Subject | null => {
    const [r = 0, c = 0] = (card.closest<HTMLElement>('[data-cell]')?.dataset.cell ?? '').split(':').map(Number)
    const { sessions: ss, beds: bs } = latest.current.board
    const bed = bs[r - 1]
    const appointment = bed ? ss[c]?.cells.find((x) => x.bedId === bed.id)?.appointment : undefined
    return appointment ? { kind: 'appointment', appointment } : null
  }, [])

  const focusAt = useCallback((p: Position) => {
    setActive(p)
    // The element exists already: focus it now so the next key press lands on it.
    refs.current.get(posKey(p))?.focus()
  }, [])

  /* eslint-disable react-hooks/set-state-in-effect -- the focus moves in answer to a request from outside the grid
     (the search's Enter), which is what this effect is for */
  useEffect(() => {
    if (focusRequest === 0) return
    // The first bed that would take it, in the session the user was last working in, then in the others.
    const columns = [col, ...sessions.map((_, c) => c).filter((c) => c !== col)]
    for (const c of columns) {
      for (let r = 1; r <= beds.length; r++) {
        const t = targetAt({ row: r, col: c })
        if (t && verdictFor(t)?.ok) return focusAt({ row: r, col: c })
      }
    }
    focusAt({ row, col })
    // Only a new request moves the focus, not every change of the board: hence the one dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [focusRequest])
  /* eslint-enable react-hooks/set-state-in-effect */

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]')
    if (!el) return
    const [r = 0, c = 0] = (el.dataset.cell ?? '0:0').split(':').map(Number)
    const at = { row: r, col: c }
    const t = targetAt(at)
    const occupant = t && r > 0 ? (sessions[c]?.cells.find((x) => x.bedId === t.bedId)?.appointment ?? null) : null
    const command = gridCommand(e, {
      at,
      rows: beds.length + 1,
      cols: sessions.length,
      picking: picked !== null,
      occupied: occupant !== null,
      onCell: e.target === el,
    })
    if (!command) return
    e.preventDefault()
    switch (command.kind) {
      case 'focus':
        return focusAt(command.to)
      case 'cancel':
        return onCancelPick()
      case 'drop':
        return t ? onDrop(t) : undefined
      case 'pick':
        return occupant ? onPick({ kind: 'appointment', appointment: occupant }) : undefined
      case 'menu':
        return setOpenMenu(posKey(at))
    }
  }

  /** The callbacks of one position of the grid, made once and kept: they read the latest board when called. */
  const handlersAt = (p: Position): PositionHandlers => {
    const key = posKey(p)
    let h = perPosition.current.get(key)
    if (!h) {
      h = {
        register: (el) => {
          if (el) refs.current.set(key, el)
          else refs.current.delete(key)
        },
        onMenuChange: (open) => setOpenMenu(open ? key : null),
        // Back to the cell, so the arrow keys go on from where the menu was opened. An entry may
        // have opened a dialog (a reason to give): then back to the cell once it has closed.
        onMenuClosed: () => {
          const back = () => {
            if (document.querySelector('[role="dialog"]')) return void setTimeout(back, 100)
            const now = document.activeElement
            if (!now || now === document.body || now.closest('[role="grid"]')) refs.current.get(key)?.focus()
          }
          setTimeout(back, 0)
        },
        entries: () => {
          const { board: b, cellEntries: forCell, sessionEntries: forSession } = latest.current
          const s = b.sessions[p.col]
          if (!s) return []
          if (p.row === 0) return forSession(s)
          const bed = b.beds[p.row - 1]
          return bed
            ? forCell(
                s,
                bed,
                s.cells.find((x) => x.bedId === bed.id),
              )
            : []
        },
      }
      perPosition.current.set(key, h)
    }
    return h
  }
  const menuProps = (p: Position) => {
    const h = handlersAt(p)
    return { menuOpen: openMenu === posKey(p), onMenuChange: h.onMenuChange, onMenuClosed: h.onMenuClosed }
  }

  return (
    <GridDragSource className="board-scroll" subjectAt={subjectAt}>
      <table
        role="grid"
        className="bed-board"
        data-date={board.date}
        aria-label="Beds and sessions"
        aria-rowcount={beds.length + 1}
        aria-colcount={sessions.length + 1}
        onKeyDown={onKeyDown}
      >
        <colgroup>
          <col className="bed-col" />
          {sessions.map((s) => (
            <col key={s.id} />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th className="corner" scope="col">
              <Text size="xs" c="dimmed">
                Bed
              </Text>
            </th>
            {sessions.map((s, c) => (
              <SessionHeader
                key={s.id}
                session={s}
                ended={isEnded(s)}
                col={c}
                verdict={subject ? verdictFor({ scheduleSessionId: s.id, bedId: null }) : null}
                active={row === 0 && col === c}
                pickedKey={pickedKey}
                hasMenu={sessionEntries(s).length > 0}
                menuEntries={handlersAt({ row: 0, col: c }).entries}
                {...menuProps({ row: 0, col: c })}
                onDrop={stable.onDrop}
                registerRef={handlersAt({ row: 0, col: c }).register}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {beds.map((bed, i) => (
            <tr key={bed.id} data-testid={`bed-row-${bed.code}`}>
              <th scope="row" className="bed-head">
                <BedLabel bed={bed} />
              </th>
              {sessions.map((s, c) => {
                const cell = s.cells.find((x) => x.bedId === bed.id)
                const p = { row: i + 1, col: c }
                return (
                  <BoardCellView
                    key={s.id}
                    session={s}
                    bed={bed}
                    cell={cell}
                    row={p.row}
                    col={c}
                    active={row === p.row && col === c}
                    pickedKey={pickedKey}
                    hasMenu={cellEntries(s, bed, cell).length > 0}
                    menuEntries={handlersAt(p).entries}
                    {...menuProps(p)}
                    onPick={stable.onPick}
                    onDrop={stable.onDrop}
                    registerRef={handlersAt(p).register}
                  />
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </GridDragSource>
  )
}

const BedLabel = memo(function BedLabel({ bed }: { bed: Bed }) {
  return (
    <div>
      <Text fw={700} size="sm">
        {bed.code}
      </Text>
      <Group gap={4} mt={2}>
        {bed.isolation && (
          <Badge size="xs" color="orange" variant="light" title="Isolation bed: hepatitis B positive patients only">
            Isolation
          </Badge>
        )}
        {!bed.inService && (
          <Badge size="xs" color="gray" variant="filled">
            Out of service
          </Badge>
        )}
        {!bed.active && (
          <Badge size="xs" color="gray" variant="outline">
            Retired
          </Badge>
        )}
      </Group>
    </div>
  )
})
