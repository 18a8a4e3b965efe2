/**
 * Setting the days a patient comes every week: each weekday on or off, the
 * session on it (from that weekday's weekly sessions), an optional preferred
 * bed, and the date it holds from. Saving says what it did to the bookings.
 */
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useState, type FormEvent } from 'react'
import { WEEKDAYS, type Weekday } from '../../src-shared/dates'
import type { Bed, Patient, SessionTemplate, StandingSlot } from '../../src-shared/model'
import { todayLocal, useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'
import { patternToEdit } from '../standing/from-this-date-on'
import { OutcomeThenClose } from '../standing/outcome-view'
import { describeStandingChange, type Outcome, weekdayName } from '../standing/standing-words'
import { initialRows, type Row, type Rows, slotsOf, templatesOn } from './editor-rows'

interface StandingEditorProps {
  patient: Patient
  slots: StandingSlot[]
  opened: boolean
  onClose: () => void
}

export function StandingEditor({ patient, slots, opened, onClose }: StandingEditorProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={`Weekly schedule of ${patient.fullName}`} size="xl" centered>
      {/* Remounted on each opening: the rows start from what is saved. */}
      {opened && <EditorBody patient={patient} slots={slots} onClose={onClose} />}
    </Modal>
  )
}

function EditorBody({ patient, slots, onClose }: Omit<StandingEditorProps, 'opened'>) {
  const templates = useDeskQuery('template.list', {}, { tables: ['sessions'] })
  const beds = useDeskQuery('bed.list', {}, { tables: ['beds'] })
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  if (outcome) {
    return <OutcomeThenClose outcome={outcome} testId="standing-outcome" onClose={onClose} />
  }
  if (!templates.data || !beds.data) return null
  if (templates.data.length === 0) {
    return (
      <Text size="sm">
        The clinic has no weekly sessions yet. Add them under <a href="#/setup?tab=sessions">Setup → Weekly sessions</a>{' '}
        first.
      </Text>
    )
  }
  return (
    <EditorForm
      patient={patient}
      slots={slots}
      templates={templates.data}
      beds={beds.data}
      onSaved={setOutcome}
      onClose={onClose}
    />
  )
}

interface EditorFormProps {
  patient: Patient
  slots: StandingSlot[]
  templates: SessionTemplate[]
  beds: Bed[]
  onSaved: (o: Outcome) => void
  onClose: () => void
}

function EditorForm({ patient, slots, templates, beds, onSaved, onClose }: EditorFormProps) {
  const write = useDeskWrite()
  const format = useFormat()
  const today = todayLocal()
  // A visitor's places hold for the visit only.
  const [from, setFrom] = useState(
    patient.kind === 'visiting' && patient.visitFrom && patient.visitFrom > today ? patient.visitFrom : today,
  )
  const [until, setUntil] = useState<string | null>(patient.kind === 'visiting' ? patient.visitUntil : null)
  const [rows, setRows] = useState<Rows>(() =>
    initialRows(patternToEdit(slots, today), templates, patient.preferredShift),
  )
  const [busy, setBusy] = useState(false)
  const chosen = slotsOf(rows)
  const ending = chosen.length === 0
  const setRow = (weekday: Weekday, change: Partial<Row>) =>
    setRows((r) => ({ ...r, [weekday]: { ...r[weekday], ...change } }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const r = await write('standing.set', { patientId: patient.id, from, until, slots: chosen })
    setBusy(false)
    if (r.ok) onSaved(describeStandingChange(r.value, format))
  }

  const bedOptions = [
    { value: '', label: 'Any free bed' },
    ...beds
      .filter((b) => b.active)
      .map((b) => ({ value: String(b.id), label: b.isolation ? `${b.code} (isolation)` : b.code })),
  ]
  return (
    <form onSubmit={submit} aria-label="Weekly schedule">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Tick the days {patient.fullName} comes every week and choose the session on each. The desk books them into
          every dated session, on the preferred bed when it is free.
        </Text>
        <Table verticalSpacing={4} withRowBorders={false} data-testid="standing-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>Day</Table.Th>
              <Table.Th>Session</Table.Th>
              <Table.Th w={220}>Preferred bed</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {WEEKDAYS.map((weekday) => {
              const day = templatesOn(templates, weekday)
              const row = rows[weekday]
              const name = weekdayName(weekday)
              return (
                <Table.Tr key={weekday}>
                  <Table.Td>
                    <Checkbox
                      label={name}
                      checked={row.on}
                      disabled={day.length === 0}
                      onChange={(e) => setRow(weekday, { on: e.currentTarget.checked })}
                    />
                  </Table.Td>
                  {day.length === 0 ? (
                    <Table.Td colSpan={2}>
                      <Text size="xs" c="dimmed">
                        No sessions on {name}s
                      </Text>
                    </Table.Td>
                  ) : (
                    <>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`${name} session`}
                          size="xs"
                          data={day.map((t) => ({
                            value: String(t.id),
                            label: `${t.startTime}–${t.endTime}${t.label ? ` ${t.label}` : ''}`,
                          }))}
                          value={String(row.templateId ?? '')}
                          disabled={!row.on}
                          onChange={(e) => setRow(weekday, { templateId: Number(e.currentTarget.value) })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <NativeSelect
                          aria-label={`${name} bed`}
                          size="xs"
                          data={bedOptions}
                          value={row.bedId === null ? '' : String(row.bedId)}
                          disabled={!row.on}
                          onChange={(e) =>
                            setRow(weekday, {
                              bedId: e.currentTarget.value === '' ? null : Number(e.currentTarget.value),
                            })
                          }
                        />
                      </Table.Td>
                    </>
                  )}
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
        <Group align="flex-end" gap="sm">
          <DatePickerInput
            label="From"
            value={from}
            onChange={(v) => v && setFrom(String(v).slice(0, 10))}
            valueFormat={format.pattern}
            minDate={today}
            w={150}
            allowDeselect={false}
          />
          <DatePickerInput
            label="Until (optional)"
            value={until}
            onChange={(v) => setUntil(v ? String(v).slice(0, 10) : null)}
            valueFormat={format.pattern}
            minDate={from}
            clearable
            placeholder="Runs on"
            w={170}
          />
          <Text size="xs" c="dimmed" style={{ flex: 1 }}>
            Bookings before {format.date(from)} stay as they are. Later ones follow the new days; changes made by hand
            for one date are kept.
          </Text>
        </Group>
        {ending && slots.length > 0 && (
          <Alert color="orange" p="xs">
            No day is ticked: saving ends the weekly schedule from {format.date(from)} and cancels the weekly bookings
            from then on.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button
            type="submit"
            loading={busy}
            color={ending ? 'red' : undefined}
            disabled={ending && slots.length === 0}
          >
            {ending ? 'End weekly schedule' : 'Save weekly schedule'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
