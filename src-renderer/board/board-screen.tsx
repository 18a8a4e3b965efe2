/**
 * The home screen: one day of beds and sessions. Patients are placed by
 * dragging, or by picking them up (click, Enter or Space) and putting them
 * down on a cell; the desk decides, and a refusal changes nothing.
 */
import { Button, Group, Loader, Stack, Text } from '@mantine/core'
import { DndContext, DragOverlay, pointerWithin, useSensor, useSensors, type DragStartEvent } from '@dnd-kit/core'
import { useCallback, useEffect, useMemo, useRef, useState, startTransition } from 'react'
import { addDays, isValidDate } from '../../src-shared/dates'
import type { AppointmentView, BoardSession } from '../../src-shared/model'
import { todayLocal, useFormat } from '../common/use-format'
import { useNow } from '../common/use-now'
import { useCenter } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'
import { navigate } from '../routing/use-route'
import { useAppointmentActions } from './appointment-actions'
import { BedBoard } from './bed-board'
import { withAppointment } from './board-patch'
import { DateNav } from './date-nav'
import { DayDecisions } from './day-decisions'
import { type Subject, subjectKey, type Target, targetKey } from './drag-subject'
import { predictDrop, type Verdict } from './drop-rules'
import { GettingStarted, useSetupProgress } from './getting-started'
import { DragSourceSensor, targetAt } from './grid-drag'
import { KeyboardHelp } from './keyboard-help'
import { NoSessionsToday } from './no-sessions'
import { PickStatus } from './pick-status'
import { PrintRosterButton } from './print-roster'
import { SidePanel } from './side-panel'
import { DragPreview } from './subject-cards'
import { useBoardMenus } from './use-board-menus'
import { useReachPlacement } from './use-reach-placement'

const BOARD_TABLES = ['schedule_sessions', 'session_beds', 'appointments', 'beds', 'patients', 'doctors'] as const

function isTextField(el: EventTarget | null): boolean {
  return el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))
}

