/** The "⋯" menu of a cell, a session or a card; it can be opened from the keyboard too (M or the context-menu key). */
import { ActionIcon, Menu } from '@mantine/core'
import { DotsIcon } from '../common/icons'
import type { MenuEntry } from './appointment-actions'

interface EntryMenuProps {
  label: string
  entries: MenuEntry[]
  opened?: boolean
  onChange?: (opened: boolean) => void
  /** -1 inside the board's grid, where the cell itself holds the focus stop. */
  tabIndex?: number
}

export function EntryMenu({ label, entries, opened, onChange, tabIndex }: EntryMenuProps) {
  if (entries.length === 0) return null
  return (
    <Menu position="bottom-end" withinPortal opened={opened} onChange={onChange} shadow="md" width={210}>
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={label}
          tabIndex={tabIndex}
          className="entry-menu-button"
          onClick={(e) => e.stopPropagation()}
          onPointerDown={(e) => e.stopPropagation()}
        >
          <DotsIcon size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        {entries.map((e) => (
          <Menu.Item key={e.label} onClick={e.run} color={e.color} disabled={e.disabled}>
            {e.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
