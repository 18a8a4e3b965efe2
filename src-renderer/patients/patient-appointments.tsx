/** A patient's appointments: what is coming (soonest first) and what was (latest first). */
import { Anchor, Group, Table, Text, Title } from '@mantine/core'
import type { AppointmentView } from '../../src-shared/model'
import { StatusBadge } from '../common/status-badge'
import { useFormat } from '../common/use-format'
import { useDeskQuery } from '../data/use-desk-query'
import { BookingMarks } from '../standing/booking-marks'

export function PatientAppointments({ patientId }: { patientId: number }) {
  const q = useDeskQuery(
    'patient.appointments',
    { patientId, pastLimit: 50 },
    { tables: ['appointments', 'schedule_sessions', 'beds', 'standing_slots'] },
  )
  if (!q.data) return null
  return (
    <>
      <Title order={3} size="h5" mt="lg" mb={4}>
        Upcoming ({q.data.upcoming.length})
      </Title>
      <AppointmentTable
        rows={q.data.upcoming}
        empty="No upcoming appointments. Book one on the Board."
        testId="upcoming-appointments"
      />
      <Title order={3} size="h5" mt="lg" mb={4}>
        Past ({q.data.past.length})
      </Title>
      <AppointmentTable rows={q.data.past} empty="No past appointments." testId="past-appointments" />
    </>
  )
}

function AppointmentTable({ rows, empty, testId }: { rows: AppointmentView[]; empty: string; testId: string }) {
  const format = useFormat()
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    )
  }
  return (
    <Table striped withTableBorder data-testid={testId} verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Session</Table.Th>
          <Table.Th>Bed</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Note</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>
              <Anchor href={`#/board?date=${a.date}`} size="sm">
                {format.session(a)}
              </Anchor>
            </Table.Td>
            <Table.Td>{a.bedCode ?? '—'}</Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                <StatusBadge status={a.status} />
                {/* A visitor's page says so once at the top, not on every line. */}
                <BookingMarks appointment={{ ...a, visiting: false }} />
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {a.cancelReason ?? a.noShowReason ?? ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
