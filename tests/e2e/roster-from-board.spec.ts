/**
 * Tomorrow's roster as a receptionist gets it: the Board opens on today, the
 * next-day control goes to tomorrow, the Board's roster button offers the whole
 * day or one session, to print or to save as a PDF; in the browser host either
 * opens the roster page in a new tab, whose print dialog also saves PDFs. The
 * page is checked on screen, then made into a PDF as it prints and read back.
 */
import { expect, test, type Page } from '@playwright/test'
import { formatDay } from '../../src-shared/format'
import type { Patient, SetupStatus } from '../../src-shared/model'
import { api, screenshot, tabTo, today, tomorrow, tomorrowWeekday } from './desk-helpers'
import { startTestHost, type TestHost } from './host'
import { bedRows, pageCount, pageLayout, pageRaw, rowOf, savePdf } from './roster-pdf-text'

let host: TestHost
let sessions: { id: number; startTime: string; endTime: string }[]
const day = (d: string) => formatDay(d, 'DD/MM/YYYY')
const BEDS = ['K-1', 'K-2', 'K-3']

test.beforeAll(async () => {
  host = await startTestHost()
  const status = await api<SetupStatus>(host, 'setup.initialize', {
    centerName: 'Kandy Renal Centre',
    staffName: 'Dilani Jayawardena',
  })
  const staffId = status.staff[0]!.id
  const beds: Record<string, number> = {}
  for (const code of BEDS)
    beds[code] = (await api<{ id: number }>(host, 'bed.create', { staffId, code, isolation: code === 'K-3' })).id
  const doctor = await api<{ id: number }>(host, 'doctor.create', { staffId, fullName: 'Dr. Wijesinghe' })
  for (const [startTime, endTime, label] of [
    ['06:00', '10:00', 'Morning'],
    ['10:30', '14:30', 'Afternoon'],
  ] as const) {
    await api(host, 'template.create', {
      staffId,
      weekday: tomorrowWeekday,
      startTime,
      endTime,
      defaultCapacity: 3,
      doctorId: doctor.id,
      label,
    })
  }
  await api(host, 'schedule.generate', { staffId, from: today, to: tomorrow })
  sessions = (await api<{ sessions: typeof sessions }>(host, 'board.day', { date: tomorrow })).sessions
  const patient = (fullName: string, clinicNumber: string, hepatitisB: Patient['hepatitisB']) =>
    api<Patient>(host, 'patient.create', { staffId, fullName, clinicNumber, hepatitisB })
  const book = async (p: Patient, session: number, bed: string | null) =>
    api(host, 'appointment.book', {
      staffId,
      scheduleSessionId: sessions[session]!.id,
      patientId: p.id,
      bedId: bed ? beds[bed] : null,
    })
  await book(await patient('Nimal Perera', 'K-0101', 'negative'), 0, 'K-1')
  await book(await patient('Fathima Rizwan', 'K-0102', 'positive'), 0, 'K-3')
  await book(await patient('Kasun Silva', 'K-0103', 'unknown'), 1, 'K-2')
  await book(await patient('Lakshmi Kumar', 'K-0104', 'negative'), 1, null)
})
test.afterAll(async () => {
  await host?.stop()
})

/** What each session's page must say, from the bookings made above. */
const EXPECTED = [
  {
    rows: [
      rowOf('K-1', false, {
        patient: { patientName: 'Nimal Perera', clinicNumber: 'K-0101', hepatitisB: 'negative', status: 'scheduled' },
      }),
      rowOf('K-2', false),
      rowOf('K-3', true, {
        patient: { patientName: 'Fathima Rizwan', clinicNumber: 'K-0102', hepatitisB: 'positive', status: 'scheduled' },
      }),
    ],
    unassigned: 'none',
    totals: 'Capacity 3 · Booked 2 · Free 1',
  },
  {
    rows: [
      rowOf('K-1', false),
      rowOf('K-2', false, {
        patient: { patientName: 'Kasun Silva', clinicNumber: 'K-0103', hepatitisB: 'unknown', status: 'scheduled' },
      }),
      rowOf('K-3', true),
    ],
    unassigned: 'Lakshmi Kumar (K-0104)',
    totals: 'Capacity 3 · Booked 2 · Free 1',
  },
]

/** The Board on today, then tomorrow by its next-day control, with the staff member at the desk chosen. */
async function boardOnTomorrow(page: Page) {
  await page.goto(host.launchUrl)
  await page
    .getByRole('dialog', { name: 'Who is at the desk?' })
    .getByRole('button', { name: /Dilani Jayawardena/ })
    .click()
  await expect(page.getByTestId('board-day')).toContainText('Today')
  await expect(page.getByTestId('board-day')).toContainText(day(today).slice(4))
  await page.getByRole('button', { name: 'Next day' }).click()
  await expect(page.getByTestId('board-day')).toContainText(`${day(tomorrow).slice(4)} · Tomorrow`)
  await expect(page.getByTestId('session-06:00')).toBeVisible()
}

