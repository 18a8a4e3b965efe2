/** First run, the center's settings, doctors and staff. */
import { afterEach, describe, expect, it } from 'vitest'
import { count } from '../support/db-dump.js'
import { openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'

let desk: TestDesk
afterEach(() => desk?.close())

describe('setup', () => {
  it('before setup: status says so, reads need setup, writes have no staff member to make them', async () => {
    desk = openTestDesk()
    expect(await desk.call('setup.status', {})).toEqual({ initialized: false, center: null, staff: [] })
    expect((await desk.refuse('center.get', {})).code).toBe('SETUP_REQUIRED')
    await expectRefused(desk, 'bed.create', { staffId: 1, code: 'BED-A1' }, 'STAFF_NOT_ALLOWED')
  })

  it('creates the center, the first staff member (audited as the change maker) and the desk’s own system account', async () => {
    desk = openTestDesk()
    const r = await desk.call('setup.initialize', { centerName: 'Colombo Kidney Care', staffName: 'Anoma Fernando' })
    expect(r.initialized).toBe(true)
    expect(r.center).toMatchObject({
      name: 'Colombo Kidney Care',
      totalCapacity: 0,
      isolationRule: 'enforce',
      weeksAhead: 8,
      turnoverMinutes: 30,
    })
    expect(r.staff).toEqual([{ id: expect.any(Number), fullName: 'Anoma Fernando', role: 'admin', active: true }])
    expect(count(desk.db, "SELECT count(*) AS n FROM staff WHERE role = 'system'")).toBe(1)
    const audit = await desk.call('audit.list', {})
    expect(audit.entries).toHaveLength(1)
    expect(audit.entries[0]).toMatchObject({
      action: 'setup.initialize',
      staffId: r.staff[0]!.id,
      staffName: 'Anoma Fernando',
    })
    await expectRefused(desk, 'setup.initialize', { centerName: 'Again', staffName: 'Someone' }, 'ALREADY_SET_UP')
  })
})

describe('center', () => {
  it('changes the name and settings, and counts active beds as the total capacity', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const r = await desk.call('center.update', {
      staffId: c.staffId,
      name: 'CKC Colombo',
      isolationRule: 'warn',
      weeksAhead: 4,
      dateFormat: 'YYYY-MM-DD',
      paperSize: 'Letter',
      turnoverMinutes: 45,
      maxGapDays: 3,
    })
    expect(r).toEqual({
      id: r.id,
      name: 'CKC Colombo',
      totalCapacity: 4,
      isolationRule: 'warn',
      weeksAhead: 4,
      dateFormat: 'YYYY-MM-DD',
      paperSize: 'Letter',
      turnoverMinutes: 45,
      maxGapDays: 3,
    })
    expect(await desk.call('center.get', {})).toEqual(r)
    expect((await desk.call('setup.status', {})).center).toEqual(r)
  })
})

describe('doctors', () => {
  it('adds, edits, deactivates and reactivates a doctor; lists by name, the inactive only on request', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const d = await desk.call('doctor.create', { staffId: c.staffId, fullName: 'Dr. Abeysekera', phone: '0771112222' })
    expect(d).toEqual({ id: d.id, fullName: 'Dr. Abeysekera', phone: '0771112222', active: true })
    expect(
      await desk.call('doctor.update', { staffId: c.staffId, id: d.id, fullName: 'Dr. A. Abeysekera' }),
    ).toMatchObject({ fullName: 'Dr. A. Abeysekera', phone: '0771112222' })
    expect((await desk.call('doctor.list', {})).map((x) => x.fullName)).toEqual(['Dr. A. Abeysekera', 'Dr. Silva'])
    expect((await desk.call('doctor.deactivate', { staffId: c.staffId, id: d.id })).active).toBe(false)
    expect((await desk.call('doctor.list', {})).map((x) => x.fullName)).toEqual(['Dr. Silva'])
    expect((await desk.call('doctor.list', { includeInactive: true })).map((x) => x.fullName)).toEqual([
      'Dr. A. Abeysekera',
      'Dr. Silva',
    ])
    expect((await desk.call('doctor.reactivate', { staffId: c.staffId, id: d.id })).active).toBe(true)
    await expectRefused(desk, 'doctor.update', { staffId: c.staffId, id: 99_999, phone: '1' }, 'NOT_FOUND')
    await expectRefused(desk, 'doctor.deactivate', { staffId: c.staffId, id: 99_999 }, 'NOT_FOUND')
  })
})

describe('staff', () => {
  it('adds, edits, deactivates and reactivates staff; the system account is never listed or edited', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const n = await desk.call('staff.create', { staffId: c.staffId, fullName: 'Chamari Nurse', role: 'nurse' })
    expect(n).toEqual({ id: n.id, fullName: 'Chamari Nurse', role: 'nurse', active: true })
    expect(await desk.call('staff.update', { staffId: c.staffId, id: n.id, role: 'receptionist' })).toMatchObject({
      role: 'receptionist',
      fullName: 'Chamari Nurse',
    })
    expect((await desk.call('staff.list', {})).map((x) => x.fullName)).toEqual(['Anoma Fernando', 'Chamari Nurse'])
    await desk.call('staff.deactivate', { staffId: c.staffId, id: n.id })
    expect((await desk.call('staff.list', {})).map((x) => x.fullName)).toEqual(['Anoma Fernando'])
    expect((await desk.call('staff.list', { includeInactive: true })).map((x) => x.fullName)).toEqual([
      'Anoma Fernando',
      'Chamari Nurse',
    ])
    await desk.call('staff.reactivate', { staffId: c.staffId, id: n.id })
    const system = (desk.db.prepare("SELECT id FROM staff WHERE role = 'system'").get() as { id: number }).id
    await expectRefused(desk, 'staff.update', { staffId: c.staffId, id: system, fullName: 'Hacked' }, 'NOT_FOUND')
    await expectRefused(desk, 'staff.deactivate', { staffId: c.staffId, id: system }, 'NOT_FOUND')
  })

  it('refuses to deactivate the last active staff member', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const e = await expectRefused(desk, 'staff.deactivate', { staffId: c.staffId, id: c.staffId }, 'INVALID_STATE')
    expect(e.message).toContain('Anoma Fernando')
  })

  it('a deactivated staff member can no longer make changes', async () => {
    desk = openTestDesk()
    const c = await setUpClinic(desk, { weekdays: [] })
    const n = await desk.call('staff.create', { staffId: c.staffId, fullName: 'Chamari Nurse', role: 'nurse' })
    await desk.call('staff.deactivate', { staffId: c.staffId, id: n.id })
    await expectRefused(desk, 'doctor.create', { staffId: n.id, fullName: 'Dr. X' }, 'STAFF_NOT_ALLOWED')
    await expectRefused(desk, 'staff.reactivate', { staffId: n.id, id: n.id }, 'STAFF_NOT_ALLOWED')
  })
})
