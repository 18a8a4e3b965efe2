/**
 * On the patient's page: the days they come every week (their standing
 * schedule), the way to change it, and their place on the waiting list.
 */
import { Button, Group, Paper, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { Patient } from '../../src-shared/model'
import { labelOf, SHIFT_OPTIONS } from '../common/options'
import { askReason } from '../common/prompts'
import { todayLocal, useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'
import { slotLine } from '../standing/standing-words'
import { StandingEditor } from './standing-editor'
import { WaitingListForm } from './waiting-list-form'

export function StandingSchedule({ patient }: { patient: Patient }) {
  const format = useFormat()
  const write = useDeskWrite()
  const today = todayLocal()
  const slots = useDeskQuery(
    'standing.list',
    { patientId: patient.id },
    { tables: ['standing_slots', 'sessions', 'beds'] },
  )
  const waiting = useDeskQuery('waiting.list', {}, { tables: ['waiting_list', 'patients'] })
  const [editing, setEditing] = useState(false)
  const [addingWaiting, setAddingWaiting] = useState(false)
  const entry = waiting.data?.find((w) => w.patientId === patient.id) ?? null
  const list = slots.data ?? []

  const takeOff = async () => {
    if (!entry) return
    const resolution = await askReason({
      title: `Take ${patient.fullName} off the waiting list`,
      label: 'Why (e.g. has a weekly place now)',
      confirm: 'Take off the list',
    })
    if (resolution)
      await write(
        'waiting.resolve',
        { id: entry.id, resolution },
        { done: `${patient.fullName} is off the waiting list.` },
      )
  }

  return (
    <Paper withBorder p="sm" mt="md" data-testid="standing-schedule" aria-labelledby="weekly-title" component="section">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h5" id="weekly-title">
            Weekly schedule
          </Title>
          {slots.data && list.length === 0 && (
            <Text size="sm" c="dimmed">
              None: each session is booked by hand. Set the days {patient.fullName} comes every week and the desk books
              them.
            </Text>
          )}
          {list.length > 0 && (
            <ul className="plain-list" aria-label="Weekly places" data-testid="standing-slots">
              {list.map((s) => (
                <li key={s.id}>
                  <Text size="sm">{slotLine(s, format, today)}</Text>
                </li>
              ))}
            </ul>
          )}
        </div>
        {patient.active && (
          <Button size="xs" variant="light" onClick={() => setEditing(true)}>
            {list.length > 0 ? 'Change weekly schedule…' : 'Set weekly schedule…'}
          </Button>
        )}
      </Group>
      <Group justify="space-between" mt="xs" gap="xs">
        {entry ? (
          <>
            <Text size="sm" data-testid="waiting-status">
              On the waiting list since {format.instant(entry.createdAt).slice(0, 10)} for {entry.weekdays.join('/')},{' '}
              {labelOf(SHIFT_OPTIONS, entry.shift).toLowerCase()}
              {entry.note ? ` (${entry.note})` : ''}.
            </Text>
            <Button size="xs" variant="default" onClick={() => void takeOff()}>
              Take off the waiting list…
            </Button>
          </>
        ) : (
          patient.active &&
          waiting.data && (
            <>
              <Text size="sm" c="dimmed">
                Not on the waiting list.
              </Text>
              <Button size="xs" variant="default" onClick={() => setAddingWaiting(true)}>
                Put on the waiting list…
              </Button>
            </>
          )
        )}
      </Group>
      <StandingEditor patient={patient} slots={list} opened={editing} onClose={() => setEditing(false)} />
      <WaitingListForm patient={patient} opened={addingWaiting} onClose={() => setAddingWaiting(false)} />
    </Paper>
  )
}
