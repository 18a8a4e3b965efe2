/** One patient: their details, deactivation, and their appointments. */
import { Badge, Button, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core'
import { modals } from '@mantine/modals'
import type { Patient } from '../../src-shared/model'
import { HEPATITIS_B_OPTIONS, labelOf, SHIFT_OPTIONS } from '../common/options'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { showRefusal } from '../data/notify'
import { useDeskQuery } from '../data/use-desk-query'
import { PatientAppointments } from './patient-appointments'
import { StandingSchedule } from './standing-schedule'

export function PatientDetail({ id, onEdit }: { id: number; onEdit: (p: Patient) => void }) {
  const q = useDeskQuery('patient.get', { id }, { tables: ['patients'] })
  const write = useDeskWrite()
  const format = useFormat()
  const p = q.data
  if (q.error) return <Text c="red">{q.error.message}</Text>
  if (!p) return null

  const deactivate = async () => {
    const first = await write(
      'patient.deactivate',
      { id: p.id },
      { quiet: true, done: `${p.fullName} is deactivated.` },
    )
    if (first.ok) return
    const affected = Array.isArray(first.error.details?.affected) ? first.error.details.affected.length : 0
    if (first.error.code !== 'INVALID_STATE' || affected === 0) return showRefusal(first.error)
    // Upcoming bookings: ask before cancelling them along with the deactivation.
    modals.openConfirmModal({
      title: `Deactivate ${p.fullName}?`,
      children: <Text size="sm">{first.error.message}</Text>,
      labels: { confirm: `Deactivate and cancel ${affected} booking${affected === 1 ? '' : 's'}`, cancel: 'Back' },
      confirmProps: { color: 'red' },
      onConfirm: () =>
        void write(
          'patient.deactivate',
          { id: p.id, cancelUpcoming: true },
          { done: `${p.fullName} is deactivated; ${affected} booking${affected === 1 ? ' was' : 's were'} cancelled.` },
        ),
    })
  }

  return (
    <Paper withBorder p="md" data-testid="patient-detail">
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Title order={2} size="h3">
              {p.fullName}
            </Title>
            {!p.active && <Badge color="gray">Deactivated</Badge>}
            {p.kind === 'visiting' && (
              <Badge color="violet" className="badge-plain" data-testid="visiting-badge">
                Visiting {p.visitFrom ? format.date(p.visitFrom) : '?'} –{' '}
                {p.visitUntil ? format.date(p.visitUntil) : '?'}
              </Badge>
            )}
          </Group>
          <Text c="dimmed" size="sm">
            Clinic number {p.clinicNumber} · registered {format.instant(p.createdAt).slice(0, 10)}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => onEdit(p)}>
            Edit
          </Button>
          {p.active ? (
            <Button variant="light" color="red" onClick={() => void deactivate()}>
              Deactivate
            </Button>
          ) : (
            <Button
              variant="light"
              onClick={() => void write('patient.reactivate', { id: p.id }, { done: `${p.fullName} is active again.` })}
            >
              Reactivate
            </Button>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={3} mt="md" spacing="sm">
        <Field label="National ID" value={p.nationalId ?? '—'} />
        <Field label="Phone" value={p.phone || '—'} />
        <Field label="Hepatitis B" value={labelOf(HEPATITIS_B_OPTIONS, p.hepatitisB)} />
        <Field label="Preferred shift" value={labelOf(SHIFT_OPTIONS, p.preferredShift)} />
        <Field label="Notes" value={p.notes || '—'} />
      </SimpleGrid>
      <StandingSchedule patient={p} />
      <PatientAppointments patientId={p.id} />
    </Paper>
  )
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  )
}
