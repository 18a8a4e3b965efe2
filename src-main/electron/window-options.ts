/** The same policy as the browser host serves: nothing from the network, no inline scripts. */
export { CONTENT_SECURITY_POLICY } from '../host/static-files.js'

/** Whether a frame's address is the desk's own page (and not something it was tricked into loading). */
export function isDeskUrl(frameUrl: string, appUrl: string): boolean {
  try {
    const frame = new URL(frameUrl)
    const app = new URL(appUrl)
    // The desk's pages (index.html, roster.html) sit side by side in the built renderer folder.
    if (app.protocol === 'file:') {
      const folder = app.pathname.slice(0, app.pathname.lastIndexOf('/') + 1)
      return (
        frame.protocol === 'file:' &&
        frame.pathname.startsWith(folder) &&
        /^[a-z-]+\.html$/.test(frame.pathname.slice(folder.length))
      )
    }
    return frame.origin === app.origin
  } catch {
    return false
  }
}
