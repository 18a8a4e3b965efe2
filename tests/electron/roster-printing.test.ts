/**
 * Printing the roster in the desk app, checked without an Electron runtime
 * (none can be downloaded here): `electron` is replaced by a recorder, the only
 * mock, while the desk behind it is real (a SQLite file, the dispatcher). What
 * is asserted is what Electron is asked to do: which page the hidden window
 * loads, the print and printToPDF options (the center's paper, the page's own
 * margins, no browser header or footer, no backgrounds), and where the PDF goes.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Dispatcher } from '../../src-main/dispatcher.js'
import { createDispatcher } from '../../src-main/dispatcher.js'
import { MONDAY, openTestDesk, tempFolder, type TestDesk } from '../support/clinic.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

type PrintCallback = (printed: boolean, failure: string) => void
interface FakeWindow {
  options: Record<string, unknown>
  loaded: { file: string; query: Record<string, string> } | null
  destroyed: boolean
  webContents: {
    executeJavaScript: ReturnType<typeof vi.fn>
    print: ReturnType<typeof vi.fn>
    printToPDF: ReturnType<typeof vi.fn>
  }
}

interface ElectronState {
  windows: FakeWindow[]
  pageAnswer: string | null
  printAnswer: { printed: boolean; failure: string }
  pdf: Uint8Array
  saveAnswer: { canceled: boolean; filePath?: string }
  saveCalls: unknown[][]
  documents: string
  trustedWhilePrinting: boolean[]
}

const electron = vi.hoisted((): ElectronState => ({
  windows: [],
  /** What the roster page says once ready: '' when it drew the roster, its sentence when it could not; null: it never gets ready. */
  pageAnswer: '',
  printAnswer: { printed: true, failure: '' },
  pdf: new Uint8Array([37, 80, 68, 70, 45, 49, 46, 55]),
  saveAnswer: { canceled: false, filePath: '' },
  saveCalls: [] as unknown[][],
  documents: '',
  /** Set by the print and printToPDF stubs: whether the IPC handler trusted the printing window while it printed. */
  trustedWhilePrinting: [],
}))

vi.mock('electron', () => {
  class BrowserWindow {
    options: Record<string, unknown>
    loaded: FakeWindow['loaded'] = null
    destroyed = false
    webContents = {
      executeJavaScript: vi.fn(() =>
        electron.pageAnswer === null ? new Promise(() => {}) : Promise.resolve(electron.pageAnswer),
      ),
      print: vi.fn((_options: unknown, done: PrintCallback) => {
        electron.trustedWhilePrinting.push(printingWindows().has(this.webContents))
        setTimeout(() => done(electron.printAnswer.printed, electron.printAnswer.failure), 0)
      }),
      printToPDF: vi.fn(() => {
        electron.trustedWhilePrinting.push(printingWindows().has(this.webContents))
        return Promise.resolve(Buffer.from(electron.pdf))
      }),
    }
    constructor(options: Record<string, unknown>) {
      this.options = options
      electron.windows.push(this)
    }
    loadFile(file: string, options: { query: Record<string, string> }) {
      this.loaded = { file, query: options.query }
      return Promise.resolve()
    }
    isDestroyed() {
      return this.destroyed
    }
    destroy() {
      this.destroyed = true
    }
  }
  return {
    app: { getPath: (name: string) => (name === 'documents' ? electron.documents : '') },
    BrowserWindow,
    dialog: {
      showSaveDialog: vi.fn((...args: unknown[]) => {
        electron.saveCalls.push(args)
        return Promise.resolve(electron.saveAnswer)
      }),
    },
  }
})

const { rosterPrinting } = await import('../../src-main/electron/roster-printing.js')
let printing: ReturnType<typeof rosterPrinting>
/** The windows the IPC handler trusts, as plain objects (the recorder's web contents are not Electron's). */
const printingWindows = () => printing.windows as Set<unknown>

let desk: TestDesk
let s: Scenario
let dispatcher: Dispatcher
let out: string
const owner = { name: 'the main window' }
const root = path.resolve('/app/root')

async function call(method: 'shell.printRoster' | 'shell.saveRosterPdf', input: Record<string, unknown>) {
  return dispatcher.dispatch(method, input) as Promise<{
    ok: boolean
    value?: Record<string, unknown>
    error?: { code: string; message: string }
  }>
}

