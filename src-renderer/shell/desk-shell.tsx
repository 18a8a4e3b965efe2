/** The frame around every screen: the clinic and who is at the desk on top, the screens on the left. */
import { AppShell, Group, NavLink, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { AuditScreen } from '../audit/audit-screen'
import { BoardScreen } from '../board/board-screen'
import { CalendarScreen } from '../calendar/calendar-screen'
import { AuditIcon, BoardIcon, CalendarIcon, PatientsIcon, SetupIcon } from '../common/icons'
import { useDesk } from '../data/desk-context'
import { PatientsScreen } from '../patients/patients-screen'
import type { Screen } from '../routing/route'
import { useRoute } from '../routing/use-route'
import { SetupScreen } from '../setup/setup-screen'
import { StaffSwitcher, StaffGate } from './staff-at-desk'
import { UndoButton, useUndoShortcut } from './undo-button'

const NAV: { screen: Screen; label: string; icon: ReactNode }[] = [
  { screen: 'board', label: 'Board', icon: <BoardIcon /> },
  { screen: 'calendar', label: 'Calendar', icon: <CalendarIcon /> },
  { screen: 'patients', label: 'Patients', icon: <PatientsIcon /> },
  { screen: 'setup', label: 'Setup', icon: <SetupIcon /> },
  { screen: 'audit', label: 'Audit', icon: <AuditIcon /> },
]

export function DeskShell() {
  const { center } = useDesk()
  const route = useRoute()
  useUndoShortcut()
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 168, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Title order={1} size="h4" data-testid="clinic-name" lineClamp={1}>
              {center.name}
            </Title>
            <Text c="dimmed" size="sm" visibleFrom="xs">
              Dialysis desk
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <UndoButton />
            <StaffSwitcher />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        {NAV.map((n) => (
          <NavLink key={n.screen} component="a" href={`#/${n.screen}`} label={n.label} leftSection={n.icon} active={route.screen === n.screen} aria-current={route.screen === n.screen ? 'page' : undefined} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main className="desk-main">
        <StaffGate />
        <ScreenFor screen={route.screen} params={route.params} />
      </AppShell.Main>
    </AppShell>
  )
}

function ScreenFor({ screen, params }: { screen: Screen; params: Record<string, string> }) {
  switch (screen) {
    case 'board':
      return <BoardScreen params={params} />
    case 'calendar':
      return <CalendarScreen params={params} />
    case 'patients':
      return <PatientsScreen params={params} />
    case 'setup':
      return <SetupScreen params={params} />
    case 'audit':
      return <AuditScreen />
  }
}
