/**
 * The building blocks of every input schema. Each field says in plain words
 * what is wrong with a bad value, because that sentence reaches the desk.
 */
import { z } from 'zod'
import { isValidDate, isValidTime, WEEKDAYS } from '../dates.js'

export const id = z.int('must be a whole number').positive('must be a record number above 0')

/** The staff member making a change: every write is audited under this person. */
export const staffId = id.describe('The staff member at the desk making this change')

export const text = (max: number) => z.string('must be text').trim().max(max, `must be at most ${max} characters`)

export const requiredText = (max: number) => text(max).min(1, 'must not be empty')

export const date = z
  .string('must be a date')
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isValidDate, 'is not a real calendar date')

export const time = z
  .string('must be a time')
  .regex(/^\d{2}:\d{2}$/, { message: 'must be a time written HH:MM', abort: true })
  .refine(isValidTime, 'is not a real time of day (00:00 to 23:59)')

export const weekday = z.enum(WEEKDAYS, 'must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun')

export const hepatitisB = z.enum(['negative', 'positive', 'unknown'], 'must be negative, positive or unknown')

export const preferredShift = z.enum(
  ['morning', 'afternoon', 'evening', 'any'],
  'must be morning, afternoon, evening or any',
)

export const staffRole = z.enum(
  ['receptionist', 'nurse', 'doctor', 'manager', 'admin'],
  'must be receptionist, nurse, doctor, manager or admin',
)

export const patientKind = z.enum(['regular', 'visiting'], 'must be regular or visiting')

export const noShowReason = z.enum(
  ['hospital', 'holiday', 'unwell', 'transport', 'unknown'],
  'must be hospital, holiday, unwell, transport or unknown',
)

export const isolationRule = z.enum(['enforce', 'warn'], 'must be enforce or warn')

export const dateFormat = z.enum(
  ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'],
  'must be DD/MM/YYYY, MM/DD/YYYY or YYYY-MM-DD',
)

export const paperSize = z.enum(['A4', 'Letter'], 'must be A4 or Letter')

export const bedCode = requiredText(20).regex(
  /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u,
  'may hold only letters, digits, spaces, dots, dashes and underscores',
)

export const personName = requiredText(200)

export const clinicNumber = requiredText(30).regex(
  /^[\p{L}\p{N}/._-]+$/u,
  'may hold only letters, digits, dots, dashes and slashes',
)

/** A national identity card number: Sri Lanka's old (9 digits + V/X) and new (12 digits) forms, or another country's. */
export const nationalId = text(20)
  .regex(/^[A-Za-z0-9-]*$/, 'may hold only letters, digits and dashes')
  .transform((v) => (v === '' ? null : v.toUpperCase()))

export const phone = text(40).regex(/^[0-9+() -]*$/, 'may hold only digits, spaces, +, ( ) and dashes')

export const notes = text(2000)

export const reason = requiredText(500)

/** A strict object: fields the contract does not name are refused, not ignored. */
export const input = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject(shape)

/** A write's input: the staff member plus the method's own fields. */
export const writeInput = <S extends z.core.$ZodLooseShape>(shape: S) => z.strictObject({ staffId, ...shape })
