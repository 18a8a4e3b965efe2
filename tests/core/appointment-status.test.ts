/** What happens to an appointment on and around the day: cancel, reinstate, check-in, complete, no-show. */
import { afterEach, describe, expect, it } from 'vitest'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

function bedStatus(sessionId: number, bedId: number): string {
  return (
    desk.db
      .prepare('SELECT status FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
      .get(sessionId, bedId) as { status: string }
  ).status
}

async function book(s: Scenario, sessionId: number, bed: string | null) {
  const p = await s.patient()
  return (
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: sessionId,
      patientId: p.id,
      bedId: bed === null ? null : s.bed(bed),
    })
  ).appointment
}

describe('appointment.cancel', () => {
  it('cancels with a reason and frees the place and the bed', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, 'BED-A1')
    const r = await desk.call('appointment.cancel', {
      staffId: s.staffId,
      appointmentId: a.id,
      reason: 'Admitted to hospital',
    })
    expect(r).toMatchObject({ status: 'cancelled', cancelReason: 'Admitted to hospital', bedId: s.bed('BED-A1') })
    expect(bedStatus(session.id, s.bed('BED-A1'))).toBe('available')
    expect(await desk.call('schedule.get', { id: session.id })).toMatchObject({ booked: 0, free: 4 })
  })

  it('cancels a checked-in appointment (the patient went home)', async () => {
    const s = await start()
    const a = await book(s, (await s.session(MONDAY, '06:00')).id, 'BED-A1')
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: a.id })
    expect(
      (await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.id, reason: 'Felt unwell' }))
        .status,
    ).toBe('cancelled')
  })

  it('refuses to cancel twice, a completed or no-show appointment, one that is over, or one that does not exist', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const [a, b, c, d] = [
      await book(s, morning.id, null),
      await book(s, morning.id, null),
      await book(s, morning.id, null),
      await book(s, morning.id, null),
    ]
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.id, reason: 'Travel' })
    await expectRefused(
      desk,
      'appointment.cancel',
      { staffId: s.staffId, appointmentId: a.id, reason: 'Again' },
      'INVALID_STATE',
    )
    await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: b.id })
    await expectRefused(
      desk,
      'appointment.cancel',
      { staffId: s.staffId, appointmentId: b.id, reason: 'x' },
      'INVALID_STATE',
    )
    await desk.call('appointment.noShow', { staffId: s.staffId, appointmentId: c.id, reason: 'transport' })
    await expectRefused(
      desk,
      'appointment.cancel',
      { staffId: s.staffId, appointmentId: c.id, reason: 'x' },
      'INVALID_STATE',
    )
    desk.clock.setLocal(MONDAY, '10:00')
    await expectRefused(
      desk,
      'appointment.cancel',
      { staffId: s.staffId, appointmentId: d.id, reason: 'Too late' },
      'IN_THE_PAST',
    )
    await expectRefused(
      desk,
      'appointment.cancel',
      { staffId: s.staffId, appointmentId: 99_999, reason: 'x' },
      'NOT_FOUND',
    )
  })
})

describe('appointment.reinstate', () => {
  it('undoes a cancellation: the appointment holds its place and bed again', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, 'BED-A1')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.id, reason: 'Mistake' })
    const r = await desk.call('appointment.reinstate', { staffId: s.staffId, appointmentId: a.id })
    expect(r.appointment).toMatchObject({ status: 'scheduled', cancelReason: null, bedCode: 'BED-A1' })
    expect(bedStatus(session.id, s.bed('BED-A1'))).toBe('reserved')
  })

  it('undoes a no-show of today after the session ended, and undoes a check-in', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, 'BED-A1')
    const b = await book(s, morning.id, 'BED-A2')
    await desk.call('appointment.noShow', {
      staffId: s.staffId,
      appointmentId: a.id,
      reason: 'unknown',
      note: 'No call',
    })
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: b.id })
    desk.clock.setLocal(MONDAY, '12:00')
    const undone = await desk.call('appointment.reinstate', { staffId: s.staffId, appointmentId: a.id })
    expect(undone.appointment).toMatchObject({ status: 'scheduled', noShowReason: null, bedCode: 'BED-A1' })
    const unchecked = await desk.call('appointment.reinstate', { staffId: s.staffId, appointmentId: b.id })
    expect(unchecked.appointment).toMatchObject({ status: 'scheduled', checkedInAt: null })
  })

  it('refuses when the place was given away meanwhile: bed taken, session full, session cancelled', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const a = await book(s, session.id, 'BED-A1')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: a.id, reason: 'Mistake' })
    const taker = await book(s, session.id, 'BED-A1')
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: a.id }, 'BED_TAKEN')
    for (let i = 0; i < 3; i++) await book(s, session.id, null)
    await desk.call('appointment.assignBed', { staffId: s.staffId, appointmentId: taker.id, bedId: null })
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: a.id }, 'SESSION_FULL')

    const other = await s.session(TUESDAY, '10:30')
    const b = await book(s, other.id, null)
    await desk.call('schedule.cancel', { staffId: s.staffId, scheduleSessionId: other.id, reason: 'Flood' })
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: b.id }, 'SESSION_CANCELLED')
  })

  it('refuses what has nothing to undo, the days gone by, and deactivated patients', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, null)
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: a.id }, 'INVALID_STATE')
    await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: a.id })
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: a.id }, 'INVALID_STATE')
    const b = await book(s, morning.id, null)
    await desk.call('appointment.noShow', { staffId: s.staffId, appointmentId: b.id, reason: 'hospital' })
    desk.clock.setLocal(TUESDAY, '07:00')
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: b.id }, 'IN_THE_PAST')

    const later = await s.session('2026-01-08', '06:00')
    const c = await book(s, later.id, null)
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: c.id, reason: 'x' })
    await desk.call('patient.deactivate', { staffId: s.staffId, id: c.patientId })
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: c.id }, 'INACTIVE')
    await expectRefused(desk, 'appointment.reinstate', { staffId: s.staffId, appointmentId: 99_999 }, 'NOT_FOUND')
  })
})

