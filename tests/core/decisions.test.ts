/**
 * Closing what the "To decide" panel lists (conflict.resolve, waiting.resolve)
 * and the list of bed outages still to come (outage.list): each success does
 * what it says with one audit row and one change event; each refusal says why
 * and changes nothing.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { addDays } from '../../src-shared/dates.js'
import type { DeskEvent } from '../../src-shared/events.js'
import { MONDAY, openTestDesk, setUpClinic, type SmallClinic, type TestDesk } from '../support/clinic.js'
import { count } from '../support/db-dump.js'
import { expectRefused, expectRefusedRaw } from '../support/refusal.js'

let desk: TestDesk
afterEach(() => desk?.close())

/**
 * Two beds (BED-A2 for isolation) and three hepatitis B negative patients
 * standing on Monday mornings: one gets BED-A1, two cannot be placed and
 * become conflicts and waiting-list entries.
 */
async function crowdedMonday(): Promise<{ clinic: SmallClinic; patients: number[] }> {
  desk = openTestDesk()
  const clinic = await setUpClinic(desk, { beds: 2 })
  await desk.call('schedule.generate', { staffId: clinic.staffId, from: MONDAY, to: MONDAY })
  const mondayMorning = clinic.templates[0]!
  const patients: number[] = []
  for (const [i, fullName] of ['Nimal Perera', 'Kamala Devi', 'Murugan Selvam'].entries()) {
    const p = await desk.call('patient.create', {
      staffId: clinic.staffId,
      fullName,
      clinicNumber: `CKC-${i + 1}`,
      hepatitisB: 'negative',
    })
    await desk.call('standing.set', {
      staffId: clinic.staffId,
      patientId: p.id,
      from: MONDAY,
      slots: [{ weekday: 'Mon', templateId: mondayMorning, bedId: null }],
    })
    patients.push(p.id)
  }
  return { clinic, patients }
}

/** Runs a write and answers the change events it sent. */
async function eventsOf(work: () => Promise<unknown>): Promise<DeskEvent[]> {
  const events: DeskEvent[] = []
  const unsubscribe = desk.core.events.subscribe((e) => events.push(e))
  try {
    await work()
  } finally {
    unsubscribe()
  }
  return events
}

const auditRows = () => count(desk.db, 'SELECT count(*) AS n FROM audit_log')

describe('conflict.resolve', () => {
  it('closes one conflict with what was decided, audited and announced; the other stays open', async () => {
    const { clinic } = await crowdedMonday()
    const open = await desk.call('conflict.list', { from: MONDAY })
    expect(open.map((c) => [c.patientName, c.kind])).toEqual([
      ['Kamala Devi', 'standing_unplaced'],
      ['Murugan Selvam', 'standing_unplaced'],
    ])
    const [kamala, murugan] = open as [(typeof open)[0], (typeof open)[0]]
    desk.clock.setLocal(MONDAY, '05:30')
    const audits = auditRows()
    let closed: Awaited<ReturnType<typeof desk.call<'conflict.resolve'>>> | undefined
    const events = await eventsOf(async () => {
      closed = await desk.call('conflict.resolve', {
        staffId: clinic.staffId,
        id: kamala.id,
        resolution: 'Comes on Tuesday this week',
      })
    })
    expect(closed).toMatchObject({ id: kamala.id, patientName: 'Kamala Devi', date: MONDAY, kind: 'standing_unplaced' })
    expect(events).toEqual([
      { kind: 'change', tables: expect.arrayContaining(['conflicts', 'audit_log']), dates: [MONDAY] },
    ])

    expect((await desk.call('conflict.day', { date: MONDAY })).conflicts.map((c) => c.id)).toEqual([murugan.id])
    expect((await desk.call('conflict.list', { from: MONDAY })).map((c) => c.id)).toEqual([murugan.id])
    expect(desk.db.prepare('SELECT resolved_at AS at, resolution FROM conflicts WHERE id = ?').get(kamala.id)).toEqual({
      at: new Date(`${MONDAY}T05:30:00`).toISOString(),
      resolution: 'Comes on Tuesday this week',
    })
    expect(auditRows()).toBe(audits + 1)
    const [entry] = (await desk.call('audit.list', { limit: 1 })).entries
    expect(entry).toMatchObject({
      action: 'conflict.resolve',
      staffId: clinic.staffId,
      patientId: kamala.patientId,
      sessionDate: MONDAY,
    })
    expect(entry!.summary).toContain('Comes on Tuesday this week')
    expect(entry!.summary).toContain('Kamala Devi')
  })

  it('refuses a conflict that does not exist or is already closed, a staff member who may not write, and a missing reason', async () => {
    const { clinic } = await crowdedMonday()
    const [first] = await desk.call('conflict.list', { from: MONDAY })
    await expectRefused(
      desk,
      'conflict.resolve',
      { staffId: clinic.staffId, id: 99_999, resolution: 'Dealt with' },
      'NOT_FOUND',
    )
    await desk.call('conflict.resolve', { staffId: clinic.staffId, id: first!.id, resolution: 'Dealt with' })
    const again = await expectRefused(
      desk,
      'conflict.resolve',
      { staffId: clinic.staffId, id: first!.id, resolution: 'Dealt with twice' },
      'NOT_FOUND',
    )
    expect(again.message).toMatch(/conflict/i)
    const [second] = await desk.call('conflict.list', { from: MONDAY })
    await expectRefused(
      desk,
      'conflict.resolve',
      { staffId: 99_999, id: second!.id, resolution: 'Dealt with' },
      'STAFF_NOT_ALLOWED',
    )
    const gone = await desk.call('staff.create', {
      staffId: clinic.staffId,
      fullName: 'Ruwan Jayasinghe',
      role: 'receptionist',
    })
    await desk.call('staff.deactivate', { staffId: clinic.staffId, id: gone.id })
    const deactivated = await expectRefused(
      desk,
      'conflict.resolve',
      { staffId: gone.id, id: second!.id, resolution: 'Dealt with' },
      'STAFF_NOT_ALLOWED',
    )
    expect(deactivated.message).toContain('Ruwan Jayasinghe')
    await expectRefusedRaw(
      desk,
      'conflict.resolve',
      { staffId: clinic.staffId, id: second!.id, resolution: '' },
      'VALIDATION',
    )
    await expectRefusedRaw(desk, 'conflict.resolve', { staffId: clinic.staffId, id: second!.id }, 'VALIDATION')
    expect((await desk.call('conflict.list', { from: MONDAY })).map((c) => c.id)).toEqual([second!.id])
  })
})