export function BoardScreen({ params }: { params: Record<string, string> }) {
  const today = todayLocal()
  const date = params.date && isValidDate(params.date) ? params.date : today
  const setDate = useCallback((d: string) => navigate('board', { date: d }), [])
  const center = useCenter()
  const format = useFormat()
  const now = useNow()
  const appointmentActions = useAppointmentActions()
  const progress = useSetupProgress()
  const board = useDeskQuery('board.day', { date }, { tables: BOARD_TABLES, dates: { from: date, to: date } })
  const boardRef = useRef(board.data)
  boardRef.current = board.data
  // What a drop changed is drawn from the desk's answer, before the day is read again.
  const { mutate } = board
  const showPlaced = useCallback((a: AppointmentView) => mutate((b) => withAppointment(b, a)), [mutate])
  // A standing booking moved within its day asks first: this date only, or from this date on.
  const place = useReachPlacement(board.data, showPlaced)

  const [picked, setPicked] = useState<Subject | null>(null)
  const [dragging, setDragging] = useState<Subject | null>(null)
  const [overTarget, setOverTarget] = useState<Target | null>(null)
  const [activeTarget, setActiveTarget] = useState<Target | null>(null)
  const [focusRequest, setFocusRequest] = useState(0)
  const [query, setQuery] = useState('')
  const searchRef = useRef<HTMLInputElement | null>(null)
  const subject = dragging ?? picked
  const data = board.data

  const isEnded = useCallback(
    (s: BoardSession) => s.date < now.date || (s.date === now.date && s.endTime <= now.time),
    [now],
  )
  const verdictFor = useCallback(
    (t: Target): Verdict | null =>
      subject && board.data ? predictDrop(board.data, subject, t, { now, isolationRule: center.isolationRule }) : null,
    [subject, board.data, now, center.isolationRule],
  )

  const pick = useCallback(
    (s: Subject) => setPicked((prev) => (prev && subjectKey(prev) === subjectKey(s) ? null : s)),
    [],
  )
  const pickFromPanel = useCallback(
    (s: Subject) => {
      const again = picked !== null && subjectKey(picked) === subjectKey(s)
      pick(s)
      // Picked from the side panel: the next thing to do is choose a cell, so the focus goes to the grid.
      if (!again) setFocusRequest((n) => n + 1)
    },
    [pick, picked],
  )

  const drop = useCallback(
    async (target: Target) => {
      if (!picked) return
      const verdict = verdictFor(target)
      if (verdict && !verdict.ok && verdict.here) return setPicked(null)
      // Sent even when the prediction says no: the desk's own sentence is what the user should read.
      if (await place(picked, target)) setPicked(null)
    },
    [picked, place, verdictFor],
  )

  // A picked patient stays picked across days, so an appointment can move to another date.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (
        e.defaultPrevented ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        isTextField(e.target) ||
        document.querySelector('[role="dialog"]')
      )
        return
      if (e.key === '/') {
        e.preventDefault()
        searchRef.current?.focus()
      } else if (e.key === 'PageUp') {
        e.preventDefault()
        setDate(addDays(date, -1))
      } else if (e.key === 'PageDown') {
        e.preventDefault()
        setDate(addDays(date, 1))
      } else if (e.key === 't' || e.key === 'T') {
        setDate(todayLocal())
      } else if (e.key === 'Escape' && picked) {
        setPicked(null)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [date, setDate, picked])

  const sensors = useSensors(useSensor(DragSourceSensor, { activationConstraint: { distance: 6 } }))
  // Where a drag is: the cell under the pointer, read from the page at each move (grid-drag.tsx).
  const over = useRef<{ target: Target | null; stop: () => void } | null>(null)
  const followPointer = () => {
    const onMove = (e: PointerEvent) => {
      const day = boardRef.current
      const t = day ? targetAt(day, e.clientX, e.clientY) : null
      if (!over.current || (t ? targetKey(t) : '') === (over.current.target ? targetKey(over.current.target) : ''))
        return
      over.current.target = t
      setOverTarget(t)
    }
    window.addEventListener('pointermove', onMove, true)
    over.current = { target: null, stop: () => window.removeEventListener('pointermove', onMove, true) }
  }
  const stopFollowing = (): Target | null => {
    const t = over.current?.target ?? null
    over.current?.stop()
    over.current = null
    return t
  }
  useEffect(() => () => void stopFollowing(), [])
  const onDragStart = (e: DragStartEvent) => {
    const s = (e.active.data.current as { subject?: Subject | null } | undefined)?.subject
    if (s) {
      setPicked(null)
      setDragging(s)
      followPointer()
    }
  }
  const onDragEnd = () => {
    const s = dragging
    const target = stopFollowing()
    // Putting the grid's look back (160 cells restyled and repainted) is not urgent: it waits
    // until the change has come back from the desk and been drawn, which is what the person is
    // waiting to see. Only this drag's look is put back: another may have started meanwhile.
    const settle = () =>
      requestAnimationFrame(() =>
        setTimeout(() =>
          startTransition(() => {
            setDragging((d) => (d === s ? null : d))
            setOverTarget(null)
          }),
        ),
      )
    if (!s || !target) return settle()
    const verdict = board.data ? predictDrop(board.data, s, target, { now, isolationRule: center.isolationRule }) : null
    if (verdict && !verdict.ok && verdict.here) return settle()
    void place(s, target).finally(settle)
  }
  const onDragCancel = () => {
    stopFollowing()
    setDragging(null)
    setOverTarget(null)
  }

  const { cellEntries, sessionEntries } = useBoardMenus({ picked, drop, pick, isEnded, today })

  const appointmentEntries = useCallback(
    (a: BoardSession['unassigned'][number], ctx: { ended: boolean; onPick?: () => void }) =>
      appointmentActions(a, { today, ...ctx }),
    [appointmentActions, today],
  )

  const overVerdict = dragging && overTarget ? verdictFor(overTarget) : null
  const activeVerdict = picked && activeTarget ? verdictFor(activeTarget) : null
  const activeWhere = useMemo(() => {
    if (!activeTarget || !board.data) return null
    const s = board.data.sessions.find((x) => x.id === activeTarget.scheduleSessionId)
    const bed = board.data.beds.find((b) => b.id === activeTarget.bedId)
    return s ? `${bed ? bed.code : 'No bed yet'}, ${s.startTime}–${s.endTime}` : null
  }, [activeTarget, board.data])

  const setupDone = progress.beds && progress.templates && progress.sessions && progress.patients
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerWithin}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={onDragCancel}
      accessibility={{
        screenReaderInstructions: {
          draggable:
            'Press Enter or Space to pick up this patient, then move to a bed with the arrow keys and press Enter to put them there. Escape puts them back.',
        },
      }}
    >
      <div className="board-layout">
        <div className="board-main">
          <Group justify="space-between" wrap="nowrap" mb={6}>
            <DateNav date={date} today={today} onDate={setDate} />
            <Group gap={4} wrap="nowrap">
              {data && data.sessions.length > 0 && <PrintRosterButton date={date} sessions={data.sessions} />}
              <KeyboardHelp />
            </Group>
          </Group>
          <PickStatus
            picked={picked}
            where={activeWhere}
            verdict={activeVerdict}
            onCancel={() => setPicked(null)}
            dateLabel={format.day}
          />
          {progress.loaded && !setupDone && <GettingStarted progress={progress} />}
          {!data ? (
            <Stack align="center" mt="xl">
              {board.error ? <Text c="red">{board.error.message}</Text> : <Loader aria-label="Loading the board" />}
            </Stack>
          ) : data.sessions.length === 0 ? (
            <NoSessionsToday date={date} hasBeds={data.beds.length > 0} />
          ) : (
            <BedBoard
              board={data}
              isEnded={isEnded}
              verdictFor={verdictFor}
              subject={subject}
              picked={picked}
              overTarget={overTarget}
              onPick={pick}
              onCancelPick={() => setPicked(null)}
              onDrop={(t) => void drop(t)}
              focusRequest={focusRequest}
              onActiveChange={setActiveTarget}
              cellEntries={cellEntries}
              sessionEntries={sessionEntries}
            />
          )}
          {data && data.sessions.length > 0 && data.beds.length === 0 && (
            <Group mt="md">
              <Text size="sm">This day has sessions but the clinic has no beds yet.</Text>
              <Button size="xs" variant="light" onClick={() => navigate('setup', { tab: 'beds' })}>
                Add beds
              </Button>
            </Group>
          )}
        </div>
        {data && (
          <SidePanel
            board={data}
            query={query}
            onQuery={setQuery}
            picked={picked}
            onPick={pickFromPanel}
            searchRef={searchRef}
            appointmentEntries={appointmentEntries}
            isEnded={isEnded}
            decisions={
              data.sessions.length > 0 ? (
                <DayDecisions board={data} isEnded={isEnded} onPick={pickFromPanel} />
              ) : undefined
            }
          />
        )}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragging && (
          <DragPreview
            subject={dragging}
            hint={
              overVerdict ? (overVerdict.ok ? (overVerdict.warning ?? 'Drop to place here') : overVerdict.reason) : null
            }
            refused={!!overVerdict && !overVerdict.ok}
          />
        )}
      </DragOverlay>
    </DndContext>
  )
}
