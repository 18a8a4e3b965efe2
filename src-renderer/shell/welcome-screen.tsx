/**
 * First run: name the clinic and the first staff member, who is then at the
 * desk; or, on a new PC taking over from another one, restore the clinic from
 * a backup (checked, shown, confirmed, as on the Backups screen).
 */
import { Button, Center, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { DeskErrorShape } from '../../src-shared/errors'
import type { StaffRole } from '../../src-shared/model'
import { desk } from '../api/desk'
import { BackupFileField } from '../backups/backup-file-field'
import { checkAndConfirmRestore } from '../backups/restore-confirm'
import { deskFormat } from '../common/use-format'
import { fieldErrors } from '../data/field-errors'
import { showDone, showRefusal } from '../data/notify'
import { rememberStaffId } from '../data/staff-memory'
import { STAFF_ROLE_OPTIONS } from '../common/options'

/** No clinic, so no date format of its own yet: dates as the backup's summary shows them, unambiguous. */
const WELCOME_FORMAT = deskFormat('YYYY-MM-DD')

export function WelcomeScreen({ onDone }: { onDone: () => void }) {
  const [centerName, setCenterName] = useState('')
  const [staffName, setStaffName] = useState('')
  const [staffRole, setStaffRole] = useState<Exclude<StaffRole, 'system'>>('admin')
  const [error, setError] = useState<DeskErrorShape | null>(null)
  const [busy, setBusy] = useState(false)
  const errors = fieldErrors(error)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    const result = await desk.invoke('setup.initialize', { centerName, staffName, staffRole })
    setBusy(false)
    if (!result.ok) {
      setError(result.error)
      showRefusal(result.error)
      return
    }
    const first = result.value.staff[0]
    if (first) rememberStaffId(first.id)
    onDone()
  }

  return (
    <Center mih="100vh" bg="gray.0">
      <Stack w={460} py="xl">
        <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" aria-label="Set up the clinic">
          <Stack>
            <div>
              <Title order={2}>Welcome to the dialysis desk</Title>
              <Text c="dimmed" mt={4}>
                Name the clinic and yourself to begin. You can add beds, weekly sessions, doctors and more staff next.
              </Text>
            </div>
            <TextInput
              label="Clinic name"
              placeholder="e.g. Colombo Kidney Care"
              value={centerName}
              onChange={(e) => setCenterName(e.currentTarget.value)}
              error={errors.centerName}
              required
              data-autofocus
              autoFocus
            />
            <TextInput
              label="Your name"
              description="You will be the first staff member at the desk; every change is recorded under your name."
              value={staffName}
              onChange={(e) => setStaffName(e.currentTarget.value)}
              error={errors.staffName}
              required
            />
            <Select
              label="Your role"
              data={STAFF_ROLE_OPTIONS}
              value={staffRole}
              onChange={(v) => v && setStaffRole(v)}
              allowDeselect={false}
            />
            <Button type="submit" loading={busy}>
              Set up the clinic
            </Button>
          </Stack>
        </Paper>
        <RestoreOnNewPc onDone={onDone} />
      </Stack>
    </Center>
  )
}

/**
 * The clinic's data from a backup made on another PC. Nobody can be at a desk
 * with no clinic, so this restore goes without a staff member (the desk allows
 * that only while no clinic exists); whoever is at the desk is asked next.
 */
function RestoreOnNewPc({ onDone }: { onDone: () => void }) {
  const restore = async (path: string) => {
    if (!(await checkAndConfirmRestore(path, WELCOME_FORMAT))) return
    const result = await desk.invoke('backup.restore', { path })
    if (!result.ok) return showRefusal(result.error, 'Not restored')
    // This computer may remember someone from before: the restored clinic has its own staff.
    rememberStaffId(null)
    showDone(`Restored ${result.value.restored.clinicName ?? 'the backup'}. Choose who is at the desk.`)
    onDone()
  }
  return (
    <Paper component="section" withBorder shadow="sm" p="xl" aria-label="Restore from a backup">
      <Stack gap="xs">
        <Title order={3} size="h4">
          Restore from a backup
        </Title>
        <Text c="dimmed" size="sm">
          Moving the desk from another computer? Choose the backup saved there (on a USB stick, say): it is checked and
          shown to you before anything is restored.
        </Text>
        <BackupFileField
          purpose="open"
          label="Backup file"
          placeholder="/media/usb/clinic-backup.sqlite or E:\clinic-backup.sqlite"
          action="Check this backup…"
          dialogAction="Choose a backup…"
          variant="default"
          onFile={restore}
        />
      </Stack>
    </Paper>
  )
}
