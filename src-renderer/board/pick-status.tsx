/**
 * One line above the grid that says what is going on: how to place a patient,
 * or who is picked up and what the desk would say about the focused cell.
 * Always present, so the grid does not jump when something is picked up.
 */
import { Button, Group, Text } from '@mantine/core'
import { type Subject, subjectName } from './drag-subject'
import type { Verdict } from './drop-rules'

interface PickStatusProps {
  picked: Subject | null
  where: string | null
  verdict: Verdict | null
  onCancel: () => void
  dateLabel: (date: string) => string
}

export function PickStatus({ picked, where, verdict, onCancel, dateLabel }: PickStatusProps) {
  if (!picked) {
    return (
      <Text size="xs" c="dimmed" className="pick-status" role="status">
        Drag a patient from the search or a bed onto another bed; or click one (or press Enter on it) and then click the
        bed to put them on.
      </Text>
    )
  }
  const from =
    picked.kind === 'appointment'
      ? ` from ${dateLabel(picked.appointment.date)} ${picked.appointment.startTime}${picked.appointment.bedCode ? ` on ${picked.appointment.bedCode}` : ''}`
      : ''
  return (
    <Group className="pick-status" data-picking gap="xs" wrap="nowrap" role="status" aria-live="polite">
      <Text size="sm" fw={700} lineClamp={1}>
        Moving {subjectName(picked)}
        {from}
      </Text>
      <Text
        size="xs"
        c={verdict && !verdict.ok && !verdict.here ? 'red.8' : 'dimmed'}
        lineClamp={1}
        style={{ flex: 1 }}
      >
        {where && verdict
          ? verdict.ok
            ? `${where}: ${verdict.warning ?? 'press Enter to put them here'}`
            : `${where}: ${verdict.reason}`
          : 'Choose a bed: click it, or use the arrow keys and Enter. Other days too.'}
      </Text>
      <Button size="compact-xs" variant="default" onClick={onCancel}>
        Put back (Esc)
      </Button>
    </Group>
  )
}
