/**
 * Two desks open on the same clinic: a booking made in one, by a script
 * through the API, or by a second desk program on the same data file shows
 * in the other within a second, without a reload.
 */
import { expect, test, type Page } from '@playwright/test'
import type { Booking } from '../../src-shared/contract/index'
import type { DayBoard, Patient, SetupStatus } from '../../src-shared/model'
import { openDesk } from '../../src-main/desk/desk.js'
import { startTestHost, type TestHost } from './host'
import { api, cell, drag, tomorrow, tomorrowWeekday } from './desk-helpers'

let host: TestHost
let staffId: number
const patients: Record<string, Patient> = {}

test.beforeAll(async () => {
  host = await startTestHost()
  // The clinic is set up the way a script would, through the API.
  const status = await api<SetupStatus>(host, 'setup.initialize', {
    centerName: 'Colombo Kidney Care',
    staffName: 'Anoma Silva',
  })
  staffId = status.staff[0]!.id
  for (const code of ['BED-A1', 'BED-A2', 'BED-A3']) await api(host, 'bed.create', { staffId, code })
  await api(host, 'bed.create', { staffId, code: 'ISO-1', isolation: true })
  await api(host, 'template.create', {
    staffId,
    weekday: tomorrowWeekday,
    startTime: '08:00',
    endTime: '12:00',
    defaultCapacity: 4,
  })
  await api(host, 'schedule.generate', { staffId, from: tomorrow, to: tomorrow })
  for (const [fullName, clinicNumber, hepatitisB] of [
    ['Nimal Perera', 'C-001', 'negative'],
    ['Kamala Fernando', 'C-002', 'positive'],
    ['Saman Silva', 'C-003', 'negative'],
  ] as const) {
    patients[fullName] = await api<Patient>(host, 'patient.create', { staffId, fullName, clinicNumber, hepatitisB })
  }
})
test.afterAll(async () => {
  await host.stop()
})

async function openBoard(page: Page) {
  await page.goto(`${host.base}/#/board?date=${tomorrow}`)
  await expect(page.getByTestId('session-08:00')).toBeVisible()
}

/** Waits for the text in a cell and answers how long it took to appear. */
async function appearsWithin(page: Page, bed: string, name: string, since: number): Promise<number> {
  await expect(cell(page, bed, '08:00')).toContainText(name, { timeout: 1000 })
  return Date.now() - since
}

test('a change made anywhere reaches every open desk within a second', async ({ context }) => {
  const first = await context.newPage()
  await first.goto(host.launchUrl)
  // Nobody is at the desk yet on this computer: the desk asks once, then remembers.
  await first
    .getByRole('dialog', { name: 'Who is at the desk?' })
    .getByRole('button', { name: /Anoma Silva/ })
    .click()
  await openBoard(first)
  const second = await context.newPage()
  await openBoard(second)
  await expect(second.getByRole('dialog', { name: 'Who is at the desk?' })).toHaveCount(0)

  await test.step('dragged in one window, seen in the other', async () => {
    await first.getByRole('textbox', { name: 'Find a patient' }).fill('Nimal')
    await drag(
      first,
      first.getByTestId('search-result').filter({ hasText: 'Nimal Perera' }),
      cell(first, 'BED-A1', '08:00'),
    )
    await expect(cell(first, 'BED-A1', '08:00')).toContainText('Nimal Perera')
    const elapsed = await appearsWithin(second, 'BED-A1', 'Nimal Perera', Date.now())
    expect(elapsed).toBeLessThan(1000)
    await expect(second.getByTestId('session-08:00')).toContainText('3/4 free')
  })

  await test.step('booked by a script through the API, seen in both', async () => {
    const board = await api<DayBoard>(host, 'board.day', { date: tomorrow })
    const iso = board.beds.find((b) => b.code === 'ISO-1')!
    const since = Date.now()
    await api<Booking>(host, 'appointment.book', {
      staffId,
      scheduleSessionId: board.sessions[0]!.id,
      patientId: patients['Kamala Fernando']!.id,
      bedId: iso.id,
    })
    expect(await appearsWithin(first, 'ISO-1', 'Kamala Fernando', since)).toBeLessThan(1000)
    expect(await appearsWithin(second, 'ISO-1', 'Kamala Fernando', since)).toBeLessThan(1000)
  })

  await test.step('booked by another desk program on the same data file, seen in both', async () => {
    const other = openDesk({ dataFolder: host.dataFolder, log: () => {} })
    try {
      const board = await api<DayBoard>(host, 'board.day', { date: tomorrow })
      const a3 = board.beds.find((b) => b.code === 'BED-A3')!
      const since = Date.now()
      const r = await other.dispatcher.dispatch('appointment.book', {
        staffId,
        scheduleSessionId: board.sessions[0]!.id,
        patientId: patients['Saman Silva']!.id,
        bedId: a3.id,
      })
      expect(r.ok).toBe(true)
      expect(await appearsWithin(first, 'BED-A3', 'Saman Silva', since)).toBeLessThan(1000)
      expect(await appearsWithin(second, 'BED-A3', 'Saman Silva', since)).toBeLessThan(1000)
    } finally {
      other.close()
    }
  })

  await test.step('undo in one window, seen in the other', async () => {
    await first.getByRole('button', { name: 'Undo booking of Nimal Perera' }).click()
    await expect(cell(second, 'BED-A1', '08:00')).toContainText('Free', { timeout: 1000 })
  })
})
