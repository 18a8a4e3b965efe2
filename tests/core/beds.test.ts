/** Beds: adding, editing, out of service and back, retiring; a bed's state reaches sessions that have not ended, never the past. */
import { afterEach, describe, expect, it } from 'vitest'
import { count } from '../support/db-dump.js'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

interface SessionBedRow {
  session_date: string
  start_time: string
  status: string
  blocked_kind: string | null
  blocked_reason: string | null
}

/** The bed's session_beds rows per dated session, as "date time" -> row (missing when not mapped). */
function rowsOf(bedId: number): Map<string, SessionBedRow> {
  const rows = desk.db
    .prepare(
      `SELECT ss.session_date, ss.start_time, sb.status, sb.blocked_kind, sb.blocked_reason
       FROM session_beds sb JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id WHERE sb.bed_id = ?`,
    )
    .all(bedId) as SessionBedRow[]
  return new Map(rows.map((r) => [`${r.session_date} ${r.start_time}`, r]))
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

describe('bed.create and bed.list', () => {
  it('adds a bed at the end of the bed order; it joins every session that has not ended and is not cancelled', async () => {
    const s = await start()
    desk.clock.setLocal(MONDAY, '12:00') // the morning session is over, the 10:30 one under way
    await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(TUESDAY, '06:00')).id,
      reason: 'Strike',
    })
    const bed = await desk.call('bed.create', { staffId: s.staffId, code: 'BED-B1', notes: 'By the window' })
    expect(bed).toMatchObject({
      code: 'BED-B1',
      isolation: false,
      inService: true,
      active: true,
      notes: 'By the window',
      position: 5,
    })
    const rows = rowsOf(bed.id)
    expect(rows.has(`${MONDAY} 06:00`)).toBe(false)
    expect(rows.get(`${MONDAY} 10:30`)?.status).toBe('available')
    expect(rows.has(`${TUESDAY} 06:00`)).toBe(false)
    expect(rows.get(`${TUESDAY} 10:30`)?.status).toBe('available')
    expect(rows.size).toBe(36 - 2) // all but the ended and the cancelled session
    expect((await desk.call('bed.list', {})).map((b) => b.code)).toEqual([
      'BED-A1',
      'BED-A2',
      'BED-A3',
      'BED-A4',
      'BED-B1',
    ])
    expect((await desk.call('center.get', {})).totalCapacity).toBe(5)
  })

  it('refuses a code that exists already, whatever its case', async () => {
    const s = await start()
    const e = await expectRefused(desk, 'bed.create', { staffId: s.staffId, code: 'bed-a1' }, 'DUPLICATE')
    expect(e.message).toContain('bed-a1')
  })
})

describe('bed.update', () => {
  it('renames, reorders and annotates a bed', async () => {
    const s = await start()
    const r = await desk.call('bed.update', {
      staffId: s.staffId,
      id: s.bed('BED-A1'),
      code: 'CHAIR-1',
      position: 9,
      notes: 'New pump',
    })
    expect(r).toMatchObject({ code: 'CHAIR-1', position: 9, notes: 'New pump' })
    expect((await desk.call('bed.list', {})).map((b) => b.code).at(-1)).toBe('CHAIR-1')
    await expectRefused(desk, 'bed.update', { staffId: s.staffId, id: s.bed('BED-A2'), code: 'Chair-1' }, 'DUPLICATE')
    await expectRefused(desk, 'bed.update', { staffId: s.staffId, id: 99_999, notes: 'x' }, 'NOT_FOUND')
  })

  it('changes the isolation flag only while no upcoming booking uses the bed', async () => {
    const s = await start()
    const a = await book(s, (await s.session(TUESDAY, '06:00')).id, 'BED-A1')
    const e = await expectRefused(
      desk,
      'bed.update',
      { staffId: s.staffId, id: s.bed('BED-A1'), isolation: true },
      'BED_OCCUPIED',
    )
    expect((e.details?.affected as { id: number }[]).map((x) => x.id)).toEqual([a.id])
    expect(
      (await desk.call('bed.update', { staffId: s.staffId, id: s.bed('BED-A2'), isolation: true })).isolation,
    ).toBe(true)
  })
})

