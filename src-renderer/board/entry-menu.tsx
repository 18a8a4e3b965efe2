/**
 * The "⋯" menu of a cell, a session or a card. It opens from the keyboard too
 * (M or the context-menu key on a cell): the first entry then has the focus,
 * the arrow keys move between entries, and Escape gives the focus back.
 */
import { ActionIcon, Menu } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { DotsIcon } from '../common/icons'
import type { MenuEntry } from './appointment-actions'

interface EntryMenuProps {
  label: string
  /** The entries, or a way to make them when the menu opens (the board's cells: fresh, and made only for the one opened). */
  entries: MenuEntry[] | (() => MenuEntry[])
  opened?: boolean
  onChange?: (opened: boolean) => void
  /** -1 inside the board's grid, where the cell itself holds the focus stop. */
  tabIndex?: number
  /** Where the focus goes when the menu closes (the grid cell), instead of the "⋯" button. */
  onClosed?: () => void
}

/**
 * Closed, it is only its button: a board shows a menu on each of its 160 cells,
 * and a Mantine Menu (its popover and positioning) on each would make every
 * redraw of the grid several times slower. The menu itself is made on opening.
 */
export function EntryMenu({ label, entries, opened, onChange, tabIndex, onClosed }: EntryMenuProps) {
  const [ownOpen, setOwnOpen] = useState(false)
  const isOpen = opened ?? ownOpen
  const button = useRef<HTMLButtonElement | null>(null)
  const wasOpen = useRef(false)
  useEffect(() => {
    // The open menu's button is gone with it: give the focus back to this one, unless the owner takes it.
    if (wasOpen.current && !isOpen && !onClosed && document.activeElement === document.body) button.current?.focus()
    wasOpen.current = isOpen
  }, [isOpen, onClosed])
  const setOpen = (open: boolean) => {
    if (opened === undefined) setOwnOpen(open)
    onChange?.(open)
  }
  if (Array.isArray(entries) && entries.length === 0) return null
  if (!isOpen) {
    return (
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        tabIndex={tabIndex}
        className="entry-menu-button dots-button"
        onClick={(e) => {
          e.stopPropagation()
          setOpen(true)
        }}
        onPointerDown={(e) => e.stopPropagation()}
      >
        <DotsIcon size={16} />
      </button>
    )
  }
  return (
    <OpenMenu
      label={label}
      entries={entries}
      onChange={setOpen}
      {...(tabIndex !== undefined && { tabIndex })}
      {...(onClosed && { onClosed })}
    />
  )
}

function OpenMenu({
  label,
  entries: given,
  onChange,
  tabIndex,
  onClosed,
}: Omit<EntryMenuProps, 'opened' | 'onChange'> & { onChange: (open: boolean) => void }) {
  const dropdown = useRef<HTMLDivElement | null>(null)
  const entries = typeof given === 'function' ? given() : given
  useEffect(() => {
    // Opened from the keyboard (or the button), the focus is not in the menu yet: hand it to the first entry.
    const timer = setTimeout(
      () => dropdown.current?.querySelector<HTMLElement>('[role="menuitem"]:not([data-disabled])')?.focus(),
      0,
    )
    return () => clearTimeout(timer)
  }, [])
  return (
    <Menu
      position="bottom-end"
      withinPortal
      opened
      onChange={onChange}
      onClose={onClosed}
      returnFocus={!onClosed}
      // The focus trap then starts on the first entry, wherever the menu was opened from.
      withInitialFocusPlaceholder={false}
      // Made when it opens, the menu would hear the very key press that opened it (M) as one
      // "outside" it and close again: only pointer presses outside close it; Escape and Tab still do.
      clickOutsideEvents={['mousedown', 'touchstart']}
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
