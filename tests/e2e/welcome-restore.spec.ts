/**
 * A new PC takes over a clinic: the desk starts on an empty data folder (the
 * welcome screen), and the receptionist restores the backup another clinic's
 * desk saved to a USB stick, from the welcome screen: the file is checked and
 * what it holds is shown, a bad file is refused in plain words, and after the
 * confirmation the desk opens on that clinic, asks who is at it, and shows its
 * board with its bookings.
 */
import Database from 'better-sqlite3'
import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { exportBackup, openForExport } from '../../src-main/backup/export'
import { buildDemo } from '../../src-main/cli/demo'
import { systemClock } from '../../src-main/core/core'
import { addDays, weekdayOf } from '../../src-shared/dates'
import { startTestHost, type TestHost } from './host'
import { gridPlacements, placements, screenshot, today } from './desk-helpers'

let host: TestHost
let usb: string
let backup: string
let counts: { patients: number; active: number; appointments: number }
/** A weekday ahead with bookings (the demo runs Monday to Saturday). */
let day = addDays(today, 1)
while (weekdayOf(day) === 'Sun') day = addDays(day, 1)

test.beforeAll(async () => {
  // The other clinic, on the PC it comes from, saved to a stick.
  const oldPc = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-old-pc-'))
  buildDemo(oldPc, { beds: 10, sessionsPerDay: 3, weeksBack: 1, weeksAhead: 2, patients: 0, seed: 5, today })
  usb = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-usb-'))
  backup = path.join(usb, 'clinic-backup.sqlite')
  const db = openForExport(oldPc)
  exportBackup(db, backup, { dataFolder: oldPc, appVersion: 'test', clock: systemClock })
  db.close()
  fs.rmSync(oldPc, { recursive: true, force: true })
  const b = new Database(backup, { readonly: true })
  const p = b.prepare('SELECT count(*) AS n, sum(active) AS active FROM patients').get() as {
    n: number
    active: number
  }
  counts = {
    patients: p.n,
    active: p.active,
    appointments: (b.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n,
  }
  b.close()
  fs.writeFileSync(path.join(usb, 'notes.sqlite'), 'Backups of the clinic, one a week.\n')

  // The new PC: an empty data folder.
  host = await startTestHost()
})
test.afterAll(async () => {
  await host?.stop()
  if (usb) fs.rmSync(usb, { recursive: true, force: true })
  if (host) fs.rmSync(host.dataFolder, { recursive: true, force: true })
})

test("a new PC restores another clinic's backup from the welcome screen and shows that clinic's board", async ({
  page,
}) => {
  await page.goto(host.launchUrl)
  await expect(page.getByRole('heading', { name: 'Welcome to the dialysis desk' })).toBeVisible()
  const restore = page.getByRole('region', { name: 'Restore from a backup' })

  await test.step('a file that is no backup is refused in plain words, and nothing happens', async () => {
    await restore.getByLabel('Backup file').fill(path.join(usb, 'notes.sqlite'))
    await restore.getByRole('button', { name: 'Check this backup…' }).click()
    await expect(page.getByText('This backup cannot be restored')).toBeVisible()
    await expect(
      page.getByText(
        'notes.sqlite is a text file, not a database backup (it begins "Backups of the clinic, one a week.").',
      ),
    ).toBeVisible()
    await expect(page.getByRole('dialog', { name: 'Restore this backup?' })).toHaveCount(0)
    await expect(page.getByRole('heading', { name: 'Welcome to the dialysis desk' })).toBeVisible()
  })

  await test.step('the backup is checked and what it holds is shown before anything is restored', async () => {
    await restore.getByLabel('Backup file').fill(backup)
    await restore.getByRole('button', { name: 'Check this backup…' }).click()
    const summary = page.getByTestId('restore-summary')
    await expect(summary).toBeVisible()
    await expect(summary.getByRole('row', { name: /^Clinic/ })).toContainText('Colombo Kidney Care')
    await expect(summary.getByRole('row', { name: /^Made/ })).toContainText(today)
    await expect(summary.getByRole('row', { name: /^Patients/ })).toContainText(
      `${counts.patients} (${counts.active} active)`,
    )
    await expect(summary.getByRole('row', { name: /^Appointments/ })).toContainText(String(counts.appointments))
    await expect(summary.getByRole('row', { name: /^Checksum/ })).toContainText('verified')
    await screenshot(page, 'welcome-restore-summary')
    // Nothing is restored yet: the desk still has no clinic.
    const status = await fetch(`${host.base}/api/setup.status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: '{}',
    })
    expect(((await status.json()) as { value: { initialized: boolean } }).value.initialized).toBe(false)
    await page.getByTestId('confirm-restore').click()
  })

  await test.step("the desk opens on the restored clinic, asks who is at it, and shows the clinic's board", async () => {
    await expect(page.getByTestId('clinic-name')).toHaveText('Colombo Kidney Care')
    const gate = page.getByRole('dialog', { name: 'Who is at the desk?' })
    await expect(gate).toBeVisible()
    await expect(gate.getByRole('button', { name: /Ruwan Jayasinghe/ })).toBeVisible()
    await gate.getByRole('button', { name: /Ruwan Jayasinghe/ }).click()
    await expect(page.getByRole('combobox', { name: 'Staff member at the desk' })).toHaveValue('Ruwan Jayasinghe')

    await page.goto(`${host.base}/#/board?date=${day}`)
    await expect(page.locator('td[data-testid^="cell-"]')).toHaveCount(30)
    const expected = (await placements(host, day)).filter((p) => !p.includes('@ no bed @'))
    expect(expected.length).toBeGreaterThan(0)
    await expect.poll(() => gridPlacements(page)).toEqual(expected)
    await screenshot(page, 'welcome-restore-board')
  })

  await test.step('from now on a restore needs the person at the desk', async () => {
    const r = await fetch(`${host.base}/api/backup.restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ path: backup }),
    })
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe('STAFF_NOT_ALLOWED')
  })
})
