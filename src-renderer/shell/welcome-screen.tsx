/** First run: name the clinic and the first staff member, who is then at the desk. */
import { Button, Center, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { DeskErrorShape } from '../../src-shared/errors'
import type { StaffRole } from '../../src-shared/model'
import { desk } from '../api/desk'
import { fieldErrors } from '../data/field-errors'
import { showRefusal } from '../data/notify'
import { rememberStaffId } from '../data/staff-memory'
import { STAFF_ROLE_OPTIONS } from '../common/options'

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
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={460} aria-label="Set up the clinic">
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
          <Select label="Your role" data={STAFF_ROLE_OPTIONS} value={staffRole} onChange={(v) => v && setStaffRole(v as Exclude<StaffRole, 'system'>)} allowDeselect={false} />
          <Button type="submit" loading={busy}>
            Set up the clinic
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
