import { describe, expect, it } from 'vitest'
import { gridCommand, type GridState } from '../../src-renderer/board/grid-keys'

const state = (extra: Partial<GridState> = {}): GridState => ({
  at: { row: 2, col: 1 },
  rows: 5,
  cols: 3,
  picking: false,
  occupied: false,
  onCell: true,
  ...extra,
})

describe('keys in the board grid', () => {
  it('moves with the arrows and stops at the edges', () => {
    expect(gridCommand({ key: 'ArrowUp' }, state())).toEqual({ kind: 'focus', to: { row: 1, col: 1 } })
    expect(gridCommand({ key: 'ArrowRight' }, state())).toEqual({ kind: 'focus', to: { row: 2, col: 2 } })
    expect(gridCommand({ key: 'ArrowRight' }, state({ at: { row: 2, col: 2 } }))).toEqual({
      kind: 'focus',
      to: { row: 2, col: 2 },
    })
    expect(gridCommand({ key: 'ArrowUp' }, state({ at: { row: 0, col: 0 } }))).toEqual({
      kind: 'focus',
      to: { row: 0, col: 0 },
    })
    expect(gridCommand({ key: 'ArrowDown' }, state({ at: { row: 4, col: 0 } }))).toEqual({
      kind: 'focus',
      to: { row: 4, col: 0 },
    })
  })

  it('jumps to the row ends with Home and End, and to the corners with Ctrl', () => {
    expect(gridCommand({ key: 'Home' }, state())).toEqual({ kind: 'focus', to: { row: 2, col: 0 } })
    expect(gridCommand({ key: 'End', ctrlKey: true }, state())).toEqual({ kind: 'focus', to: { row: 4, col: 2 } })
  })

  it('picks up a patient with Enter or Space, and puts them down with the same keys', () => {
    expect(gridCommand({ key: 'Enter' }, state({ occupied: true }))).toEqual({ kind: 'pick' })
    expect(gridCommand({ key: ' ' }, state({ occupied: true }))).toEqual({ kind: 'pick' })
    expect(gridCommand({ key: 'Enter' }, state({ picking: true, occupied: true }))).toEqual({ kind: 'drop' })
  })

  it('opens the actions with Enter on an empty bed or a session head, and with M, the menu key or Shift+F10 anywhere', () => {
    expect(gridCommand({ key: 'Enter' }, state())).toEqual({ kind: 'menu' })
    expect(gridCommand({ key: 'Enter' }, state({ at: { row: 0, col: 1 }, occupied: true }))).toEqual({ kind: 'menu' })
    expect(gridCommand({ key: 'm' }, state({ occupied: true }))).toEqual({ kind: 'menu' })
    expect(gridCommand({ key: 'ContextMenu' }, state())).toEqual({ kind: 'menu' })
    expect(gridCommand({ key: 'F10', shiftKey: true }, state())).toEqual({ kind: 'menu' })
    expect(gridCommand({ key: 'F10' }, state())).toBeNull()
  })

  it("Escape puts back only what was picked up; keys on the menu button are the button's", () => {
    expect(gridCommand({ key: 'Escape' }, state({ picking: true }))).toEqual({ kind: 'cancel' })
    expect(gridCommand({ key: 'Escape' }, state())).toBeNull()
    expect(gridCommand({ key: 'Enter' }, state({ onCell: false, occupied: true }))).toBeNull()
    expect(gridCommand({ key: 'Tab' }, state())).toBeNull()
  })
})
