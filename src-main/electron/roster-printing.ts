/**
 * Printing the roster from the desk app: the roster page is loaded in a
 * hidden window of its own (same security settings, same preload), and once
 * its data and fonts are in, sent to the system's print dialog or to printToPDF.
 */
import { app, BrowserWindow, dialog } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import type { ParsedInputOf } from '../../src-shared/contract/index.js'
import type { PaperSize, Roster } from '../../src-shared/model.js'
import type { Core } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import type { Handlers } from '../core/handlers.js'
import { dayRoster } from '../core/reports/roster.js'

export interface RosterPrinting {
  /** Windows whose calls the IPC handler trusts, besides the main one. */
  windows: Set<Electron.WebContents>
  handlers: Pick<Handlers, 'shell.printRoster' | 'shell.saveRosterPdf'>
}

type RosterInput = ParsedInputOf<'shell.printRoster'>

/** How long the roster page may take to draw its data and load its fonts before printing gives up. */
const READY_TIMEOUT_MS = 30_000

/**
 * The system print dialog opens on the center's paper. Margins "default" are
 * the page's own (@page in the roster's CSS, which also draws its footer), and
 * with no header or footer given Electron adds none of the browser's own (title,
 * address, date). No backgrounds: the roster is black on white by design.
 */
function printOptions(paper: PaperSize): Electron.WebContentsPrintOptions {
  return {
    silent: false,
    printBackground: false,
    pageSize: paper,
    landscape: false,
    margins: { marginType: 'default' },
  }
}

/**
 * The PDF: the same as what the browser's print makes of the page. The CSS
 * page box decides size and margins (the paper named too, should CSS not say),
 * no browser header or footer, no backgrounds.
 */
function pdfOptions(paper: PaperSize): Electron.PrintToPDFOptions {
  return {
    pageSize: paper,
    preferCSSPageSize: true,
    landscape: false,
    printBackground: false,
    displayHeaderFooter: false,
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  }
}

/** "roster-2026-01-07.pdf", or "roster-2026-01-07-0600.pdf" for one session. */
function pdfName(roster: Roster, input: RosterInput): string {
  const session = input.scheduleSessionId === undefined ? undefined : roster.sessions[0]
  return `roster-${roster.date}${session ? `-${session.startTime.replace(':', '')}` : ''}.pdf`
}

function documentsFolder(): string | undefined {
  try {
    return app.getPath('documents')
  } catch {
    return undefined
  }
}

const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'the desk may not write in that folder',
  EPERM: 'the desk may not write in that folder',
  EROFS: 'that drive can only be read',
  ENOSPC: 'the disk is full',
  ENOENT: 'that folder no longer exists',
  EBUSY: 'the file is open in another program',
}

/** Writes the PDF beside its final name first, so a failure never leaves half a file where the receptionist looks. */
function writePdf(file: string, pdf: Uint8Array): void {
  const tmp = `${file}.tmp`
  try {
    fs.writeFileSync(tmp, pdf)
    fs.renameSync(tmp, file)
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true })
    } catch {
      // Nothing of ours to remove (the name is taken by something else): the error below says what matters.
    }
    const code = (e as NodeJS.ErrnoException).code ?? ''
    const why = WRITE_FAILURES[code] ?? 'the file could not be written'
    throw new DeskError('INTERNAL', `The roster was not saved as ${file}: ${why}. Choose another folder and try again.`)
  }
}

export function rosterPrinting(
  root: string,
  preload: string,
  parent: () => BrowserWindow | null,
  options: { readyTimeoutMs?: number } = {},
): RosterPrinting {
  const windows = new Set<Electron.WebContents>()
  const readyTimeout = options.readyTimeoutMs ?? READY_TIMEOUT_MS

  /** Waits for the page's ready mark; answers the page's own problem sentence when it could not draw the roster. */
  async function whenReady(win: BrowserWindow): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_ok, fail) => {
      timer = setTimeout(
        () =>
          fail(
            new DeskError('INTERNAL', 'The roster page did not finish loading; nothing was printed. Please try again.'),
          ),
        readyTimeout,
      )
    })
    try {
      // The page marks itself ready once its data is drawn and its fonts are loaded (roster-main.tsx).
      const problem: unknown = await Promise.race([
        win.webContents.executeJavaScript(
          `new Promise((ok) => { const t = setInterval(() => { if (document.body.dataset.ready) { clearInterval(t); ok(document.body.dataset.problem || '') } }, 50) })`,
        ),
        timeout,
      ])
      if (typeof problem === 'string' && problem !== '')
        throw new DeskError('INVALID_STATE', `The roster was not printed: ${problem}`)
    } finally {
      clearTimeout(timer)
    }
  }

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
      await whenReady(win)
      return await work(win)
    } finally {
      windows.delete(win.webContents)
      if (!win.isDestroyed()) win.destroy()
    }
  }

  /** Read first: a session that is not on that date, or a clinic not set up, is refused in the desk's words before any dialog opens. */
  const rosterOf = (core: Core, input: RosterInput): Roster => dayRoster(core, input)

  return {
    windows,
    handlers: {
      'shell.printRoster': (core, input) => {
        const paper = rosterOf(core, input).paperSize
        return withRosterWindow(
          input,
          (win) =>
            new Promise<{ printed: boolean }>((resolve, reject) => {
              win.webContents.print(printOptions(paper), (printed, failure) => {
                if (printed || failure === 'cancelled') resolve({ printed })
                else
                  reject(
                    new DeskError(
                      'INTERNAL',
                      `The roster could not be printed (${failure}). Check that the printer is on and try again.`,
                    ),
                  )
              })
            }),
        )
      },
      'shell.saveRosterPdf': async (core, input) => {
        const roster = rosterOf(core, input)
        const owner = parent()
        const folder = documentsFolder()
        const name = pdfName(roster, input)
        const options = {
          title: 'Save the roster as PDF',
          defaultPath: folder ? path.join(folder, name) : name,
          filters: [{ name: 'PDF', extensions: ['pdf'] }],
        }
        const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options)
        if (choice.canceled || !choice.filePath) return { path: null }
        // Some systems' dialogs leave the extension to the person typing the name.
        const file = /\.pdf$/i.test(choice.filePath) ? choice.filePath : `${choice.filePath}.pdf`
        const pdf = await withRosterWindow(input, (win) => win.webContents.printToPDF(pdfOptions(roster.paperSize)))
        writePdf(file, pdf)
        return { path: file }
      },
    },
  }
}
