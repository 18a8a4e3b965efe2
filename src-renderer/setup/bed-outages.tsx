/** The beds out of service for a period now or later, each with a way to end it early. */
import { Button, Paper, Table, Text, Title } from '@mantine/core'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'

export function BedOutages() {
  const outages = useDeskQuery('outage.list', {}, { tables: ['bed_outages', 'beds'] })
  const write = useDeskWrite()
  const format = useFormat()
  if (!outages.data || outages.data.length === 0) return null
  return (
    <Paper withBorder component="section" aria-labelledby="outages-title">
      <Title order={3} size="h6" id="outages-title" p="sm" pb={0}>
        Out of service for a period
      </Title>
      <Table verticalSpacing={6} data-testid="outage-list">
        <Table.Tbody>
          {outages.data.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td fw={700} w={120}>
                {o.bedCode}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {format.date(o.from)} to {format.date(o.until)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={1}>
                  {o.reason}
                </Text>
              </Table.Td>
              <Table.Td w={120}>
                <Button
                  size="compact-sm"
                  variant="default"
                  onClick={() =>
                    void write(
                      'outage.end',
                      { id: o.id },
                      { done: `${o.bedCode} takes bookings again from the sessions not yet over.` },
                    )
                  }
                  aria-label={`End ${o.bedCode}'s outage now`}
                >
                  End now
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
