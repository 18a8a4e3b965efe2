/**
 * The figures a receptionist feels, measured for real: the browser host
 * started as `npm run serve` starts it, and the desk driven in Chromium with
 * real pointer gestures.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { localDateTime } from '../../src-shared/dates.js'
import type { DayBoard } from '../../src-shared/model.js'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.js'
import { workCopy } from './clinics.js'
import { type Metric, metric } from './report.js'
import { median, nowMs, percentile } from './stats.js'

type Figures = (Metric & { met: boolean })[]

const root = projectRoot()
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

interface Host {
  child: ChildProcess
  launchUrl: string
  base: string
  token: string
}

/** Starts the host as `npm run serve` does and answers when it has answered its first request. */
async function startHost(dataFolder: string): Promise<{ host: Host; startedMs: number }> {
  const t0 = nowMs()
  // Exactly `npm run serve`: the launcher checks the build is fresh, then runs the built host.
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts', 'serve.mjs'), '--data', dataFolder, '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${out}`)), 120_000)
    const onData = (d: Buffer) => {
      out += d.toString()
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out)
      if (m) {
        clearTimeout(timer)
        resolve(m[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`the host exited (${code}):\n${out}`)))
  })
  const url = new URL(launchUrl)
  const host = { child, launchUrl, base: url.origin, token: url.searchParams.get('token')! }
  await api(host, 'setup.status', {})
  return { host, startedMs: nowMs() - t0 }
}

async function api<T>(host: Host, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.base}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } }
  if (!body.ok) throw new Error(`${method}: ${body.error?.message}`)
  return body.value
}

/** The physical limit of a start: a bare Node process that opens the database and answers one query. */
function rawStartMs(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = nowMs()
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}, { readonly: true }); db.prepare('SELECT count(*) FROM schedule_sessions').get(); db.close()`,
      ],
      { cwd: root, stdio: 'ignore' },
    )
    child.once('exit', (code) => (code === 0 ? resolve(nowMs() - t0) : reject(new Error(`raw start failed (${code})`))))
  })
}

/** Memory of a bare Node process holding the same database open after reading a day from it. */
function rawRssMb(file: string, date: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}, { readonly: true });
      db.prepare("SELECT * FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id WHERE ss.session_date = ?").all(${JSON.stringify(date)});
      process.stdout.write(String(process.memoryUsage().rss))`
    let out = ''
    const child = spawn(process.execPath, ['-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => (code === 0 ? resolve(Number(out) / 1e6) : reject(new Error('raw rss failed'))))
  })
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1000
}

/** Full days ahead: every bed in every session, so the grid is as big as the unit gets. */
async function fullDays(host: Host, count: number): Promise<DayBoard[]> {
  const days: DayBoard[] = []
  let date = localDateTime(new Date()).date
  for (let i = 0; i < 60 && days.length < count; i++) {
    date = new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
    const board = await api<DayBoard>(host, 'board.day', { date })
    if (board.sessions.length > 0 && board.sessions.every((s) => s.status === 'scheduled')) days.push(board)
  }
  return days
}

/** Milliseconds from setting the address to a painted grid of the date with all its cells. */
async function renderMs(page: Page, date: string, cells: number): Promise<number> {
  return page.evaluate(
    ({ date, cells }) =>
      new Promise<number>((resolve) => {
        const t0 = performance.now()
        const done = () => {
          const grid = document.querySelector(`table.bed-board[data-date="${date}"]`)
          return grid !== null && grid.querySelectorAll('[data-testid^="cell-"]').length === cells
        }
        const observer = new MutationObserver(() => {
          if (!done()) return
          observer.disconnect()
          requestAnimationFrame(() => resolve(performance.now() - t0))
        })
        observer.observe(document.body, {
          childList: true,
          subtree: true,
          attributes: true,
          attributeFilter: ['data-date'],
        })
        window.location.hash = `#/board?date=${date}`
      }),
    { date, cells },
  )
}

/** Drags an occupant onto an empty bed of its session and answers the milliseconds from the drop to the saved state on screen. */
async function dropMs(page: Page, from: string, to: string, clinicNumber: string): Promise<number> {
  const source = page.getByTestId(from).getByTestId('occupant')
  const target = page.getByTestId(to)
  // Both beds well inside the grid's view: near its edge a drag scrolls the grid under the pointer.
  await target.evaluate((el) => el.scrollIntoView({ block: 'center' }))
  const a = (await source.boundingBox())!
  const b = (await target.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++)
    await page.mouse.move(a.x + a.width / 2 + ((b.x - a.x) * i) / 8, a.y + a.height / 2 + ((b.y - a.y) * i) / 8)
  await page.evaluate(
    ({ to, clinicNumber }) => {
      const w = window as unknown as { __drop: Promise<number> }
      w.__drop = new Promise<number>((resolve) => {
        let t0 = 0
        window.addEventListener('pointerup', () => (t0 = performance.now()), { capture: true, once: true })
        const saved = () =>
          t0 > 0 && (document.querySelector(`[data-testid="${to}"]`)?.textContent ?? '').includes(clinicNumber)
        const observer = new MutationObserver(() => {
          if (!saved()) return
          observer.disconnect()
          requestAnimationFrame(() => resolve(performance.now() - t0))
        })
        observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      })
    },
    { to, clinicNumber },
  )
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2)
  await page.mouse.up()
  const ms = await page.evaluate(() =>
    Promise.race([
      (window as unknown as { __drop: Promise<number> }).__drop,
      new Promise<number>((resolve) => setTimeout(() => resolve(-1), 10_000)),
    ]),
  )
  if (ms < 0) {
    const shot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-drop-')), 'failed-move.png')
    await page.screenshot({ path: shot })
    throw new Error(`the move from ${from} to ${to} did not show within 10 s (the screen: ${shot})`)
  }
  return ms
}

