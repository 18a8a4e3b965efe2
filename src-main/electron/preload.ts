/**
 * The renderer's only door to the desk: `invoke(method, input)` and
 * `subscribe(event, callback)`. No ipcRenderer, no Node, nothing else.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { type DeskApi, IPC_EVENT, IPC_INVOKE } from '../../src-shared/desk-api'
import type { DeskEvent } from '../../src-shared/events'

const api: DeskApi = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE, String(method), input),
  subscribe: (kind, callback) => {
    const listener = (_e: IpcRendererEvent, event: DeskEvent) => {
      if (event.kind === kind) (callback as (e: DeskEvent) => void)(event)
    }
    ipcRenderer.on(IPC_EVENT, listener)
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, listener)
    }
  },
}

contextBridge.exposeInMainWorld('desk', api)
