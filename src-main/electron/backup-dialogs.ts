/**
 * Choosing a backup file in the desk app: the system's own save and open
 * dialogs over the desk's window (a USB stick is then a click away, not a path
 * to type). Only the path comes back; exporting, checking and restoring are
 * the desk's own methods, called with it as with a typed path. The dialogs'
 * options are plain values, made by the functions below.
 */
import { type BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron'
import { today } from '../core/core.js'
import type { Handlers } from '../core/handlers.js'

const BACKUP_FILES = [
  { name: 'Desk backups', extensions: ['sqlite'] },
  { name: 'All files', extensions: ['*'] },
]

/** Where to save a backup: a new file named for the day, replacing a file only when the person says so. */
export function saveBackupOptions(date: string): SaveDialogOptions {
  return {
    title: 'Save a backup of the desk',
    buttonLabel: 'Save backup',
    defaultPath: `desk-backup-${date}.sqlite`,
    filters: BACKUP_FILES,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  }
}

/** One existing file to check and restore. */
export function openBackupOptions(): OpenDialogOptions {
  return {
    title: 'Choose a backup to restore',
    buttonLabel: 'Check this backup',
    filters: BACKUP_FILES,
    properties: ['openFile'],
  }
}

export function backupDialogs(parent: () => BrowserWindow | null): Pick<Handlers, 'shell.chooseBackupFile'> {
  return {
    'shell.chooseBackupFile': async (core, input) => {
      const owner = parent()
      if (input.purpose === 'save') {
        const options = saveBackupOptions(today(core))
        const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
        return { path: choice.canceled || !choice.filePath ? null : choice.filePath }
      }
      const options = openBackupOptions()
      const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options)
      return { path: choice.canceled ? null : (choice.filePaths[0] ?? null) }
    },
  }
}
