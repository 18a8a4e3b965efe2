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
