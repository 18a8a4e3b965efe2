/** A day without dated sessions: say why, and offer the next step. */
import { Button, Paper, Text, Title } from '@mantine/core'
import { WEEKDAYS, weekdayOf } from '../../src-shared/dates'
import { todayLocal, useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'
import { navigate } from '../routing/use-route'

export function NoSessionsToday({ date, hasBeds }: { date: string; hasBeds: boolean }) {
  const format = useFormat()
  const write = useDeskWrite()
  const templates = useDeskQuery('template.list', {}, { tables: ['sessions'] })
  const list = templates.data ?? []
  const weekday = weekdayOf(date)
  const runsThatDay = list.some((t) => t.weekday === weekday)
  const days = WEEKDAYS.filter((d) => list.some((t) => t.weekday === d))
  const future = date >= todayLocal()
  return (
    <Paper withBorder p="lg" mt="md" radius="md" data-testid="no-sessions">
      <Title order={3} size="h5">
        No sessions on {format.day(date)}
      </Title>
      {list.length === 0 ? (
        <>
          <Text size="sm" mt={4}>
            The clinic has no weekly sessions yet. Add them (weekday, start, end, places) and the desk creates the dated
            sessions.
          </Text>
          <Button mt="sm" size="xs" onClick={() => navigate('setup', { tab: 'sessions' })}>
            Add weekly sessions
          </Button>
        </>
      ) : !runsThatDay ? (
        <Text size="sm" mt={4}>
          The clinic runs sessions on {days.join(', ')}. Use the arrows or the date picker to go to one of those days.
        </Text>
      ) : future ? (
        <>
          <Text size="sm" mt={4}>
            There are weekly sessions on {weekday} but the dated sessions for this day have not been generated yet.
          </Text>
          <Button
            mt="sm"
            size="xs"
            onClick={() =>
              void write(
                'schedule.generate',
                { from: date, to: date },
                { done: (r) => `Created ${r.created} session${r.created === 1 ? '' : 's'} for ${format.day(date)}.` },
              )
            }
          >
            Generate this day's sessions
          </Button>
        </>
      ) : (
        <Text size="sm" mt={4}>
          No sessions were held on this day.
        </Text>
      )}
      {!hasBeds && (
        <Text size="sm" mt="sm" c="dimmed">
          No beds have been added yet: Setup → Beds.
        </Text>
      )}
    </Paper>
  )
}
