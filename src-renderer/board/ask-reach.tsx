/**
 * The question a move of a standing booking asks first: is it for this date
 * only, or does the patient's weekly place change from this date on? Escape
 * or Back answers neither, and nothing changes.
 */
import { Button, Group, Stack, Text, UnstyledButton } from '@mantine/core'
import { useId } from 'react'
import { weekdayOf } from '../../src-shared/dates'
import type { AppointmentView } from '../../src-shared/model'
import { ask } from '../common/prompts'
import { weekdayName } from '../standing/standing-words'

export type Reach = 'date' | 'series'

export interface ReachContext {
  appointment: AppointmentView
  /** "BED-A2, 10:30–14:30" */
  where: string
  /** "Wed 14/01/2026" */
  dayLabel: string
  dateLabel: string
  seriesRefused: string | null
  /** Only the bed changes, within the same session: the weekly place keeps its session and gets a new preferred bed. */
  bedOnly: boolean
}

export function askReach(ctx: ReachContext): Promise<Reach | null> {
  const weekday = weekdayName(weekdayOf(ctx.appointment.date))
  return ask<Reach>(
    `Move ${ctx.appointment.patientName}`,
    (answer) => <ReachChoice ctx={ctx} weekday={weekday} onAnswer={answer} />,
    'lg',
  )
}

function ReachChoice({
  ctx,
  weekday,
  onAnswer,
}: {
  ctx: ReachContext
  weekday: string
  onAnswer: (r: Reach | null) => void
}) {
  const a = ctx.appointment
  return (
    <Stack gap="sm" data-testid="reach-question">
      <Text size="sm">
        {a.patientName} comes every {weekday} {a.startTime}–{a.endTime}. Move them from {a.bedCode ?? 'no bed'} to{' '}
        {ctx.where}:
      </Text>
      <ReachButton
        label="This date only"
        description={`Only ${ctx.dayLabel} changes; the other ${weekday}s stay as they are.`}
        onClick={() => onAnswer('date')}
        autoFocus
      />
      <ReachButton
        label="From this date on"
        description={ctx.seriesRefused ?? seriesWords(ctx, weekday)}
        onClick={() => onAnswer('series')}
        disabled={ctx.seriesRefused !== null}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => onAnswer(null)}>
          Back, change nothing
        </Button>
      </Group>
    </Stack>
  )
}

function seriesWords(ctx: ReachContext, weekday: string): string {
  if (ctx.bedOnly)
    return `Every ${weekday} from ${ctx.dateLabel}: ${ctx.where} becomes the preferred bed. Earlier ${weekday}s stay.`
  return `Every ${weekday} from ${ctx.dateLabel}: ${ctx.where}. The bookings already made for later ${weekday}s follow; earlier ones stay.`
}

function ReachButton({
  label,
  description,
  onClick,
  disabled,
  autoFocus,
}: {
  label: string
  description: string
  onClick: () => void
  disabled?: boolean
  autoFocus?: boolean
}) {
  const id = useId()
  return (
    <UnstyledButton
      className="reach-choice"
      onClick={onClick}
      disabled={disabled}
      data-autofocus={autoFocus || undefined}
      aria-label={label}
      aria-describedby={id}
    >
      <Text fw={700} size="sm">
        {label}
      </Text>
      <Text size="xs" c={disabled ? 'red.8' : 'dimmed'} id={id}>
        {description}
      </Text>
    </UnstyledButton>
  )
}
