/**
 * Where a backup file is, the same way on every screen that needs one. In the
 * desk app: the system's own save or open dialog (a USB stick is a click away).
 * In a web browser, which never tells a page where a file is: its full path,
 * typed in a box.
 */
import { Button, Group, TextInput } from '@mantine/core'
import { useState, type FormEvent, type ReactNode } from 'react'
import { desk, inDeskApp } from '../api/desk'
import { showRefusal } from '../data/notify'

export interface BackupFileFieldProps {
  /** 'save': where a new backup goes; 'open': a backup to check and restore. */
  purpose: 'save' | 'open'
  /** The box's label and example, in a web browser. */
  label: string
  placeholder: string
  /** The button: "Save backup", "Check this file…". */
  action: string
  /** The button in the desk app, which opens the dialog: "Save a backup…", "Choose a backup…". */
  dialogAction: string
  /** Called with the file; `fromDialog` when the system dialog chose it (and has asked before replacing one). */
  onFile: (path: string, fromDialog: boolean) => Promise<unknown>
  variant?: 'filled' | 'default'
  /** More controls beside the box (a web browser only): "Replace a backup already there". */
  children?: ReactNode
}

export function BackupFileField({
  purpose,
  label,
  placeholder,
  action,
  dialogAction,
  onFile,
  variant = 'filled',
  children,
}: BackupFileFieldProps) {
  const [path, setPath] = useState('')
  const [busy, setBusy] = useState(false)
  const run = async (file: string, fromDialog: boolean) => {
    setBusy(true)
    try {
      await onFile(file, fromDialog)
    } finally {
      setBusy(false)
    }
  }

  if (inDeskApp) {
    const choose = async () => {
      const chosen = await desk.invoke('shell.chooseBackupFile', { purpose })
      if (!chosen.ok) return showRefusal(chosen.error)
      if (chosen.value.path) await run(chosen.value.path, true)
    }
    return (
      <Group>
        <Button variant={variant} loading={busy} onClick={() => void choose()}>
          {dialogAction}
        </Button>
      </Group>
    )
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    void run(path.trim(), false)
  }
  return (
    <form onSubmit={submit}>
      <Group align="flex-end" gap="sm">
        <TextInput
          label={label}
          placeholder={placeholder}
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
          required
          style={{ flex: 1 }}
        />
        {children}
        <Button type="submit" variant={variant} loading={busy} disabled={path.trim() === ''}>
          {action}
        </Button>
      </Group>
    </form>
  )
}
