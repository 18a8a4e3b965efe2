/**
 * The one door into the core (practices #3). Every transport (Electron IPC,
 * the browser host, command-line tools, tests) calls `dispatch`: it refuses
 * unknown methods, validates the input against the contract (extra fields
 * included), runs the handler and turns every failure into a typed error.
 * No stack trace leaves this function; it goes to the log instead.
 */
import type { z } from 'zod'
import { isMethodName, methods, type MethodName } from '../src-shared/contract/index.js'
import { ERROR_CODES, type DeskErrorShape, isErrorCode, type Result } from '../src-shared/errors.js'
import type { Core } from './core/core.js'
import { DeskError } from './core/desk-error.js'
import { type Handler, type Handlers, handlers } from './core/handlers.js'

export type Logger = (message: string, error?: unknown) => void

export const consoleLogger: Logger = (message, error) => console.error(`[desk] ${message}`, error ?? '')

export interface Dispatcher {
  readonly core: Core
  dispatch(method: string, input: unknown): Promise<Result<unknown>>
}

/**
 * `shell` lets the composition root answer methods only it can (a window's
 * print dialog): the same contract, with those handlers replaced.
 */
export function createDispatcher(core: Core, log: Logger = consoleLogger, shell: Partial<Handlers> = {}): Dispatcher {
  const table: Handlers = { ...handlers, ...shell }
  return {
    core,
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return fail({
          code: 'UNKNOWN_METHOD',
          message: `The desk has no method called "${String(method).slice(0, 80)}".`,
        })
      }
      const spec = methods[method]
      const parsed = (spec.input as z.ZodType).safeParse(input === undefined || input === null ? {} : input)
      if (!parsed.success) return fail(validationError(method, parsed.error, input))
      try {
        const handler = table[method] as Handler<MethodName>
        const value = await handler(core, parsed.data as never)
        return { ok: true, value }
      } catch (e) {
        return fail(toErrorShape(e, method, log))
      }
    },
  }
}

function fail(error: DeskErrorShape): Result<never> {
  return { ok: false, error }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

/** One sentence naming each bad field, plus the list for forms to mark. */
export function validationError(method: string, error: z.ZodError, input: unknown): DeskErrorShape {
  const issues = error.issues.slice(0, 10).map((issue) => {
    const field = issue.path.map(String).join('.')
    let message: string
    if (issue.code === 'unrecognized_keys') {
      // Named up to a handful: a request with thousands of stray fields must not become a page of text.
      const named = issue.keys.slice(0, 5).map((k) => `"${k.slice(0, 40)}"`)
      if (issue.keys.length > named.length) named.push(`${issue.keys.length - named.length} more`)
      message = `${named.join(', ')} ${issue.keys.length === 1 ? 'is not a field' : 'are not fields'} of ${method}`
    } else if (issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
      message = 'is required'
    } else if (issue.code === 'invalid_type' && issue.path.length === 0) {
      message = 'the input must be an object of named fields'
    } else {
      message = issue.message
    }
    return { field, message }
  })
  const sentence = issues.map((i) => (i.field ? `${i.field} ${i.message}` : i.message)).join('; ')
  return {
    code: 'VALIDATION',
    message: `${ERROR_CODES.VALIDATION.replace(/\.$/, ':')} ${sentence}.`,
    details: { issues },
  }
}

/** Constraint names from the migrations, mapped to the refusal they stand for. */
const UNIQUE_MEANINGS: [RegExp, DeskErrorShape['code'], string][] = [
  [/appointments\.schedule_session_id, appointments\.bed_id/, 'BED_TAKEN', ERROR_CODES.BED_TAKEN],
  [
    /appointments\.schedule_session_id, appointments\.patient_id/,
    'PATIENT_DOUBLE_BOOKED',
    ERROR_CODES.PATIENT_DOUBLE_BOOKED,
  ],
  [
    /patients\.center_id, patients\.clinic_number/,
    'DUPLICATE',
    'That clinic number already belongs to another patient.',
  ],
  [/patients\.center_id, patients\.national_id/, 'DUPLICATE', 'That national ID already belongs to another patient.'],
  [/beds\.center_id, beds\.code/, 'DUPLICATE', 'A bed with that code already exists.'],
]

export function toErrorShape(e: unknown, method: string, log: Logger): DeskErrorShape {
  if (e instanceof DeskError) return e.toShape()
  const err = e as { code?: string; message?: string }
  const message = typeof err?.message === 'string' ? err.message : ''
  // Triggers raise 'DESK:<CODE>': the database caught what the code should have.
  const raised = /^DESK:([A-Z_]+)/.exec(message)
  if (raised && isErrorCode(raised[1])) {
    if (raised[1] === 'INTERNAL') log(`${method}: ${message}`, e)
    return { code: raised[1], message: ERROR_CODES[raised[1]] }
  }
  if (err?.code === 'SQLITE_CONSTRAINT_UNIQUE') {
    for (const [re, code, text] of UNIQUE_MEANINGS) if (re.test(message)) return { code, message: text }
  }
  if (err?.code === 'SQLITE_BUSY' || err?.code === 'SQLITE_LOCKED') return { code: 'BUSY', message: ERROR_CODES.BUSY }
  log(`${method} failed unexpectedly`, e)
  return { code: 'INTERNAL', message: ERROR_CODES.INTERNAL }
}