beforeEach(async () => {
  Object.assign(electron, {
    windows: [],
    pageAnswer: '',
    printAnswer: { printed: true, failure: '' },
    saveCalls: [],
    trustedWhilePrinting: [],
  })
  desk = openTestDesk()
  s = await scenario(desk, { days: 3 })
  out = tempFolder('desk-pdf-')
  electron.documents = out
  printing = rosterPrinting(root, '/app/root/out/preload/index.cjs', () => owner as never, { readyTimeoutMs: 200 })
  // The shell's handlers behind the same dispatcher the IPC handler uses: input validated by the contract.
  dispatcher = createDispatcher(desk.core, () => {}, printing.handlers)
})
afterEach(() => {
  desk.close()
  fs.rmSync(out, { recursive: true, force: true })
})

describe('Print', () => {
  it("loads the roster page in a hidden, sandboxed window and opens the system's print dialog on the center's paper", async () => {
    const morning = await s.session(TUESDAY, '06:00')
    const r = await call('shell.printRoster', { date: TUESDAY, scheduleSessionId: morning.id, printedBy: s.staffId })
    expect(r).toEqual({ ok: true, value: { printed: true } })
    expect(electron.windows).toHaveLength(1)
    const win = electron.windows[0]!
    expect(win.options.show).toBe(false)
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/root/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    })
    expect(win.loaded).toEqual({
      file: path.join(root, 'out', 'renderer', 'roster.html'),
      query: { date: TUESDAY, session: String(morning.id), by: String(s.staffId) },
    })
    // It waits for the page's ready mark (data drawn, fonts loaded) before printing.
    expect(win.webContents.executeJavaScript.mock.calls[0]![0]).toContain('document.body.dataset.ready')
    expect(win.webContents.executeJavaScript.mock.invocationCallOrder[0]).toBeLessThan(
      win.webContents.print.mock.invocationCallOrder[0]!,
    )
    const [options] = win.webContents.print.mock.calls[0]!
    // A4 by default; the page's own margins (its CSS footer lives there); no browser header or footer; no backgrounds.
    expect(options).toEqual({
      silent: false,
      printBackground: false,
      pageSize: 'A4',
      landscape: false,
      margins: { marginType: 'default' },
    })
    expect(options).not.toHaveProperty('header')
    expect(options).not.toHaveProperty('footer')
    // The page's calls were trusted while it printed, and the window is gone afterwards.
    expect(electron.trustedWhilePrinting).toEqual([true])
    expect(win.destroyed).toBe(true)
    expect(printing.windows.size).toBe(0)
  })

  it('prints on Letter paper when that is the center’s setting', async () => {
    await desk.call('center.update', { staffId: s.staffId, paperSize: 'Letter' })
    await call('shell.printRoster', { date: TUESDAY })
    expect(electron.windows[0]!.loaded!.query).toEqual({ date: TUESDAY })
    expect(electron.windows[0]!.webContents.print.mock.calls[0]![0]).toMatchObject({ pageSize: 'Letter' })
  })

  it('answers printed: false when the dialog is cancelled, and a plain refusal when the printer fails', async () => {
    electron.printAnswer = { printed: false, failure: 'cancelled' }
    expect(await call('shell.printRoster', { date: TUESDAY })).toEqual({ ok: true, value: { printed: false } })
    electron.printAnswer = { printed: false, failure: 'Print job failed' }
    const r = await call('shell.printRoster', { date: TUESDAY })
    expect(r.ok).toBe(false)
    expect(r.error!.message).toBe(
      'The roster could not be printed (Print job failed). Check that the printer is on and try again.',
    )
    expect(electron.windows.every((w) => w.destroyed)).toBe(true)
  })

  it('refuses a session that is not on that date before any window opens', async () => {
    const other = await s.session(MONDAY, '06:00')
    const r = await call('shell.printRoster', { date: TUESDAY, scheduleSessionId: other.id })
    expect(r.error?.code).toBe('NOT_FOUND')
    expect(electron.windows).toHaveLength(0)
  })

  it('says what the page said when it could not draw the roster, and gives up on a page that never gets ready', async () => {
    electron.pageAnswer = 'The database is busy; please try again in a moment.'
    const refused = await call('shell.printRoster', { date: TUESDAY })
    expect(refused.error?.message).toBe(
      'The roster was not printed: The database is busy; please try again in a moment.',
    )
    electron.pageAnswer = null
    const stuck = await call('shell.printRoster', { date: TUESDAY })
    expect(stuck.error?.message).toBe('The roster page did not finish loading; nothing was printed. Please try again.')
    expect(electron.windows.map((w) => w.webContents.print.mock.calls.length)).toEqual([0, 0])
    expect(electron.windows.every((w) => w.destroyed)).toBe(true)
  })
})

