/** Undo the last change: a button in the header and Ctrl+Z anywhere outside a text field. */
import { Button, Tooltip } from '@mantine/core'
import { useEffect } from 'react'
import { UndoIcon } from '../common/icons'
import { useUndo } from '../data/desk-context'

export function UndoButton() {
  const { undoSteps, undoLast } = useUndo()
  const next = undoSteps[0]
  return (
    <Tooltip label={next ? `Undo the ${next.label} (Ctrl+Z)` : 'Nothing to undo'} withinPortal>
      <Button
        variant="default"
        leftSection={<UndoIcon size={16} />}
        disabled={!next}
        onClick={() => void undoLast()}
        aria-keyshortcuts="Control+Z"
        maw={300}
      >
        <span className="undo-label">{next ? `Undo ${next.label}` : 'Undo'}</span>
      </Button>
    </Tooltip>
  )
}

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target.tagName === 'INPUT' && !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type))
  )
}

/**
 * Ctrl+Z anywhere outside a text field. A component of its own (drawing
 * nothing), so that the undo history changing at every change redraws only it,
 * not the screen around it.
 */
export function UndoShortcut(): null {
  const { undoLast } = useUndo()
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // In a text field Ctrl+Z undoes typing, as everywhere else.
      if (
        (e.ctrlKey || e.metaKey) &&
        !e.shiftKey &&
        !e.altKey &&
        e.key.toLowerCase() === 'z' &&
        !isTextField(e.target)
      ) {
        e.preventDefault()
        void undoLast()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [undoLast])
  return null
}
