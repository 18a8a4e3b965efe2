/**
 * The Backups screen of a busy clinic, with two desk tabs open: a backup saved
 * to a file (a USB stick), a change made after it, the file checked and what
 * it holds shown (clinic, date, counts) before the restore is confirmed; the
 * other tab shows the restored data without being touched, and both ask again
 * who is at the desk when that person is not in the restored data, or when
 * their staff number is someone else's there. Then the
 * automatic copies (the safety copy the restore kept, one made on request),
 * and a failed automatic copy's warning, above every screen until someone
 * says they have dealt with it.
 */
import Database from 'better-sqlite3'
import { expect, test, type Page } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildDemo } from '../../src-main/cli/demo'
import { formatDate } from '../../src-shared/format'
import type { Center, SetupStatus, Staff } from '../../src-shared/model'
import { startTestHost, type TestHost } from './host'
import { api, choose, screenshot, today } from './desk-helpers'

let host: TestHost
let usb: string
let admin: Staff

test.beforeAll(async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-backups-'))
  buildDemo(folder, { beds: 10, sessionsPerDay: 3, weeksBack: 1, weeksAhead: 1, patients: 0, seed: 4, today })
  host = await startTestHost({ dataFolder: folder })
  usb = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-usb-'))
  admin = (await api<SetupStatus>(host, 'setup.status', {})).staff.find((s) => s.role === 'admin')!
})
test.afterAll(async () => {
  await host?.stop()
  for (const f of [usb, host?.dataFolder]) if (f) fs.rmSync(f, { recursive: true, force: true })
})

const gate = (page: Page) => page.getByRole('dialog', { name: 'Who is at the desk?' })
const notice = (page: Page, text: string | RegExp) =>
  page.locator('.mantine-Notification-root').filter({ hasText: text })

async function searchPatients(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Search patients' }).fill(text)
}

