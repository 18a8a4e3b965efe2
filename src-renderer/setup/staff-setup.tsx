/** The staff who work at the desk; every change is recorded under one of them. */
import { Badge, Button, Group, Menu, Modal, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Staff, StaffRole } from '../../src-shared/model'
import { labelOf, STAFF_ROLE_OPTIONS } from '../common/options'
import { useDesk, useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'
import { useDeskQuery } from '../data/use-desk-query'
import { ListActions } from './list-actions'

export function StaffSetup() {
  const staff = useDeskQuery('staff.list', { includeInactive: true }, { tables: ['staff'] })
  const { staffAtDesk } = useDesk()
  const write = useDeskWrite()
  const [editing, setEditing] = useState<Staff | null>(null)
  const people = (staff.data ?? []).filter((s) => s.role !== 'system')
  return (
    <Stack gap="md" maw={760}>
      <StaffForm />
      <Paper withBorder>
        <Table verticalSpacing={6} data-testid="staff-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th w={60} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td fw={600}>
                  {s.fullName}
                  {s.id === staffAtDesk?.id && (
                    <Badge size="xs" ml={6} variant="outline">
                      at the desk
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{labelOf(STAFF_ROLE_OPTIONS, s.role)}</Table.Td>
                <Table.Td>
                  {s.active ? <Badge variant="light">Active</Badge> : <Badge color="gray">Inactive</Badge>}
                </Table.Td>
                <Table.Td>
                  <ListActions label={`Actions for ${s.fullName}`}>
                    <Menu.Item onClick={() => setEditing(s)}>Edit…</Menu.Item>
                    {s.active ? (
                      <Menu.Item
                        color="red"
                        disabled={s.id === staffAtDesk?.id}
                        onClick={() =>
                          void write('staff.deactivate', { id: s.id }, { done: `${s.fullName} is deactivated.` })
                        }
                      >
                        Deactivate
                      </Menu.Item>
                    ) : (
                      <Menu.Item
                        onClick={() =>
                          void write('staff.reactivate', { id: s.id }, { done: `${s.fullName} is active again.` })
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
        {people.length === 1 && (
          <Text c="dimmed" size="sm" p="md">
            Add the other receptionists and nurses, so each change is recorded under the person who made it.
          </Text>
        )}
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit staff member" centered>
        {editing && <StaffForm key={editing.id} staff={editing} onDone={() => setEditing(null)} />}
      </Modal>
    </Stack>
  )
}

function StaffForm({ staff, onDone }: { staff?: Staff; onDone?: () => void }) {
  const write = useDeskWrite()
  const [fullName, setName] = useState(staff?.fullName ?? '')
  const [role, setRole] = useState<Exclude<StaffRole, 'system'>>(
    staff && staff.role !== 'system' ? staff.role : 'receptionist',
  )
  const [errors, setErrors] = useState<FieldErrors>({})
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = staff
      ? await write('staff.update', { id: staff.id, fullName, role }, { done: `Saved ${fullName.trim()}.` })
      : await write('staff.create', { fullName, role }, { done: `Added ${fullName.trim()}.` })
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) {
      setName('')
      onDone?.()
    }
  }
  return (
    <Paper
      withBorder={!staff}
      p={staff ? 0 : 'sm'}
      component="form"
      onSubmit={submit}
      aria-label={staff ? 'Edit staff member' : 'Add a staff member'}
    >
      <Group align="flex-start" gap="sm">
        <TextInput
          label="Name"
          value={fullName}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.fullName}
          w={260}
          data-autofocus={staff ? true : undefined}
        />
        <Select
          label="Role"
          data={STAFF_ROLE_OPTIONS}
          value={role}
          onChange={(v) => v && setRole(v)}
          allowDeselect={false}
          w={180}
        />
        <Button type="submit" mt={24}>
          {staff ? 'Save' : 'Add staff member'}
        </Button>
      </Group>
    </Paper>
  )
}
