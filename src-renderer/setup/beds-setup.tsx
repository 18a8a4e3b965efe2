/** The beds: add, rename, isolation, out of service and retirement. */
import { Badge, Button, Checkbox, Group, Menu, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Bed } from '../../src-shared/model'
import { useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'
import { useDeskQuery } from '../data/use-desk-query'
import { BedOutageDialog } from './bed-outage-dialog'
import { BedOutages } from './bed-outages'
import { ListActions } from './list-actions'

export function BedsSetup() {
  const beds = useDeskQuery('bed.list', { includeInactive: true }, { tables: ['beds'] })
  const write = useDeskWrite()
  const [editing, setEditing] = useState<Bed | null>(null)
  const [outOfService, setOutOfService] = useState<Bed | null>(null)
  return (
    <Stack gap="md" maw={900}>
      <AddBed />
      <BedOutages />
      <Paper withBorder>
        <Table data-testid="bed-list" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bed</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Notes</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {beds.data?.map((b) => (
              <Table.Tr key={b.id}>
                <Table.Td fw={700}>{b.code}</Table.Td>
                <Table.Td>
                  {b.isolation ? (
                    <Badge color="orange" variant="light">
                      Isolation
                    </Badge>
                  ) : (
                    <Text size="sm">Normal</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {!b.active ? (
                    <Badge color="gray" variant="outline">
                      Retired
                    </Badge>
                  ) : b.inService ? (
                    <Badge color="teal" variant="light">
                      In service
                    </Badge>
                  ) : (
                    <Badge color="gray">Out of service</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {b.notes}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ListActions label={`Actions for ${b.code}`}>
                    <Menu.Item onClick={() => setEditing(b)}>Edit…</Menu.Item>
                    {b.active && b.inService && (
                      <Menu.Item onClick={() => setOutOfService(b)}>Out of service for a period…</Menu.Item>
                    )}
                    {b.active && b.inService && (
                      <Menu.Item
                        onClick={() =>
                          void write(
                            'bed.setInService',
                            { id: b.id, inService: false },
                            { done: `${b.code} is out of service.` },
                          )
                        }
                      >
                        Take out of service
                      </Menu.Item>
                    )}
                    {b.active && !b.inService && (
                      <Menu.Item
                        onClick={() =>
                          void write(
                            'bed.setInService',
                            { id: b.id, inService: true },
                            { done: `${b.code} is back in service.` },
                          )
                        }
                      >
                        Return to service
                      </Menu.Item>
                    )}
                    {b.active ? (
                      <Menu.Item
                        color="red"
                        onClick={() => void write('bed.deactivate', { id: b.id }, { done: `${b.code} is retired.` })}
                      >
                        Retire
                      </Menu.Item>
                    ) : (
                      <Menu.Item
                        onClick={() => void write('bed.reactivate', { id: b.id }, { done: `${b.code} is back.` })}
                      >
                        Bring back
                      </Menu.Item>
                    )}
                  </ListActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {beds.data?.length === 0 && (
          <Text c="dimmed" size="sm" p="md">
            No beds yet. Add each dialysis station above; mark the ones kept for hepatitis B positive patients as
            isolation beds.
          </Text>
        )}
      </Paper>
      <EditBed bed={editing} onClose={() => setEditing(null)} />
      <BedOutageDialog bed={outOfService} onClose={() => setOutOfService(null)} />
    </Stack>
  )
}

function AddBed() {
  const write = useDeskWrite()
  const [code, setCode] = useState('')
  const [isolation, setIsolation] = useState(false)
  const [notes, setNotes] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await write('bed.create', { code, isolation, notes }, { done: `Added ${code.trim()}.` })
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) {
      setCode('')
      setIsolation(false)
      setNotes('')
    }
  }
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label="Add a bed">
      <Group align="flex-start" gap="sm">
        <TextInput
          label="Bed code"
          placeholder="e.g. BED-A1"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
          w={160}
        />
        <TextInput
          label="Notes"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
          w={300}
        />
        <Checkbox
          label="Isolation bed (hepatitis B positive)"
          checked={isolation}
          onChange={(e) => setIsolation(e.currentTarget.checked)}
          mt={32}
        />
        <Button type="submit" mt={24}>
          Add bed
        </Button>
      </Group>
    </Paper>
  )
}

function EditBed({ bed, onClose }: { bed: Bed | null; onClose: () => void }) {
  return (
    <Modal opened={bed !== null} onClose={onClose} title={bed ? `Edit ${bed.code}` : ''} centered>
      {bed && <EditBedFields key={bed.id} bed={bed} onClose={onClose} />}
    </Modal>
  )
}

function EditBedFields({ bed, onClose }: { bed: Bed; onClose: () => void }) {
  const write = useDeskWrite()
  const [code, setCode] = useState(bed.code)
  const [isolation, setIsolation] = useState(bed.isolation)
  const [notes, setNotes] = useState(bed.notes)
  const [position, setPosition] = useState(String(bed.position))
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await write(
      'bed.update',
      { id: bed.id, code, isolation, notes, position: Number(position) },
      { done: `Saved ${code.trim()}.` },
    )
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) onClose()
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <TextInput
          label="Bed code"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errors.code}
          data-autofocus
        />
        <TextInput
          label="Place in the bed order"
          description="Lower numbers come first on the board"
          value={position}
          onChange={(e) => setPosition(e.currentTarget.value)}
          error={errors.position}
        />
        <TextInput label="Notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <Checkbox
          label="Isolation bed (hepatitis B positive)"
          checked={isolation}
          onChange={(e) => setIsolation(e.currentTarget.checked)}
        />
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
