/** Doctors who supervise sessions. */
import { Badge, Button, Group, Menu, Modal, Paper, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Doctor } from '../../src-shared/model'
import { useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'
import { useDeskQuery } from '../data/use-desk-query'
import { ListActions } from './list-actions'

export function DoctorsSetup() {
  const doctors = useDeskQuery('doctor.list', { includeInactive: true }, { tables: ['doctors'] })
  const write = useDeskWrite()
  const [editing, setEditing] = useState<Doctor | null>(null)
  return (
    <Stack gap="md" maw={760}>
      <DoctorForm />
      <Paper withBorder>
        <Table verticalSpacing={6} data-testid="doctor-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {doctors.data?.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td fw={600}>{d.fullName}</Table.Td>
                <Table.Td>{d.phone}</Table.Td>
                <Table.Td>
                  {d.active ? <Badge variant="light">Active</Badge> : <Badge color="gray">Inactive</Badge>}
                </Table.Td>
                <Table.Td>
                  <ListActions label={`Actions for ${d.fullName}`}>
                    <Menu.Item onClick={() => setEditing(d)}>Edit…</Menu.Item>
                    {d.active ? (
                      <Menu.Item
                        color="red"
                        onClick={() =>
                          void write('doctor.deactivate', { id: d.id }, { done: `${d.fullName} is deactivated.` })
                        }
                      >
                        Deactivate
                      </Menu.Item>
                    ) : (
                      <Menu.Item
                        onClick={() =>
                          void write('doctor.reactivate', { id: d.id }, { done: `${d.fullName} is active again.` })
                        }
                      >
                        Reactivate
                      </Menu.Item>
                    )}
                  </ListActions>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {doctors.data?.length === 0 && (
          <Text c="dimmed" size="sm" p="md">
            No doctors yet. Sessions can run without one; add doctors to show who supervises each session.
          </Text>
        )}
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit doctor" centered>
        {editing && <DoctorForm key={editing.id} doctor={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  )
}

function DoctorForm({ doctor, onDone }: { doctor?: Doctor; onDone?: () => void }) {
  const write = useDeskWrite()
  const [fullName, setName] = useState(doctor?.fullName ?? '')
  const [phone, setPhone] = useState(doctor?.phone ?? '')
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = doctor
      ? await write('doctor.update', { id: doctor.id, fullName, phone }, { done: `Saved ${fullName.trim()}.` })
      : await write('doctor.create', { fullName, phone }, { done: `Added ${fullName.trim()}.` })
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) {
      setName('')
      setPhone('')
      onDone?.()
    }
  }
  return (
    <Paper
      withBorder={!doctor}
      p={doctor ? 0 : 'sm'}
      component="form"
      onSubmit={submit}
      aria-label={doctor ? 'Edit doctor' : 'Add a doctor'}
    >
      <Group align="flex-start" gap="sm">
        <TextInput
          label="Doctor's name"
          value={fullName}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fullName}
          w={260}
          data-autofocus={doctor ? true : undefined}
        />
        <TextInput
          label="Phone"
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
          w={180}
        />
        <Button type="submit" mt={24}>
          {doctor ? 'Save' : 'Add doctor'}
        </Button>
      </Group>
    </Paper>
  )
}
