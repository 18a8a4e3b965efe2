/** A write as data: which method, with what input (the staff member is added when it is sent). */
import type { InputOf, WriteMethod } from '../../src-shared/contract/index'

export type WriteInput<M extends WriteMethod> = Omit<InputOf<M>, 'staffId'>

export type DeskCall = { [M in WriteMethod]: { method: M; input: WriteInput<M> } }[WriteMethod]

/** One change that can be taken back, and the words for the Undo button. */
export interface UndoStep {
  label: string
  call: DeskCall
}
