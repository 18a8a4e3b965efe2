/** Who did what and when, newest first, filtered by dates, patient and staff member. */
import { Button, Group, Paper, Select, Table, Text, Title } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useDebouncedValue } from '@mantine/hooks'
import { useState } from 'react'
import type { AuditEntry } from '../../src-shared/model'
import { useFormat } from '../common/use-format'
import { desk } from '../api/desk'
import { showRefusal } from '../data/notify'
import { useDeskQuery } from '../data/use-desk-query'

const PAGE = 50

export function AuditScreen() {
  const format = useFormat()
  const [from, setFrom] = useState<string | null>(null)
  const [to, setTo] = useState<string | null>(null)
  const [patientId, setPatientId] = useState<string | null>(null)
  const [staffId, setStaffId] = useState<string | null>(null)
  const [patientQuery, setPatientQuery] = useState('')
  const [debouncedPatient] = useDebouncedValue(patientQuery, 150)
  const filters = {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(patientId ? { patientId: Number(patientId) } : {}),
    ...(staffId ? { staffId: Number(staffId) } : {}),
  }
  const first = useDeskQuery('audit.list', { ...filters, limit: PAGE }, { tables: ['audit_log'] })
  const staff = useDeskQuery('staff.list', { includeInactive: true }, { tables: ['staff'] })
  const patients = useDeskQuery(
    'patient.search',
    { query: debouncedPatient, includeInactive: true, limit: 20 },
    { tables: ['patients'] },
  )
  // Older pages are read on demand and kept until the filters or the newest page change.
  const [older, setOlder] = useState<AuditEntry[]>([])
  const [nextBeforeId, setNextBeforeId] = useState<number | null>(null)
  const [olderOf, setOlderOf] = useState(first.data)
  if (olderOf !== first.data) {
    // A new newest page (other filters, or a change): the older pages read before no longer follow it.
    setOlderOf(first.data)
    setOlder([])
    setNextBeforeId(first.data?.nextBeforeId ?? null)
  }

  const loadOlder = async () => {
    if (nextBeforeId === null) return
    const r = await desk.invoke('audit.list', { ...filters, limit: PAGE, beforeId: nextBeforeId })
    if (!r.ok) return showRefusal(r.error)
    setOlder((o) => [...o, ...r.value.entries])
    setNextBeforeId(r.value.nextBeforeId)
  }

  const entries = [...(first.data?.entries ?? []), ...older]
  const patientOptions = (patients.data ?? []).map((p) => ({
    value: String(p.id),
    label: `${p.fullName} (${p.clinicNumber})`,
  }))
  return (
    <div className="screen">
      <Title order={2} size="h4" mb="xs">
        Audit trail
      </Title>
      <Group align="flex-end" mb="sm" gap="sm">
        <DatePickerInput
          label="From"
          value={from}
          onChange={(v) => setFrom(v ? String(v).slice(0, 10) : null)}
          valueFormat={format.pattern}
          clearable
          w={150}
          placeholder="Any day"
        />
        <DatePickerInput
          label="To"
          value={to}
          onChange={(v) => setTo(v ? String(v).slice(0, 10) : null)}
          valueFormat={format.pattern}
          clearable
          w={150}
          placeholder="Any day"
        />
        <Select
          label="Patient"
          placeholder="Any patient"
          searchable
          clearable
          data={patientOptions}
          value={patientId}
          onChange={setPatientId}
          onSearchChange={setPatientQuery}
          filter={({ options }) => options}
          nothingFoundMessage="No patient matches"
          w={260}
        />
        <Select
          label="Done by"
          placeholder="Anyone"
          clearable
          data={(staff.data ?? []).map((s) => ({ value: String(s.id), label: s.fullName }))}
          value={staffId}
          onChange={setStaffId}
          w={220}
        />
      </Group>
      <Paper withBorder>
        <Table striped verticalSpacing={4} data-testid="audit-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>When</Table.Th>
              <Table.Th w={180}>Who</Table.Th>
              <Table.Th>What</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="sm">{format.instant(e.at)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.staffName}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.summary}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {first.data && entries.length === 0 && (
          <Text c="dimmed" size="sm" p="md">
            Nothing recorded for these filters.
          </Text>
        )}
      </Paper>
      {nextBeforeId !== null && (
        <Group justify="center" mt="sm">
          <Button variant="default" onClick={() => void loadOlder()}>
            Show older entries
          </Button>
        </Group>
      )}
    </div>
  )
}
