/**
 * Killed mid-booking: a child process books in a loop and reports each
 * booking only after its commit returned; it is killed with SIGKILL at random
 * moments. After every kill the database opens, passes integrity_check and
 * foreign_key_check, holds every acknowledged booking as active, and keeps the
 * scheduling invariants.
 *
 * 50 kills by default; DESK_CRASH_KILLS sets another number.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDataFolder } from '../../src-main/db/open-database.js'
import { MONDAY, openTestDesk, setUpClinic, tempFolder } from '../support/clinic.js'
import { invariantViolations } from '../support/invariants.js'

const KILLS = Number(process.env.DESK_CRASH_KILLS ?? 50)
/** Children loading ahead of their turn, so that their start-up overlaps the others' work. */
const WARM = 2
const REPO = path.resolve(import.meta.dirname, '../..')
const CHILD_SOURCE = path.join(REPO, 'tests/support/crash-child.ts')

let folder: string
let childBundle: string

/**
 * The child is bundled once with vite (a project dependency): loading the
 * TypeScript sources through tsx takes about a second per child, a bundle a
 * quarter of that, and fifty children are started. The bundle lives under
 * node_modules/.cache so that better-sqlite3, left outside it, is found.
 */
async function bundleChild(): Promise<string> {
  const { build } = await import('vite')
  const outDir = fs.mkdtempSync(path.join(REPO, 'node_modules/.cache/desk-crash-child-'))
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO,
    build: {
      ssr: CHILD_SOURCE,
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { external: ['better-sqlite3'], output: { format: 'es', entryFileNames: 'crash-child.mjs' } },
    },
    ssr: { noExternal: true, external: ['better-sqlite3'] },
  })
  return path.join(outDir, 'crash-child.mjs')
}

beforeAll(async () => {
  fs.mkdirSync(path.join(REPO, 'node_modules/.cache'), { recursive: true })
  childBundle = await bundleChild()
  folder = tempFolder('desk-crash-')
  const desk = openTestDesk({ folder, time: '05:00' })
  const c = await setUpClinic(desk, { beds: 10 })
  await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: '2026-03-05' })
  desk.close()
})
afterAll(() => {
  if (folder) fs.rmSync(folder, { recursive: true, force: true })
  if (childBundle) fs.rmSync(path.dirname(childBundle), { recursive: true, force: true })
})

interface Child {
  proc: ChildProcessWithoutNullStreams
  acks: number[]
  stderr: string
  ready: Promise<void>
  firstAck: Promise<void>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

function startChild(): Child {
  const proc = spawn(process.execPath, [childBundle, folder], { stdio: ['pipe', 'pipe', 'pipe'] })
  const child = { proc, acks: [] as number[], stderr: '' } as Child
  let onReady = () => {}
  let onAck = () => {}
  child.ready = new Promise((resolve) => (onReady = resolve))
  child.firstAck = new Promise((resolve) => (onAck = resolve))
  let buffered = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      if (line === 'ready') onReady()
      else {
        child.acks.push(Number(line))
        onAck()
      }
    }
  })
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (chunk: string) => (child.stderr += chunk))
  child.exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  // A child that dies on its own releases whoever waits for it; the checks below then fail with its stderr.
  void child.exited.then(() => {
    onReady()
    onAck()
  })
  return child
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function checkDatabase(acknowledged: number[]): void {
  const db = openDataFolder(folder)
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const held = db
      .prepare(
        `SELECT count(*) AS n FROM appointments
         WHERE status IN ('scheduled', 'checked_in', 'completed') AND id IN (SELECT value FROM json_each(?))`,
      )
      .get(JSON.stringify(acknowledged)) as { n: number }
    expect(held.n, 'every acknowledged booking is there and active').toBe(acknowledged.length)
    expect(invariantViolations(db, { date: MONDAY, time: '05:00' })).toEqual([])
  } finally {
    db.close()
  }
}

describe('a desk killed mid-booking', () => {
  it(`keeps every acknowledged booking through ${KILLS} SIGKILLs`, async () => {
    const acknowledged: number[] = []
    const warm: Child[] = []
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        while (warm.length < WARM) warm.push(startChild())
        const child = warm.shift()!
        await child.ready
        child.proc.stdin.write('go\n')
        await child.firstAck
        warm.push(startChild())
        await sleep(20 + Math.floor(Math.random() * 131))
        child.proc.kill('SIGKILL')
        const end = await child.exited
        expect(end, `the child died on its own: ${child.stderr}`).toEqual({ code: null, signal: 'SIGKILL' })
        expect(child.acks.length, 'the child acknowledged at least one booking').toBeGreaterThan(0)
        acknowledged.push(...child.acks)
        checkDatabase(acknowledged)
      }
    } finally {
      for (const c of warm) c.proc.kill('SIGKILL')
      await Promise.all(warm.map((c) => c.exited))
    }
    expect(new Set(acknowledged).size).toBe(acknowledged.length)
  }, 600_000)
})
