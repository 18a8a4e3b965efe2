/**
 * Every refusal the desk can give, with the sentence a receptionist reads when
 * nothing more specific is known. Callers branch on `code`; people read `message`.
 */
export const ERROR_CODES = {
  VALIDATION: 'Some of the details entered are not valid.',
  UNKNOWN_METHOD: 'The desk does not know that request.',
  NOT_FOUND: 'That record does not exist.',
  SETUP_REQUIRED: 'The clinic has not been set up yet.',
  ALREADY_SET_UP: 'The clinic is already set up.',
  STAFF_NOT_ALLOWED: 'That staff member cannot make changes at the desk.',
  DUPLICATE: 'A record with the same details already exists.',
  INACTIVE: 'That record has been deactivated.',
  BED_TAKEN: 'That bed is already taken in this session.',
  BED_OCCUPIED: 'That bed still has patients booked on it.',
  SESSION_FULL: 'This session is full.',
  BED_BLOCKED: 'That bed is blocked for this session.',
  BED_OUT_OF_SERVICE: 'That bed is out of service.',
  BED_NOT_IN_SESSION: 'That bed is not part of this session.',
  PATIENT_DOUBLE_BOOKED: 'The patient is already booked in this session.',
  ISOLATION_MISMATCH: 'Hepatitis B isolation rules do not allow this bed for this patient.',
  SESSION_CANCELLED: 'This session has been cancelled.',
  IN_THE_PAST: 'That session is in the past.',
  OUTSIDE_VISIT: 'That date is outside the visiting patient’s stay.',
  INVALID_STATE: 'That change is not possible in the current state.',
  TEMPLATE_CLASH: 'Those session times clash with another session.',
  BUSY: 'The database is busy; please try again in a moment.',
  DATABASE_NEWER: 'This data was written by a newer version of the desk.',
  NOT_OUR_DATABASE: 'This file is not a dialysis desk database.',
  BACKUP_INVALID: 'This backup file cannot be used.',
  UNAUTHORIZED: 'This request is not allowed.',
  NOT_AVAILABLE: 'This works in the desk app, not in a web browser.',
  INTERNAL: 'Something went wrong inside the desk. Nothing was changed.',
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export interface DeskErrorShape {
  code: ErrorCode
  /** A sentence for the person at the desk. */
  message: string
  /** Structured facts for screens and scripts: offending fields, affected appointments. */
  details?: Record<string, unknown>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DeskErrorShape }

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_CODES, value)
}
