/** Patients waiting for a place in a pattern and shift, longest waiting first; the Board offers them free places. */
import { Anchor, Button, Paper, Table, Text } from '@mantine/core'
import type { WaitingEntry } from '../../src-shared/model'
import { labelOf, SHIFT_OPTIONS } from '../common/options'
import { askReason } from '../common/prompts'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import type { DeskQuery } from '../data/use-desk-query'

export function WaitingListReport({ query }: { query: DeskQuery<WaitingEntry[]> }) {
  const format = useFormat()
  const write = useDeskWrite()
  if (query.error) return <Text c="red">{query.error.message}</Text>
  if (!query.data) return null
  const resolve = async (w: WaitingEntry) => {
    const resolution = await askReason({
      title: `Take ${w.patientName} off the waiting list`,
      label: 'Why (e.g. has a weekly place now)',
      confirm: 'Take off the list',
    })
    if (resolution)
      await write('waiting.resolve', { id: w.id, resolution }, { done: `${w.patientName} is off the waiting list.` })
  }
  return (
    <Paper withBorder data-testid="waiting-list">
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th w={150}>Days</Table.Th>
            <Table.Th w={110}>Shift</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th w={120}>Waiting since</Table.Th>
            <Table.Th w={150} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.map((w) => (
            <Table.Tr key={w.id}>
              <Table.Td>
                <Anchor href={`#/patients?id=${w.patientId}`} size="sm" fw={600}>
                  {w.patientName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {w.clinicNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{w.weekdays.join('/')}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labelOf(SHIFT_OPTIONS, w.shift)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {w.note}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.instant(w.createdAt).slice(0, 10)}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() => void resolve(w)}
                  aria-label={`Take ${w.patientName} off the waiting list`}
                >
                  Take off the list…
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {query.data.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          Nobody is waiting. Put a patient on the list from their page under Patients.
        </Text>
      )}
    </Paper>
  )
}