describe('waiting.resolve', () => {
  it('takes a patient off the waiting list, audited and announced; they are no longer offered a free place', async () => {
    const { clinic, patients } = await crowdedMonday()
    const waiting = await desk.call('waiting.list', {})
    expect(waiting.map((w) => w.patientName)).toEqual(['Kamala Devi', 'Murugan Selvam'])
    const kamala = waiting[0]!
    // A place frees up on Monday morning: both waiting patients fit it.
    const nimal = (await desk.call('patient.appointments', { patientId: patients[0]!, pastLimit: 10 })).upcoming[0]!
    await desk.call('appointment.cancel', {
      staffId: clinic.staffId,
      appointmentId: nimal.id,
      reason: 'Admitted to hospital',
    })
    const offered = async () =>
      (await desk.call('conflict.day', { date: MONDAY })).waiting.flatMap((m) => m.waiting.map((w) => w.patientName))
    expect(await offered()).toEqual(['Kamala Devi', 'Murugan Selvam'])

    const audits = auditRows()
    let resolved: Awaited<ReturnType<typeof desk.call<'waiting.resolve'>>> | undefined
    const events = await eventsOf(async () => {
      resolved = await desk.call('waiting.resolve', {
        staffId: clinic.staffId,
        id: kamala.id,
        resolution: 'Went to another unit',
      })
    })
    expect(resolved).toEqual(kamala)
    expect(events).toEqual([
      { kind: 'change', tables: expect.arrayContaining(['waiting_list', 'audit_log']), dates: [] },
    ])
    expect((await desk.call('waiting.list', {})).map((w) => w.patientName)).toEqual(['Murugan Selvam'])
    expect(await offered()).toEqual(['Murugan Selvam'])
    expect(desk.db.prepare('SELECT resolution FROM waiting_list WHERE id = ?').pluck().get(kamala.id)).toBe(
      'Went to another unit',
    )
    expect(auditRows()).toBe(audits + 1)
    const [entry] = (await desk.call('audit.list', { limit: 1 })).entries
    expect(entry).toMatchObject({ action: 'waiting.resolve', staffId: clinic.staffId, patientId: kamala.patientId })
    expect(entry!.summary).toContain('Went to another unit')

    // Off the list, she may be put on it again.
    const back = await desk.call('waiting.add', {
      staffId: clinic.staffId,
      patientId: kamala.patientId,
      weekdays: ['Tue', 'Thu', 'Sat'],
      shift: 'morning',
    })
    expect(back).toMatchObject({ patientName: 'Kamala Devi', weekdays: ['Tue', 'Thu', 'Sat'] })
    expect(back.id).not.toBe(kamala.id)
  })

  it('refuses an entry that does not exist, is already resolved or was closed when its patient left, a staff member who may not write, and a missing reason', async () => {
    const { clinic, patients } = await crowdedMonday()
    const [kamala, murugan] = await desk.call('waiting.list', {})
    await expectRefused(
      desk,
      'waiting.resolve',
      { staffId: clinic.staffId, id: 99_999, resolution: 'Placed' },
      'NOT_FOUND',
    )
    await desk.call('waiting.resolve', { staffId: clinic.staffId, id: kamala!.id, resolution: 'Placed' })
    await expectRefused(
      desk,
      'waiting.resolve',
      { staffId: clinic.staffId, id: kamala!.id, resolution: 'Placed again' },
      'NOT_FOUND',
    )
    // A patient who leaves is taken off the list with them: there is nothing left to resolve.
    await desk.call('patient.deactivate', { staffId: clinic.staffId, id: murugan!.patientId, cancelUpcoming: true })
    expect(desk.db.prepare('SELECT resolution FROM waiting_list WHERE id = ?').pluck().get(murugan!.id)).toBe(
      'Patient deactivated',
    )
    await expectRefused(
      desk,
      'waiting.resolve',
      { staffId: clinic.staffId, id: murugan!.id, resolution: 'Placed' },
      'NOT_FOUND',
    )

    const nimal = await desk.call('waiting.add', {
      staffId: clinic.staffId,
      patientId: patients[0]!,
      weekdays: ['Mon', 'Wed', 'Fri'],
      shift: 'evening',
    })
    await expectRefused(
      desk,
      'waiting.resolve',
      { staffId: 99_999, id: nimal.id, resolution: 'Placed' },
      'STAFF_NOT_ALLOWED',
    )
    const gone = await desk.call('staff.create', {
      staffId: clinic.staffId,
      fullName: 'Ruwan Jayasinghe',
      role: 'receptionist',
    })
    await desk.call('staff.deactivate', { staffId: clinic.staffId, id: gone.id })
    await expectRefused(
      desk,
      'waiting.resolve',
      { staffId: gone.id, id: nimal.id, resolution: 'Placed' },
      'STAFF_NOT_ALLOWED',
    )
    await expectRefusedRaw(
      desk,
      'waiting.resolve',
      { staffId: clinic.staffId, id: nimal.id, resolution: '   ' },
      'VALIDATION',
    )
    await expectRefusedRaw(
      desk,
      'waiting.resolve',
      { staffId: clinic.staffId, id: nimal.id, resolution: 'Placed', note: 'extra' },
      'VALIDATION',
    )
    expect((await desk.call('waiting.list', {})).map((w) => w.id)).toEqual([nimal.id])
  })
})

