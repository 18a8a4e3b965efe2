/**
 * The "done when": `npm run demo` and then `npm run serve` let a script
 * book, move and cancel over HTTP. This runs the README's own script, as
 * written (only its data folder and port are this test's), with bash: the real
 * demo command, the real browser host started by `npm run serve`, ids read
 * through board.day and patient.search, curl with the token from host.json.
 * Then it checks every answer the script printed and the day's board, and
 * opens the database file the host left behind.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import type { Booking } from '../../src-shared/contract/index.js'
import { addDays, localDateTime } from '../../src-shared/dates.js'
import type { AppointmentView, DayBoard } from '../../src-shared/model.js'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { openTestDesk, tempFolder } from '../support/clinic.js'

const root = projectRoot()
const folder = tempFolder('desk-readme-')
const data = path.join(folder, 'clinic')
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

/** The README's block after "A script that books, moves and cancels". */
function readmeScript(): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8')
  const from = readme.indexOf('A script that books, moves and cancels')
  expect(from, 'the README lost its HTTP script').toBeGreaterThan(0)
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))
  expect(block, 'the README lost its HTTP script').not.toBeNull()
  return block![1]!
}

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } }

function runScript(script: string): Promise<{ code: number | null; out: string; err: string }> {
  // Its own process group: whatever the script leaves running (the host) is stopped with it.
  const child = spawn('bash', ['-e', '-o', 'pipefail', '-c', script], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  return new Promise((resolve) => {
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 240_000)
    child.once('close', (code) => {
      clearTimeout(timer)
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {
        // The group is gone: the script stopped the host itself, as it should.
      }
      resolve({ code, out, err })
    })
  })
}

it("the README's HTTP script books, moves and cancels on the demo clinic, on whatever day it runs", async () => {
  const script = readmeScript()
  const firstLine = script.split('\n')[0]!
  expect(firstLine).toBe('DATA=/tmp/clinic PORT=4321')
  // Port 0: the host picks a free port and the script reads the address from host.json.
  const run = await runScript(script.replace(firstLine, `DATA=${JSON.stringify(data)} PORT=0`))
  const context = `stdout:\n${run.out}\nstderr:\n${run.err}`
  expect(run.code, context).toBe(0)
  expect(run.err, context).not.toMatch(/^\s+at |Error:/m)

  // What it chose: tomorrow (Monday after a Saturday), two sessions, two beds, a patient.
  const chosen =
    /On (\d{4}-\d\d-\d\d): patient (\d+) into session (\d+) on bed (\d+), then to session (\d+) on bed (\d+), then cancelled/.exec(
      run.out,
    )
  expect(chosen, context).not.toBeNull()
  const [, day, patientId, s1, b1, s2, b2] = chosen!.map((x, i) => (i <= 1 ? x : Number(x))) as [
    string,
    string,
    number,
    number,
    number,
    number,
    number,
  ]
  const now = new Date()
  expect(day).toBe(addDays(localDateTime(now).date, now.getDay() === 6 ? 2 : 1))
  expect(s1).not.toBe(s2)

  const answers = run.out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Answer<unknown>)
  expect(answers, context).toHaveLength(4)
  for (const a of answers) expect(a.ok, JSON.stringify(a).slice(0, 300)).toBe(true)
  const [booked, moved, cancelled, board] = answers.map((a) => (a as { value: unknown }).value) as [
    Booking,
    Booking,
    AppointmentView,
    DayBoard,
  ]

  expect(booked.appointment).toMatchObject({
    scheduleSessionId: s1,
    bedId: b1,
    patientId,
    status: 'scheduled',
    date: day,
    staffId: 1,
  })
  expect(booked.warnings).toEqual([])
  const id = booked.appointment.id
  expect(moved.appointment).toMatchObject({
    id,
    scheduleSessionId: s2,
    bedId: b2,
    patientId,
    status: 'scheduled',
    date: day,
  })
  expect(cancelled).toMatchObject({
    id,
    scheduleSessionId: s2,
    patientId,
    status: 'cancelled',
    cancelReason: 'Admitted to hospital',
  })

  // The board afterwards: both beds free again, the patient nowhere active that day, the cancellation kept.
  expect(board.date).toBe(day)
  const session = (sid: number) => board.sessions.find((s) => s.id === sid)!
  expect(session(s1), 'the first session is not on the day').toBeDefined()
  expect(session(s2), 'the second session is not on the day').toBeDefined()
  for (const [sid, bed] of [
    [s1, b1],
    [s2, b2],
  ] as const) {
    const cell = session(sid).cells.find((c) => c.bedId === bed)!
    expect(cell).toMatchObject({ status: 'available', appointment: null })
    expect(board.beds.find((b) => b.id === bed)!.isolation).toBe(false)
  }
  const activeThatDay = board.sessions.flatMap((s) => [...s.cells.map((c) => c.appointment), ...s.unassigned])
  expect(activeThatDay.find((a) => a?.id === id)).toBeUndefined()
  expect(session(s2).inactive.find((a) => a.id === id)).toMatchObject({
    status: 'cancelled',
    cancelReason: 'Admitted to hospital',
  })
  expect(session(s1).inactive.find((a) => a.id === id)).toBeUndefined()

  // The host stopped when told (it removes host.json on the way out), and the file holds the three writes.
  expect(fs.existsSync(path.join(data, 'host.json'))).toBe(false)
  const desk = openTestDesk({ folder: data })
  try {
    expect(desk.db.pragma('integrity_check', { simple: true })).toBe('ok')
    const audit = desk.db
      .prepare(
        "SELECT action, staff_id AS staffId, patient_id AS patientId FROM audit_log WHERE entity = 'appointment' AND entity_id = ? ORDER BY id",
      )
      .all(id)
    expect(audit).toEqual(
      ['appointment.book', 'appointment.move', 'appointment.cancel'].map((action) => ({
        action,
        staffId: 1,
        patientId,
      })),
    )
    const patient = await desk.call('patient.get', { id: patientId })
    expect(patient).toMatchObject({ hepatitisB: 'negative', active: true })
  } finally {
    desk.close()
  }
}, 300_000)
