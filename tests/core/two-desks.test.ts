/** Two desks on one database file: each write sees the other's commits; a held lock answers BUSY, changing nothing. */
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, FixedClock } from '../../src-main/core/core.js'
import { openDataFolder } from '../../src-main/db/open-database.js'
import { createDispatcher } from '../../src-main/dispatcher.js'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

describe('two desks on one file', () => {
  it('the second desk to book the last place is told the session is full', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 3 })
    await desk.call('template.update', { staffId: s.staffId, id: s.templates[3]!, defaultCapacity: 1 })
    const session = await s.session(TUESDAY, '06:00')
    const [a, b] = [await s.patient(), await s.patient()]
    const otherDb = openDataFolder(desk.folder)
    try {
      const other = createDispatcher(createCore(otherDb, new FixedClock(new Date(`${MONDAY}T07:00:00`))), () => {})
      // The other desk reads first, so a desk that trusted what it read before writing would double-book.
      expect(await other.dispatch('schedule.get', { id: session.id })).toMatchObject({ ok: true, value: { free: 1 } })
      await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: session.id, patientId: a.id })
      const late = await other.dispatch('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: b.id,
      })
      expect(late).toMatchObject({ ok: false, error: { code: 'SESSION_FULL' } })
    } finally {
      otherDb.close()
    }
  })

  it('a write that cannot get the lock in time answers BUSY and changes nothing', async () => {
    desk = openTestDesk()
    const s = await scenario(desk, { days: 3 })
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient()
    const holder = openDataFolder(desk.folder)
    try {
      holder.prepare('BEGIN IMMEDIATE').run() // another desk in the middle of its write
      desk.db.pragma('busy_timeout = 50')
      const e = await expectRefused(
        desk,
        'appointment.book',
        { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id },
        'BUSY',
      )
      expect(e.message).toMatch(/try again/)
      holder.prepare('ROLLBACK').run()
      await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id })
    } finally {
      holder.close()
    }
  })
})
