/** Command-line tools end with one plain line, never a stack trace. */
import { DeskError } from '../core/desk-error.js'

export function failLine(e: unknown): string {
  if (e instanceof DeskError) return e.message
  const err = e as NodeJS.ErrnoException
  if (err?.code === 'EADDRINUSE')
    return 'That port is already in use; pass --port with another number (or 0 to pick a free one).'
  if (err?.code === 'EACCES' || err?.code === 'EPERM')
    return `Permission denied: ${err.message.replace(/^[A-Z]+: /, '')}`
  if (
    err?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
    err?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
    err?.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
  ) {
    return err.message.split('\n')[0] ?? String(e)
  }
  return e instanceof Error ? e.message.split('\n')[0]! : String(e)
}

export function exitWith(e: unknown, code = 1): never {
  console.error(`Error: ${failLine(e)}`)
  process.exit(code)
}