/** The roster page opened in its new tab: ready (data drawn, fonts loaded), showing tomorrow's sessions. */
async function checkRosterPage(roster: Page, shown: number[]) {
  await expect(roster.locator('body[data-ready="true"]')).toHaveCount(1)
  await expect(roster.locator('body')).not.toHaveAttribute('data-problem')
  const headings = roster.getByRole('heading', { level: 1 })
  await expect(headings).toHaveText(
    shown.map(
      (i) =>
        `${day(tomorrow)} · ${sessions[i]!.startTime}–${sessions[i]!.endTime} · ${i === 0 ? 'Morning' : 'Afternoon'}`,
    ),
  )
  await expect(roster.locator('.roster-doctor').first()).toHaveText('Doctor: Dr. Wijesinghe')
}

function checkPdf(pdf: string, shown: number[]) {
  expect(pageCount(pdf)).toBe(shown.length)
  shown.forEach((i, n) => {
    const layout = pageLayout(pdf, n + 1)
    expect(layout).toContain('Kandy Renal Centre')
    expect(layout).toContain(
      `${day(tomorrow)} · ${sessions[i]!.startTime}–${sessions[i]!.endTime} · ${i === 0 ? 'Morning' : 'Afternoon'}`,
    )
    expect(layout).toContain('Doctor: Dr. Wijesinghe')
    expect(bedRows(pageRaw(pdf, n + 1), BEDS)).toEqual(EXPECTED[i]!.rows)
    expect(layout).toMatch(new RegExp(`Not yet on a bed: ${EXPECTED[i]!.unassigned.replace(/[()]/g, '\\$&')}\\n`))
    expect(layout).toContain(EXPECTED[i]!.totals)
    expect(layout).toMatch(/Printed \d\d\/\d\d\/\d{4} \d\d:\d\d by Dilani Jayawardena/)
    expect(layout).toContain(`Page ${n + 1} of ${shown.length}`)
  })
}

test("tomorrow's whole-day roster, opened from the Board's button to print, and made into a PDF", async ({ page }) => {
  await boardOnTomorrow(page)
  await page.getByRole('button', { name: 'Print or save the roster' }).click()
  const dialog = page.getByRole('dialog', { name: `Roster of ${day(tomorrow)}` })
  await expect(dialog.getByRole('radio', { name: 'The whole day: all 2 sessions, each on its own page' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: '06:00–10:00 · Morning only' })).not.toBeChecked()
  await expect(dialog.getByRole('radio', { name: '10:30–14:30 · Afternoon only' })).not.toBeChecked()
  await expect(dialog).toContainText('“Save as PDF”')
  await screenshot(page, 'roster-choices')

  const [roster] = await Promise.all([
    page.context().waitForEvent('page'),
    dialog.getByRole('link', { name: 'Print…' }).click(),
  ])
  await expect(dialog).toBeHidden()
  const url = new URL(roster.url())
  expect(url.pathname).toBe('/roster.html')
  expect(url.searchParams.get('date')).toBe(tomorrow)
  expect(url.searchParams.get('session')).toBeNull()
  await checkRosterPage(roster, [0, 1])
  // Ready to print: Enter on the focused button opens the print dialog.
  await expect(roster.getByRole('button', { name: 'Print' })).toBeFocused()
  await screenshot(roster, 'roster-page')
  checkPdf(await savePdf(roster, 'tomorrow-from-board'), [0, 1])
  await roster.close()
})

test('one session of tomorrow, chosen and saved as a PDF with the keyboard alone', async ({ page }) => {
  await boardOnTomorrow(page)
  const button = page.getByRole('button', { name: 'Print or save the roster' })
  await page.locator('body').focus()
  await tabTo(page, button)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: `Roster of ${day(tomorrow)}` })
  await expect(dialog).toBeVisible()
  // The radio group is one stop; the arrow keys choose within it.
  await tabTo(page, dialog.getByRole('radio', { name: /The whole day/ }))
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(dialog.getByRole('radio', { name: '10:30–14:30 · Afternoon only' })).toBeChecked()
  await tabTo(page, dialog.getByRole('link', { name: 'Save as PDF…' }))
  const [roster] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')])
  const url = new URL(roster.url())
  expect(url.searchParams.get('date')).toBe(tomorrow)
  expect(url.searchParams.get('session')).toBe(String(sessions[1]!.id))
  expect(url.searchParams.get('to')).toBe('pdf')
  await checkRosterPage(roster, [1])
  // Opened to save: the page says how, and its one button (focused) opens the print dialog that saves it.
  await expect(roster.getByTestId('roster-note')).toContainText('choose “Save as PDF” as the destination')
  await expect(roster.getByRole('button', { name: 'Save as PDF' })).toBeFocused()
  checkPdf(await savePdf(roster, 'tomorrow-afternoon-from-board'), [1])
  await roster.close()
})
