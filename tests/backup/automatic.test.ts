/**
 * Automatic copies: on close and once a day while the desk is open, into
 * <data>/backups and a second folder; pruned to 7 daily, 4 weekly and 12
 * monthly; a failure leaves a warning that survives restarts and later
 * successes until someone acknowledges it.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { fileSha256 } from '../../src-main/backup/automatic.js'
import { inspectBackup } from '../../src-main/backup/inspect.js'
import { copiesToKeep, type DatedCopy } from '../../src-main/backup/retention.js'
import { FixedClock } from '../../src-main/core/core.js'
import { type Desk, openDesk } from '../../src-main/desk/desk.js'
import { addDays } from '../../src-shared/dates.js'
import type { DeskEvent } from '../../src-shared/events.js'
import { tempFolder } from '../support/clinic.js'
import { DEMO_TODAY, demoClinic, removeFolder } from './support/clinics.js'
import { call, refuse } from './support/desk-calls.js'

const cleanup: (() => void)[] = []
afterEach(() => {
  while (cleanup.length) cleanup.pop()!()
})
const folder = (f: string) => (cleanup.push(() => removeFolder(f)), f)

function open(
  dataFolder: string,
  clock: FixedClock,
  backups: { automatic?: boolean; firstCheckAfterMs?: number } = {},
): Desk {
  const desk = openDesk({ dataFolder, log: () => {}, clock, backups: { firstCheckAfterMs: 3_600_000, ...backups } })
  cleanup.push(() => desk.close())
  return desk
}

const adminOf = (desk: Desk) =>
  (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id
const autoCopies = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('auto-'))
        .sort()
    : []
const clockAt = (date: string, time = '07:00') => new FixedClock(new Date(`${date}T${time}:00`))

describe('which copies are kept', () => {
  const daily = (from: string, days: number, time = '18:00:00'): DatedCopy[] =>
    Array.from({ length: days }, (_, i) => {
      const date = addDays(from, i)
      return { name: `auto-${date}-${time.replaceAll(':', '')}.sqlite`, date, time }
    })

  it('keeps 7 daily, 4 weekly and 12 monthly copies of a year and more of daily copies', () => {
    const copies = daily('2024-11-01', 431) // up to 2026-01-05, a Monday
    const keep = copiesToKeep(copies)
    const kept = copies.filter((c) => keep.has(c.name)).map((c) => c.date)
    // The last 7 days.
    for (let i = 0; i < 7; i++) expect(kept).toContain(addDays('2026-01-05', -i))
    // The newest copy of each of the last 4 weeks: Sundays before this Monday's week.
    for (const sunday of ['2026-01-04', '2025-12-28', '2025-12-21']) expect(kept).toContain(sunday)
    // The newest copy of each of the last 12 months: their last days.
    for (const lastDay of ['2025-12-31', '2025-11-30', '2025-10-31', '2025-06-30', '2025-02-28'])
      expect(kept).toContain(lastDay)
    expect(kept).not.toContain('2025-01-31') // the 13th month back
    expect(kept.every((d) => d >= '2025-02-01')).toBe(true)
    expect(kept.length).toBeLessThanOrEqual(23)
    expect(kept.length).toBe(new Set(kept).size)
  })

  it('keeps only the newest copy of a day, and always the newest copy of all', () => {
    const copies = [
      ...daily('2026-01-05', 1, '07:00:00'),
      ...daily('2026-01-05', 1, '12:00:00'),
      ...daily('2026-01-05', 1, '19:30:00'),
    ]
    expect([...copiesToKeep(copies)]).toEqual(['auto-2026-01-05-193000.sqlite'])
    expect([...copiesToKeep(copies, { daily: 0, weekly: 0, monthly: 0 })]).toEqual(['auto-2026-01-05-193000.sqlite'])
    expect(copiesToKeep([]).size).toBe(0)
  })
})

describe('automatic copies', () => {
  it('are made when the desk closes: a checked backup in <data>/backups', () => {
    const data = folder(demoClinic())
    const desk = open(data, clockAt(DEMO_TODAY, '19:45'))
    desk.close()
    const dir = path.join(data, 'backups')
    expect(autoCopies(dir)).toEqual([`auto-${DEMO_TODAY}-194500.sqlite`])
    const summary = inspectBackup(path.join(dir, autoCopies(dir)[0]!))
    expect(summary).toMatchObject({ checksum: 'verified', clinicName: 'Colombo Kidney Care' })
  })

  it('are made once a day while the desk is open (by its timer, and not twice a day)', async () => {
    const data = folder(demoClinic())
    const clock = clockAt(DEMO_TODAY, '08:00')
    const desk = open(data, clock, { firstCheckAfterMs: 20 })
    const dir = path.join(data, 'backups')
    for (let waited = 0; autoCopies(dir).length === 0 && waited < 5000; waited += 20)
      await new Promise((r) => setTimeout(r, 20))
    expect(autoCopies(dir)).toEqual([`auto-${DEMO_TODAY}-080000.sqlite`])
    expect(await desk.backups.checkDaily()).toBeNull()
    clock.setLocal(addDays(DEMO_TODAY, 1), '06:30')
    expect((await desk.backups.checkDaily())?.failures).toEqual([])
    expect(autoCopies(dir)).toEqual([
      `auto-${DEMO_TODAY}-080000.sqlite`,
      `auto-${addDays(DEMO_TODAY, 1)}-063000.sqlite`,
    ])
  })

  it('are not made for a clinic that is not set up yet (there is nothing to keep)', () => {
    const data = folder(tempFolder('desk-empty-'))
    const desk = open(data, clockAt(DEMO_TODAY))
    expect(desk.backups.run('daily')).toBeNull()
    desk.close()
    expect(autoCopies(path.join(data, 'backups'))).toEqual([])
  })

  it('prune old copies by the rules and leave every other file alone', async () => {
    const data = folder(demoClinic())
    const dir = path.join(data, 'backups')
    fs.mkdirSync(dir)
    for (let i = 1; i <= 60; i++)
      fs.writeFileSync(path.join(dir, `auto-${addDays(DEMO_TODAY, -i)}-180000.sqlite`), 'old')
    const others = ['before-restore-2025-01-01-100000.sqlite', 'clinic-for-usb.sqlite', 'notes.txt']
    for (const f of others) fs.writeFileSync(path.join(dir, f), 'keep me')
    const desk = open(data, clockAt(DEMO_TODAY, '07:00'))
    await call(desk, 'backup.now', { staffId: adminOf(desk) })
    const left = fs.readdirSync(dir)
    for (const f of others) expect(left).toContain(f)
    const auto = autoCopies(dir)
    expect(auto).toContain(`auto-${DEMO_TODAY}-070000.sqlite`)
    expect(auto).toContain(`auto-${addDays(DEMO_TODAY, -6)}-180000.sqlite`)
    expect(auto).not.toContain(`auto-${addDays(DEMO_TODAY, -7)}-180000.sqlite`) // a Monday: its week keeps the Sunday
    expect(auto.length).toBeLessThan(20)
  })

  it('go to a second folder too, read back and identical; the list shows both', async () => {
    const data = folder(demoClinic())
    const usb = folder(tempFolder('desk-usb-'))
    const desk = open(data, clockAt(DEMO_TODAY, '09:15'))
    const staffId = adminOf(desk)
    const events: DeskEvent[] = []
    desk.core.events.subscribe((e) => events.push(e))

    const missing = await refuse(desk, 'backup.setSecondFolder', { staffId, folder: path.join(usb, 'not-plugged-in') })
    expect(missing.code).toBe('NOT_FOUND')
    expect((await refuse(desk, 'backup.setSecondFolder', { staffId, folder: path.join(data, 'backups') })).code).toBe(
      'VALIDATION',
    )

    const status = await call(desk, 'backup.setSecondFolder', { staffId, folder: usb })
    expect(status.secondFolder).toBe(usb)
    await call(desk, 'backup.now', { staffId })
    const name = `auto-${DEMO_TODAY}-091500.sqlite`
    expect(autoCopies(usb)).toEqual([name])
    expect(fileSha256(path.join(usb, name))).toBe(fileSha256(path.join(data, 'backups', name)))
    expect(events).toContainEqual({ kind: 'backup' })

    const list = await call(desk, 'backup.list', {})
    expect(list.map((c) => [c.location, c.fileName, c.kind])).toEqual([
      ['data', name, 'automatic'],
      ['second', name, 'automatic'],
    ])
    expect(list[0]).toMatchObject({ clinicName: 'Colombo Kidney Care', problem: null })
    expect(list[0]!.patients).toBeGreaterThan(0)

    // Any copy in the list can be restored.
    const restored = await call(desk, 'backup.restore', { staffId, path: list[1]!.file })
    expect(restored.restored.checksum).toBe('verified')
    expect(fs.readdirSync(path.join(data, 'backups')).some((f) => f.startsWith('before-restore-'))).toBe(true)

    expect((await call(desk, 'backup.setSecondFolder', { staffId, folder: null })).secondFolder).toBeNull()
  })

  it('that fail leave a warning that survives a restart and a later success, until someone acknowledges it', async () => {
    const data = folder(demoClinic())
    const usb = folder(tempFolder('desk-usb-'))
    let desk = open(data, clockAt(DEMO_TODAY, '10:00'))
    const staffId = adminOf(desk)
    await call(desk, 'backup.setSecondFolder', { staffId, folder: usb })
    fs.rmSync(usb, { recursive: true }) // the USB drive is pulled out

    const status = await call(desk, 'backup.now', { staffId })
    expect(status.warning?.message).toBe(
      `The copy to the second folder ${usb} failed: the folder does not exist (is the USB drive or network share connected?).`,
    )
    expect(status.lastAutomatic).toMatchObject({
      ok: false,
      file: path.join(data, 'backups', `auto-${DEMO_TODAY}-100000.sqlite`),
    })
    expect(autoCopies(path.join(data, 'backups'))).toHaveLength(1) // the copy in the data folder was made all the same

    desk.close()
    desk = open(data, clockAt(DEMO_TODAY, '11:00'))
    expect((await call(desk, 'backup.status', {})).warning?.since).toBe(status.warning?.since)

    fs.mkdirSync(usb) // plugged in again
    const later = await call(desk, 'backup.now', { staffId })
    expect(later.lastAutomatic?.ok).toBe(true)
    expect(later.warning).not.toBeNull()
    expect(autoCopies(usb)).toEqual([`auto-${DEMO_TODAY}-110000.sqlite`])

    expect((await call(desk, 'backup.acknowledgeWarning', { staffId })).warning).toBeNull()
    expect((await call(desk, 'backup.status', {})).warning).toBeNull()
  })

  it('that cannot be written at all say so, and the desk closes all the same', async () => {
    const data = folder(demoClinic())
    fs.writeFileSync(path.join(data, 'backups'), 'a file where the backups folder should be')
    const desk = open(data, clockAt(DEMO_TODAY, '12:00'))
    const status = await call(desk, 'backup.now', { staffId: adminOf(desk) })
    expect(status.warning?.message).toMatch(/^The automatic backup into .*backups failed: /)
    expect(status.warning?.failures).toBe(1)
    desk.close()
    expect(desk.db.open).toBe(false)
    const reopened = open(data, clockAt(DEMO_TODAY, '13:00'))
    expect((await call(reopened, 'backup.status', {})).warning?.failures).toBe(2) // the closing backup failed too
  })
})
