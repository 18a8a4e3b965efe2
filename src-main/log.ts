/** A plain-text log in the data folder: where stack traces go instead of the screen. */
import { inspect } from 'node:util'
import fs from 'node:fs'
import path from 'node:path'
import type { Logger } from './dispatcher.js'

export function fileLogger(dataFolder: string, alsoToConsole = true): Logger {
  const file = path.join(dataFolder, 'desk.log')
  return (message, error) => {
    const detail =
      error instanceof Error ? `\n${error.stack ?? error.message}` : error === undefined ? '' : `\n${inspect(error)}`
    const line = `${new Date().toISOString()} ${message}${detail}\n`
    try {
      fs.appendFileSync(file, line)
    } catch {
      // A full disk must not stop the desk from answering.
    }
    if (alsoToConsole) console.error(`[desk] ${message}`)
  }
}
