/**
 * An export from the Backups screen, and "Back up now", leave the desk
 * answering: the snapshot is one step on the desk's thread, then its checks and
 * checksum (and the read-back of the copy on a second folder) run on worker
 * threads while the board is read. A backup made all on the desk's thread
 * would let no read through before it resolved. One backup at a time: another
 * export or "Back up now" asked for meanwhile is refused, and the daily check
 * waits for its next turn.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PARALLEL_FROM_BYTES } from '../../src-main/backup/backup-worker.js'
import { FixedClock } from '../../src-main/core/core.js'
import { databasePath } from '../../src-main/db/open-database.js'
import { type Desk, openDesk } from '../../src-main/desk/desk.js'
import type { ExportResult } from '../../src-shared/backup-model.js'
import type { DayBoard } from '../../src-shared/model.js'
import { tempFolder } from '../support/clinic.js'
import { DEMO_TODAY, demoClinic, removeFolder } from './support/clinics.js'
import { call, refuse } from './support/desk-calls.js'

let data: string
let out: string
let desk: Desk

beforeAll(() => {
  // Two years of a 40-bed unit (about 21 MB; built once, then copied): large enough to be checked on workers.
  data = demoClinic({ beds: 40, weeksBack: 100 })
  out = tempFolder('desk-export-answers-')
  desk = openDesk({
    dataFolder: data,
    log: () => {},
    clock: new FixedClock(new Date(`${DEMO_TODAY}T09:00:00`)),
    backups: { automatic: false },
  })
}, 120_000)
afterAll(() => {
  desk?.close()
  if (data) removeFolder(data)
  if (out) removeFolder(out)
})

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const adminOf = (desk: Desk) =>
  (desk.db.prepare("SELECT id FROM staff WHERE role = 'admin'").get() as { id: number }).id

/**
 * Reads the day's board on every turn of the event loop, as other tabs would, until `work` is done;
 * `meanwhile` runs after the first read. Answers the boards read before `work` was done, and its result.
 */
async function readWhile<T, M>(
  work: Promise<T>,
  meanwhile: () => Promise<M>,
): Promise<{ boards: DayBoard[]; result: T; meanwhile: M | null }> {
  let done = false
  const finished = work.finally(() => (done = true))
  const boards: DayBoard[] = []
  let during: M | null = null
  while (!done) {
    await nextTurn()
    if (done) break
    const read = await desk.dispatcher.dispatch('board.day', { date: DEMO_TODAY })
    if (!read.ok) throw new Error(`board.day refused: ${read.error.message}`)
    if (done) break
    boards.push(read.value as DayBoard)
    if (boards.length === 1) during = await meanwhile()
  }
  return { boards, result: await finished, meanwhile: during }
}

describe('backups of a large clinic', () => {
  it('an export leaves the desk answering board reads while it is checked, and the backup verifies', async () => {
    expect(fs.statSync(databasePath(data)).size).toBeGreaterThanOrEqual(PARALLEL_FROM_BYTES)
    const staffId = adminOf(desk)
    const file = path.join(out, 'while-reading.sqlite')
    const second = path.join(out, 'asked-for-meanwhile.sqlite')

    const { boards, result, meanwhile } = await readWhile(
      desk.dispatcher.dispatch('backup.export', { staffId, path: file }),
      async () => ({
        export: await refuse(desk, 'backup.export', { staffId, path: second }),
        now: await refuse(desk, 'backup.now', { staffId }),
        daily: await desk.backups.checkDaily(),
      }),
    )

    // Reads were answered before the export resolved, each with the whole day (three sessions of 40 beds).
    expect(boards.length).toBeGreaterThan(0)
    for (const board of boards) {
      expect(board.sessions.map((s) => s.cells.length)).toEqual([40, 40, 40])
    }

    if (!result.ok) throw new Error(`backup.export refused: ${result.error.message}`)
    const made = result.value as ExportResult
    const summary = await call(desk, 'backup.inspect', { path: file })
    expect(summary).toMatchObject({ checksum: 'verified', sha256: made.sha256, clinicName: 'Colombo Kidney Care' })
    expect(made.rowCounts.appointments).toBe(
      (desk.db.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n,
    )

    // Meanwhile, a second backup was refused in plain words, and nothing of it was written.
    const busy = {
      code: 'BUSY',
      message: 'The desk is already making a backup (a backup to a file); try again in a moment, when it has finished.',
    }
    expect(meanwhile).toEqual({ export: busy, now: busy, daily: null })
    expect(fs.readdirSync(out)).toEqual(['while-reading.sqlite'])
    expect(
      fs.existsSync(path.join(data, 'backups'))
        ? fs.readdirSync(path.join(data, 'backups')).filter((f) => f.startsWith('auto-'))
        : [],
    ).toEqual([])

    // Once it is done, the next one is made.
    expect((await call(desk, 'backup.export', { staffId, path: second })).sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('"Back up now" too: the copy into the backups folder and the one read back from a second folder, the desk answering meanwhile', async () => {
    const staffId = adminOf(desk)
    const usb = tempFolder('desk-export-answers-usb-')
    try {
      await call(desk, 'backup.setSecondFolder', { staffId, folder: usb })
      const { boards, result } = await readWhile(call(desk, 'backup.now', { staffId }), () => Promise.resolve(null))
      expect(boards.length).toBeGreaterThan(0)
      expect(result.lastAutomatic).toMatchObject({ ok: true, message: 'Backed up (on request).' })
      const name = path.basename(result.lastAutomatic!.file!)
      const copies = [path.join(data, 'backups', name), path.join(usb, name)].map((f) =>
        call(desk, 'backup.inspect', { path: f }),
      )
      const [inData, onUsb] = await Promise.all(copies)
      expect(inData).toMatchObject({ checksum: 'verified', clinicName: 'Colombo Kidney Care' })
      expect(onUsb!.sha256).toBe(inData!.sha256)
    } finally {
      await call(desk, 'backup.setSecondFolder', { staffId, folder: null })
      removeFolder(usb)
    }
  })
})
