/** A desk hears another program's commit to its database file at once, not only at the next poll. */
import { afterEach, describe, expect, it } from 'vitest'
import type { DeskEvent } from '../../src-shared/events.js'
import { watchExternalChanges } from '../../src-main/desk/live-updates.js'
import { openDataFolder } from '../../src-main/db/open-database.js'
import { openTestDesk, type TestDesk } from '../support/clinic.js'
import { scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

function nextEvent(d: TestDesk, kind: DeskEvent['kind'], withinMs: number): Promise<number> {
  const t0 = Date.now()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${kind} event within ${withinMs} ms`)), withinMs)
    const off = d.core.events.subscribe((e) => {
      if (e.kind !== kind) return
      clearTimeout(timer)
      off()
      resolve(Date.now() - t0)
    })
  })
}

describe('changes made by another program', () => {
  it('are heard from the file system well before a poll would come round', async () => {
    desk = openTestDesk()
    await scenario(desk, { days: 1 })
    // The poll is put an hour away: only the file system's notice can bring the event in time.
    const stop = watchExternalChanges(desk.core, 3_600_000)
    const other = openDataFolder(desk.folder)
    try {
      const heard = nextEvent(desk, 'external-change', 2_000)
      other.prepare("UPDATE centers SET name = 'Colombo Kidney Care (north)'").run()
      expect(await heard).toBeLessThan(2_000)
    } finally {
      other.close()
      stop()
    }
  })

  it('are not announced for the desk\u2019s own writes', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 1 })
    const stop = watchExternalChanges(desk.core, 3_600_000)
    const events: string[] = []
    const off = desk.core.events.subscribe((e) => events.push(e.kind))
    try {
      await desk.call('patient.create', {
        staffId: s.staffId,
        fullName: 'Nimal Perera',
        clinicNumber: 'C-900',
        hepatitisB: 'negative',
      })
      await new Promise((r) => setTimeout(r, 300))
      expect(events).toContain('change')
      expect(events).not.toContain('external-change')
    } finally {
      off()
      stop()
    }
  })
})
