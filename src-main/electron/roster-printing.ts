/**
 * Printing the roster from the desk app: the roster page is loaded in a
 * hidden window of its own (same security settings, same preload), and once
 * its data and fonts are in, sent to the system's print dialog or to printToPDF.
 */
import { BrowserWindow, dialog } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import type { ParsedInputOf } from '../../src-shared/contract/index.js'
import type { Handlers } from '../core/handlers.js'
import { DeskError } from '../core/desk-error.js'

export interface RosterPrinting {
  /** Windows whose calls the IPC handler trusts, besides the main one. */
  windows: Set<Electron.WebContents>
  handlers: Pick<Handlers, 'shell.printRoster' | 'shell.saveRosterPdf'>
}

type RosterInput = ParsedInputOf<'shell.printRoster'>

export function rosterPrinting(root: string, preload: string, parent: () => BrowserWindow | null): RosterPrinting {
  const windows = new Set<Electron.WebContents>()

  async function withRosterWindow<T>(input: RosterInput, work: (win: BrowserWindow) => Promise<T>): Promise<T> {
    // The same settings as the main window (main.ts), written out again on purpose: a static check such as
    // electronegativity reads them where the window is made, and a helper function would hide them from it.
    const win = new BrowserWindow({
      show: false,
      width: 900,
      height: 1200,
      webPreferences: {
        preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        disableBlinkFeatures: 'Auxclick',
      },
    })
    windows.add(win.webContents)
    try {
      const query: Record<string, string> = { date: input.date }
      if (input.scheduleSessionId !== undefined) query.session = String(input.scheduleSessionId)
      if (input.printedBy !== undefined) query.by = String(input.printedBy)
      await win.loadFile(path.join(root, 'out', 'renderer', 'roster.html'), { query })
      // The page marks itself ready once its data is drawn and its fonts are loaded.
      await win.webContents.executeJavaScript(
        `new Promise((ok) => { const t = setInterval(() => { if (document.body.dataset.ready) { clearInterval(t); ok(true) } }, 50) })`,
      )
      return await work(win)
    } finally {
      windows.delete(win.webContents)
      if (!win.isDestroyed()) win.destroy()
    }
  }

  return {
    windows,
    handlers: {
      'shell.printRoster': (_core, input) =>
        withRosterWindow(
          input,
          (win) =>
            new Promise<{ printed: boolean }>((resolve, reject) => {
              win.webContents.print({ silent: false, printBackground: false }, (printed, failure) => {
                if (printed || failure === 'cancelled') resolve({ printed })
                else reject(new DeskError('INTERNAL', `The roster could not be printed (${failure}).`))
              })
            }),
        ),
      'shell.saveRosterPdf': async (_core, input) => {
        const owner = parent()
        const options = { title: 'Save the roster as PDF', defaultPath: `roster-${input.date}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] }
        const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
        if (choice.canceled || !choice.filePath) return { path: null }
        const file = choice.filePath
        const pdf = await withRosterWindow(input, (win) => win.webContents.printToPDF({ preferCSSPageSize: true, printBackground: false }))
        const tmp = `${file}.tmp`
        fs.writeFileSync(tmp, pdf)
        fs.renameSync(tmp, file)
        return { path: file }
      },
    },
  }
}
