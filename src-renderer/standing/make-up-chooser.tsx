/**
 * Rebooking one lost treatment (a cancelled session, a bed gone out of
 * service, a missed treatment): the nearest sessions before and after with a
 * free bed the rules allow, each with what it does to the patient's gaps.
 */
import { Button, Group, Loader, Radio, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useState } from 'react'
import type { MakeUpOption } from '../../src-shared/contract/standing-methods'
import type { DeskWrite } from '../data/desk-context'
import { undoBooking } from '../data/undo-steps'
import { useDeskQuery } from '../data/use-desk-query'
import { bookingLine, makeUpOptionLine, type Words } from './standing-words'

export interface MakeUpRequest {
  appointmentId: number
  patientName: string
  /** "Wed 14/01/2026 06:00–10:00" */
  lostLabel: string
  write: DeskWrite
  words: Words
}

/** Opens the chooser; it closes itself once the make-up is booked. */
export function openMakeUp(request: MakeUpRequest): void {
  const id = modals.open({
    title: `Make-up session for ${request.patientName}`,
    centered: true,
    size: 'lg',
    children: <MakeUpChooser request={request} onDone={() => modals.close(id)} />,
  })
}

const TABLES = ['appointments', 'schedule_sessions', 'session_beds', 'beds'] as const

function MakeUpChooser({ request, onDone }: { request: MakeUpRequest; onDone: () => void }) {
  const { appointmentId, patientName, lostLabel, write, words } = request
  const q = useDeskQuery('makeup.options', { appointmentId }, { tables: TABLES })
  const [chosen, setChosen] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (q.error) return <Text c="red">{q.error.message}</Text>
  if (!q.data) return <Loader size="sm" aria-label="Looking for sessions with room" />

  // After first: a treatment later in the week is the usual make-up.
  const options = [...q.data.after, ...q.data.before]
  const key = (o: MakeUpOption) => String(o.scheduleSessionId)
  const selected = options.find((o) => key(o) === chosen) ?? options[0]

  const book = async () => {
    if (!selected) return
    setBusy(true)
    const r = await write(
      'makeup.book',
      { forAppointmentId: appointmentId, scheduleSessionId: selected.scheduleSessionId, bedId: selected.bedId },
      {
        undo: (v) => undoBooking(v.appointment),
        done: (v) => `Booked ${patientName}: ${bookingLine(v.appointment, words)}, making up for ${lostLabel}.`,
      },
    )
    setBusy(false)
    if (r.ok) onDone()
  }

  return (
    <Stack gap="sm" data-testid="make-up-chooser">
      <Text size="sm">
        {patientName} lost the treatment of {lostLabel}. The nearest sessions with a free bed the rules allow:
      </Text>
      {options.length === 0 ? (
        <Text size="sm" c="orange.9">
          No session within a week either side has a free bed the rules allow. Book one by hand on the Board, or close
          this with a reason.
        </Text>
      ) : (
        <Radio.Group
          value={selected ? key(selected) : null}
          onChange={setChosen}
          aria-label="Make-up session"
          name="make-up"
        >
          <Stack gap={6}>
            <OptionGroup title="After" options={q.data.after} words={words} />
            <OptionGroup title="Before" options={q.data.before} words={words} />
          </Stack>
        </Radio.Group>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          Back
        </Button>
        <Button onClick={() => void book()} disabled={!selected} loading={busy} data-autofocus>
          Book make-up
        </Button>
      </Group>
    </Stack>
  )
}

function OptionGroup({ title, options, words }: { title: string; options: MakeUpOption[]; words: Words }) {
  if (options.length === 0) return null
  return (
    <div>
      <Text size="xs" c="dimmed" fw={700} mb={2}>
        {title}
      </Text>
      <Stack gap={6}>
        {options.map((o) => (
          <Radio
            key={o.scheduleSessionId}
            value={String(o.scheduleSessionId)}
            label={makeUpOptionLine(o, words)}
            description={o.warnings.length > 0 ? o.warnings.join(' ') : undefined}
            styles={{ description: { color: 'var(--mantine-color-orange-9)' } }}
          />
        ))}
      </Stack>
    </div>
  )
}
