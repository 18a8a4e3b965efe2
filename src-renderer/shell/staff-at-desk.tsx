/**
 * Who is at the desk: chosen once, remembered on this computer, switchable at
 * any time. Every change is recorded under this person.
 */
import { Button, Modal, Select, Stack, Text } from '@mantine/core'
import { useDesk } from '../data/desk-context'
import { labelOf, STAFF_ROLE_OPTIONS } from '../common/options'

export function StaffSwitcher() {
  const { staff, staffAtDesk, chooseStaff } = useDesk()
  return (
    <Select
      aria-label="Staff member at the desk"
      placeholder="Who is at the desk?"
      leftSection={
        <Text size="xs" c="dimmed" pl={6}>
          At the desk
        </Text>
      }
      leftSectionWidth={84}
      w={270}
      data={staff.map((s) => ({ value: String(s.id), label: s.fullName }))}
      value={staffAtDesk ? String(staffAtDesk.id) : null}
      onChange={(v) => v && chooseStaff(Number(v))}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  )
}

/** Asks who is at the desk when nobody is (first start on this computer, or the person was deactivated). */
export function StaffGate() {
  const { staff, staffAtDesk, chooseStaff } = useDesk()
  return (
    <Modal
      opened={staffAtDesk === null}
      onClose={() => undefined}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title="Who is at the desk?"
      centered
    >
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          Every change is recorded under the person at the desk. You can switch later at the top right.
        </Text>
        {staff.map((s) => (
          <Button
            key={s.id}
            variant="light"
            justify="space-between"
            rightSection={<Text size="xs">{labelOf(STAFF_ROLE_OPTIONS, s.role)}</Text>}
            onClick={() => chooseStaff(s.id)}
          >
            {s.fullName}
          </Button>
        ))}
        {staff.length === 0 && <Text>No active staff member exists. Ask an administrator to reactivate one.</Text>}
      </Stack>
    </Modal>
  )
}
