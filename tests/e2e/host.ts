/**
 * Starts the browser host on a fresh data folder for an end-to-end test and
 * answers its launch address. Each test file gets its own host and folder.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export interface TestHost {
  dataFolder: string
  /** The address with the launch token: open it first. */
  launchUrl: string
  base: string
  token: string
  process: ChildProcess
  stop(): Promise<void>
}

const root = path.resolve(import.meta.dirname, '..', '..')

export async function startTestHost(
  options: { dataFolder?: string; extraArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<TestHost> {
  const dataFolder = options.dataFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'))
  const child = spawn(
    process.execPath,
    // As `npm run serve` runs it: the built host (the suite builds before the end-to-end tests).
    [
      path.join(root, 'scripts', 'serve.mjs'),
      '--data',
      dataFolder,
      '--port',
      '0',
      '--no-build',
      ...(options.extraArgs ?? []),
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  )
  let output = ''
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not start:\n${output}`)), 30_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`The host exited (${code}):\n${output}`)))
  })
  const url = new URL(launchUrl)
  return {
    dataFolder,
    launchUrl,
    base: url.origin,
    token: url.searchParams.get('token')!,
    process: child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
