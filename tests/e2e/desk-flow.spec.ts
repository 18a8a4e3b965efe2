/**
 * The reception desk from an empty data folder, through the screens only:
 * set the clinic up, register patients, then book and move them on the board
 * with real pointer drags; refused drops change nothing; undo; reload.
 */
import { expect, test } from '@playwright/test'
import { formatDate } from '../../src-shared/format'
import { startTestHost, type TestHost } from './host'
import {
  api,
  cell,
  choose,
  drag,
  expectNoSidewaysOverflow,
  gridPlacements,
  placements,
  screenshot,
  tomorrow,
  tomorrowWeekday,
  WEEKDAY_NAMES,
} from './desk-helpers'

let host: TestHost
test.beforeAll(async () => {
  host = await startTestHost()
})
test.afterAll(async () => {
  await host.stop()
})

const SINHALA_NAME = 'සුනිල් පෙරේරා'

test('a clinic set up, booked, moved, refused, undone and reloaded through the screens', async ({ page }) => {
  // The desk is offline: fonts, styles and scripts all come from the desk itself.
  const elsewhere: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(`${host.base}/`) && !r.url().startsWith('data:')) elsewhere.push(r.url())
  })
  await page.goto(host.launchUrl)

  await test.step('first run: name the clinic and the first staff member', async () => {
    await page.getByLabel('Clinic name').fill('Colombo Kidney Care')
    await page.getByLabel('Your name').fill('Anoma Silva')
    await page.getByRole('button', { name: 'Set up the clinic' }).click()
    await expect(page.getByTestId('clinic-name')).toHaveText('Colombo Kidney Care')
    await expect(page.getByRole('combobox', { name: 'Staff member at the desk' })).toHaveValue('Anoma Silva')
    // The empty board says what to do next.
    await expect(page.getByRole('heading', { name: 'Getting the clinic ready' })).toBeVisible()
  })

  await test.step('beds, one of them for isolation', async () => {
    await page.getByRole('link', { name: 'Add the beds' }).click()
    const form = page.getByRole('form', { name: 'Add a bed' })
    for (const code of ['BED-A1', 'BED-A2', 'BED-A3', 'ISO-1']) {
      await form.getByLabel('Bed code').fill(code)
      if (code === 'ISO-1') await form.getByLabel('Isolation bed (hepatitis B positive)').check()
      await form.getByRole('button', { name: 'Add bed' }).click()
      await expect(page.getByTestId('bed-list')).toContainText(code)
    }
    await expect(page.getByTestId('bed-list').getByRole('row').filter({ hasText: 'ISO-1' })).toContainText('Isolation')
  })

  await test.step("weekly sessions on tomorrow's weekday", async () => {
    await page.getByRole('tab', { name: 'Weekly sessions' }).click()
    const form = page.getByRole('form', { name: 'Add a weekly session' })
    for (const [start, end] of [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ] as const) {
      await form.getByLabel('Weekday').selectOption({ label: WEEKDAY_NAMES[tomorrowWeekday] })
      await form.getByLabel('Starts').fill(start)
      await form.getByLabel('Ends').fill(end)
      await form.getByLabel('Places').fill('3')
      await form.getByRole('button', { name: 'Add session' }).click()
      await expect(page.getByTestId('template-list')).toContainText(`${start}–${end}`)
    }
    await screenshot(page, 'setup')
    await expectNoSidewaysOverflow(page)
  })

  await test.step('generate the dated sessions', async () => {
    await page.getByRole('tab', { name: 'Dated sessions' }).click()
    await page.getByRole('button', { name: 'Generate sessions' }).click()
    await expect(page.getByTestId('generation-result')).toContainText(/Created \d+ dated session/)
    const board = await api<{ sessions: { startTime: string }[] }>(host, 'board.day', { date: tomorrow })
    expect(board.sessions.map((s) => s.startTime)).toEqual(['08:00', '13:00'])
  })

  await test.step('register patients: one hepatitis B positive, one with a Sinhala name', async () => {
    await page.getByRole('link', { name: 'Patients' }).click()
    for (const p of [
      { name: 'Nimal Perera', number: 'C-001', hbv: null },
      { name: 'Kamala Fernando', number: 'C-002', hbv: 'Positive (isolation bed)' },
      { name: SINHALA_NAME, number: 'C-003', hbv: 'Negative' },
    ]) {
      await page.getByRole('button', { name: 'Register a patient' }).click()
      const form = page.getByRole('form', { name: 'Register a patient' })
      await form.getByLabel('Full name').fill(p.name)
      await form.getByLabel('Clinic number').fill(p.number)
      if (p.hbv) await form.getByLabel('Hepatitis B').selectOption({ label: p.hbv })
      await form.getByRole('button', { name: 'Register' }).click()
      await expect(page.getByTestId('patient-detail')).toContainText(p.name)
    }
    // A refused registration marks the field in the desk's words and saves nothing.
    await page.getByRole('button', { name: 'Register a patient' }).click()
    const form = page.getByRole('form', { name: 'Register a patient' })
    await form.getByLabel('Full name').fill('Someone Else')
    await form.getByLabel('Clinic number').fill('C-001')
    await form.getByRole('button', { name: 'Register' }).click()
    await expect(form.getByText('Clinic number C-001 already belongs to Nimal Perera.').first()).toBeVisible()
    await form.getByRole('button', { name: 'Close' }).click()
    await expect(page.getByTestId('patient-list').getByRole('row')).toHaveCount(4)
  })

  await test.step('the board for tomorrow', async () => {
    await page.getByRole('link', { name: 'Board' }).click()
    await page.getByRole('button', { name: 'Next day' }).click()
    await expect(page.getByTestId('board-day')).toContainText(formatDate(tomorrow, 'DD/MM/YYYY'))
    await expect(page.getByTestId('session-08:00')).toContainText('3/3 free')
    await expect(page.getByTestId('bed-row-ISO-1')).toContainText('Isolation')
  })

  const search = page.getByRole('textbox', { name: 'Find a patient' })
  const bookFromSearch = async (query: string, name: string, bed: string, start: string) => {
    await search.fill(query)
    const card = page.getByTestId('search-result').filter({ hasText: name })
    await drag(page, card, cell(page, bed, start))
    await expect(cell(page, bed, start)).toContainText(name)
  }

  await test.step('book by dragging patients from the search onto beds', async () => {
    await bookFromSearch('C-003', SINHALA_NAME, 'BED-A2', '08:00')
    await bookFromSearch('Kamala', 'Kamala Fernando', 'ISO-1', '08:00')
    await bookFromSearch('Nimal', 'Nimal Perera', 'BED-A1', '08:00')
    await expect(page.getByTestId('session-08:00')).toContainText('0/3 free')
    expect(await placements(host, tomorrow)).toEqual(
      ['Kamala Fernando @ ISO-1 @ 08:00', 'Nimal Perera @ BED-A1 @ 08:00', `${SINHALA_NAME} @ BED-A2 @ 08:00`].sort(),
    )
    // The Sinhala name is drawn with the bundled Sinhala font, not a fallback.
    const loaded = await page.evaluate(async () => {
      await document.fonts.ready
      return [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''))
    })
    expect(loaded).toContain('Noto Sans Sinhala')
    await screenshot(page, 'board')
    await expectNoSidewaysOverflow(page)
  })

  await test.step('move a patient to another bed, then to another session', async () => {
    await drag(page, cell(page, 'BED-A1', '08:00').getByTestId('occupant'), cell(page, 'BED-A3', '08:00'))
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Free')
    await drag(page, cell(page, 'BED-A3', '08:00').getByTestId('occupant'), cell(page, 'BED-A1', '13:00'))
    await expect(cell(page, 'BED-A1', '13:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Free')
    await expect(page.getByTestId('session-13:00')).toContainText('2/3 free')
  })

  const settled = [
    'Kamala Fernando @ ISO-1 @ 08:00',
    'Nimal Perera @ BED-A1 @ 13:00',
    `${SINHALA_NAME} @ BED-A2 @ 08:00`,
  ].sort()

  await test.step('a drop on an occupied bed is refused, looks refused while dragging, and changes nothing', async () => {
    await drag(page, cell(page, 'BED-A2', '08:00').getByTestId('occupant'), cell(page, 'BED-A1', '13:00'), async () => {
      await expect(cell(page, 'BED-A1', '13:00')).toHaveAttribute('data-drop', 'refused')
      await expect(cell(page, 'BED-A2', '13:00')).toHaveAttribute('data-drop', 'allowed')
      // Another patient's isolation bed refuses too.
      await expect(cell(page, 'ISO-1', '13:00')).toHaveAttribute('data-drop', 'refused')
    })
    await expect(page.getByRole('alert').filter({ hasText: 'BED-A1 is taken by Nimal Perera' })).toBeVisible()
    expect(await gridPlacements(page)).toEqual(settled)
    expect(await placements(host, tomorrow)).toEqual(settled)
  })

  await test.step('a hepatitis B positive patient dropped on a normal bed is refused and changes nothing', async () => {
    await drag(page, cell(page, 'ISO-1', '08:00').getByTestId('occupant'), cell(page, 'BED-A3', '08:00'))
    await expect(
      page
        .getByRole('alert')
        .filter({ hasText: 'Kamala Fernando is hepatitis B positive and must be dialysed on an isolation bed' }),
    ).toBeVisible()
    expect(await gridPlacements(page)).toEqual(settled)
    expect(await placements(host, tomorrow)).toEqual(settled)
  })

  await test.step('undo the last two changes: back to the morning, then back to the first bed', async () => {
    await page.keyboard.press('Control+z')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A1', '13:00')).toContainText('Free')
    await page.getByRole('button', { name: /^Undo move of Nimal Perera/ }).click()
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Free')
  })

  await test.step('book into a session with the bed to come later, then drag from "not on a bed yet" onto a bed', async () => {
    await search.fill('C-003')
    await drag(
      page,
      page.getByTestId('search-result').filter({ hasText: SINHALA_NAME }),
      page.getByTestId('session-13:00'),
    )
    const waiting = page.getByTestId('unassigned').filter({ hasText: SINHALA_NAME })
    await expect(waiting).toContainText('13:00–17:00 session')
    await expect(page.getByTestId('session-13:00')).toContainText('2/3 free')
    await drag(page, waiting, cell(page, 'BED-A3', '13:00'))
    await expect(cell(page, 'BED-A3', '13:00')).toContainText(SINHALA_NAME)
    await expect(page.getByTestId('unassigned')).toHaveCount(0)
  })

  const final = [
    'Kamala Fernando @ ISO-1 @ 08:00',
    'Nimal Perera @ BED-A1 @ 08:00',
    `${SINHALA_NAME} @ BED-A2 @ 08:00`,
    `${SINHALA_NAME} @ BED-A3 @ 13:00`,
  ].sort()

  await test.step('reload: everything was saved', async () => {
    expect(await placements(host, tomorrow)).toEqual(final)
    await page.reload()
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')
    expect(await gridPlacements(page)).toEqual(final)
    await expect(page.getByTestId('session-08:00')).toContainText('0/3 free')
  })

  await test.step('calendar and patient screens', async () => {
    await page.getByRole('link', { name: 'Calendar' }).click()
    await expect(page.getByTestId('calendar')).toContainText('08:00–12:00 · 0/3 free')
    await screenshot(page, 'calendar')
    await expectNoSidewaysOverflow(page)
    await page.getByTestId('calendar').getByText('08:00–12:00 · 0/3 free').first().click()
    await expect(page.getByTestId('board-day')).toContainText(formatDate(tomorrow, 'DD/MM/YYYY'))

    await page.getByRole('link', { name: 'Patients' }).click()
    await page.getByTestId('patient-list').getByText('Nimal Perera').click()
    await expect(page.getByTestId('upcoming-appointments')).toContainText('BED-A1')
    await screenshot(page, 'patients')
    await expectNoSidewaysOverflow(page)
  })

  await test.step("the clinic's date format, changed in Setup, reaches the board", async () => {
    await page.getByRole('link', { name: 'Setup' }).click()
    await page.getByRole('tab', { name: 'Center' }).click()
    const form = page.getByRole('form', { name: 'Center settings' })
    await choose(page, form.getByRole('combobox', { name: 'Date format' }), 'YYYY-MM-DD (2026-01-31)')
    await form.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'The center settings are saved.' })).toBeVisible()
    await page.goto(`${host.base}/#/board?date=${tomorrow}`)
    await expect(page.getByTestId('board-day')).toContainText(tomorrow)
    await expect(page.getByRole('button', { name: 'Date shown' })).toHaveText(tomorrow)
    expect(elsewhere, 'requests that left the desk').toEqual([])
  })
})
