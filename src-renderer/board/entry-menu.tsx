/**
 * The "⋯" menu of a cell, a session or a card. It opens from the keyboard too
 * (M or the context-menu key on a cell): the first entry then has the focus,
 * the arrow keys move between entries, and Escape gives the focus back.
 */
import { ActionIcon, Menu } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { DotsIcon } from '../common/icons'
import type { MenuEntry } from './appointment-actions'

interface EntryMenuProps {
  label: string
  entries: MenuEntry[]
  opened?: boolean
  onChange?: (opened: boolean) => void
  /** -1 inside the board's grid, where the cell itself holds the focus stop. */
  tabIndex?: number
  /** Where the focus goes when the menu closes (the grid cell), instead of the "⋯" button. */
  onClosed?: () => void
}

export function EntryMenu({ label, entries, opened, onChange, tabIndex, onClosed }: EntryMenuProps) {
  const dropdown = useRef<HTMLDivElement | null>(null)
  useEffect(() => {
    if (!opened) return
    // Opened from the keyboard, the focus is still on the cell: hand it to the first entry.
    const timer = setTimeout(() => dropdown.current?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus(), 0)
    return () => clearTimeout(timer)
  }, [opened])
  if (entries.length === 0) return null
  return (
    <Menu
      position="bottom-end"
      withinPortal
      opened={opened}
      onChange={onChange}
      onClose={onClosed}
      returnFocus={!onClosed}
      // The focus trap then starts on the first entry, wherever the menu was opened from.
      withInitialFocusPlaceholder={false}
      menuItemTabIndex={0}
      shadow="md"
      width={230}
    >
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
      <Menu.Dropdown ref={dropdown} onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()}>
        {entries.map((e) => (
          <Menu.Item key={e.label} onClick={e.run} color={e.color} disabled={e.disabled}>
            {e.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )
}
