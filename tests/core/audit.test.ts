/** The audit trail: one row per successful write and none for a refused one; filters by date, patient and staff; paging. */
import { afterEach, describe, expect, it } from 'vitest'
import { isMethodName, methods } from '../../src-shared/contract/index.js'
import { addDays } from '../../src-shared/dates.js'
import { count } from '../support/db-dump.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { scenario, TUESDAY } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

const auditRows = () => count(desk.db, 'SELECT count(*) AS n FROM audit_log')

describe('one audit row and one change event per successful write, none for a refusal', () => {
  it('holds across a day of mixed work, refusals included', async () => {
    desk = openTestDesk()
    let events = 0
    desk.core.events.subscribe(() => events++)
    let writes = 0
    const run = async (method: string, input: unknown): Promise<unknown> => {
      const [rows, ev] = [auditRows(), events]
      const r = await desk.dispatcher.dispatch(method, input)
      const isWrite = isMethodName(method) && methods[method].kind === 'write'
      const expected = r.ok && isWrite ? 1 : 0
      expect(auditRows() - rows, `${method} ${r.ok ? 'ok' : r.error.code}`).toBe(expected)
      expect(events - ev, `${method} events`).toBe(expected)
      if (r.ok && isWrite) writes++
      return r.ok ? r.value : undefined
    }
    const setup = (await run('setup.initialize', { centerName: 'CKC', staffName: 'Anoma' })) as {
      staff: { id: number }[]
    }
    const staffId = setup.staff[0]!.id
    await run('setup.initialize', { centerName: 'CKC', staffName: 'Anoma' }) // refused
    const bed = (await run('bed.create', { staffId, code: 'BED-A1' })) as { id: number }
    await run('bed.create', { staffId, code: 'BED-A1' }) // duplicate
    await run('template.create', { staffId, weekday: 'Tue', startTime: '06:00', endTime: '10:00', defaultCapacity: 1 })
    await run('template.create', { staffId, weekday: 'Tue', startTime: '09:00', endTime: '12:00', defaultCapacity: 1 }) // clash
    await run('schedule.generate', { staffId, from: MONDAY, to: addDays(MONDAY, 6) })
    await run('schedule.generate', { staffId, from: MONDAY, to: addDays(MONDAY, 6) }) // creates nothing, still a write
    const [session] = (await run('schedule.range', { from: TUESDAY, to: TUESDAY })) as { id: number }[]
    const p1 = (await run('patient.create', {
      staffId,
      fullName: 'A',
      clinicNumber: 'A1',
      hepatitisB: 'negative',
    })) as { id: number }
    const p2 = (await run('patient.create', {
      staffId,
      fullName: 'B',
      clinicNumber: 'B1',
      hepatitisB: 'negative',
    })) as { id: number }
    await run('patient.create', { staffId, fullName: 'C', clinicNumber: 'a1' }) // duplicate
    const booked = (await run('appointment.book', {
      staffId,
      scheduleSessionId: session!.id,
      patientId: p1.id,
      bedId: bed.id,
    })) as { appointment: { id: number } }
    await run('appointment.book', { staffId, scheduleSessionId: session!.id, patientId: p2.id }) // full
    await run('appointment.book', { staffId: 999, scheduleSessionId: session!.id, patientId: p2.id }) // no such staff
    await run('appointment.book', { staffId, scheduleSessionId: 'x', patientId: p2.id }) // invalid
    await run('board.day', { date: TUESDAY })
    await run('appointment.cancel', { staffId, appointmentId: booked.appointment.id, reason: 'x' })
    await run('appointment.cancel', { staffId, appointmentId: booked.appointment.id, reason: 'x' }) // already
    await run('appointment.reinstate', { staffId, appointmentId: booked.appointment.id })
    await run('schedule.cancel', { staffId, scheduleSessionId: session!.id, reason: 'Strike' })
    await run('no.such', {})
    expect(auditRows()).toBe(writes)
  })
})

describe('audit entries', () => {
  it('say who did what, to which record and patient, on which date, with before and after', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const p = await s.patient('Nimal Perera')
    const session = await s.session(TUESDAY, '06:00')
    const { appointment } = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
      bedId: s.bed('BED-A1'),
    })
    await desk.call('appointment.assignBed', {
      staffId: s.staffId,
      appointmentId: appointment.id,
      bedId: s.bed('BED-A2'),
    })
    const [moved, bookedEntry] = (await desk.call('audit.list', { limit: 2 })).entries
    expect(bookedEntry).toMatchObject({
      action: 'appointment.book',
      entity: 'appointment',
      entityId: appointment.id,
      patientId: p.id,
      sessionDate: TUESDAY,
      staffId: s.staffId,
      staffName: 'Anoma Fernando',
      at: desk.clock.now().toISOString(),
      before: null,
      after: expect.objectContaining({ id: appointment.id, bedCode: 'BED-A1' }),
    })
    expect(bookedEntry!.summary).toContain('Nimal Perera')
    expect(moved).toMatchObject({
      action: 'appointment.assignBed',
      before: expect.objectContaining({ bedCode: 'BED-A1' }),
      after: expect.objectContaining({ bedCode: 'BED-A2' }),
    })
    expect(moved!.summary).toMatch(/from BED-A1 to BED-A2/)
  })
})

