/**
 * Patients who missed treatments lately, with the reasons: a missed
 * treatment roughly doubles the risk of a hospital stay in the following
 * week, so each one not yet made up offers a make-up booking.
 */
import { Anchor, Badge, Button, Paper, Table, Text } from '@mantine/core'
import type { MissedTreatments } from '../../src-shared/contract/standing-methods'
import { labelOf, NO_SHOW_OPTIONS } from '../common/options'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import type { DeskQuery } from '../data/use-desk-query'
import { openMakeUp } from '../standing/make-up-chooser'

export function MissedTreatmentsReport({ query, days }: { query: DeskQuery<MissedTreatments[]>; days: number }) {
  const format = useFormat()
  const write = useDeskWrite()
  if (query.error) return <Text c="red">{query.error.message}</Text>
  if (!query.data) return null
  // Latest first: the nearer a missed treatment, the more a make-up still helps (and can still be had).
  const rows = query.data
    .flatMap((p) => p.missed.map((m) => ({ p, m })))
    .sort((a, b) => `${b.m.date} ${b.m.startTime}`.localeCompare(`${a.m.date} ${a.m.startTime}`))
  return (
    <Paper withBorder data-testid="missed-treatments">
      <Text size="sm" c="dimmed" p="sm" pb={0}>
        Treatments missed in the last {days} days. Hospital stays and holidays are listed too, with their reason.
      </Text>
      <Table striped verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Patient</Table.Th>
            <Table.Th w={200}>Session</Table.Th>
            <Table.Th w={150}>Reason</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th w={170}>Make-up</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ p, m }) => (
            <Table.Tr key={m.appointmentId}>
              <Table.Td>
                <Anchor href={`#/patients?id=${p.patientId}`} size="sm" fw={600}>
                  {p.patientName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {p.clinicNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {format.day(m.date)} {m.startTime}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{labelOf(NO_SHOW_OPTIONS, m.reason)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {m.note}
                </Text>
              </Table.Td>
              <Table.Td>
                {m.madeUp ? (
                  <Badge color="teal" variant="light" className="badge-plain">
                    Made up
                  </Badge>
                ) : (
                  <Button
                    size="compact-sm"
                    variant="light"
                    aria-label={`Book a make-up for ${p.patientName}, ${format.day(m.date)}`}
                    onClick={() =>
                      openMakeUp({
                        appointmentId: m.appointmentId,
                        patientName: p.patientName,
                        lostLabel: `${format.day(m.date)} ${m.startTime}`,
                        write,
                        words: format,
                      })
                    }
                  >
                    Book make-up…
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          No missed treatments in the last {days} days.
        </Text>
      )}
    </Paper>
  )
}
