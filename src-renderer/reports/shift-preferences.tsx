/** Patients whose weekly sessions are not in the shift they prefer: who to offer a move when a place frees up. */
import { Anchor, Paper, Table, Text } from '@mantine/core'
import type { PreferenceMismatch } from '../../src-shared/contract/standing-methods'
import { labelOf, SHIFT_OPTIONS } from '../common/options'
import type { DeskQuery } from '../data/use-desk-query'
import { weekdayName } from '../standing/standing-words'

export function ShiftPreferencesReport({ query }: { query: DeskQuery<PreferenceMismatch[]> }) {
  if (query.error) return <Text c="red">{query.error.message}</Text>
  if (!query.data) return null
  return (
    <Paper withBorder data-testid="shift-preferences">
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th w={160}>Prefers</Table.Th>
            <Table.Th>Weekly sessions outside it</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.map((p) => (
            <Table.Tr key={p.patientId}>
              <Table.Td>
                <Anchor href={`#/patients?id=${p.patientId}`} size="sm" fw={600}>
                  {p.patientName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {p.clinicNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labelOf(SHIFT_OPTIONS, p.preferredShift)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {p.slots.map((s) => `${weekdayName(s.weekday)} ${s.startTime} (${s.shift})`).join(', ')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {query.data.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          Every patient with a weekly schedule comes in the shift they prefer.
        </Text>
      )}
    </Paper>
  )
}
