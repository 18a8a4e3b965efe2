/** What a change did, shown as a sentence and its lists: in a dialog after the change, or in place in a form. */
import { Button, Group, ScrollArea, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import type { Outcome } from './standing-words'

export function OutcomeView({ outcome, testId }: { outcome: Outcome; testId?: string }) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <Text size="sm" fw={600}>
        {outcome.summary}
      </Text>
      {outcome.sections.length > 0 && (
        <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
          <Stack gap="xs">
            {outcome.sections.map((s) => (
              <div key={s.title}>
                <Text size="sm" fw={700} c={s.attention ? 'orange.9' : undefined}>
                  {s.title}
                </Text>
                <ul className="plain-list" aria-label={s.title}>
                  {s.lines.map((l, i) => (
                    <li key={`${i}:${l}`}>
                      <Text size="sm">{l}</Text>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      )}
    </Stack>
  )
}

/** Shows what a change did in a dialog with one Close button. */
export function showOutcome(title: string, outcome: Outcome, testId?: string): void {
  const id = modals.open({
    title,
    centered: true,
    size: 'lg',
    children: (
      <Stack gap="sm">
        <OutcomeView outcome={outcome} testId={testId} />
        <Group justify="flex-end">
          <Button onClick={() => modals.close(id)} data-autofocus>
            Close
          </Button>
        </Group>
      </Stack>
    ),
  })
}

/** What a change did, with the one way on: closing the dialog. */
export function OutcomeThenClose({
  outcome,
  testId,
  onClose,
}: {
  outcome: Outcome
  testId: string
  onClose: () => void
}) {
  return (
    <Stack gap="sm">
      <OutcomeView outcome={outcome} testId={testId} />
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          Close
        </Button>
      </Group>
    </Stack>
  )
}
