/**
 * npm start [-- --data <folder>] [--port <n>]
 *
 * Starts the desk in Electron. Where Electron cannot run (its runtime cannot
 * be downloaded, as on a machine with no route to its host, or there is no
 * display), says so in one plain line and serves the same desk through the
 * browser host instead, printing the address to open.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { exitWith } from '../src-main/cli/cli-errors.js'
import { ensureBuilt, projectRoot } from '../src-main/cli/ensure-built.js'
import { findNodeGyp } from '../src-main/cli/find-node-gyp.js'
import { serve } from '../src-main/cli/serve.js'
import { electronBindingPath } from '../src-main/electron/native-binding.js'

const root = projectRoot()
const args = process.argv.slice(2)

/** Answers the path of Electron's executable, fetching the runtime on first use; null where it cannot be had. */
function electronExecutable(): string | null {
  const present = fs.existsSync(path.join(root, 'node_modules', 'electron', 'path.txt'))
  if (!present) console.log('Getting the Electron runtime (first start only)…')
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  })
  const exe = probe.status === 0 ? probe.stdout.trim() : ''
  return exe && fs.existsSync(exe) ? exe : null
}

/**
 * better-sqlite3 built for Electron's ABI, beside the Node build the tests use
 * (see src-main/electron/native-binding.ts). Made once per Electron version:
 * a prebuilt binary when one is published, else compiled against Electron's headers.
 */
function ensureElectronSqlite(electronVersion: string): boolean {
  const target = electronBindingPath(root, electronVersion)
  if (fs.existsSync(target)) return true
  console.log(`Preparing the database module for Electron ${electronVersion} (first start only)…`)
  const work = path.join(path.dirname(target), 'better-sqlite3')
  fs.rmSync(work, { recursive: true, force: true })
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}build${path.sep}`),
  })
  const env = { ...process.env }
  // This machine's npm may point node-gyp at Node's own headers; Electron needs its own.
  delete env.npm_config_nodedir
  delete env.NPM_CONFIG_NODEDIR
  const prebuilt = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'prebuild-install', 'bin.js'),
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
    ],
    { cwd: work, env, stdio: 'ignore' },
  )
  if (prebuilt.status !== 0) {
    const gyp = findNodeGyp(root)
    if (!gyp) return false
    const built = spawnSync(
      process.execPath,
      [
        gyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${process.arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
      { cwd: work, env, stdio: 'ignore' },
    )
    if (built.status !== 0) return false
  }
  const binary = path.join(work, 'build', 'Release', 'better_sqlite3.node')
  if (!fs.existsSync(binary)) return false
  fs.copyFileSync(binary, target)
  return true
}

function browserInstead(reason: string): Promise<void> {
  console.log(`${reason}, so the desk opens in your browser instead.`)
  return serve(args)
}

async function main(): Promise<void> {
  ensureBuilt({ forElectron: true })
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return browserInstead('There is no screen for an Electron window here (no display)')
  }
  const exe = electronExecutable()
  if (!exe) return browserInstead('Electron cannot run on this computer (its runtime could not be downloaded)')
  const { version } = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ) as { version: string }
  if (!ensureElectronSqlite(version))
    return browserInstead(`The database module could not be prepared for Electron ${version}`)
  const child = spawn(exe, [root, ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
}

main().catch((e) => exitWith(e))
