import { ERROR_CODES, type DeskErrorShape, type ErrorCode } from '../../src-shared/errors.js'

/** A refusal the person at the desk can understand. Thrown by the core, turned into a Result by the dispatcher. */
export class DeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'DeskError'
  }

  toShape(): DeskErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details }
  }
}

export function notFound(what: string, id: number | string): DeskError {
  return new DeskError('NOT_FOUND', `No ${what} with number ${id} exists.`, { what, id })
}
