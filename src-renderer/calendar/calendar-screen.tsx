/**
 * The dated sessions by month, week or day, each with its free places.
 * Clicking a session opens that day on the Board.
 */
import 'react-big-calendar/lib/css/react-big-calendar.css'
import { Group, Text, Title } from '@mantine/core'
import dayjs from 'dayjs'
import updateLocale from 'dayjs/plugin/updateLocale'
import { useMemo } from 'react'
import { Calendar, dayjsLocalizer, type Formats } from 'react-big-calendar'
import { isValidDate, localDateTime } from '../../src-shared/dates'
import { doctorLabel } from '../common/doctor-label'
import { todayLocal, useFormat } from '../common/use-format'
import { useDeskQuery } from '../data/use-desk-query'
import { navigate } from '../routing/use-route'
import { type CalendarView, eventLook, rangeFor, type SessionEvent, toEvents } from './session-events'

// Clinic weeks start on Monday (dialysis patterns are Mon/Wed/Fri and Tue/Thu/Sat).
dayjs.extend(updateLocale)
dayjs.updateLocale('en', { weekStart: 1 })
const localizer = dayjsLocalizer(dayjs)
const VIEWS: CalendarView[] = ['month', 'week', 'day']
const isoDate = (d: Date) => localDateTime(d).date

export function CalendarScreen({ params }: { params: Record<string, string> }) {
  const format = useFormat()
  const date = params.date && isValidDate(params.date) ? params.date : todayLocal()
  const view: CalendarView = (VIEWS as string[]).includes(params.view ?? '') ? (params.view as CalendarView) : 'month'
  const range = rangeFor(view, date)
  const sessions = useDeskQuery('schedule.range', range, {
    tables: ['schedule_sessions', 'session_beds', 'appointments', 'beds'],
    dates: range,
  })
  const events = useMemo(() => toEvents(sessions.data ?? []), [sessions.data])

  const formats = useMemo<Formats>(
    () => ({
      dayHeaderFormat: (d: Date) => format.day(isoDate(d)),
      dayFormat: (d: Date) => format.day(isoDate(d)).slice(0, 9),
      dayRangeHeaderFormat: ({ start, end }: { start: Date; end: Date }) =>
        `${format.date(isoDate(start))} – ${format.date(isoDate(end))}`,
      timeGutterFormat: 'HH:mm',
      eventTimeRangeFormat: () => '',
      selectRangeFormat: ({ start, end }: { start: Date; end: Date }) =>
        `${dayjs(start).format('HH:mm')}–${dayjs(end).format('HH:mm')}`,
    }),
    [format],
  )

  const go = (next: { date?: string; view?: CalendarView }) =>
    navigate('calendar', { date: next.date ?? date, view: next.view ?? view }, true)

  return (
    <div className="screen">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Calendar of sessions
        </Title>
        <Group gap="md">
          <Legend className="event-open" label="Places free" />
          <Legend className="event-full" label="Full" />
          <Legend className="event-cancelled" label="Cancelled" />
          <Text size="xs" c="dimmed">
            Click a session to open that day on the Board.
          </Text>
        </Group>
      </Group>
      <div className="calendar-wrap" data-testid="calendar">
        <Calendar<SessionEvent>
          localizer={localizer}
          events={events}
          date={dayjs(date).toDate()}
          view={view}
          views={VIEWS}
          onView={(v) => go({ view: v as CalendarView })}
          onNavigate={(d) => go({ date: isoDate(d) })}
          onSelectEvent={(e) => navigate('board', { date: e.session.date })}
          onDrillDown={(d) => navigate('board', { date: isoDate(d) })}
          drilldownView={null}
          eventPropGetter={(e) => ({ className: `event-${eventLook(e.session)}` })}
          tooltipAccessor={(e) =>
            `${format.session(e.session)}${e.session.doctorName ? `, ${doctorLabel(e.session.doctorName)}` : ''}: ${e.session.status === 'cancelled' ? 'cancelled' : `${e.session.booked} booked, ${e.session.free} of ${e.session.capacity} free`}`
          }
          formats={formats}
          min={new Date(1970, 0, 1, 5, 0)}
          max={new Date(1970, 0, 1, 23, 0)}
          scrollToTime={new Date(1970, 0, 1, 5, 0)}
          popup
          style={{ height: '100%' }}
        />
      </div>
    </div>
  )
}

function Legend({ className, label }: { className: string; label: string }) {
  return (
    <Group gap={4}>
      <span className={`legend-swatch ${className}`} />
      <Text size="xs">{label}</Text>
    </Group>
  )
}
