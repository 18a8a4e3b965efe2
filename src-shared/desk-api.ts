/**
 * The narrow API the renderer gets, the same over Electron's preload and over
 * the browser host: call a contract method, hear about changes. Nothing else
 * of Node or Electron reaches the page.
 */
import type { InputOf, MethodName, OutputOf } from './contract/index.js'
import type { Result } from './errors.js'
import type { DeskEvent, DeskEventKind } from './events.js'

export interface DeskApi {
  invoke<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>
  subscribe<K extends DeskEventKind>(event: K, callback: (event: Extract<DeskEvent, { kind: K }>) => void): () => void
}

/** The IPC channel names between preload and main. */
export const IPC_INVOKE = 'desk:invoke'
export const IPC_EVENT = 'desk:event'
