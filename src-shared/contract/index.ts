/**
 * Types derived from the one contract: nothing here is declared twice.
 */
import type { z } from 'zod'
import type { Result } from '../errors.js'
import { methods } from './methods.js'

export { methods }
export type { Booking, SessionCancellation, AuditPage } from './methods.js'
export type { BackupMethodName } from './backup-methods.js'

export type Methods = typeof methods
export type MethodName = keyof Methods

/** What a caller passes (defaults may be left out). */
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>
/** What the core receives after validation (defaults filled in). */
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>
export type OutputOf<M extends MethodName> = NonNullable<Methods[M]['output']>

export type WriteMethod = { [M in MethodName]: Methods[M]['kind'] extends 'write' ? M : never }[MethodName]

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name)
}

/** How every transport calls the desk: the Electron preload, the HTTP client, the tests. */
export interface DeskClient {
  invoke<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>
}
