/**
 * What needs a decision on the day shown: patients the desk could not place
 * (a weekly place with no free bed, a bed out of service, a cancelled
 * session), each with a way to rebook or close it; and waiting patients who
 * fit a place that is free today.
 */
import { Badge, Button, Group, Stack, Text, Title } from '@mantine/core'
import type { Conflict, DayBoard, WaitingEntry } from '../../src-shared/model'
import type { WaitingMatch } from '../../src-shared/contract/standing-methods'
import { desk } from '../api/desk'
import { SHIFT_OPTIONS, labelOf } from '../common/options'
import { askReason } from '../common/prompts'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { showRefusal } from '../data/notify'
import { undoBooking } from '../data/undo-steps'
import { useDeskQuery } from '../data/use-desk-query'
import { openMakeUp } from '../standing/make-up-chooser'
import { conflictKindUnlessSaid, sessionLine } from '../standing/standing-words'
import type { Subject } from './drag-subject'
import { activeAppointments } from './drop-rules'

const TABLES = [
  'conflicts',
  'waiting_list',
  'appointments',
  'schedule_sessions',
  'session_beds',
  'standing_slots',
  'patients',
] as const

interface DayDecisionsProps {
  board: DayBoard
  isEnded: (s: DayBoard['sessions'][number]) => boolean
  /** Picks a patient up to place by hand, as from the search. */
  onPick: (s: Subject) => void
}

export function DayDecisions({ board, isEnded, onPick }: DayDecisionsProps) {
  const q = useDeskQuery(
    'conflict.day',
    { date: board.date },
    { tables: TABLES, dates: { from: board.date, to: board.date } },
  )
  const open = new Set(board.sessions.filter((s) => !isEnded(s)).map((s) => s.id))
  const bookedToday = new Set(board.sessions.flatMap((s) => activeAppointments(s).map((a) => a.patientId)))
  const conflicts = q.data?.conflicts ?? []
  // Only places that can still be taken (a session already over is no offer), for patients not already booked that day.
  const waiting = byPatient((q.data?.waiting ?? []).filter((m) => open.has(m.scheduleSessionId))).filter(
    (w) => !bookedToday.has(w.entry.patientId),
  )
  const count = conflicts.length + waiting.length
  return (
    <section aria-labelledby="decisions-title" className="decisions" data-testid="day-decisions">
      <Group justify="space-between" mb={4}>
        <Title order={2} size="h6" id="decisions-title">
          To decide
        </Title>
        {count > 0 && (
          <Badge color="orange" size="sm" className="badge-plain">
            {count}
          </Badge>
        )}
      </Group>
      {q.data && count === 0 && (
        <Text size="xs" c="dimmed">
          Nothing to decide on this day.
        </Text>
      )}
      {count > 0 && (
        <Stack gap={6} className="decisions-list" role="list" aria-label="To decide">
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} onPick={onPick} />
          ))}
          {waiting.map((w) => (
            <WaitingCard key={w.entry.id} entry={w.entry} places={w.places} />
          ))}
        </Stack>
      )}
    </section>
  )
}

function ConflictCard({ conflict: c, onPick }: { conflict: Conflict; onPick: (s: Subject) => void }) {
  const write = useDeskWrite()
  const format = useFormat()
  const rebook = async () => {
    if (c.appointmentId === null) return
    const lost = await desk.invoke('appointment.get', { id: c.appointmentId })
    if (!lost.ok) return showRefusal(lost.error)
    openMakeUp({
      appointmentId: c.appointmentId,
      patientName: c.patientName,
      lostLabel: sessionLine(lost.value, format),
      write,
      words: format,
    })
  }
  const placeByHand = async () => {
    const p = await desk.invoke('patient.get', { id: c.patientId })
    if (!p.ok) return showRefusal(p.error)
    onPick({ kind: 'patient', patient: p.value })
  }
  const close = async () => {
    const resolution = await askReason({
      title: `Close: ${c.patientName}`,
      intro: c.reason,
      label: 'What was decided (e.g. patient will come tomorrow)',
      confirm: 'Close it',
    })
    if (resolution)
      await write(
        'conflict.resolve',
        { id: c.id, resolution },
        { done: `Closed: ${c.patientName}, ${format.day(c.date)}.` },
      )
  }
  return (
    <div role="listitem" className="decision-card" data-testid="conflict" data-kind={c.kind}>
      <Text size="sm" fw={700} lineClamp={1} title={c.patientName}>
        {c.patientName}
      </Text>
      <Text size="xs" c="dimmed">
        {[c.clinicNumber, conflictKindUnlessSaid(c)].filter(Boolean).join(' · ')}
      </Text>
      <Text size="xs" mt={2}>
        {c.reason}
      </Text>
      <Group gap={4} mt={4}>
        {c.appointmentId !== null ? (
          <Button size="compact-xs" onClick={() => void rebook()} aria-label={`Rebook ${c.patientName}`}>
            Rebook…
          </Button>
        ) : (
          <Button
            size="compact-xs"
            onClick={() => void placeByHand()}
            aria-label={`Place ${c.patientName} by hand`}
            title="Pick the patient up, then choose a bed"
          >
            Place by hand
          </Button>
        )}
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => void close()}
          aria-label={`Close ${c.patientName}'s conflict`}
        >
          Close…
        </Button>
      </Group>
    </div>
  )
}

interface WaitingOffer {
  entry: WaitingEntry
  places: { scheduleSessionId: number; startTime: string; free: number }[]
}

/** One card per waiting patient, with each session of the day that has a place they fit. */
function byPatient(matches: WaitingMatch[]): WaitingOffer[] {
  const offers = new Map<number, WaitingOffer>()
  for (const m of matches) {
    for (const entry of m.waiting) {
      const offer = offers.get(entry.id) ?? { entry, places: [] }
      offer.places.push({ scheduleSessionId: m.scheduleSessionId, startTime: m.startTime, free: m.free })
      offers.set(entry.id, offer)
    }
  }
  return [...offers.values()]
}

function WaitingCard({ entry, places }: WaitingOffer) {
  const write = useDeskWrite()
  const book = (p: WaitingOffer['places'][number]) =>
    void write(
      'appointment.book',
      { scheduleSessionId: p.scheduleSessionId, patientId: entry.patientId, bedId: null },
      {
        undo: (v) => undoBooking(v.appointment),
        done: `Booked ${entry.patientName} into the ${p.startTime} session; put them on a bed from “Not on a bed yet”.`,
      },
    )
  return (
    <div role="listitem" className="decision-card" data-testid="waiting-offer">
      <Text size="sm" fw={700} lineClamp={1} title={entry.patientName}>
        {entry.patientName}
      </Text>
      <Text size="xs" c="dimmed">
        {entry.clinicNumber} · waiting for {entry.weekdays.join('/')},{' '}
        {labelOf(SHIFT_OPTIONS, entry.shift).toLowerCase()}
      </Text>
      <Group gap={4} mt={4}>
        {places.map((p) => (
          <Button
            key={p.scheduleSessionId}
            size="compact-xs"
            variant="light"
            onClick={() => book(p)}
            aria-label={`Book ${entry.patientName} at ${p.startTime}`}
          >
            Book {p.startTime} ({p.free} free)
          </Button>
        ))}
      </Group>
    </div>
  )
}
