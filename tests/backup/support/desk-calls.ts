/** Typed calls into an open desk's dispatcher, as a screen makes them. */
import type { InputOf, MethodName, OutputOf } from '../../../src-shared/contract/index.js'
import type { DeskErrorShape } from '../../../src-shared/errors.js'
import type { Desk } from '../../../src-main/desk/desk.js'

export async function call<M extends MethodName>(desk: Desk, method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  const r = await desk.dispatcher.dispatch(method, input)
  if (!r.ok) throw new Error(`${method} refused: ${r.error.code}: ${r.error.message}`)
  return r.value as OutputOf<M>
}

export async function refuse<M extends MethodName>(desk: Desk, method: M, input: InputOf<M>): Promise<DeskErrorShape> {
  const r = await desk.dispatcher.dispatch(method, input)
  if (r.ok) throw new Error(`${method} was expected to be refused`)
  return r.error
}
