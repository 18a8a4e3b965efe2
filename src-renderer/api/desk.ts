/**
 * The one handle the screens use: Electron's preload API when the desk runs
 * in Electron, the browser host otherwise. Both are the same DeskApi.
 */
import type { DeskApi } from '../../src-shared/desk-api'
import { httpDesk } from './http-desk'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    desk?: DeskApi
  }
}

export const desk: DeskApi = window.desk ?? httpDesk()

/** Whether the desk runs in its own app (Electron), where the system's dialogs can be used; false in a web browser. */
export const inDeskApp = window.desk !== undefined
