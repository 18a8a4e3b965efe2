/**
 * Refusals that must leave no trace: the error code is the one expected, the
 * message is a plain sentence, and the whole database (audit log included) is
 * exactly as it was, with no change event sent to the screens.
 */
import { expect } from 'vitest'
import type { InputOf, MethodName } from '../../src-shared/contract/index.js'
import type { DeskErrorShape, ErrorCode } from '../../src-shared/errors.js'
import { dumpDatabase } from './db-dump.js'
import type { TestDesk } from './clinic.js'

/** A message fit for the desk: no stack frame, no source file, not empty, not a novel. */
export function expectPlainMessage(message: string): void {
  expect(message.length).toBeGreaterThan(5)
  expect(message.length).toBeLessThan(2000)
  expect(message).not.toContain('    at ')
  expect(message).not.toMatch(/\.ts:\d|\.js:\d/)
  expect(message).not.toMatch(/SQLITE_|DESK:/)
}

export async function expectRefused<M extends MethodName>(
  desk: TestDesk,
  method: M,
  input: InputOf<M>,
  code: ErrorCode,
): Promise<DeskErrorShape> {
  return expectRefusedRaw(desk, method, input, code)
}

/** The same, for inputs the contract's types would not even allow. */
export async function expectRefusedRaw(
  desk: TestDesk,
  method: string,
  input: unknown,
  code: ErrorCode,
): Promise<DeskErrorShape> {
  const before = dumpDatabase(desk.db)
  let events = 0
  const unsubscribe = desk.core.events.subscribe(() => events++)
  const result = await desk.dispatcher.dispatch(method, input)
  unsubscribe()
  if (result.ok)
    throw new Error(
      `${method} was expected to be refused with ${code} but answered ${JSON.stringify(result.value).slice(0, 300)}`,
    )
  expect(result.error.code, `${method}: ${result.error.message}`).toBe(code)
  expectPlainMessage(result.error.message)
  expect(events, `${method} was refused but told the screens something changed`).toBe(0)
  expect(dumpDatabase(desk.db)).toEqual(before)
  return result.error
}
