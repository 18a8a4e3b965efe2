/** The frame around every screen: the clinic and who is at the desk on top, the screens on the left. */
import { AppShell, Group, Text, Title, UnstyledButton } from '@mantine/core'
import type { ReactNode } from 'react'
import { AuditScreen } from '../audit/audit-screen'
import { BackupIcon } from '../backups/backup-icon'
import { BackupWarning } from '../backups/backup-warning'
import { BackupsScreen } from '../backups/backups-screen'
import { BoardScreen } from '../board/board-screen'
import { CalendarScreen } from '../calendar/calendar-screen'
import { AuditIcon, BoardIcon, CalendarIcon, PatientsIcon, ReportsIcon, SetupIcon } from '../common/icons'
import { useDesk } from '../data/desk-context'
import { PatientsScreen } from '../patients/patients-screen'
import { ReportsScreen } from '../reports/reports-screen'
import type { Screen } from '../routing/route'
import { useRoute } from '../routing/use-route'
import { SetupScreen } from '../setup/setup-screen'
import { StaffSwitcher, StaffGate } from './staff-at-desk'
import { UndoButton, UndoShortcut } from './undo-button'

const NAV: { screen: Screen; label: string; icon: ReactNode }[] = [
  { screen: 'board', label: 'Board', icon: <BoardIcon size={22} /> },
  { screen: 'calendar', label: 'Calendar', icon: <CalendarIcon size={22} /> },
  { screen: 'patients', label: 'Patients', icon: <PatientsIcon size={22} /> },
  { screen: 'reports', label: 'Reports', icon: <ReportsIcon size={22} /> },
  { screen: 'setup', label: 'Setup', icon: <SetupIcon size={22} /> },
  { screen: 'audit', label: 'Audit', icon: <AuditIcon size={22} /> },
  { screen: 'backups', label: 'Backups', icon: <BackupIcon size={22} /> },
]

export function DeskShell() {
  const { center } = useDesk()
  const route = useRoute()
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 84, breakpoint: 0 }} padding="md">
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
            <UndoShortcut />
            <StaffSwitcher />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        {/* A narrow rail of icons with their names: the board gets the width. */}
        {NAV.map((n) => (
          <UnstyledButton
            key={n.screen}
            component="a"
            href={`#/${n.screen}`}
            className="nav-rail-link"
            data-active={route.screen === n.screen || undefined}
            aria-current={route.screen === n.screen ? 'page' : undefined}
          >
            {n.icon}
            <Text size="xs" fw={route.screen === n.screen ? 700 : 500}>
              {n.label}
            </Text>
          </UnstyledButton>
        ))}
      </AppShell.Navbar>
      <AppShell.Main className="desk-main">
        <StaffGate />
        {route.screen !== 'backups' && <BackupWarning />}
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
    case 'reports':
      return <ReportsScreen params={params} />
    case 'setup':
      return <SetupScreen params={params} />
    case 'audit':
      return <AuditScreen />
    case 'backups':
      return <BackupsScreen />
  }
}