test('save, check, restore with two tabs open; the automatic copies; a failed copy dealt with', async ({
  page,
  context,
}) => {
  // Three backups, two restores and two tabs: longer than one screen's test.
  test.setTimeout(300_000)
  const file = path.join(usb, 'clinic on the stick.sqlite')
  const center = await api<Center>(host, 'center.get', {})

  await test.step('save a backup to a file', async () => {
    await page.goto(host.launchUrl)
    await gate(page)
      .getByRole('button', { name: new RegExp(admin.fullName) })
      .click()
    await page.goto(`${host.base}/#/backups`)
    await page.getByLabel(/^File/).fill(file)
    await page.getByRole('button', { name: 'Save backup' }).click()
    await expect(notice(page, `Backup saved: ${file}`)).toBeVisible()
    expect(fs.existsSync(file)).toBe(true)
    // Saving again without "Replace" is refused; with it, the backup is replaced.
    await page.getByRole('button', { name: 'Save backup' }).click()
    await expect(notice(page, `${file} already exists. Choose another name, or choose to replace it.`)).toBeVisible()
  })

  const inBackup = (() => {
    const b = new Database(file, { readonly: true })
    const p = b.prepare('SELECT count(*) AS n, sum(active) AS active FROM patients').get() as {
      n: number
      active: number
    }
    const appointments = (b.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n
    b.close()
    return { patients: p.n, active: p.active, appointments }
  })()

  // After the backup: a patient registered, and a new receptionist who takes the desk; a second
  // backup holds them (saved the way a script saves one).
  await api(host, 'patient.create', { staffId: admin.id, fullName: 'Dilani After Backup', clinicNumber: 'AB-1' })
  const nadeesha = await api<Staff>(host, 'staff.create', {
    staffId: admin.id,
    fullName: 'Nadeesha Newcomer',
    role: 'receptionist',
  })
  const later = path.join(usb, 'later.sqlite')
  await api(host, 'backup.export', { staffId: admin.id, path: later })
  await choose(page, page.getByRole('combobox', { name: 'Staff member at the desk' }), nadeesha.fullName)

  const second = await context.newPage()
  await test.step('a second tab shows the change made after the backup', async () => {
    await second.goto(`${host.base}/#/patients`)
    await expect(second.getByRole('combobox', { name: 'Staff member at the desk' })).toHaveValue(nadeesha.fullName)
    await searchPatients(second, 'Dilani After')
    await expect(second.getByTestId('patient-list').getByRole('row', { name: /Dilani After Backup/ })).toBeVisible()
  })

  await test.step('check the file: what it holds is shown before anything is restored', async () => {
    await page.getByLabel('Backup file').fill(file)
    await page.getByRole('button', { name: 'Check this file…' }).click()
    const summary = page.getByTestId('restore-summary')
    await expect(summary.getByRole('row', { name: /^File/ })).toContainText(file)
    await expect(summary.getByRole('row', { name: /^Clinic/ })).toContainText(center.name)
    await expect(summary.getByRole('row', { name: /^Made/ })).toContainText(formatDate(today, center.dateFormat))
    await expect(summary.getByRole('row', { name: /^Patients/ })).toContainText(
      `${inBackup.patients} (${inBackup.active} active)`,
    )
    await expect(summary.getByRole('row', { name: /^Appointments/ })).toContainText(String(inBackup.appointments))
    await expect(summary.getByRole('row', { name: /^Checksum/ })).toContainText('verified: the file is as it was made')
    await screenshot(page, 'backups-restore-summary')
    // Back: nothing restored, the change after the backup still there.
    await page
      .getByRole('dialog', { name: 'Restore this backup?' })
      .getByRole('button', { name: 'Back', exact: true })
      .click()
    await expect(summary).toHaveCount(0)
    expect((await api<{ fullName: string }[]>(host, 'patient.search', { query: 'Dilani After' })).length).toBe(1)
  })

  await test.step('restore: both tabs show the restored data and ask who is at the desk', async () => {
    await page.getByRole('button', { name: 'Check this file…' }).click()
    await page.getByTestId('confirm-restore').click()
    await expect(
      notice(page, /^Restored\. The data that was here is kept as .*before-restore-.*\.sqlite\.$/),
    ).toBeVisible()
    // Nadeesha is not in the restored data: nobody is at the desk until someone says who.
    await expect(gate(page)).toBeVisible()
    await expect(gate(page).getByRole('button', { name: /Nadeesha/ })).toHaveCount(0)
    await expect(gate(second)).toBeVisible()
    await expect(second.getByTestId('patient-list').getByRole('row', { name: /Dilani After Backup/ })).toHaveCount(0)
    await searchPatients(second, 'a')
    await expect(second.getByTestId('patient-list').getByRole('row')).not.toHaveCount(1)
    await gate(page)
      .getByRole('button', { name: new RegExp(admin.fullName) })
      .click()
    await expect(page.getByRole('combobox', { name: 'Staff member at the desk' })).toHaveValue(admin.fullName)
    await second.close()
  })

  await test.step('a restore where the staff number at the desk belongs to someone else asks again too', async () => {
    // Registered after the first restore, Kasun gets the number Nadeesha had; in the later backup it is hers.
    const kasun = await api<Staff>(host, 'staff.create', {
      staffId: admin.id,
      fullName: 'Kasun Newcomer',
      role: 'receptionist',
    })
    expect(kasun.id).toBe(nadeesha.id)
    await choose(page, page.getByRole('combobox', { name: 'Staff member at the desk' }), kasun.fullName)
    await page.getByLabel('Backup file').fill(later)
    await page.getByRole('button', { name: 'Check this file…' }).click()
    await page.getByTestId('confirm-restore').click()
    await expect(notice(page, /^Restored\./).first()).toBeVisible()
    // Not silently Nadeesha: the desk asks.
    await expect(gate(page)).toBeVisible()
    await expect(gate(page).getByRole('button', { name: /Nadeesha Newcomer/ })).toBeVisible()
    await expect(gate(page).getByRole('button', { name: /Kasun/ })).toHaveCount(0)
    await gate(page)
      .getByRole('button', { name: new RegExp(admin.fullName) })
      .click()
    expect((await api<{ fullName: string }[]>(host, 'patient.search', { query: 'Dilani After' })).length).toBe(1)
  })

  await test.step('the automatic copies: the safety copy the restore kept, and one made on request', async () => {
    const copies = page.getByTestId('backup-copies')
    // One safety copy kept before each restore.
    await expect(copies.getByRole('row').filter({ hasText: 'before a restore' })).toHaveCount(2)
    const automaticFiles = async () =>
      (await api<{ file: string; kind: string }[]>(host, 'backup.list', {}))
        .filter((c) => c.kind === 'automatic')
        .map((c) => c.file)
    // (The desk's own daily copy may have been made already while the test ran.)
    const before = await automaticFiles()
    await page.getByRole('button', { name: 'Back up now' }).click()
    await expect(notice(page, 'Backed up.')).toBeVisible()
    const made = (await automaticFiles()).filter((f) => !before.includes(f))
    expect(made).toHaveLength(1)
    const row = copies.getByRole('row').filter({ has: page.locator(`td[title="${made[0]}"]`) })
    await expect(row).toContainText('automatic')
    await expect(row).toContainText('this computer')
    await expect(row).toContainText(String(inBackup.patients + 1))
    await expect(row.getByRole('button', { name: 'Restore…' })).toBeVisible()
    await screenshot(page, 'backups-copies')
  })

  await test.step('a failed automatic copy warns above every screen until someone has dealt with it', async () => {
    const secondFolder = path.join(usb, 'second')
    fs.mkdirSync(secondFolder)
    await page.getByLabel('Second folder (a USB drive or a network share)').fill(secondFolder)
    await page.getByRole('button', { name: 'Use this folder' }).click()
    await expect(notice(page, `Automatic copies also go to ${secondFolder}.`)).toBeVisible()
    // The stick is pulled out.
    fs.rmSync(secondFolder, { recursive: true })
    await page.getByRole('button', { name: 'Back up now' }).click()
    const warning = page.getByTestId('backup-warning')
    await expect(warning).toContainText('An automatic backup failed')
    await expect(warning).toContainText(`The copy to the second folder ${secondFolder} failed`)
    await screenshot(page, 'backups-warning')

    await page.goto(`${host.base}/#/board`)
    await expect(warning).toContainText('An automatic backup failed')
    await warning.getByRole('button', { name: 'I have dealt with it' }).click()
    await expect(warning).toHaveCount(0)
    await page.goto(`${host.base}/#/backups`)
    await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible()
    await expect(warning).toHaveCount(0)
    expect((await api<{ warning: unknown }>(host, 'backup.status', {})).warning).toBeNull()
  })
})
