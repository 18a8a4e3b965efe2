/**
 * The same desk flow with the keyboard alone: no mouse event is sent. Set up
 * the clinic, register patients, book, move to another bed and another
 * session, see refusals change nothing, use a cell's menu, undo, book into a
 * session without a bed and put the patient on a bed later, reload.
 */
import { expect, test, type Page } from '@playwright/test'
import { startTestHost, type TestHost } from './host'
import {
  cell,
  focused,
  gridPlacements,
  placements,
  tabTo,
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

async function typeInto(page: Page, text: string) {
  await page.keyboard.press('Control+a')
  await page.keyboard.type(text)
}

/** Picks a patient found by the search: "/", type, Tab to the card, Enter. */
async function pickFromSearch(page: Page, query: string, name: string) {
  await page.keyboard.press('/')
  await expect(page.getByRole('textbox', { name: 'Find a patient' })).toBeFocused()
  await typeInto(page, query)
  const card = page.getByTestId('search-result').filter({ hasText: name })
  await expect(card).toBeVisible()
  await tabTo(page, card, 5)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('status').filter({ hasText: `Moving ${name}` })).toBeVisible()
}

/** Tabs are one stop (the open one); the arrow keys move between them and open them. */
async function openTab(page: Page, name: string) {
  await tabTo(page, page.getByRole('tab', { selected: true }))
  const target = page.getByRole('tab', { name })
  for (let i = 0; i < 8 && !(await target.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('ArrowRight')
  await expect(target).toHaveAttribute('aria-selected', 'true')
}

/** Moves the focus in the grid with the arrow keys until it is on the cell. */
async function arrowTo(page: Page, bed: string, start: string) {
  const target = `cell-${bed}-${start}`
  for (let i = 0; i < 12; i++) {
    const at = await focused(page).getAttribute('data-testid')
    if (at === target) return
    const [, fromBed, fromStart] = /^cell-(.+)-(\d\d:\d\d)$/.exec(at ?? '') ?? []
    const rows = await page
      .locator('tr[data-testid^="bed-row-"]')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-testid')!.slice('bed-row-'.length)))
    if (fromBed !== bed) await page.keyboard.press(rows.indexOf(fromBed!) < rows.indexOf(bed) ? 'ArrowDown' : 'ArrowUp')
    else await page.keyboard.press(fromStart! < start ? 'ArrowRight' : 'ArrowLeft')
  }
  await expect(focused(page)).toHaveAttribute('data-testid', target)
}

test('the desk flow by keyboard alone', async ({ page }) => {
  await page.goto(host.launchUrl)

  await test.step('first run, typed', async () => {
    await expect(page.getByLabel('Clinic name')).toBeFocused()
    await page.keyboard.type('Colombo Kidney Care')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Anoma Silva')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('clinic-name')).toHaveText('Colombo Kidney Care')
  })

  await test.step('beds', async () => {
    await tabTo(page, page.getByRole('link', { name: 'Add the beds' }))
    await page.keyboard.press('Enter')
    const code = page.getByRole('form', { name: 'Add a bed' }).getByLabel('Bed code')
    await tabTo(page, code)
    for (const bed of ['BED-A1', 'BED-A2', 'BED-A3']) {
      await page.keyboard.type(bed)
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('bed-list')).toContainText(bed)
      await expect(code).toHaveValue('')
    }
    await page.keyboard.type('ISO-1')
    await tabTo(page, page.getByLabel('Isolation bed (hepatitis B positive)'))
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('bed-list').getByRole('row').filter({ hasText: 'ISO-1' })).toContainText('Isolation')
  })

  await test.step("weekly sessions for tomorrow's weekday, and the dated sessions", async () => {
    await openTab(page, 'Weekly sessions')
    const form = page.getByRole('form', { name: 'Add a weekly session' })
    for (const [start, end] of [
      ['08:00', '12:00'],
      ['13:00', '17:00'],
    ]) {
      await tabTo(page, form.getByLabel('Weekday'))
      await page.keyboard.type(WEEKDAY_NAMES[tomorrowWeekday])
      await expect(form.getByLabel('Weekday')).toHaveValue(tomorrowWeekday)
      await page.keyboard.press('Tab')
      await page.keyboard.type(start!)
      await page.keyboard.press('Tab')
      await page.keyboard.type(end!)
      await page.keyboard.press('Tab')
      await typeInto(page, '3')
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('template-list')).toContainText(`${start}–${end}`)
    }
    await openTab(page, 'Dated sessions')
    await tabTo(page, page.getByRole('button', { name: 'Generate sessions' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('generation-result')).toContainText(/Created \d+ dated session/)
  })

  await test.step('patients', async () => {
    await tabTo(page, page.getByRole('link', { name: 'Patients' }))
    await page.keyboard.press('Enter')
    for (const p of [
      { name: 'Nimal Perera', number: 'C-001', hbv: null },
      { name: 'Kamala Fernando', number: 'C-002', hbv: 'Positive' },
      { name: SINHALA_NAME, number: 'C-003', hbv: null },
    ]) {
      await tabTo(page, page.getByRole('button', { name: 'Register a patient' }))
      await page.keyboard.press('Enter')
      const form = page.getByRole('form', { name: 'Register a patient' })
      await expect(form.getByLabel('Full name')).toBeFocused()
      await page.keyboard.type(p.name)
      await page.keyboard.press('Tab')
      await page.keyboard.type(p.number)
      if (p.hbv) {
        await tabTo(page, form.getByLabel('Hepatitis B'))
        await page.keyboard.type(p.hbv)
        await expect(form.getByLabel('Hepatitis B')).toHaveValue('positive')
      }
      await tabTo(page, form.getByRole('button', { name: 'Register' }))
      await page.keyboard.press('Enter')
      await expect(page.getByTestId('patient-detail')).toContainText(p.name)
    }
  })

  await test.step('to the board, next day', async () => {
    await tabTo(page, page.getByRole('link', { name: 'Board' }))
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('board-day')).toContainText('Today')
    await page.keyboard.press('PageDown')
    await expect(page.getByTestId('board-day')).toContainText('Tomorrow')
    await expect(page.getByTestId('session-08:00')).toContainText('3/3 free')
  })

  await test.step('book three patients: pick from the search, choose the bed with the arrows, Enter', async () => {
    await pickFromSearch(page, 'Nimal', 'Nimal Perera')
    await arrowTo(page, 'BED-A1', '08:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')

    await pickFromSearch(page, 'C-003', SINHALA_NAME)
    // The focus lands on the first bed that would take the patient in the session last used.
    await expect(focused(page)).toHaveAttribute('data-testid', 'cell-BED-A2-08:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A2', '08:00')).toContainText(SINHALA_NAME)

    await pickFromSearch(page, 'Kamala', 'Kamala Fernando')
    await expect(focused(page)).toHaveAttribute('data-testid', 'cell-ISO-1-08:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'ISO-1', '08:00')).toContainText('Kamala Fernando')
  })

  await test.step('move to another bed, then to another session', async () => {
    await arrowTo(page, 'BED-A1', '08:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A1', '08:00').getByTestId('occupant')).toHaveAttribute('data-picked', 'true')
    await arrowTo(page, 'BED-A3', '08:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Free')

    await page.keyboard.press('Space')
    await arrowTo(page, 'BED-A1', '13:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A1', '13:00')).toContainText('Nimal Perera')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Free')
  })

  const settled = [
    'Kamala Fernando @ ISO-1 @ 08:00',
    'Nimal Perera @ BED-A1 @ 13:00',
    `${SINHALA_NAME} @ BED-A2 @ 08:00`,
  ].sort()

  await test.step('refused: an occupied bed and an isolation mismatch; nothing changes, Escape puts back', async () => {
    await arrowTo(page, 'BED-A2', '08:00')
    await page.keyboard.press('Enter')
    await arrowTo(page, 'BED-A1', '13:00')
    await expect(page.getByRole('status').filter({ hasText: 'BED-A1 is taken by Nimal Perera' })).toBeVisible()
    await expect(focused(page)).toHaveAttribute('data-drop', 'refused')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alert').filter({ hasText: 'BED-A1 is taken by Nimal Perera' })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByRole('status').filter({ hasText: 'Moving' })).toHaveCount(0)

    await arrowTo(page, 'ISO-1', '08:00')
    await page.keyboard.press('Enter')
    await arrowTo(page, 'BED-A3', '08:00')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('alert').filter({ hasText: 'Kamala Fernando is hepatitis B positive' })).toBeVisible()
    await page.keyboard.press('Escape')
    expect(await gridPlacements(page)).toEqual(settled)
    expect(await placements(host, tomorrow)).toEqual(settled)
  })

  await test.step("a cell's menu from the keyboard: cancel an appointment with a reason, then undo it", async () => {
    await arrowTo(page, 'ISO-1', '08:00')
    await page.keyboard.press('m')
    await expect(page.getByRole('menuitem').first()).toBeFocused()
    const item = page.getByRole('menuitem', { name: 'Cancel appointment…' })
    for (let i = 0; i < 6 && !(await item.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('ArrowDown')
    await expect(item).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('dialog')).toBeVisible()
    await page.keyboard.type('Transferred to another unit')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'ISO-1', '08:00')).toContainText('Free')
    // The focus is back on the cell the menu was opened from, and the change can be undone.
    await expect(focused(page)).toHaveAttribute('data-testid', 'cell-ISO-1-08:00')
    await expect(page.getByRole('button', { name: /^Undo cancellation of Kamala Fernando/ })).toBeEnabled()
    await page.keyboard.press('Control+z')
    await expect(cell(page, 'ISO-1', '08:00')).toContainText('Kamala Fernando')
  })

  await test.step('undo the two moves with Ctrl+Z', async () => {
    await page.keyboard.press('Control+z')
    await expect(cell(page, 'BED-A3', '08:00')).toContainText('Nimal Perera')
    await page.keyboard.press('Control+z')
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')
  })

  await test.step('book into a session with the bed to come later (its head), then put them on a bed from "not on a bed yet"', async () => {
    await pickFromSearch(page, 'C-003', SINHALA_NAME)
    await arrowTo(page, 'BED-A1', '13:00')
    await page.keyboard.press('ArrowUp')
    await expect(focused(page)).toHaveAttribute('data-testid', 'session-13:00')
    await page.keyboard.press('Enter')
    const waiting = page.getByTestId('unassigned').filter({ hasText: SINHALA_NAME })
    await expect(waiting).toContainText('13:00–17:00 session')
    await expect(page.getByTestId('session-13:00')).toContainText('2/3 free')
    expect(await placements(host, tomorrow)).toContain(`${SINHALA_NAME} @ no bed @ 13:00`)

    await tabTo(page, waiting)
    await page.keyboard.press('Enter')
    await expect(page.getByRole('status').filter({ hasText: `Moving ${SINHALA_NAME}` })).toBeVisible()
    await arrowTo(page, 'BED-A3', '13:00')
    await page.keyboard.press('Enter')
    await expect(cell(page, 'BED-A3', '13:00')).toContainText(SINHALA_NAME)
    await expect(page.getByTestId('unassigned')).toHaveCount(0)
    await expect(page.getByTestId('session-13:00')).toContainText('2/3 free')
  })

  await test.step('reload: all of it was saved', async () => {
    const final = [
      'Kamala Fernando @ ISO-1 @ 08:00',
      'Nimal Perera @ BED-A1 @ 08:00',
      `${SINHALA_NAME} @ BED-A2 @ 08:00`,
      `${SINHALA_NAME} @ BED-A3 @ 13:00`,
    ].sort()
    expect(await placements(host, tomorrow)).toEqual(final)
    await page.reload()
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')
    expect(await gridPlacements(page)).toEqual(final)
  })
})
