/** Setting the clinic up: the center, beds, weekly sessions, dated sessions, doctors and staff. */
import { Tabs, Title } from '@mantine/core'
import { navigate } from '../routing/use-route'
import { BedsSetup } from './beds-setup'
import { CenterSettings } from './center-settings'
import { DatedSessionsSetup } from './dated-sessions-setup'
import { DoctorsSetup } from './doctors-setup'
import { StaffSetup } from './staff-setup'
import { TemplatesSetup } from './templates-setup'

const TABS = [
  { value: 'center', label: 'Center' },
  { value: 'beds', label: 'Beds' },
  { value: 'sessions', label: 'Weekly sessions' },
  { value: 'dated', label: 'Dated sessions' },
  { value: 'doctors', label: 'Doctors' },
  { value: 'staff', label: 'Staff' },
] as const

export function SetupScreen({ params }: { params: Record<string, string> }) {
  const tab = TABS.some((t) => t.value === params.tab) ? params.tab! : 'center'
  return (
    <div className="screen">
      <Title order={2} size="h4" mb="xs">
        Setup
      </Title>
      <Tabs value={tab} onChange={(v) => v && navigate('setup', { tab: v }, true)} keepMounted={false}>
        <Tabs.List mb="md">
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="center">
          <CenterSettings />
        </Tabs.Panel>
        <Tabs.Panel value="beds">
          <BedsSetup />
        </Tabs.Panel>
        <Tabs.Panel value="sessions">
          <TemplatesSetup />
        </Tabs.Panel>
        <Tabs.Panel value="dated">
          <DatedSessionsSetup />
        </Tabs.Panel>
        <Tabs.Panel value="doctors">
          <DoctorsSetup />
        </Tabs.Panel>
        <Tabs.Panel value="staff">
          <StaffSetup />
        </Tabs.Panel>
      </Tabs>
    </div>
  )
}
