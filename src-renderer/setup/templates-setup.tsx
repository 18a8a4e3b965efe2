/**
 * Weekly sessions ("every Monday 06:00-10:00, 10 places, Dr. Silva"). A change
 * reaches only future dated sessions that hold no bookings.
 */
import {
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Weekday } from '../../src-shared/dates'
import type { SessionTemplate } from '../../src-shared/model'
import { labelOf, WEEKDAY_OPTIONS } from '../common/options'
import { useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'
import { useDeskQuery } from '../data/use-desk-query'
import { ListActions } from './list-actions'

function useDoctorOptions() {
  const doctors = useDeskQuery('doctor.list', {}, { tables: ['doctors'] })
  return [
    { value: 'none', label: 'No doctor' },
    ...(doctors.data ?? []).map((d) => ({ value: String(d.id), label: d.fullName })),
  ]
}

export function TemplatesSetup() {
  const templates = useDeskQuery('template.list', { includeInactive: true }, { tables: ['sessions', 'doctors'] })
  const write = useDeskWrite()
  const [editing, setEditing] = useState<SessionTemplate | null>(null)
  return (
    <Stack gap="md" maw={980}>
      <AddTemplate />
      <Paper withBorder>
        <Table data-testid="template-list" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Weekday</Table.Th>
              <Table.Th>Time</Table.Th>
              <Table.Th>Places</Table.Th>
              <Table.Th>Doctor</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {templates.data?.map((t) => (
              <Table.Tr key={t.id} c={t.active ? undefined : 'dimmed'}>
                <Table.Td>{labelOf(WEEKDAY_OPTIONS, t.weekday)}</Table.Td>
                <Table.Td>
                  {t.startTime}–{t.endTime}
                </Table.Td>
                <Table.Td>{t.defaultCapacity}</Table.Td>
                <Table.Td>{t.doctorName ?? '—'}</Table.Td>
                <Table.Td>{t.label}</Table.Td>
                <Table.Td>
                  {t.active ? <Badge variant="light">Running</Badge> : <Badge color="gray">Stopped</Badge>}
                </Table.Td>
                <Table.Td>
                  <ListActions label={`Actions for ${t.weekday} ${t.startTime}`}>
                    <Menu.Item onClick={() => setEditing(t)}>Edit…</Menu.Item>
                    {t.active ? (
                      <Menu.Item
                        color="red"
                        onClick={() =>
                          void write(
                            'template.deactivate',
                            { id: t.id },
                            {
                              done: (r) =>
                                `Stopped. ${r.removedSessions} future dated session${r.removedSessions === 1 ? ' was' : 's were'} removed; those with bookings stay.`,
                            },
                          )
                        }
                      >
                        Stop
                      </Menu.Item>
                    ) : (
                      <Menu.Item
                        onClick={() =>
                          void write(
                            'template.reactivate',
                            { id: t.id },
                            { done: 'Restarted. Generate dated sessions to fill the coming weeks.' },
                          )
                        }
                      >
                        Restart
                      </Menu.Item>
                    )}
                  </ListActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {templates.data?.length === 0 && (
          <Text c="dimmed" size="sm" p="md">
            No weekly sessions yet. Add one per shift and weekday (e.g. Monday 06:00–10:00), then generate the dated
            sessions.
          </Text>
        )}
      </Paper>
      <EditTemplate template={editing} onClose={() => setEditing(null)} />
    </Stack>
  )
}

function AddTemplate() {
  const write = useDeskWrite()
  const doctorOptions = useDoctorOptions()
  const [weekday, setWeekday] = useState<Weekday>('Mon')
  const [startTime, setStart] = useState('')
  const [endTime, setEnd] = useState('')
  const [capacity, setCapacity] = useState<number | string>(10)
  const [doctor, setDoctor] = useState('none')
  const [label, setLabel] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await write(
      'template.create',
      {
        weekday,
        startTime,
        endTime,
        defaultCapacity: Number(capacity),
        doctorId: doctor === 'none' ? null : Number(doctor),
        label,
      },
      { done: `Added ${weekday} ${startTime}–${endTime}.` },
    )
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) {
      setStart('')
      setEnd('')
      setLabel('')
    }
  }
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label="Add a weekly session">
      <Group align="flex-start" gap="sm" wrap="nowrap">
        {/* A native select: typing "Th" picks Thursday without opening anything. */}
        <NativeSelect
          label="Weekday"
          data={WEEKDAY_OPTIONS}
          value={weekday}
          onChange={(e) => setWeekday(e.currentTarget.value as Weekday)}
          w={130}
          error={errors.weekday}
        />
        <TextInput
          label="Starts"
          placeholder="HH:MM"
          value={startTime}
          onChange={(e) => setStart(e.currentTarget.value)}
          error={errors.startTime}
          w={90}
        />
        <TextInput
          label="Ends"
          placeholder="HH:MM"
          value={endTime}
          onChange={(e) => setEnd(e.currentTarget.value)}
          error={errors.endTime}
          w={90}
        />
        <NumberInput
          label="Places"
          min={1}
          max={500}
          value={capacity}
          onChange={setCapacity}
          error={errors.defaultCapacity}
          w={90}
        />
        <Select
          label="Doctor"
          data={doctorOptions}
          value={doctor}
          onChange={(v) => v && setDoctor(v)}
          allowDeselect={false}
          w={180}
        />
        <TextInput
          label="Label"
          placeholder="e.g. Morning"
          value={label}
          onChange={(e) => setLabel(e.currentTarget.value)}
          error={errors.label}
          w={130}
        />
        <Button type="submit" mt={24} style={{ flex: 'none' }}>
          Add session
        </Button>
      </Group>
    </Paper>
  )
}

function EditTemplate({ template, onClose }: { template: SessionTemplate | null; onClose: () => void }) {
  return (
    <Modal
      opened={template !== null}
      onClose={onClose}
      title={template ? `Edit ${labelOf(WEEKDAY_OPTIONS, template.weekday)} ${template.startTime}` : ''}
      centered
    >
      {template && <EditTemplateFields key={template.id} template={template} onClose={onClose} />}
    </Modal>
  )
}

function EditTemplateFields({ template: t, onClose }: { template: SessionTemplate; onClose: () => void }) {
  const write = useDeskWrite()
  const doctorOptions = useDoctorOptions()
  const [startTime, setStart] = useState(t.startTime)
  const [endTime, setEnd] = useState(t.endTime)
  const [capacity, setCapacity] = useState<number | string>(t.defaultCapacity)
  const [doctor, setDoctor] = useState(t.doctorId === null ? 'none' : String(t.doctorId))
  const [label, setLabel] = useState(t.label)
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await write(
      'template.update',
      {
        id: t.id,
        startTime,
        endTime,
        defaultCapacity: Number(capacity),
        doctorId: doctor === 'none' ? null : Number(doctor),
        label,
      },
      {
        done: (v) =>
          `Saved. ${v.updatedSessions} future dated session${v.updatedSessions === 1 ? '' : 's'} without bookings follow the change.`,
      },
    )
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) onClose()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The change reaches future dated sessions that hold no bookings; booked ones keep what patients were told.
        </Text>
        <Group grow>
          <TextInput
            label="Starts"
            value={startTime}
            onChange={(e) => setStart(e.currentTarget.value)}
            error={errors.startTime}
            data-autofocus
          />
          <TextInput
            label="Ends"
            value={endTime}
            onChange={(e) => setEnd(e.currentTarget.value)}
            error={errors.endTime}
          />
          <NumberInput
            label="Places"
            min={1}
            max={500}
            value={capacity}
            onChange={setCapacity}
            error={errors.defaultCapacity}
          />
        </Group>
        <Select
          label="Doctor"
          data={doctorOptions}
          value={doctor}
          onChange={(v) => v && setDoctor(v)}
          allowDeselect={false}
        />
        <TextInput label="Label" value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={errors.label} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit">Save</Button>
        </Group>
      </Stack>
    </form>
  )
}
