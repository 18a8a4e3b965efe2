/**
 * The rest of the desk's forms and menus, each checked against the data:
 * doctors, staff and who is at the desk, beds (rename, out of service),
 * weekly sessions, a session's doctor, blocking a bed, editing and
 * deactivating a patient, cancelling a session, and the audit trail's filters
 * (staff member, patient, dates).
 */
import { expect, test, type Page } from '@playwright/test'
import type { AuditPage } from '../../src-shared/contract/index'
import { addDays } from '../../src-shared/dates'
import type { DayBoard, Patient, ScheduleSession, SetupStatus } from '../../src-shared/model'
import { startTestHost, type TestHost } from './host'
import { formatDate } from '../../src-shared/format'
import { api, cell, choose, drag, pickDate, screenshot, today, tomorrow, tomorrowWeekday } from './desk-helpers'

let host: TestHost
let staffId: number
let nimal: Patient

test.beforeAll(async () => {
  host = await startTestHost()
  const status = await api<SetupStatus>(host, 'setup.initialize', {
    centerName: 'Colombo Kidney Care',
    staffName: 'Anoma Silva',
  })
  staffId = status.staff[0]!.id
  for (const code of ['BED-A1', 'BED-A2', 'BED-A3']) await api(host, 'bed.create', { staffId, code })
  await api(host, 'template.create', {
    staffId,
    weekday: tomorrowWeekday,
    startTime: '08:00',
    endTime: '12:00',
    defaultCapacity: 3,
  })
  await api(host, 'template.create', {
    staffId,
    weekday: tomorrowWeekday,
    startTime: '13:00',
    endTime: '17:00',
    defaultCapacity: 3,
  })
  await api(host, 'schedule.generate', { staffId, from: tomorrow, to: tomorrow })
  nimal = await api<Patient>(host, 'patient.create', {
    staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'C-001',
    phone: '077 123 4567',
  })
  await api<Patient>(host, 'patient.create', { staffId, fullName: 'Saman Silva', clinicNumber: 'C-002' })
})
test.afterAll(async () => {
  await host.stop()
})

const board = () => api<DayBoard>(host, 'board.day', { date: tomorrow })
const notice = (page: Page, text: string | RegExp) => page.getByRole('alert').filter({ hasText: text })

