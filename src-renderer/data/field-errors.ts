/**
 * A refusal's field-by-field detail, for forms to show beside each field.
 * The desk's validation lists `details.issues` ({field, message}); a clash
 * such as a duplicate clinic number names one `details.field` and says why in
 * the message itself.
 */
import type { DeskErrorShape } from '../../src-shared/errors'

export type FieldErrors = Record<string, string>

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

export function fieldErrors(error: DeskErrorShape | null | undefined): FieldErrors {
  if (!error?.details) return {}
  const out: FieldErrors = {}
  const issues = error.details.issues
  if (Array.isArray(issues)) {
    for (const issue of issues) {
      if (typeof issue !== 'object' || issue === null) continue
      const { field, message } = issue as { field?: unknown; message?: unknown }
      // Only the first problem of a field is shown: fix that, and the next one appears.
      if (typeof field === 'string' && field !== '' && typeof message === 'string' && !(field in out))
        out[field] = sentence(message)
    }
  }
  const field = error.details.field
  if (typeof field === 'string' && !(field in out)) out[field] = error.message
  return out
}
