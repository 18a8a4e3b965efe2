import type { z } from 'zod'

/**
 * One method of the desk: its input schema, whether it writes, a sentence of
 * documentation, and (as a type only) what it answers.
 */
export interface MethodSpec<
  I extends z.ZodType = z.ZodType,
  O = unknown,
  K extends 'read' | 'write' = 'read' | 'write',
> {
  readonly input: I
  /** Kept as a literal type, so `WriteMethod` can tell the writes apart. */
  readonly kind: K
  readonly summary: string
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: O
}

/** A method that only reads: `read<Output>()(inputSchema, 'what it does')`. */
export const read =
  <O>() =>
  <I extends z.ZodType>(input: I, summary: string): MethodSpec<I, O, 'read'> => ({ input, kind: 'read', summary })

/** A method that changes data: one transaction, one audit row, one change event. */
export const write =
  <O>() =>
  <I extends z.ZodType>(input: I, summary: string): MethodSpec<I, O, 'write'> => ({ input, kind: 'write', summary })