describe('outage.list', () => {
  it('lists the outages not over and not ended, soonest first and in bed order; they leave the list when ended or past', async () => {
    desk = openTestDesk()
    const clinic = await setUpClinic(desk)
    expect(await desk.call('outage.list', {})).toEqual([])
    const create = (code: string, from: number, until: number, reason: string) =>
      desk.call('outage.create', {
        staffId: clinic.staffId,
        bedId: clinic.beds[code]!,
        from: addDays(MONDAY, from),
        until: addDays(MONDAY, until),
        reason,
      })
    const later = await create('BED-A3', 7, 9, 'Water damage')
    const pump = await create('BED-A2', 2, 3, 'Pump broken')
    const filter = await create('BED-A1', 2, 2, 'Filter change')
    const ended = await create('BED-A4', 1, 1, 'Inspection')
    await desk.call('outage.end', { staffId: clinic.staffId, id: ended.outage.id })

    const listed = await desk.call('outage.list', {})
    expect(listed.map((o) => o.bedCode)).toEqual(['BED-A1', 'BED-A2', 'BED-A3'])
    expect(listed[0]).toEqual({
      id: filter.outage.id,
      bedId: clinic.beds['BED-A1'],
      bedCode: 'BED-A1',
      from: addDays(MONDAY, 2),
      until: addDays(MONDAY, 2),
      reason: 'Filter change',
      ended: false,
    })
    expect(listed.map((o) => o.id)).toEqual([filter.outage.id, pump.outage.id, later.outage.id])

    // The day after BED-A1's outage it is history; the day after BED-A2's too.
    desk.clock.setLocal(addDays(MONDAY, 3), '07:00')
    expect((await desk.call('outage.list', {})).map((o) => o.bedCode)).toEqual(['BED-A2', 'BED-A3'])
    desk.clock.setLocal(addDays(MONDAY, 4), '07:00')
    expect((await desk.call('outage.list', {})).map((o) => o.bedCode)).toEqual(['BED-A3'])
    await desk.call('outage.end', { staffId: clinic.staffId, id: later.outage.id })
    expect(await desk.call('outage.list', {})).toEqual([])
  })

  it('takes no fields: one is refused as a validation error', async () => {
    desk = openTestDesk()
    await setUpClinic(desk)
    await expectRefusedRaw(desk, 'outage.list', { bedId: 1 }, 'VALIDATION')
  })
})
