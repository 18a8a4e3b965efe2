/** The "⋯" menu at the end of a row in the setup lists. */
import { ActionIcon, Menu } from '@mantine/core'
import type { ReactNode } from 'react'
import { DotsIcon } from '../common/icons'

export function ListActions({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <DotsIcon />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>{children}</Menu.Dropdown>
    </Menu>
  )
}
