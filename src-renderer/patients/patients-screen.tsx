/** Finding, registering and editing patients, and each patient's appointments. */
import { Badge, Button, Group, Paper, Switch, Table, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { Patient } from '../../src-shared/model'
import { HepatitisBadge } from '../common/status-badge'
import { useDeskQuery } from '../data/use-desk-query'
import { navigate } from '../routing/use-route'
import { PatientDetail } from './patient-detail'
import { PatientForm } from './patient-form'

export function PatientsScreen({ params }: { params: Record<string, string> }) {
  const [query, setQuery] = useState('')
  const [includeInactive, setIncludeInactive] = useState(false)
  const [debounced] = useDebouncedValue(query.trim(), 150)
  const [editing, setEditing] = useState<Patient | null>(null)
  const selectedId = Number(params.id) || null
  const creating = params.new === '1'
  const list = useDeskQuery(
    'patient.search',
    { query: debounced, includeInactive, limit: 200 },
    { tables: ['patients'] },
  )
  const select = (id: number) => navigate('patients', { id: String(id) })

  return (
    <div className="patients-layout">
      <section className="patients-list" aria-labelledby="patients-title">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="patients-title">
            Patients
          </Title>
          <Button onClick={() => navigate('patients', { ...(selectedId ? { id: String(selectedId) } : {}), new: '1' })}>
            Register a patient
          </Button>
        </Group>
        <TextInput
          placeholder="Name, clinic number, NIC or phone"
          aria-label="Search patients"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          mb="xs"
        />
        <Switch
          label="Show deactivated patients"
          checked={includeInactive}
          onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          mb="xs"
          size="xs"
        />
        <Paper withBorder style={{ flex: 1, overflowY: 'auto', minHeight: 0 }}>
          <Table highlightOnHover stickyHeader data-testid="patient-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Clinic no.</Table.Th>
                <Table.Th>Phone</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data?.map((p) => (
                <Table.Tr
                  key={p.id}
                  className="row-selectable"
                  data-selected={p.id === selectedId || undefined}
                  tabIndex={0}
                  aria-selected={p.id === selectedId}
                  onClick={() => select(p.id)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault()
                      select(p.id)
                    }
                  }}
                >
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm" fw={600} c={p.active ? undefined : 'dimmed'} lineClamp={1}>
                        {p.fullName}
                      </Text>
                      <HepatitisBadge value={p.hepatitisB} />
                      {p.kind === 'visiting' && (
                        <Badge size="xs" color="violet" className="badge-plain">
                          Visitor
                        </Badge>
                      )}
                      {!p.active && (
                        <Badge size="xs" color="gray">
                          Inactive
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.clinicNumber}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.phone}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {list.data?.length === 0 && (
            <Text size="sm" c="dimmed" p="md">
              {debounced
                ? `No patient matches “${debounced}”.`
                : 'No patients registered yet. Register the first one with the button above.'}
            </Text>
          )}
        </Paper>
      </section>
      <section className="patients-detail" aria-label="Patient details">
        {selectedId ? (
          <PatientDetail id={selectedId} onEdit={setEditing} />
        ) : (
          <Text c="dimmed" mt="xl" ta="center">
            Choose a patient to see their details and appointments.
          </Text>
        )}
      </section>
      <PatientForm
        patient={editing}
        opened={creating || editing !== null}
        onClose={() => {
          setEditing(null)
          if (creating) navigate('patients', selectedId ? { id: String(selectedId) } : {})
        }}
        onSaved={(p) => {
          setEditing(null)
          navigate('patients', { id: String(p.id) })
        }}
      />
    </div>
  )
}