test('setup forms, board menus and the audit trail', async ({ page }) => {
  await page.goto(host.launchUrl)
  await page
    .getByRole('dialog', { name: 'Who is at the desk?' })
    .getByRole('button', { name: /Anoma Silva/ })
    .click()

  await test.step('doctors: add and rename', async () => {
    await page.goto(`${host.base}/#/setup?tab=doctors`)
    const form = page.getByRole('form', { name: 'Add a doctor' })
    await form.getByLabel("Doctor's name").fill('Ruwan Silva')
    await form.getByRole('button', { name: 'Add doctor' }).click()
    await expect(page.getByTestId('doctor-list')).toContainText('Ruwan Silva')
    await page.getByRole('button', { name: 'Actions for Ruwan Silva' }).click()
    await page.getByRole('menuitem', { name: 'Edit…' }).click()
    const edit = page.getByRole('form', { name: 'Edit doctor' })
    await edit.getByLabel("Doctor's name").fill('Dr. Ruwan Silva')
    await edit.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('doctor-list')).toContainText('Dr. Ruwan Silva')
  })

  await test.step('staff: add a receptionist and hand the desk over; the change is audited under her', async () => {
    await page.getByRole('tab', { name: 'Staff' }).click()
    const form = page.getByRole('form', { name: 'Add a staff member' })
    await form.getByLabel('Name').fill('Kumari Perera')
    await form.getByRole('button', { name: 'Add staff member' }).click()
    await expect(page.getByTestId('staff-list')).toContainText('Kumari Perera')
    await choose(page, page.getByRole('combobox', { name: 'Staff member at the desk' }), 'Kumari Perera')
    await expect(page.getByTestId('staff-list').getByRole('row').filter({ hasText: 'Kumari Perera' })).toContainText(
      'at the desk',
    )
  })

  await test.step('beds: rename one, take one out of service and see it on the board', async () => {
    await page.getByRole('tab', { name: 'Beds' }).click()
    await page.getByRole('button', { name: 'Actions for BED-A2' }).click()
    await page.getByRole('menuitem', { name: 'Edit…' }).click()
    await page.getByRole('dialog').getByLabel('Bed code').fill('BED-B2')
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('bed-list')).toContainText('BED-B2')
    await page.getByRole('button', { name: 'Actions for BED-A3' }).click()
    await page.getByRole('menuitem', { name: 'Take out of service' }).click()
    await expect(page.getByTestId('bed-list').getByRole('row').filter({ hasText: 'BED-A3' })).toContainText(
      'Out of service',
    )

    await page.goto(`${host.base}/#/board?date=${tomorrow}`)
    await expect(page.getByTestId('bed-row-BED-A3')).toContainText('Out of service')
    await expect(cell(page, 'BED-A3', '08:00')).toHaveAttribute('data-state', 'blocked')
    await expect(page.getByTestId('session-08:00')).toContainText('2/2 free')
  })

  await test.step('weekly sessions: more places reach the dated sessions that hold no bookings', async () => {
    await page.goto(`${host.base}/#/setup?tab=sessions`)
    await page.getByRole('button', { name: `Actions for ${tomorrowWeekday} 13:00` }).click()
    await page.getByRole('menuitem', { name: 'Edit…' }).click()
    await page.getByRole('dialog').getByLabel('Places').fill('2')
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    // Tomorrow's session, and those the desk may have generated further ahead meanwhile: it tops up its
    // weeks ahead a minute after it started, which a slow run reaches before this step.
    const saved = notice(page, /Saved\. \d+ future dated sessions? without bookings follow the change/)
    await expect(saved).toBeVisible()
    const followed = Number(/(\d+) future/.exec((await saved.textContent()) ?? '')![1])
    expect((await board()).sessions.find((s) => s.startTime === '13:00')!.capacity).toBe(2)
    const ahead = (
      await api<ScheduleSession[]>(host, 'schedule.range', { from: tomorrow, to: addDays(tomorrow, 70) })
    ).filter((s) => s.startTime === '13:00')
    expect(followed).toBeGreaterThanOrEqual(1)
    expect(followed).toBeLessThanOrEqual(ahead.length)
    expect(ahead.map((s) => s.capacity)).toEqual(ahead.map(() => 2))
  })

  await test.step("a session's doctor, changed from its menu and undone", async () => {
    await page.goto(`${host.base}/#/board?date=${tomorrow}`)
    await page.getByRole('button', { name: 'Actions for the 08:00 session' }).click()
    await page.getByRole('menuitem', { name: 'Change doctor…' }).click()
    await choose(page, page.getByRole('dialog').getByRole('combobox', { name: 'Doctor' }), 'Dr. Ruwan Silva')
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('session-08:00')).toContainText('Dr. Ruwan Silva')
    await page.getByRole('button', { name: 'Undo doctor change' }).click()
    await expect(page.getByTestId('session-08:00')).toContainText('No doctor')
  })

  await test.step('block a bed for one session with a reason, then unblock it', async () => {
    await cell(page, 'BED-A1', '13:00').hover()
    await page.getByRole('button', { name: 'Actions for BED-A1, 13:00-17:00' }).click()
    await page.getByRole('menuitem', { name: 'Block BED-A1 for this session…' }).click()
    await page
      .getByRole('dialog')
      .getByLabel(/Reason/)
      .fill('Machine under repair')
    await page.getByRole('dialog').getByRole('button', { name: 'Block bed' }).click()
    await expect(cell(page, 'BED-A1', '13:00')).toContainText('Machine under repair')
    await page.getByRole('button', { name: 'Actions for BED-A1, 13:00-17:00' }).click()
    await page.getByRole('menuitem', { name: 'Unblock BED-A1' }).click()
    await expect(cell(page, 'BED-A1', '13:00')).toContainText('Free')
  })

  await test.step('a patient: a bad phone number is marked on the field, a good one saved', async () => {
    await page.goto(`${host.base}/#/patients?id=${nimal.id}`)
    await page.getByRole('button', { name: 'Edit' }).click()
    const form = page.getByRole('form', { name: 'Edit patient' })
    await form.getByLabel('Phone').fill('call me')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(form.getByText('May hold only digits, spaces, +, ( ) and dashes', { exact: true })).toBeVisible()
    await form.getByLabel('Phone').fill('071 999 8888')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByTestId('patient-detail')).toContainText('071 999 8888')
  })

  await test.step('book, then deactivate the patient: the desk asks before cancelling the booking', async () => {
    await page.goto(`${host.base}/#/board?date=${tomorrow}`)
    await page.getByRole('textbox', { name: 'Find a patient' }).fill('Nimal')
    await drag(
      page,
      page.getByTestId('search-result').filter({ hasText: 'Nimal Perera' }),
      cell(page, 'BED-A1', '08:00'),
    )
    await expect(cell(page, 'BED-A1', '08:00')).toContainText('Nimal Perera')
    await page.goto(`${host.base}/#/patients?id=${nimal.id}`)
    await page.getByRole('button', { name: 'Deactivate' }).click()
    await expect(page.getByRole('dialog')).toContainText('1 upcoming booking')
    await page.getByRole('button', { name: 'Deactivate and cancel 1 booking' }).click()
    await expect(page.getByTestId('patient-detail')).toContainText('Deactivated')
    await expect(page.getByTestId('upcoming-appointments')).toContainText('Cancelled')
    await page.getByRole('button', { name: 'Reactivate' }).click()
    await expect(page.getByRole('button', { name: 'Deactivate' })).toBeVisible()
  })

  await test.step('cancel a session: the cancelled bookings are listed', async () => {
    await page.goto(`${host.base}/#/board?date=${tomorrow}`)
    await page.getByRole('textbox', { name: 'Find a patient' }).fill('Saman')
    await drag(
      page,
      page.getByTestId('search-result').filter({ hasText: 'Saman Silva' }),
      cell(page, 'BED-B2', '13:00'),
    )
    await expect(cell(page, 'BED-B2', '13:00')).toContainText('Saman Silva')
    await page.getByRole('button', { name: 'Actions for the 13:00 session' }).click()
    await page.getByRole('menuitem', { name: 'Cancel session…' }).click()
    await page.getByRole('dialog').getByLabel('Reason').fill('Water outage')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel session' }).click()
    const cancelled = page
      .getByRole('dialog', { name: 'Session cancelled' })
      .getByRole('listitem', { name: 'Saman Silva' })
    await expect(cancelled).toContainText('Saman Silva (C-002)')
    await expect(cancelled).toContainText('Was on BED-B2')
    await page.getByRole('dialog', { name: 'Session cancelled' }).getByRole('button', { name: 'Close' }).click()
    await expect(page.getByTestId('session-13:00')).toContainText('Cancelled')
    await expect(cell(page, 'BED-B2', '13:00')).toHaveAttribute('data-state', 'cancelled')
  })

  await test.step('the audit trail, filtered by staff member and by patient', async () => {
    await page.getByRole('link', { name: 'Audit' }).click()
    await expect(page.getByTestId('audit-list')).toContainText('Cancelled')
    await choose(page, page.getByRole('combobox', { name: 'Done by' }), 'Anoma Silva')
    await expect(page.getByTestId('audit-list')).toContainText('Added bed BED-A3')
    const who = page.getByTestId('audit-list').locator('tbody tr td:nth-child(2)')
    const page1 = await api<AuditPage>(host, 'audit.list', { staffId })
    await expect(who).toHaveCount(page1.entries.length)
    expect(new Set(await who.allTextContents())).toEqual(new Set(['Anoma Silva']))

    await choose(page, page.getByRole('combobox', { name: 'Done by' }), 'Kumari Perera')
    await expect(page.getByTestId('audit-list')).toContainText('Booked Nimal Perera')
    await page.getByRole('combobox', { name: 'Patient' }).fill('Saman')
    await page.getByRole('option', { name: 'Saman Silva (C-002)' }).click()
    await expect(page.getByTestId('audit-list')).not.toContainText('Nimal Perera')
    await expect(page.getByTestId('audit-list')).toContainText('Saman Silva')
    await screenshot(page, 'audit')
  })

  await test.step('the audit trail, filtered by date', async () => {
    // The filters belong to the visit: a reload starts with none.
    await page.reload()
    const list = page.getByTestId('audit-list')
    const rows = list.locator('tbody tr')
    const everything = await api<AuditPage>(host, 'audit.list', { limit: 50 })
    await expect(rows).toHaveCount(everything.entries.length)
    const from = page.getByRole('button', { name: 'From', exact: true })
    const to = page.getByRole('button', { name: 'To', exact: true })

    // Everything in this test happened today: today's range shows all of it, each stamped today.
    await pickDate(page, from, today)
    await pickDate(page, to, today)
    const todays = await api<AuditPage>(host, 'audit.list', { from: today, to: today, limit: 50 })
    expect(todays.entries.map((e) => e.id)).toEqual(everything.entries.map((e) => e.id))
    await expect(rows).toHaveCount(todays.entries.length)
    await expect(list).toContainText('Added bed BED-A3')
    expect(
      new Set((await list.locator('tbody tr td:nth-child(1)').allTextContents()).map((t) => t.slice(0, 10))),
    ).toEqual(new Set([formatDate(today, 'DD/MM/YYYY')]))

    // From tomorrow on, nothing has happened yet (the end first, so the range is never upside down).
    await pickDate(page, to, tomorrow)
    await pickDate(page, from, tomorrow)
    await expect(rows).toHaveCount(0)
    await expect(page.getByText('Nothing recorded for these filters.')).toBeVisible()
    expect((await api<AuditPage>(host, 'audit.list', { from: tomorrow })).entries).toEqual([])
  })
})
