/**
 * Electron's main process: a thin shell. It opens the desk (the same core the
 * browser host serves), shows one window, answers the preload's calls through
 * the dispatcher after checking which frame sent them, and forwards changes.
 */
import { app, BrowserWindow, dialog, ipcMain, session, type IpcMainInvokeEvent, type WebContents } from 'electron'
import fs from 'node:fs'
import path from 'node:path'
import { IPC_EVENT, IPC_INVOKE } from '../../src-shared/desk-api'
import type { Result } from '../../src-shared/errors'
import { openDesk, type Desk } from '../desk/desk.js'
import { failLine } from '../cli/cli-errors'
import { fileLogger } from '../log'
import { backupDialogs } from './backup-dialogs'
import { electronBindingPath } from './native-binding'
import { rosterPrinting } from './roster-printing'
import { CONTENT_SECURITY_POLICY, isDeskUrl } from './window-options'

const root = app.getAppPath()
const appUrl = process.env.ELECTRON_RENDERER_URL ?? `file://${path.join(root, 'out', 'renderer', 'index.html')}`

function dataFolderFromArgs(): string {
  const i = process.argv.indexOf('--data')
  const given = i >= 0 ? process.argv[i + 1] : undefined
  return given ? path.resolve(given) : app.getPath('userData')
}

/** Every handler first checks that the call comes from the desk's own page in the desk's own window. */
export function registerIpc(desk: Desk, trusted: (contents: WebContents) => boolean): void {
  ipcMain.handle(
    IPC_INVOKE,
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame
      if (!frame || !trusted(event.sender) || !isDeskUrl(frame.url, appUrl)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This request did not come from the desk.' } }
      }
      return desk.dispatcher.dispatch(typeof method === 'string' ? method : '', input)
    },
  )
}

/** No navigation away, no new windows, no webviews, no permissions: the page is the desk and only the desk. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (!isDeskUrl(url, appUrl)) e.preventDefault()
  })
  contents.on('will-redirect', (e) => e.preventDefault())
  contents.on('will-attach-webview', (e) => e.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) return app.quit()
  await app.whenReady()
  const dataFolder = dataFolderFromArgs()
  fs.mkdirSync(dataFolder, { recursive: true })
  const log = fileLogger(dataFolder, false)
  const binding = electronBindingPath(root, process.versions.electron ?? 'unknown')
  const preload = path.join(root, 'out', 'preload', 'index.cjs')
  let win: BrowserWindow | null = null
  const printing = rosterPrinting(root, preload, () => win)
  let desk: Desk
  try {
    desk = openDesk({
      dataFolder,
      log,
      shell: { ...printing.handlers, ...backupDialogs(() => win) },
      ...(fs.existsSync(binding) ? { nativeBinding: binding } : {}),
    })
  } catch (e) {
    log('The desk could not open its data', e)
    dialog.showErrorBox('Dialysis Desk cannot start', failLine(e))
    return app.quit()
  }

  session.defaultSession.setPermissionRequestHandler((_wc, _permission, done) => done(false))
  session.defaultSession.webRequest.onHeadersReceived((details, done) => {
    done({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  app.on('web-contents-created', (_e, contents) => hardenContents(contents))

  // Written out here, not built elsewhere, so that a reader (and electronegativity) sees them at a glance:
  // the renderer gets no Node, runs sandboxed and isolated, and reaches the core only through the preload.
  win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Dialysis Desk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
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
      safeDialogs: true,
      spellcheck: false,
      // A middle click must not open a link in a new window.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  const main = win
  registerIpc(desk, (sender) => sender === main.webContents || printing.windows.has(sender))
  const unsubscribe = desk.core.events.subscribe((event) => {
    if (!main.isDestroyed()) main.webContents.send(IPC_EVENT, event)
  })
  main.once('ready-to-show', () => main.show())
  app.on('second-instance', () => {
    if (main.isMinimized()) main.restore()
    main.focus()
  })
  await main.loadURL(appUrl)

  app.on('window-all-closed', () => {
    unsubscribe()
    desk.close()
    app.quit()
  })
}

void start()