describe('audit.list filters and paging', () => {
  it('filters by patient and by staff member', async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const nurse = await desk.call('staff.create', { staffId: s.staffId, fullName: 'Chamari', role: 'nurse' })
    const a = await s.patient('A')
    const b = await desk.call('patient.create', { staffId: nurse.id, fullName: 'B', clinicNumber: 'B-1' })
    const session = await s.session(TUESDAY, '06:00')
    await desk.call('appointment.book', { staffId: nurse.id, scheduleSessionId: session.id, patientId: a.id })
    await desk.call('patient.update', { staffId: s.staffId, id: a.id, notes: 'x' })
    const forA = await desk.call('audit.list', { patientId: a.id })
    expect(forA.entries.map((e) => e.action)).toEqual(['patient.update', 'appointment.book', 'patient.create'])
    const byNurse = await desk.call('audit.list', { staffId: nurse.id })
    expect(byNurse.entries.map((e) => e.action)).toEqual(['appointment.book', 'patient.create'])
    expect(byNurse.entries[1]!.patientId).toBe(b.id)
    const both = await desk.call('audit.list', { staffId: nurse.id, patientId: a.id })
    expect(both.entries.map((e) => e.action)).toEqual(['appointment.book'])
  })

  it("shows in a patient's trail the session cancellation that cancelled their appointment", async () => {
    desk = openTestDesk()
    const s = await scenario(desk)
    const [a, b, c] = [await s.patient('A'), await s.patient('B'), await s.patient('C')]
    const session = await s.session(TUESDAY, '06:00')
    for (const p of [a, b])
      await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id })
    await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      reason: 'Water plant failure',
    })
    for (const p of [a, b]) {
      const trail = await desk.call('audit.list', { patientId: p.id })
      expect(trail.entries.map((e) => e.action)).toEqual(['schedule.cancel', 'appointment.book', 'patient.create'])
    }
    expect((await desk.call('audit.list', { patientId: c.id })).entries.map((e) => e.action)).toEqual([
      'patient.create',
    ])
  })

  it('pages newest first with beforeId until nothing is left', async () => {
    desk = openTestDesk()
    await setUpClinic(desk, { weekdays: ['Mon'] })
    const total = auditRows()
    const seen: number[] = []
    let beforeId: number | undefined
    for (;;) {
      const page = await desk.call('audit.list', { limit: 3, ...(beforeId !== undefined && { beforeId }) })
      seen.push(...page.entries.map((e) => e.id))
      if (page.nextBeforeId === null) break
      expect(page.entries).toHaveLength(3)
      beforeId = page.nextBeforeId
    }
    expect(seen).toHaveLength(total)
    expect(seen).toEqual([...seen].sort((x, y) => y - x))
    expect(new Set(seen).size).toBe(total)
  })

  it("filters by the clinic's local calendar day, not the UTC one", async () => {
    const saved = process.env.TZ
    process.env.TZ = 'Asia/Colombo' // UTC+05:30: local midnight is 18:30 UTC the day before
    try {
      desk = openTestDesk()
      const c = await setUpClinic(desk, { weekdays: [] })
      desk.clock.setLocal(TUESDAY, '00:10') // still Monday in UTC
      await desk.call('doctor.create', { staffId: c.staffId, fullName: 'Early Tuesday' })
      desk.clock.setLocal(TUESDAY, '23:50')
      await desk.call('doctor.create', { staffId: c.staffId, fullName: 'Late Tuesday' })
      desk.clock.setLocal(addDays(TUESDAY, 1), '00:05') // still Tuesday in UTC
      await desk.call('doctor.create', { staffId: c.staffId, fullName: 'Early Wednesday' })
      const tuesday = await desk.call('audit.list', { from: TUESDAY, to: TUESDAY })
      expect(tuesday.entries.map((e) => e.summary)).toEqual(['Added doctor Late Tuesday', 'Added doctor Early Tuesday'])
      const fromTuesday = await desk.call('audit.list', { from: TUESDAY })
      expect(fromTuesday.entries).toHaveLength(3)
      const untilMonday = await desk.call('audit.list', { to: MONDAY })
      expect(untilMonday.entries.every((e) => !e.summary.includes('Tuesday') && !e.summary.includes('Wednesday'))).toBe(
        true,
      )
      expect(untilMonday.entries.length).toBe(auditRows() - 3)
    } finally {
      desk?.close()
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    }
  })
})
