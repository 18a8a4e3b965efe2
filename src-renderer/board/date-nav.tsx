/** Moving between days: previous, next, a date picker and Today. */
import { ActionIcon, Button, Group, Title, Tooltip } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { addDays } from '../../src-shared/dates'
import { ChevronLeftIcon, ChevronRightIcon } from '../common/icons'
import { memo } from 'react'
import { useFormat } from '../common/use-format'

const WEEKDAY_LONG = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

export function longWeekday(date: string): string {
  return WEEKDAY_LONG[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? ''
}

/** Draws again only when the day shown or today changes, not with every change of the board below it. */
export const DateNav = memo(function DateNav({
  date,
  today,
  onDate,
}: {
  date: string
  today: string
  onDate: (d: string) => void
}) {
  const format = useFormat()
  const relative =
    date === today
      ? 'Today'
      : date === addDays(today, 1)
        ? 'Tomorrow'
        : date === addDays(today, -1)
          ? 'Yesterday'
          : null
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label="Previous day (PgUp)">
        <ActionIcon variant="default" size="lg" aria-label="Previous day" onClick={() => onDate(addDays(date, -1))}>
          <ChevronLeftIcon />
        </ActionIcon>
      </Tooltip>
      <DatePickerInput
        aria-label="Date shown"
        value={date}
        onChange={(v) => v && onDate(String(v).slice(0, 10))}
        valueFormat={format.pattern}
        w={118}
        allowDeselect={false}
        popoverProps={{ withinPortal: true }}
      />
      <Tooltip label="Next day (PgDn)">
        <ActionIcon variant="default" size="lg" aria-label="Next day" onClick={() => onDate(addDays(date, 1))}>
          <ChevronRightIcon />
        </ActionIcon>
      </Tooltip>
      <Button variant={date === today ? 'light' : 'default'} onClick={() => onDate(today)} aria-keyshortcuts="T">
        Today
      </Button>
      <Title order={2} size="h4" ml={4} data-testid="board-day" style={{ whiteSpace: 'nowrap' }}>
        {longWeekday(date)} {format.date(date)}
        {relative && <span className="relative-day"> · {relative}</span>}
      </Title>
    </Group>
  )
})
