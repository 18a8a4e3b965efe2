/** What the unit looks back on: missed treatments, unmet shift preferences, and who is waiting for a place. */
import { Badge, Group, Tabs, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { useDeskQuery } from '../data/use-desk-query'
import { navigate } from '../routing/use-route'
import { MissedTreatmentsReport } from './missed-treatments'
import { ShiftPreferencesReport } from './shift-preferences'
import { WaitingListReport } from './waiting-list'

const MISSED_DAYS = 30

export function ReportsScreen({ params }: { params: Record<string, string> }) {
  const missed = useDeskQuery(
    'report.missedTreatments',
    { days: MISSED_DAYS },
    { tables: ['appointments', 'patients'] },
  )
  const preferences = useDeskQuery('report.preferences', {}, { tables: ['standing_slots', 'patients', 'sessions'] })
  const waiting = useDeskQuery('waiting.list', {}, { tables: ['waiting_list', 'patients'] })
  const tabs: { value: string; label: string; count: number | undefined; panel: ReactNode }[] = [
    {
      value: 'missed',
      label: 'Missed treatments',
      count: missed.data?.reduce((n, p) => n + p.missed.length, 0),
      panel: <MissedTreatmentsReport query={missed} days={MISSED_DAYS} />,
    },
    {
      value: 'preferences',
      label: 'Preferred shift not met',
      count: preferences.data?.length,
      panel: <ShiftPreferencesReport query={preferences} />,
    },
    {
      value: 'waiting',
      label: 'Waiting list',
      count: waiting.data?.length,
      panel: <WaitingListReport query={waiting} />,
    },
  ]
  const tab = tabs.some((t) => t.value === params.tab) ? params.tab! : 'missed'
  return (
    <div className="screen">
      <Title order={2} size="h4" mb="xs">
        Reports
      </Title>
      <Tabs value={tab} onChange={(v) => v && navigate('reports', { tab: v }, true)} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              <Group gap={6} wrap="nowrap">
                {t.label}
                {t.count !== undefined && (
                  <Badge size="sm" variant="light" color={t.count > 0 ? 'orange' : 'gray'} className="badge-plain">
                    {t.count}
                  </Badge>
                )}
              </Group>
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.value} value={t.value}>
            {t.panel}
          </Tabs.Panel>
        ))}
      </Tabs>
    </div>
  )
}
