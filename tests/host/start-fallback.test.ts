/**
 * `npm start` where no Electron runtime can be had (this machine: its download
 * host is unreachable): one plain line says so, the same desk is served through
 * the browser host with the address to open, and no stack trace is printed.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { expect, it } from 'vitest'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { tempFolder } from '../support/clinic.js'

function startDesk(env: NodeJS.ProcessEnv): Promise<{ output: string; launchUrl: string; stop: () => void }> {
  const root = projectRoot()
  const child = spawn(
    process.execPath,
    [
      path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
      path.join(root, 'scripts', 'start.ts'),
      '--data',
      tempFolder(),
      '--port',
      '0',
    ],
    {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${output}`)), 120_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ output, launchUrl: m[1]!, stop: () => child.kill('SIGTERM') })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)))
  })
}

it('falls back to the browser host in one plain line when Electron cannot be downloaded', async () => {
  const desk = await startDesk({ DISPLAY: ':99' })
  try {
    expect(desk.output).toContain(
      'Electron cannot run on this computer (its runtime could not be downloaded), so the desk opens in your browser instead.',
    )
    expect(desk.output).not.toMatch(/^\s+at /m)
    expect(desk.output).not.toMatch(/Error:/)
    // The printed address opens the desk: it trades its token for the cookie, then serves the page.
    const landing = await fetch(desk.launchUrl, { redirect: 'manual' })
    expect(landing.status).toBe(302)
    const cookie = landing.headers.get('set-cookie')!.split(';')[0]!
    const page = await fetch(new URL('/', desk.launchUrl), { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
  } finally {
    desk.stop()
  }
}, 180_000)

it('says so plainly when there is no screen for a window', async () => {
  const desk = await startDesk({ DISPLAY: '', WAYLAND_DISPLAY: '' })
  try {
    expect(desk.output).toContain(
      'There is no screen for an Electron window here (no display), so the desk opens in your browser instead.',
    )
    expect(desk.output).not.toMatch(/^\s+at /m)
  } finally {
    desk.stop()
  }
}, 180_000)
