/**
 * What the desk's end-to-end tests share: real pointer drags, reading the
 * data straight from the host's API, the dates the tests book on, and the
 * screenshots kept as CI artifacts.
 */
import { expect, type Locator, type Page } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { addDays, localDateTime, weekdayOf, type WEEKDAYS } from '../../src-shared/dates'
import type { DayBoard } from '../../src-shared/model'
import type { TestHost } from './host'

export const today = localDateTime(new Date()).date
/**
 * The tests book on tomorrow: "today" is the real date, and a session of today
 * may already be over (the desk refuses changes to the past) when CI runs late.
 */
export const tomorrow = addDays(today, 1)
export const tomorrowWeekday = weekdayOf(tomorrow)
export const WEEKDAY_NAMES = {
  Mon: 'Monday',
  Tue: 'Tuesday',
  Wed: 'Wednesday',
  Thu: 'Thursday',
  Fri: 'Friday',
  Sat: 'Saturday',
  Sun: 'Sunday',
} as const

/** Calls a desk method the way a script does: the launch token as a bearer token. */
export async function api<T>(host: TestHost, method: string, input: unknown): Promise<T> {
  const res = await fetch(`${host.base}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown }
  expect(body.ok, JSON.stringify(body.error)).toBe(true)
  return body.value
}

/** Who is where on a day, from the data itself: "name @ bed @ start" for every appointment holding a place. */
export async function placements(host: TestHost, date: string): Promise<string[]> {
  const board = await api<DayBoard>(host, 'board.day', { date })
  const codes = new Map(board.beds.map((b) => [b.id, b.code]))
  const out: string[] = []
  for (const s of board.sessions) {
    for (const c of s.cells)
      if (c.appointment) out.push(`${c.appointment.patientName} @ ${codes.get(c.bedId)} @ ${s.startTime}`)
    for (const a of s.unassigned) out.push(`${a.patientName} @ no bed @ ${s.startTime}`)
  }
  return out.sort()
}

/** What the grid shows: the same "name @ bed @ start" strings, read from the screen. */
export async function gridPlacements(page: Page): Promise<string[]> {
  return page.locator('td[data-testid^="cell-"]').evaluateAll((cells) =>
    cells
      .filter((c) => c.querySelector('[data-testid="occupant"]'))
      .map((c) => {
        const [, bed, start] = /^cell-(.+)-(\d\d:\d\d)$/.exec(c.getAttribute('data-testid') ?? '') ?? []
        const name = c.querySelector('.person-name')?.textContent ?? ''
        return `${name} @ ${bed} @ ${start}`
      })
      .sort(),
  )
}

export const cell = (page: Page, bed: string, start: string) => page.getByTestId(`cell-${bed}-${start}`)

/**
 * A real pointer drag: press, move in several steps (the board's drag starts
 * after a few pixels), optionally look at the board mid-drag, release.
 */
export async function drag(
  page: Page,
  source: Locator,
  target: Locator,
  whileOver?: () => Promise<void>,
): Promise<void> {
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  const to = await target.boundingBox()
  if (!from || !to) throw new Error('Cannot drag: the source or the target is not on screen.')
  const sx = from.x + Math.min(40, from.width / 2)
  const sy = from.y + from.height / 2
  await page.mouse.move(sx, sy)
  await page.mouse.down()
  await page.mouse.move(sx + 12, sy + 6, { steps: 4 })
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 })
  if (whileOver) await whileOver()
  await page.mouse.up()
}

/** Saves a screenshot under test-results/screenshots/ (kept by CI). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(path.join('test-results', 'screenshots'), { recursive: true })
  // Transitions finished: a dialog that is opening or closing is shown as it ends up.
  await page.screenshot({ path: path.join('test-results', 'screenshots', `${name}.png`), animations: 'disabled' })
}

/** Asserts that nothing on the page is cut off sideways at the current window size. */
export async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(0)
}

/** Chooses an option of a Mantine Select by its visible label. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click()
  await page.getByRole('option', { name: option, exact: true }).click()
}

/** Presses Tab until `target` has the focus: how a keyboard user gets somewhere. */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  // One handle, not a fresh query per key press: this runs dozens of times per test.
  const handle = await target.elementHandle()
  if (!handle) throw new Error(`${target.toString()} is not on the page`)
  for (let i = 0; i < max; i++) {
    if (await handle.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

/** The element that has the keyboard focus. */
export const focused = (page: Page) => page.locator(':focus')

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** Chooses a date in a Mantine date picker the way a person does: open it, go forward to the month, click the day. */
export async function pickDate(page: Page, input: Locator, date: string): Promise<void> {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = page.getByRole('button', { name: `${d} ${MONTHS[m - 1]} ${y}`, exact: true })
  await input.click()
  // The picker opens a moment after the click: look for the day only once its month is drawn,
  // or the first look finds nothing and the month it was in is passed over.
  const next = page.locator('[data-direction="next"]:visible').first()
  await next.waitFor()
  for (let i = 0; i < 12 && (await day.count()) === 0; i++) await next.click()
  await day.click()
}

/** The first date after `from` that falls on the weekday. */
export function nextWeekday(from: string, weekday: (typeof WEEKDAYS)[number]): string {
  let d = addDays(from, 1)
  while (weekdayOf(d) !== weekday) d = addDays(d, 1)
  return d
}