export async function uiFigures(
  clinicFolder: string,
  scratch: string,
  options: { renders: number; drops: number; rawBoardMs: number },
): Promise<Figures> {
  const folder = workCopy(clinicFolder, scratch, 'ui')
  const file = path.join(folder, DATABASE_FILE_NAME)
  const rawStart = median([await rawStartMs(file), await rawStartMs(file), await rawStartMs(file)])
  const { host, startedMs } = await startHost(folder)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  })
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    // tsx keeps function names with a helper the page does not have; give the page a do-nothing one.
    await page.addInitScript({
      content: "globalThis.__name = (f) => f; window.localStorage.setItem('dialysis-desk:staff-at-desk', '1')",
    })
    await page.goto(host.launchUrl)
    await page.waitForSelector('table.bed-board, [data-testid="no-sessions"]')

    const days = await fullDays(host, options.renders + 1)
    if (days.length < 2) throw new Error('no full days ahead to render')
    const cellsOf = (b: DayBoard) => b.sessions.reduce((n, s) => n + s.cells.length, 0)
    await renderMs(page, days[0]!.date, cellsOf(days[0]!)) // warm-up: code and fonts loaded
    const renders: number[] = []
    for (const day of days.slice(1)) renders.push(await renderMs(page, day.date, cellsOf(day)))

    // Moves within one session of a full day. A standing booking asks how far a move reaches; the
    // measured drop is the plain one: each patient is first moved for this date only through the API
    // (a one-off, as reception's own moves are), then dragged back to their bed.
    const drops: number[] = []
    for (const day of days) {
      if (drops.length >= options.drops) break
      const board = await api<DayBoard>(host, 'board.day', { date: day.date })
      const isolationBed = (bedId: number) => board.beds.find((b) => b.id === bedId)!.isolation
      const code = (bedId: number) => board.beds.find((b) => b.id === bedId)!.code
      const moves: { from: string; to: string; clinicNumber: string }[] = []
      for (const s of board.sessions) {
        const row = (bedId: number) => board.beds.findIndex((b) => b.id === bedId)
        const occupied = s.cells.filter(
          (c) => c.appointment && c.appointment.hepatitisB !== 'positive' && !isolationBed(c.bedId),
        )
        for (const freeCell of s.cells.filter((c) => c.status === 'available' && !isolationBed(c.bedId))) {
          if (drops.length + moves.length >= options.drops) break
          // The nearest patient, so that both beds are on screen together.
          const near = occupied
            .sort((x, y) => Math.abs(row(x.bedId) - row(freeCell.bedId)) - Math.abs(row(y.bedId) - row(freeCell.bedId)))
            .shift()
          if (!near || Math.abs(row(near.bedId) - row(freeCell.bedId)) > 4) continue
          const a = near.appointment!
          await api(host, 'appointment.assignBed', { staffId: 1, appointmentId: a.id, bedId: freeCell.bedId })
          moves.push({
            from: `cell-${code(freeCell.bedId)}-${s.startTime}`,
            to: `cell-${code(near.bedId)}-${s.startTime}`,
            clinicNumber: a.clinicNumber,
          })
        }
      }
      await renderMs(page, day.date, cellsOf(day))
      for (const m of moves) drops.push(await dropMs(page, m.from, m.to, m.clinicNumber))
    }
    if (drops.length < options.drops) throw new Error(`only ${drops.length} moves could be made`)
    const rss = rssMb(host.child.pid!)
    const rawRss = await rawRssMb(file, days[0]!.date)
    return [
      metric('board_render', median(renders), 'ms', options.rawBoardMs, { maxValue: 400 }),
      metric('drop_roundtrip', percentile(drops, 95), 'ms', options.rawBoardMs, { maxValue: 100 }),
      metric('host_start', startedMs, 'ms', rawStart, { maxValue: 800 }),
      metric('host_rss', rss, 'MB', rawRss, { maxValue: 250 }),
    ]
  } finally {
    await browser.close()
    // Waited for: the host makes its closing backup in the data folder the run then removes.
    await new Promise<void>((resolve) => {
      if (host.child.exitCode !== null) return resolve()
      host.child.once('exit', () => resolve())
      host.child.kill('SIGTERM')
    })
  }
}