describe('bed.setInService', () => {
  it('blocks the bed in every session that has not ended, leaves ended ones as they were, and frees them again on return', async () => {
    const s = await start()
    desk.clock.setLocal(MONDAY, '10:00') // the morning session has just ended
    const bedId = s.bed('BED-A2')
    const before = rowsOf(bedId)
    const out = await desk.call('bed.setInService', { staffId: s.staffId, id: bedId, inService: false })
    expect(out.inService).toBe(false)
    const during = rowsOf(bedId)
    expect(during.get(`${MONDAY} 06:00`)).toEqual(before.get(`${MONDAY} 06:00`))
    const upcoming = [...during.entries()].filter(([k]) => k !== `${MONDAY} 06:00`)
    expect(upcoming).toHaveLength(35)
    for (const [, r] of upcoming)
      expect(r).toMatchObject({ status: 'blocked', blocked_kind: 'out_of_service', blocked_reason: 'Out of service' })
    expect((await s.session(TUESDAY, '06:00')).capacity).toBe(3)

    desk.clock.setLocal(TUESDAY, '11:00') // Monday and Tuesday's morning are now history
    await desk.call('bed.setInService', { staffId: s.staffId, id: bedId, inService: true })
    const after = rowsOf(bedId)
    for (const [k, r] of after) {
      if (k < `${TUESDAY} 10:30`) expect(r, k).toEqual(during.get(k))
      else expect(r, k).toMatchObject({ status: 'available', blocked_kind: null })
    }
  })

  it('refuses while upcoming bookings use the bed, listing them', async () => {
    const s = await start()
    const a = await book(s, (await s.session(TUESDAY, '06:00')).id, 'BED-A1')
    const b = await book(s, (await s.session(MONDAY, '15:00')).id, 'BED-A1')
    const e = await expectRefused(
      desk,
      'bed.setInService',
      { staffId: s.staffId, id: s.bed('BED-A1'), inService: false },
      'BED_OCCUPIED',
    )
    expect((e.details?.affected as { id: number }[]).map((x) => x.id)).toEqual([b.id, a.id])
    expect(e.message).toContain('2 upcoming bookings')
  })

  it('takes a bed out of service after its bookings are in the past', async () => {
    const s = await start()
    await book(s, (await s.session(MONDAY, '06:00')).id, 'BED-A1')
    desk.clock.setLocal(MONDAY, '10:00')
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A1'), inService: false })
    expect(rowsOf(s.bed('BED-A1')).get(`${MONDAY} 06:00`)?.status).toBe('reserved')
  })

  it('refuses, in words, when a full session would lose a place it has promised', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    for (let i = 0; i < 4; i++) await book(s, session.id, null)
    const e = await expectRefused(
      desk,
      'bed.setInService',
      { staffId: s.staffId, id: s.bed('BED-A1'), inService: false },
      'SESSION_FULL',
    )
    expect(e.message).toContain('BED-A1')
  })

  it('keeps a manual block for one session through an out-of-service period', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A3'),
      reason: 'Kept for a visiting patient',
    })
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A3'), inService: false })
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: (await s.patient()).id, bedId: s.bed('BED-A3') },
      'BED_OUT_OF_SERVICE',
    )
    await expectRefused(
      desk,
      'schedule.unblockBed',
      { staffId: s.staffId, scheduleSessionId: session.id, bedId: s.bed('BED-A3') },
      'BED_OUT_OF_SERVICE',
    )
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A3'), inService: true })
    expect(rowsOf(s.bed('BED-A3')).get(`${TUESDAY} 06:00`)).toMatchObject({
      status: 'blocked',
      blocked_kind: 'manual',
      blocked_reason: 'Kept for a visiting patient',
    })
    expect(rowsOf(s.bed('BED-A3')).get(`${TUESDAY} 10:30`)).toMatchObject({ status: 'available' })
  })
})

describe('bed.deactivate and bed.reactivate', () => {
  it('retires a bed: it leaves the sessions that have not ended (kept, blocked, where an appointment refers to it); the past is kept', async () => {
    const s = await start()
    const bedId = s.bed('BED-A2')
    const past = await book(s, (await s.session(MONDAY, '06:00')).id, 'BED-A2')
    const tuesday = await s.session(TUESDAY, '06:00')
    const cancelled = await book(s, tuesday.id, 'BED-A2')
    await desk.call('appointment.cancel', { staffId: s.staffId, appointmentId: cancelled.id, reason: 'x' })
    desk.clock.setLocal(MONDAY, '10:00')
    const r = await desk.call('bed.deactivate', { staffId: s.staffId, id: bedId })
    expect(r.active).toBe(false)
    const rows = rowsOf(bedId)
    expect([...rows.keys()].sort()).toEqual([`${MONDAY} 06:00`, `${TUESDAY} 06:00`])
    expect(rows.get(`${MONDAY} 06:00`)?.status).toBe('reserved')
    expect(rows.get(`${TUESDAY} 06:00`)).toMatchObject({
      status: 'blocked',
      blocked_kind: 'out_of_service',
      blocked_reason: 'Bed retired',
    })
    expect((await desk.call('appointment.get', { id: past.id })).bedCode).toBe('BED-A2')
    expect((await desk.call('bed.list', {})).map((b) => b.code)).not.toContain('BED-A2')
    expect((await desk.call('bed.list', { includeInactive: true })).map((b) => b.code)).toContain('BED-A2')
    expect((await desk.call('center.get', {})).totalCapacity).toBe(3)
    expect((await desk.call('schedule.get', { id: tuesday.id })).capacity).toBe(3)

    const back = await desk.call('bed.reactivate', { staffId: s.staffId, id: bedId })
    expect(back.active).toBe(true)
    const again = rowsOf(bedId)
    expect(again.size).toBe(36)
    expect(again.get(`${TUESDAY} 06:00`)).toMatchObject({ status: 'available', blocked_kind: null })
    expect(again.get(`${MONDAY} 06:00`)?.status).toBe('reserved')
    expect(
      count(desk.db, "SELECT count(*) AS n FROM session_beds WHERE bed_id = ? AND status = 'blocked'", bedId),
    ).toBe(0)
  })

  it('refuses to retire a bed with upcoming bookings, or one whose loss would overfill a session', async () => {
    const s = await start()
    await book(s, (await s.session(TUESDAY, '06:00')).id, 'BED-A1')
    await expectRefused(desk, 'bed.deactivate', { staffId: s.staffId, id: s.bed('BED-A1') }, 'BED_OCCUPIED')
    const session = await s.session(TUESDAY, '10:30')
    for (let i = 0; i < 4; i++) await book(s, session.id, null)
    const e = await expectRefused(desk, 'bed.deactivate', { staffId: s.staffId, id: s.bed('BED-A2') }, 'SESSION_FULL')
    expect(e.message).toContain('BED-A2')
    await expectRefused(desk, 'bed.deactivate', { staffId: s.staffId, id: 99_999 }, 'NOT_FOUND')
  })
})