describe('check-in, completion and no-show', () => {
  it('checks in on the day, then completes; the bed stays held', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, 'BED-A1')
    const arrived = await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: a.id })
    expect(arrived).toMatchObject({ status: 'checked_in', checkedInAt: desk.clock.now().toISOString() })
    desk.clock.setLocal(MONDAY, '10:05')
    const done = await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: a.id })
    expect(done).toMatchObject({ status: 'completed', completedAt: desk.clock.now().toISOString() })
    expect(bedStatus(morning.id, s.bed('BED-A1'))).toBe('reserved')
    expect(await desk.call('schedule.get', { id: morning.id })).toMatchObject({ booked: 1 })
  })

  it('completes straight from booked, and records yesterday late', async () => {
    const s = await start()
    const a = await book(s, (await s.session(MONDAY, '15:00')).id, null)
    desk.clock.setLocal(TUESDAY, '07:00')
    expect((await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: a.id })).status).toBe(
      'completed',
    )
  })

  it('records a no-show with its reason and frees the bed', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const a = await book(s, morning.id, 'BED-A2')
    const r = await desk.call('appointment.noShow', {
      staffId: s.staffId,
      appointmentId: a.id,
      reason: 'transport',
      note: 'Bus strike',
    })
    expect(r).toMatchObject({ status: 'no_show', noShowReason: 'transport' })
    expect(desk.db.prepare('SELECT no_show_note FROM appointments WHERE id = ?').get(a.id)).toEqual({
      no_show_note: 'Bus strike',
    })
    expect(bedStatus(morning.id, s.bed('BED-A2'))).toBe('available')
  })

  it('refuses recording before the day', async () => {
    const s = await start()
    const a = await book(s, (await s.session(TUESDAY, '06:00')).id, null)
    await expectRefused(desk, 'appointment.checkIn', { staffId: s.staffId, appointmentId: a.id }, 'INVALID_STATE')
    await expectRefused(desk, 'appointment.complete', { staffId: s.staffId, appointmentId: a.id }, 'INVALID_STATE')
    await expectRefused(
      desk,
      'appointment.noShow',
      { staffId: s.staffId, appointmentId: a.id, reason: 'unwell' },
      'INVALID_STATE',
    )
  })

  it('refuses transitions the state does not allow', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const checkedIn = await book(s, morning.id, null)
    await desk.call('appointment.checkIn', { staffId: s.staffId, appointmentId: checkedIn.id })
    await expectRefused(
      desk,
      'appointment.checkIn',
      { staffId: s.staffId, appointmentId: checkedIn.id },
      'INVALID_STATE',
    )
    await expectRefused(
      desk,
      'appointment.noShow',
      { staffId: s.staffId, appointmentId: checkedIn.id, reason: 'unknown' },
      'INVALID_STATE',
    )

    const completed = await book(s, morning.id, null)
    await desk.call('appointment.complete', { staffId: s.staffId, appointmentId: completed.id })
    for (const m of ['appointment.checkIn', 'appointment.complete'] as const) {
      await expectRefused(desk, m, { staffId: s.staffId, appointmentId: completed.id }, 'INVALID_STATE')
    }
    await expectRefused(
      desk,
      'appointment.noShow',
      { staffId: s.staffId, appointmentId: completed.id, reason: 'unknown' },
      'INVALID_STATE',
    )

    const cancelled = await book(s, morning.id, null)
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: cancelled.id, reason: 'x' })
    const noShow = await book(s, morning.id, null)
    await desk.call('appointment.noShow', { staffId: s.staffId, appointmentId: noShow.id, reason: 'holiday' })
    for (const id of [cancelled.id, noShow.id]) {
      await expectRefused(desk, 'appointment.checkIn', { staffId: s.staffId, appointmentId: id }, 'INVALID_STATE')
      await expectRefused(desk, 'appointment.complete', { staffId: s.staffId, appointmentId: id }, 'INVALID_STATE')
      await expectRefused(
        desk,
        'appointment.noShow',
        { staffId: s.staffId, appointmentId: id, reason: 'unknown' },
        'INVALID_STATE',
      )
    }
    await expectRefused(desk, 'appointment.checkIn', { staffId: s.staffId, appointmentId: 99_999 }, 'NOT_FOUND')
  })

  it('reads one appointment, and says when it does not exist', async () => {
    const s = await start()
    const a = await book(s, (await s.session(TUESDAY, '06:00')).id, 'BED-A3')
    expect(await desk.call('appointment.get', { id: a.id })).toEqual(a)
    expect((await desk.refuse('appointment.get', { id: 99_999 })).code).toBe('NOT_FOUND')
  })
})
