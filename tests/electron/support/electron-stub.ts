/**
 * The `electron` module as the Electron shell's tests see it (no Electron
 * runtime can be downloaded here): a recorder, the only mock in the suite.
 * Windows, IPC handlers, app events and the session's hooks are recorded;
 * the file dialogs record what they were asked and answer what the test set.
 *
 *   vi.mock('electron', async () => (await import('./support/electron-stub.js')).electronStub())
 */
import { vi } from 'vitest'

export type Handler = (...args: unknown[]) => unknown

export function makeContents() {
  const handlers = new Map<string, Handler>()
  return {
    handlers,
    openHandler: undefined as Handler | undefined,
    on(event: string, h: Handler) {
      handlers.set(event, h)
    },
    setWindowOpenHandler(h: Handler) {
      this.openHandler = h
    },
    send: vi.fn(),
  }
}

export interface DialogCall {
  kind: 'save' | 'open'
  /** The window the dialog was shown over (null: none). */
  owner: unknown
  options: Record<string, unknown>
}

export const recorded = {
  windows: [] as { options: Record<string, unknown>; contents: ReturnType<typeof makeContents>; window: unknown }[],
  ipcHandlers: new Map<string, Handler>(),
  appHandlers: new Map<string, Handler>(),
  permission: undefined as Handler | undefined,
  headers: undefined as Handler | undefined,
  errors: [] as string[],
  dialogs: [] as DialogCall[],
  /** What the next save dialog answers. */
  saveAnswer: { canceled: true, filePath: '' } as { canceled: boolean; filePath?: string },
  /** What the next open dialog answers. */
  openAnswer: { canceled: true, filePaths: [] } as { canceled: boolean; filePaths: string[] },
}

/** The data folder main.ts opens (app.getPath('userData')): set before importing it. */
export const stubState = { dataFolder: '' }

function dialogCall(kind: DialogCall['kind'], args: unknown[]): DialogCall {
  // Electron's dialogs take (window, options) or (options).
  return args.length >= 2
    ? { kind, owner: args[0], options: args[1] as Record<string, unknown> }
    : { kind, owner: null, options: args[0] as Record<string, unknown> }
}

export function electronStub() {
  class BrowserWindow {
    webContents = makeContents()
    constructor(options: Record<string, unknown>) {
      recorded.windows.push({ options, contents: this.webContents, window: this })
    }
    once() {}
    isDestroyed() {
      return false
    }
    isMinimized() {
      return false
    }
    loadURL() {
      return Promise.resolve()
    }
  }
  const app = {
    getAppPath: () => process.cwd(),
    getPath: () => stubState.dataFolder,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    on: (event: string, h: Handler) => recorded.appHandlers.set(event, h),
  }
  return {
    app,
    BrowserWindow,
    dialog: {
      showErrorBox: (_t: string, m: string) => recorded.errors.push(m),
      showSaveDialog: (...args: unknown[]) => {
        recorded.dialogs.push(dialogCall('save', args))
        return Promise.resolve(recorded.saveAnswer)
      },
      showOpenDialog: (...args: unknown[]) => {
        recorded.dialogs.push(dialogCall('open', args))
        return Promise.resolve(recorded.openAnswer)
      },
    },
    ipcMain: { handle: (channel: string, h: Handler) => recorded.ipcHandlers.set(channel, h) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => (recorded.permission = h),
        webRequest: { onHeadersReceived: (h: Handler) => (recorded.headers = h) },
      },
    },
  }
}