describe('Save as PDF', () => {
  it('asks where in a file dialog over the desk window, then writes printToPDF’s bytes exactly there', async () => {
    await desk.call('center.update', { staffId: s.staffId, paperSize: 'Letter' })
    const file = path.join(out, 'Tuesday roster.pdf')
    electron.saveAnswer = { canceled: false, filePath: file }
    const r = await call('shell.saveRosterPdf', { date: TUESDAY, printedBy: s.staffId })
    expect(r).toEqual({ ok: true, value: { path: file } })
    expect(electron.saveCalls).toHaveLength(1)
    const [parent, dialogOptions] = electron.saveCalls[0]!
    expect(parent).toBe(owner)
    expect(dialogOptions).toEqual({
      title: 'Save the roster as PDF',
      defaultPath: path.join(out, `roster-${TUESDAY}.pdf`),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    })
    const win = electron.windows[0]!
    expect(win.loaded!.query).toEqual({ date: TUESDAY, by: String(s.staffId) })
    const [pdfOptions] = win.webContents.printToPDF.mock.calls[0]!
    // The center's paper (CSS's @page names it too), the page's own margins, no browser header or footer, no backgrounds.
    expect(pdfOptions).toEqual({
      pageSize: 'Letter',
      preferCSSPageSize: true,
      landscape: false,
      printBackground: false,
      displayHeaderFooter: false,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    })
    expect(new Uint8Array(fs.readFileSync(file))).toEqual(electron.pdf)
    expect(fs.readdirSync(out)).toEqual(['Tuesday roster.pdf'])
    expect(electron.trustedWhilePrinting).toEqual([true])
    expect(win.destroyed).toBe(true)
  })

  it('names the file after the session when one session is saved, and adds .pdf when the name typed has none', async () => {
    const afternoon = await s.session(TUESDAY, '10:30')
    electron.saveAnswer = { canceled: false, filePath: path.join(out, 'afternoon') }
    const r = await call('shell.saveRosterPdf', { date: TUESDAY, scheduleSessionId: afternoon.id })
    expect(r.value).toEqual({ path: path.join(out, 'afternoon.pdf') })
    expect((electron.saveCalls[0]![1] as { defaultPath: string }).defaultPath).toBe(
      path.join(out, `roster-${TUESDAY}-1030.pdf`),
    )
    expect(electron.windows[0]!.webContents.printToPDF.mock.calls[0]![0]).toMatchObject({ pageSize: 'A4' })
    expect(fs.readdirSync(out)).toEqual(['afternoon.pdf'])
  })

  it('writes nothing and opens no window when the file dialog is cancelled', async () => {
    electron.saveAnswer = { canceled: true }
    expect(await call('shell.saveRosterPdf', { date: TUESDAY })).toEqual({ ok: true, value: { path: null } })
    expect(electron.windows).toHaveLength(0)
    expect(fs.readdirSync(out)).toEqual([])
  })

  it('says in words when the folder cannot be written, and leaves no half-written file behind', async () => {
    const gone = path.join(out, 'no such folder', 'roster.pdf')
    electron.saveAnswer = { canceled: false, filePath: gone }
    const r = await call('shell.saveRosterPdf', { date: TUESDAY })
    expect(r.ok).toBe(false)
    expect(r.error).toEqual({
      code: 'INTERNAL',
      message: `The roster was not saved as ${gone}: that folder no longer exists. Choose another folder and try again.`,
    })
    expect(fs.readdirSync(out)).toEqual([])
  })

  it('keeps an existing file whole when the new one cannot be written over it', async () => {
    const file = path.join(out, 'roster.pdf')
    fs.writeFileSync(file, 'the roster saved yesterday')
    electron.saveAnswer = { canceled: false, filePath: file }
    // The temporary file's place is taken by a folder: the write fails before the rename.
    fs.mkdirSync(`${file}.tmp`)
    const r = await call('shell.saveRosterPdf', { date: TUESDAY })
    expect(r.ok).toBe(false)
    expect(fs.readFileSync(file, 'utf8')).toBe('the roster saved yesterday')
  })
})
