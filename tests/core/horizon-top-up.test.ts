/**
 * The desk keeps dated sessions generated up to the center's weeks ahead: at
 * start, and again when the date changes while it is open (keepHorizonTopped,
 * as openDesk wires it). The clock is a FixedClock; the minute timer is faked
 * so that "the next check" is a call, not a minute's wait.
 */
import fs from 'node:fs'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import type { DeskEvent } from '../../src-shared/events.js'
import { FixedClock } from '../../src-main/core/core.js'
import { type Desk, openDesk } from '../../src-main/desk/desk.js'
import { MONDAY, openTestDesk, setUpClinic, tempFolder } from '../support/clinic.js'

const MINUTE = 60_000
let folder: string
let desk: Desk | undefined

beforeEach(() => {
  folder = tempFolder('desk-horizon-')
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
})
afterEach(() => {
  desk?.close()
  desk = undefined
  vi.useRealTimers()
  fs.rmSync(folder, { recursive: true, force: true })
})

/** The latest dated session's date, and how many sessions each date holds. */
function sessionDates(d: Desk): { last: string; perDate: Map<string, number> } {
  const rows = d.db
    .prepare(
      'SELECT session_date AS date, count(*) AS n FROM schedule_sessions GROUP BY session_date ORDER BY session_date',
    )
    .all() as { date: string; n: number }[]
  return { last: rows.at(-1)?.date ?? '', perDate: new Map(rows.map((r) => [r.date, r.n])) }
}

it('opens with sessions up to the weeks ahead, and tops them up (with a change event) when the date moves on', async () => {
  // A clinic with Mon-Sat templates and two weeks ahead, set up by an earlier desk, no dated sessions yet.
  const setup = openTestDesk({ folder })
  const clinic = await setUpClinic(setup)
  await setup.call('center.update', { staffId: clinic.staffId, weeksAhead: 2 })
  setup.close()

  const clock = new FixedClock(new Date(`${MONDAY}T07:00:00`))
  const log = vi.fn()
  desk = openDesk({ dataFolder: folder, log, clock, backups: { automatic: false } })
  // Two weeks from Monday: up to Sunday week, whose last working day is the Saturday.
  const opened = sessionDates(desk)
  expect(opened.last).toBe(addDays(MONDAY, 12))
  expect(opened.perDate.size).toBe(12)
  expect([...opened.perDate.values()].every((n) => n === 3)).toBe(true)

  const events: DeskEvent[] = []
  desk.core.events.subscribe((e) => events.push(e))
  const generated = () =>
    desk!.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'schedule.generate'").pluck().get() as number
  const runsAtOpen = generated()
  expect(runsAtOpen).toBe(1)

  // The same day: the check finds nothing to do and says nothing.
  vi.advanceTimersByTime(MINUTE)
  expect(events).toEqual([])
  expect(generated()).toBe(runsAtOpen)

  // Past midnight: the next check reaches one day further, a Monday with its three sessions.
  clock.setLocal(addDays(MONDAY, 1), '00:05')
  vi.advanceTimersByTime(MINUTE)
  const topped = sessionDates(desk)
  expect(topped.last).toBe(addDays(MONDAY, 14))
  expect(topped.perDate.get(addDays(MONDAY, 14))).toBe(3)
  expect(events).toHaveLength(1)
  expect(events[0]).toMatchObject({
    kind: 'change',
    tables: expect.arrayContaining(['schedule_sessions', 'session_beds']),
  })
  expect((events[0] as { dates: string[] }).dates).toContain(addDays(MONDAY, 14))
  expect(generated()).toBe(runsAtOpen + 1)
  const by = desk.db
    .prepare(
      "SELECT s.role FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE a.action = 'schedule.generate' ORDER BY a.id DESC LIMIT 1",
    )
    .pluck()
    .get()
  expect(by).toBe('system')

  // Later checks that day write nothing more.
  vi.advanceTimersByTime(5 * MINUTE)
  expect(events).toHaveLength(1)
  expect(generated()).toBe(runsAtOpen + 1)
  expect(log).not.toHaveBeenCalled()
})

it('waits quietly on a clinic not set up yet, and generates at the first check after setup', async () => {
  const clock = new FixedClock(new Date(`${MONDAY}T07:00:00`))
  const log = vi.fn()
  desk = openDesk({ dataFolder: folder, log, clock, backups: { automatic: false } })
  expect(sessionDates(desk).perDate.size).toBe(0)
  vi.advanceTimersByTime(MINUTE)
  expect(log).not.toHaveBeenCalled()

  const call = async (method: string, input: unknown) => {
    const r = await desk!.dispatcher.dispatch(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value as { id: number; staff: { id: number }[] }
  }
  const staffId = (await call('setup.initialize', { centerName: 'Colombo Kidney Care', staffName: 'Anoma Fernando' }))
    .staff[0]!.id
  await call('bed.create', { staffId, code: 'BED-A1' })
  await call('template.create', { staffId, weekday: 'Wed', startTime: '06:00', endTime: '10:00', defaultCapacity: 1 })
  expect(sessionDates(desk).perDate.size).toBe(0)

  vi.advanceTimersByTime(MINUTE)
  // The default eight weeks ahead: every Wednesday from this one on.
  const { perDate } = sessionDates(desk)
  expect([...perDate.keys()]).toEqual(Array.from({ length: 8 }, (_, i) => addDays(MONDAY, 2 + 7 * i)))
  expect(log).not.toHaveBeenCalled()
})
