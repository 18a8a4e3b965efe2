/**
 * The main window's settings, apart from Electron so a test can check them:
 * the renderer gets no Node, runs sandboxed and isolated, and reaches the
 * core only through the preload's two functions.
 */
export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Dialysis Desk',
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
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
    },
  } as const
}

/** The same policy as the browser host serves: nothing from the network, no inline scripts. */
export { CONTENT_SECURITY_POLICY } from '../host/static-files.js'

/** Whether a frame's address is the desk's own page (and not something it was tricked into loading). */
export function isDeskUrl(frameUrl: string, appUrl: string): boolean {
  try {
    const frame = new URL(frameUrl)
    const app = new URL(appUrl)
    if (app.protocol === 'file:') return frame.protocol === 'file:' && frame.pathname === app.pathname
    return frame.origin === app.origin
  } catch {
    return false
  }
}
