/** roster.day: the nurses' station's paper, read from the same board the desk shows; printing is the window's job. */
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

describe('roster.day', () => {
  it('lists every session bed by bed, with blocked beds, the unassigned and the totals', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const morning = await s.session(TUESDAY, '06:00')
    const nimal = await s.patient('Nimal Perera')
    const sunil = await s.patient('සුනිල් ජයසූරිය')
    const ruwan = await s.patient('Ruwan', { hepatitisB: 'positive' })
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      patientId: nimal.id,
      bedId: s.bed('BED-A1'),
    })
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      patientId: ruwan.id,
      bedId: s.bed('BED-A4'),
    })
    await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: morning.id, patientId: sunil.id })
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      bedId: s.bed('BED-A3'),
      reason: 'Pump fault',
    })

    const roster = await desk.call('roster.day', { date: TUESDAY, printedBy: s.staffId })
    expect(roster).toMatchObject({
      clinicName: 'Colombo Kidney Care',
      date: TUESDAY,
      paperSize: 'A4',
      printedBy: 'Anoma Fernando',
      printedAt: desk.clock.now().toISOString(),
    })
    expect(roster.sessions.map((x) => x.startTime)).toEqual(['06:00', '10:30', '15:00'])
    const m = roster.sessions[0]!
    expect(m.rows.map((r) => [r.bedCode, r.isolation, r.blockedReason, r.patient?.name ?? null])).toEqual([
      ['BED-A1', false, null, 'Nimal Perera'],
      ['BED-A2', false, null, null],
      ['BED-A3', false, 'Pump fault', null],
      ['BED-A4', true, null, 'Ruwan'],
    ])
    expect(m.rows[3]!.patient).toMatchObject({ hepatitisB: 'positive', status: 'scheduled' })
    expect(m.unassigned.map((p) => p.name)).toEqual(['සුනිල් ජයසූරිය'])
    expect(m).toMatchObject({ doctorName: 'Dr. Silva', capacity: 3, booked: 3, free: 0 })
  })

  it('prints one session of the date when asked, and refuses a session of another date', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const afternoon = await s.session(TUESDAY, '10:30')
    const one = await desk.call('roster.day', { date: TUESDAY, scheduleSessionId: afternoon.id })
    expect(one.sessions.map((x) => x.scheduleSessionId)).toEqual([afternoon.id])
    expect(one.printedBy).toBeNull()
    const other = await s.session('2026-01-07', '06:00')
    expect((await desk.refuse('roster.day', { date: TUESDAY, scheduleSessionId: other.id })).code).toBe('NOT_FOUND')
  })

  it('leaves printing and saving a PDF to the desk window: the core says so in words', async () => {
    desk = openTestDesk()
    await scenario(desk, { days: 2 })
    for (const m of ['shell.printRoster', 'shell.saveRosterPdf'] as const) {
      const e = await expectRefused(desk, m, { date: TUESDAY }, 'NOT_AVAILABLE')
      expect(e.message).toMatch(/browser/)
    }
  })
})
