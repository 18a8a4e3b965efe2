/**
 * Before a restore: what the backup holds, checked on a staged copy, and one
 * plain sentence about what restoring does. Answers true only on a clear yes.
 */
import { Alert, Button, Group, List, Stack, Table, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import type { BackupSummary } from '../../src-shared/backup-model'
import { desk } from '../api/desk'
import type { DeskFormat } from '../common/use-format'
import { showRefusal } from '../data/notify'

/** Checks a file on a staged copy (nothing is changed), shows what it holds, and answers true only on a clear yes. */
export async function checkAndConfirmRestore(path: string, format: DeskFormat): Promise<boolean> {
  const inspected = await desk.invoke('backup.inspect', { path })
  if (!inspected.ok) {
    showRefusal(inspected.error, 'This backup cannot be restored')
    return false
  }
  return confirmRestore(inspected.value, format)
}

export function confirmRestore(summary: BackupSummary, format: DeskFormat): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false
    const answer = (yes: boolean) => {
      if (settled) return
      settled = true
      resolve(yes)
      modals.close(id)
    }
    const id = modals.open({
      title: 'Restore this backup?',
      centered: true,
      size: 'lg',
      onClose: () => answer(false),
      children: <RestoreSummary summary={summary} format={format} onAnswer={answer} />,
    })
  })
}

function RestoreSummary({
  summary: s,
  format,
  onAnswer,
}: {
  summary: BackupSummary
  format: DeskFormat
  onAnswer: (yes: boolean) => void
}) {
  const newest = s.newestAppointment
  return (
    <Stack gap="sm" data-testid="restore-summary">
      <Table withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          <Row label="File" value={s.file} />
          <Row label="Clinic" value={s.clinicName ?? 'not set up'} />
          <Row
            label="Made"
            value={s.madeAt ? format.instant(s.madeAt) : 'unknown (a plain copy, not a backup made by the desk)'}
          />
          <Row label="Patients" value={`${s.patients} (${s.activePatients} active)`} />
          <Row label="Appointments" value={String(s.appointments)} />
          <Row
            label="Newest booking"
            value={
              newest
                ? `${newest.patientName}, for ${format.date(newest.date)} ${newest.startTime} (booked ${format.instant(newest.bookedAt)})`
                : 'none'
            }
          />
          <Row label="Last change" value={s.lastChangeAt ? format.instant(s.lastChangeAt) : 'none'} />
          <Row
            label="Checksum"
            value={
              s.checksum === 'verified'
                ? `verified: the file is as it was made${s.sha256 ? ` (SHA-256 ${s.sha256.slice(0, 16)}…)` : ''}`
                : 'none recorded (a plain copy: checked for damage only)'
            }
          />
        </Table.Tbody>
      </Table>
      {s.notes.length > 0 && (
        <List size="sm">
          {s.notes.map((n) => (
            <List.Item key={n}>{n}</List.Item>
          ))}
        </List>
      )}
      <Alert color="orange">
        Restoring replaces everything on this desk (patients, sessions, bookings, the audit trail) with what this backup
        holds. A safety copy of the current data is kept in the backups folder first. Every open screen reloads.
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onAnswer(false)}>
          Back
        </Button>
        <Button color="red" onClick={() => onAnswer(true)} data-testid="confirm-restore">
          Replace the desk's data with this backup
        </Button>
      </Group>
    </Stack>
  )
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Td w={140}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{value}</Text>
      </Table.Td>
    </Table.Tr>
  )
}
