/**
 * Backups: save one to a chosen file (a USB stick), see the automatic copies
 * and restore any of them (checked first, then confirmed), choose the second
 * folder that receives every automatic copy, and deal with a failed one.
 */
import { Badge, Button, Checkbox, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import type { BackupCopy } from '../../src-shared/backup-model'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { showDone, showWarning } from '../data/notify'
import { BackupFileField } from './backup-file-field'
import { BackupWarning } from './backup-warning'
import { checkAndConfirmRestore } from './restore-confirm'
import { useBackupCopies, useBackupStatus } from './use-backups'

const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`

export function BackupsScreen() {
  return (
    <div className="screen">
      <Title order={2} size="h4" mb="xs">
        Backups
      </Title>
      <BackupWarning compact={false} />
      <Stack gap="md">
        <SaveBackup />
        <RestoreFromFile />
        <AutomaticCopies />
      </Stack>
    </div>
  )
}

function SaveBackup() {
  const write = useDeskWrite()
  const [replace, setReplace] = useState(false)
  // A file chosen in the system's save dialog was confirmed there when it existed: it may replace a desk backup.
  const save = (path: string, fromDialog: boolean) =>
    write(
      'backup.export',
      { path, replace: fromDialog || replace },
      { done: (r) => `Backup saved: ${r.file} (${megabytes(r.sizeBytes)}).` },
    )
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb={4}>
        Save a backup to a file
      </Text>
      <Text size="sm" c="dimmed" mb="xs">
        For example on a USB stick, to keep away from this computer or to move the desk to another one.
      </Text>
      <BackupFileField
        purpose="save"
        label="File"
        placeholder="/media/usb/clinic-backup.sqlite or E:\clinic-backup.sqlite"
        action="Save backup"
        dialogAction="Save a backup…"
        onFile={save}
      >
        <Checkbox
          label="Replace a backup already there"
          checked={replace}
          onChange={(e) => setReplace(e.currentTarget.checked)}
          mb={8}
        />
      </BackupFileField>
    </Paper>
  )
}

/** Checks a file on a staged copy, shows what it holds, and restores it on a clear yes. */
function useRestore() {
  const write = useDeskWrite()
  const format = useFormat()
  return async (path: string) => {
    if (!(await checkAndConfirmRestore(path, format))) return
    await write(
      'backup.restore',
      { path },
      { done: (r) => (r.safetyCopy ? `Restored. The data that was here is kept as ${r.safetyCopy}.` : 'Restored.') },
    )
  }
}

function RestoreFromFile() {
  const restore = useRestore()
  return (
    <Paper withBorder p="sm">
      <Text fw={600} mb="xs">
        Restore from a file
      </Text>
      <BackupFileField
        purpose="open"
        label="Backup file"
        placeholder="/media/usb/clinic-backup.sqlite"
        action="Check this file…"
        dialogAction="Choose a backup…"
        variant="default"
        onFile={restore}
      />
    </Paper>
  )
}

function AutomaticCopies() {
  const status = useBackupStatus()
  const copies = useBackupCopies()
  const write = useDeskWrite()
  const format = useFormat()
  const restore = useRestore()
  const [second, setSecond] = useState<string | null>(null)
  const s = status.data
  const secondValue = second ?? s?.secondFolder ?? ''
  const backUpNow = async () => {
    const r = await write('backup.now', {})
    if (!r.ok) return
    const last = r.value.lastAutomatic
    if (last?.ok) showDone('Backed up.')
    else if (last) showWarning(last.message)
  }
  const saveSecond = async (folder: string | null) => {
    const r = await write(
      'backup.setSecondFolder',
      { folder },
      { done: folder ? `Automatic copies also go to ${folder}.` : 'No second folder.' },
    )
    if (r.ok) setSecond(null)
  }
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" mb={4}>
        <Text fw={600}>Automatic copies</Text>
        <Button size="xs" variant="default" onClick={() => void backUpNow()}>
          Back up now
        </Button>
      </Group>
      {s && (
        <Text size="sm" c="dimmed" mb="xs">
          Made when the desk closes and once a day, in {s.backupsFolder}; kept: the last {s.retention.daily} days,{' '}
          {s.retention.weekly} weeks and {s.retention.monthly} months.{' '}
          {s.lastAutomatic
            ? `Last: ${format.instant(s.lastAutomatic.at)}, ${s.lastAutomatic.ok ? 'done' : 'failed'}.`
            : 'None made yet.'}
        </Text>
      )}
      <Group align="flex-end" gap="sm" mb="sm">
        <TextInput
          label="Second folder (a USB drive or a network share)"
          placeholder="/media/usb/desk-backups or E:\desk-backups"
          value={secondValue}
          onChange={(e) => setSecond(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button
          variant="default"
          disabled={secondValue.trim() === '' || secondValue === s?.secondFolder}
          onClick={() => void saveSecond(secondValue.trim())}
        >
          Use this folder
        </Button>
        {s?.secondFolder && (
          <Button variant="subtle" color="gray" onClick={() => void saveSecond(null)}>
            Stop
          </Button>
        )}
      </Group>
      <CopiesTable copies={copies.data ?? []} onRestore={(c) => void restore(c.file)} instant={format.instant} />
    </Paper>
  )
}

function CopiesTable({
  copies,
  onRestore,
  instant,
}: {
  copies: BackupCopy[]
  onRestore: (c: BackupCopy) => void
  instant: (iso: string) => string
}) {
  if (copies.length === 0)
    return <Text size="sm">No copies yet: the first is made when the desk closes, or with Back up now.</Text>
  return (
    <Table striped data-testid="backup-copies">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Where</Table.Th>
          <Table.Th>Patients</Table.Th>
          <Table.Th>Appointments</Table.Th>
          <Table.Th>Size</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {copies.map((c) => (
          <Table.Tr key={c.file}>
            <Table.Td>{instant(c.madeAt)}</Table.Td>
            <Table.Td>
              {c.kind === 'automatic' ? 'automatic' : c.kind === 'safety' ? 'before a restore' : 'other'}
            </Table.Td>
            <Table.Td title={c.file}>
              {c.location === 'data' ? 'this computer' : <Badge variant="light">second folder</Badge>}
            </Table.Td>
            <Table.Td>{c.patients ?? '–'}</Table.Td>
            <Table.Td>{c.appointments ?? '–'}</Table.Td>
            <Table.Td>{megabytes(c.sizeBytes)}</Table.Td>
            <Table.Td>
              {c.problem ? (
                <Text size="sm" c="red">
                  {c.problem}
                </Text>
              ) : (
                <Button size="xs" variant="default" onClick={() => onRestore(c)}>
                  Restore…
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
