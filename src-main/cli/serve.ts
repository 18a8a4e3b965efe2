/**
 * npm run serve -- [--data <folder>] [--port <n>] [--no-build]
 *
 * Serves the desk through the browser host on 127.0.0.1 and prints the
 * address to open (it carries this launch's token). Also writes it to
 * <data>/host.json (readable by this user only) for the clinic's scripts.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { defaultDataFolder } from '../data-folder.js'
import { openDesk } from '../desk/desk.js'
import { startHost } from '../host/http-host.js'
import { fileLogger } from '../log.js'
import { exitWith } from './cli-errors.js'
import { ensureBuilt, projectRoot } from './ensure-built.js'

export const DEFAULT_PORT = 4321

export async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  })
  if (values.help) {
    console.log('Usage: npm run serve -- [--data <folder>] [--port <n>] [--no-build]')
    return
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`)
  const dataFolder = path.resolve(values.data ?? defaultDataFolder())
  const staticDir = values['no-build'] ? path.join(projectRoot(), 'out', 'renderer') : ensureBuilt()
  fs.mkdirSync(dataFolder, { recursive: true })
  const log = fileLogger(dataFolder)
  const desk = openDesk({ dataFolder, log })
  let host
  try {
    host = await startHost({ dispatcher: desk.dispatcher, port, staticDir, status: () => desk.status() })
  } catch (e) {
    desk.close()
    throw e
  }
  const hostFile = path.join(dataFolder, 'host.json')
  fs.writeFileSync(
    hostFile,
    JSON.stringify({ url: host.url, launchUrl: host.launchUrl, token: host.token, pid: process.pid }, null, 2),
    { mode: 0o600 },
  )
  console.log(`Dialysis desk is ready: open ${host.launchUrl}`)
  console.log(`Data: ${String(desk.status().database)}`)
  console.log('Press Ctrl+C to stop.')

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    await host.close()
    desk.close()
    fs.rmSync(hostFile, { force: true })
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  serve(process.argv.slice(2)).catch((e) => exitWith(e))
}
