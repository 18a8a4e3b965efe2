/** Putting a patient on the waiting list: the days and the shift they need, for when a place frees up. */
import { Button, Chip, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { WEEKDAYS, type Weekday } from '../../src-shared/dates'
import type { Patient, PreferredShift } from '../../src-shared/model'
import { SHIFT_OPTIONS } from '../common/options'
import { useDeskWrite } from '../data/desk-context'
import { weekdayName } from '../standing/standing-words'

export function WaitingListForm({
  patient,
  opened,
  onClose,
}: {
  patient: Patient
  opened: boolean
  onClose: () => void
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Put ${patient.fullName} on the waiting list`} centered size="lg">
      {opened && <WaitingFields patient={patient} onClose={onClose} />}
    </Modal>
  )
}

function WaitingFields({ patient, onClose }: { patient: Patient; onClose: () => void }) {
  const write = useDeskWrite()
  const [weekdays, setWeekdays] = useState<string[]>([])
  const [shift, setShift] = useState<PreferredShift>(patient.preferredShift)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (weekdays.length === 0) return setError('Choose at least one day.')
    const days = WEEKDAYS.filter((d) => weekdays.includes(d)) satisfies Weekday[]
    const r = await write(
      'waiting.add',
      { patientId: patient.id, weekdays: days, shift, note },
      { done: `${patient.fullName} is on the waiting list.` },
    )
    if (r.ok) onClose()
  }
  return (
    <form onSubmit={submit} aria-label="Waiting list">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          When a place that fits frees up, the Board shows {patient.fullName} under “To decide”.
        </Text>
        <div>
          <Text size="sm" fw={500} mb={4} id="waiting-days">
            Days needed
          </Text>
          <Chip.Group
            multiple
            value={weekdays}
            onChange={(v) => {
              setWeekdays(v)
              setError(null)
            }}
          >
            <Group gap={6} role="group" aria-labelledby="waiting-days">
              {WEEKDAYS.map((d) => (
                <Chip key={d} value={d} size="sm">
                  {weekdayName(d)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          {error && (
            <Text size="xs" c="red" mt={4} role="alert">
              {error}
            </Text>
          )}
        </div>
        <NativeSelect
          label="Shift"
          data={SHIFT_OPTIONS}
          value={shift}
          onChange={(e) => setShift(e.currentTarget.value as PreferredShift)}
          w={200}
        />
        <TextInput
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit">Put on the waiting list</Button>
        </Group>
      </Stack>
    </form>
  )
}
