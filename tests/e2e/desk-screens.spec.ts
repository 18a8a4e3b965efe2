/**
 * Every screen of a busy clinic (the demo: 10 beds, 4 sessions a day, weeks
 * of bookings) at the reception's 1280×800: nothing cut off or scrolling
 * sideways, the whole day's grid in view; the calendar's day view with each
 * session's free places, a click on one opening that day on the Board. The
 * screenshots are CI artifacts.
 */
import { expect, test, type Page } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { addDays, weekdayOf } from '../../src-shared/dates'
import { formatDate } from '../../src-shared/format'
import type { ScheduleSession } from '../../src-shared/model'
import { buildDemo } from '../../src-main/cli/demo'
import { startTestHost, type TestHost } from './host'
import { api, expectNoSidewaysOverflow, screenshot, today } from './desk-helpers'

let host: TestHost
/** A weekday ahead with bookings (the demo runs Monday to Saturday). */
let day = addDays(today, 1)
while (weekdayOf(day) === 'Sun') day = addDays(day, 1)

test.beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-screens-'))
  buildDemo(folder, { beds: 10, sessionsPerDay: 4, weeksBack: 2, weeksAhead: 2, patients: 0, seed: 3, today })
  host = await startTestHost({ dataFolder: folder })
})
test.afterAll(async () => {
  await host.stop()
})

async function expectInView(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox()
  expect(box, `${selector} is on screen`).not.toBeNull()
  expect(box!.x + box!.width, `${selector} ends inside the window`).toBeLessThanOrEqual(1280)
}

test('a busy day and the other screens fit a 1280×800 reception screen', async ({ page }) => {
  await page.goto(host.launchUrl)
  const gate = page.getByRole('dialog', { name: 'Who is at the desk?' })
  await gate.getByRole('button').first().click()

  await page.goto(`${host.base}/#/board?date=${day}`)
  await expect(page.locator('td[data-testid^="cell-"]')).toHaveCount(40)
  await expect(page.getByTestId('occupant').first()).toBeVisible()
  await expectInView(page, '.session-head:last-child')
  await expectInView(page, '.side-panel')
  // Each name is readable in its cell: not clipped to nothing by a narrow column.
  const narrowest = await page
    .locator('.person-name')
    .evaluateAll((els) => Math.min(...els.map((e) => e.getBoundingClientRect().width)))
  expect(narrowest).toBeGreaterThan(80)
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'board-busy-day')

  await page.getByRole('textbox', { name: 'Find a patient' }).fill('a')
  await expect(page.getByTestId('search-result').first()).toBeVisible()
  await screenshot(page, 'board-busy-search')

  await page.goto(`${host.base}/#/calendar?date=${day}&view=week`)
  await expect(page.getByTestId('calendar').locator('.rbc-event').first()).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'calendar-busy-week')

  // The day view: each of the day's sessions with its free places out of its total, as the data has them;
  // a click on one opens that day on the Board.
  await page.getByTestId('calendar').getByRole('button', { name: 'Day', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`#/calendar\\?date=${day}&view=day$`))
  const sessions = await api<ScheduleSession[]>(host, 'schedule.range', { from: day, to: day })
  expect(sessions).toHaveLength(4)
  const events = page.getByTestId('calendar').locator('.rbc-event')
  await expect(events).toHaveText(
    sessions.map((s) => new RegExp(`^${s.startTime}–${s.endTime} · ${s.free}/${s.capacity} free`)),
  )
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'calendar-busy-day')
  const second = sessions[1]!
  await events.nth(1).click()
  await expect(page).toHaveURL(new RegExp(`#/board\\?date=${day}$`))
  await expect(page.getByTestId('board-day')).toContainText(formatDate(day, 'DD/MM/YYYY'))
  await expect(page.getByTestId(`session-${second.startTime}`).getByTestId('free-places')).toHaveText(
    `${second.free}/${second.capacity} free`,
  )

  await page.goto(`${host.base}/#/patients`)
  await page.getByTestId('patient-list').getByRole('row').nth(1).click()
  await expect(page.getByTestId('past-appointments')).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'patients-busy')

  await page.goto(`${host.base}/#/reports`)
  await expect(page.getByTestId('missed-treatments').getByRole('row').nth(1)).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'reports-busy-missed')
  await page.getByRole('tab', { name: /Waiting list/ }).click()
  await expect(page.getByTestId('waiting-list').getByRole('row').nth(1)).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'reports-busy-waiting')

  await page.goto(`${host.base}/#/setup?tab=sessions`)
  await expect(page.getByTestId('template-list')).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'setup-busy-sessions')

  await page.goto(`${host.base}/#/audit`)
  await expect(page.getByTestId('audit-list').getByRole('row').nth(1)).toBeVisible()
  await expectNoSidewaysOverflow(page)
  await screenshot(page, 'audit-busy')
})
