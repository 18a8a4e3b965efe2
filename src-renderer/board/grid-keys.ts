/**
 * What a key does in the board's grid. Row 0 holds the session heads (a drop
 * there books without a bed), rows 1..beds the beds; one column per session.
 */
export interface Position {
  row: number
  col: number
}

export type GridCommand =
  | { kind: 'focus'; to: Position }
  /** Enter or Space with something picked up: put it here. */
  | { kind: 'drop' }
  /** Enter or Space on a bed with a patient and nothing picked up: pick them up. */
  | { kind: 'pick' }
  | { kind: 'menu' }
  | { kind: 'cancel' }

export interface GridState {
  at: Position
  rows: number
  cols: number
  picking: boolean
  /** Whether the cell at `at` holds a patient who could be picked up. */
  occupied: boolean
  /** The key was pressed on the cell itself, not on the menu button inside it. */
  onCell: boolean
}

export interface KeyPress {
  key: string
  ctrlKey?: boolean
  shiftKey?: boolean
}

const clamp = (p: Position, s: GridState): Position => ({
  row: Math.max(0, Math.min(s.rows - 1, p.row)),
  col: Math.max(0, Math.min(s.cols - 1, p.col)),
})

/** Null: the key is not the grid's (Tab, letters, a key on the menu button). */
export function gridCommand(k: KeyPress, s: GridState): GridCommand | null {
  const { row, col } = s.at
  const focus = (p: Position): GridCommand => ({ kind: 'focus', to: clamp(p, s) })
  switch (k.key) {
    case 'ArrowUp':
      return focus({ row: row - 1, col })
    case 'ArrowDown':
      return focus({ row: row + 1, col })
    case 'ArrowLeft':
      return focus({ row, col: col - 1 })
    case 'ArrowRight':
      return focus({ row, col: col + 1 })
    case 'Home':
      return focus({ row: k.ctrlKey ? 0 : row, col: 0 })
    case 'End':
      return focus({ row: k.ctrlKey ? s.rows - 1 : row, col: s.cols - 1 })
    case 'Escape':
      return s.picking ? { kind: 'cancel' } : null
    case 'Enter':
    case ' ':
      if (!s.onCell) return null
      if (s.picking) return { kind: 'drop' }
      // Nothing to pick up here: Enter opens the cell's actions instead.
      return s.occupied && row > 0 ? { kind: 'pick' } : { kind: 'menu' }
    case 'm':
    case 'M':
    case 'ContextMenu':
      return { kind: 'menu' }
    case 'F10':
      return k.shiftKey ? { kind: 'menu' } : null
    default:
      return null
  }
}
