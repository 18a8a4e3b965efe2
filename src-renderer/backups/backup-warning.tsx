/**
 * The warning about a failed automatic backup: shown above every screen until
 * someone says they have dealt with it, so a full disk or an unplugged USB
 * drive cannot go unnoticed for weeks.
 */
import { Alert, Button, Group, Text } from '@mantine/core'
import { useDeskWrite } from '../data/desk-context'
import { useFormat } from '../common/use-format'
import { useBackupStatus } from './use-backups'

export function BackupWarning({ compact = true }: { compact?: boolean }) {
  const status = useBackupStatus()
  const write = useDeskWrite()
  const format = useFormat()
  const warning = status.data?.warning
  if (!warning) return null
  const since = format.instant(warning.since)
  const acknowledge = () => void write('backup.acknowledgeWarning', {}, { done: 'Warning cleared.' })
  const details = `${warning.failures === 1 ? `On ${since}.` : `${warning.failures} failures since ${since}; the last on ${format.instant(warning.lastFailureAt)}.`}${
    status.data?.lastAutomatic?.ok
      ? ` The latest backup, on ${format.instant(status.data.lastAutomatic.at)}, worked.`
      : ''
  }`
  if (compact) {
    // Above every other screen: one line, so the board keeps its room.
    return (
      <Alert color="red" py={6} mb="sm" data-testid="backup-warning" role="alert">
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Text size="sm" lineClamp={2} title={`${warning.message} ${details}`}>
            <b>An automatic backup failed.</b> {warning.message}
          </Text>
          <Group gap="xs" wrap="nowrap">
            <Button component="a" href="#/backups" size="compact-sm" variant="white" color="red">
              Open Backups
            </Button>
            <Button size="compact-sm" color="red" onClick={acknowledge}>
              I have dealt with it
            </Button>
          </Group>
        </Group>
      </Alert>
    )
  }
  return (
    <Alert color="red" title="An automatic backup failed" mb="sm" data-testid="backup-warning" role="alert">
      <Text size="sm">{warning.message}</Text>
      <Text size="xs" c="dimmed" mt={4}>
        {details}
      </Text>
      <Button size="xs" color="red" mt="xs" onClick={acknowledge}>
        I have dealt with it
      </Button>
    </Alert>
  )
}
