/** appointment.book: a patient takes a place (and maybe a bed) in a dated session, or is told why not. */
import { afterEach, describe, expect, it } from 'vitest'
import { count } from '../support/db-dump.js'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic.js'
import { expectRefused } from '../support/refusal.js'
import { scenario, TUESDAY } from '../support/scenario.js'

let desk: TestDesk
afterEach(() => desk?.close())

async function start() {
  desk = openTestDesk()
  return scenario(desk)
}

describe('appointment.book', () => {
  it('books a patient onto a bed: the bed is reserved, the place counted, the doctor and staff recorded', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient('Nimal Perera')
    const events: unknown[] = []
    desk.core.events.subscribe((e) => events.push(e))
    const { appointment, warnings } = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
      bedId: s.bed('BED-A1'),
    })
    expect(warnings).toEqual([])
    expect(appointment).toMatchObject({
      status: 'scheduled',
      patientId: p.id,
      patientName: 'Nimal Perera',
      bedCode: 'BED-A1',
      date: TUESDAY,
      startTime: '06:00',
      doctorId: s.doctorId,
      staffId: s.staffId,
    })
    expect(events).toEqual([
      {
        kind: 'change',
        tables: expect.arrayContaining(['appointments', 'session_beds', 'audit_log']),
        dates: [TUESDAY],
      },
    ])
    const sb = desk.db
      .prepare('SELECT status FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
      .get(session.id, s.bed('BED-A1'))
    expect(sb).toEqual({ status: 'reserved' })
    const after = await desk.call('schedule.get', { id: session.id })
    expect(after).toMatchObject({ capacity: 4, booked: 1, free: 3 })
  })

  it('books with the bed to come later: the place is counted, no bed is reserved', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient()
    const { appointment } = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
    })
    expect(appointment.bedId).toBeNull()
    expect(
      count(
        desk.db,
        "SELECT count(*) AS n FROM session_beds WHERE schedule_session_id = ? AND status = 'reserved'",
        session.id,
      ),
    ).toBe(0)
    expect(await desk.call('schedule.get', { id: session.id })).toMatchObject({ booked: 1, free: 3 })
  })

  it('books into a session that is under way but not over', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00') // the clock says Monday 07:00
    const p = await s.patient()
    const { appointment } = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: morning.id,
      patientId: p.id,
    })
    expect(appointment.status).toBe('scheduled')
  })

  it('refuses a bed already taken in the session, naming who has it', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const [a, b] = [await s.patient('Nimal Perera'), await s.patient()]
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: a.id,
      bedId: s.bed('BED-A1'),
    })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: b.id, bedId: s.bed('BED-A1') },
      'BED_TAKEN',
    )
    expect(e.message).toContain('Nimal Perera')
    expect(e.message).toContain('BED-A1')
  })

  it('takes the same bed in another session of the same day', async () => {
    const s = await start()
    const [a, b] = [await s.patient(), await s.patient()]
    const bedId = s.bed('BED-A1')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(TUESDAY, '06:00')).id,
      patientId: a.id,
      bedId,
    })
    const r = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(TUESDAY, '10:30')).id,
      patientId: b.id,
      bedId,
    })
    expect(r.appointment.bedCode).toBe('BED-A1')
  })

  it('refuses a patient beyond the session capacity, bed or no bed', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    for (let i = 0; i < 4; i++) {
      await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: (await s.patient()).id,
      })
    }
    const extra = await s.patient()
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: extra.id },
      'SESSION_FULL',
    )
    expect(e.message).toContain('4 of 4')
    expect(await desk.call('schedule.get', { id: session.id })).toMatchObject({ capacity: 4, booked: 4, free: 0 })
  })

  it('names the first rule broken when the database refuses for another: booked already comes before full', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const first = await s.patient('Nimal Perera')
    await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: session.id, patientId: first.id })
    for (let i = 0; i < 3; i++)
      await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: (await s.patient()).id,
      })
    // The full session's trigger fires before the unique index would; the desk still says what matters first.
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: first.id },
      'PATIENT_DOUBLE_BOOKED',
    )
    expect(e.message).toContain('Nimal Perera is already booked')
    expect(await desk.call('schedule.get', { id: session.id })).toMatchObject({ booked: 4 })
  })

  it('counts capacity as the template capacity, at most the beds not blocked', async () => {
    const s = await start()
    // Reaches future sessions without bookings only: Tuesday's are such.
    await desk.call('template.update', { staffId: s.staffId, id: s.templates[3]!, defaultCapacity: 2 })
    const session = await s.session(TUESDAY, '06:00')
    expect(session.capacity).toBe(2)
    const [a, b, c] = [await s.patient(), await s.patient(), await s.patient()]
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: a.id,
      bedId: s.bed('BED-A1'),
    })
    await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: session.id, patientId: b.id })
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: c.id, bedId: s.bed('BED-A2') },
      'SESSION_FULL',
    )

    const later = await s.session(TUESDAY, '10:30') // capacity 4, four beds
    for (const code of ['BED-A1', 'BED-A2']) {
      await desk.call('schedule.blockBed', {
        staffId: s.staffId,
        scheduleSessionId: later.id,
        bedId: s.bed(code),
        reason: 'Machine service',
      })
    }
    expect(await desk.call('schedule.get', { id: later.id })).toMatchObject({ capacity: 2, free: 2 })
  })

  it('refuses a bed blocked for the session', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    await desk.call('schedule.blockBed', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      bedId: s.bed('BED-A2'),
      reason: 'Leaking line',
    })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: (await s.patient()).id, bedId: s.bed('BED-A2') },
      'BED_BLOCKED',
    )
    expect(e.message).toContain('Leaking line')
  })

  it('refuses a bed that is out of service', async () => {
    const s = await start()
    await desk.call('bed.setInService', { staffId: s.staffId, id: s.bed('BED-A2'), inService: false })
    const session = await s.session(TUESDAY, '06:00')
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: (await s.patient()).id, bedId: s.bed('BED-A2') },
      'BED_OUT_OF_SERVICE',
    )
  })

  it('refuses a bed that is not part of the session (a retired bed)', async () => {
    const s = await start()
    await desk.call('bed.deactivate', { staffId: s.staffId, id: s.bed('BED-A2') })
    const session = await s.session(TUESDAY, '06:00')
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: (await s.patient()).id, bedId: s.bed('BED-A2') },
      'BED_NOT_IN_SESSION',
    )
  })

  it('refuses the same patient twice in one session, even on another bed', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient('Kamala Devi')
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
      bedId: s.bed('BED-A1'),
    })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id, bedId: s.bed('BED-A2') },
      'PATIENT_DOUBLE_BOOKED',
    )
    expect(e.message).toContain('Kamala Devi')
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id },
      'PATIENT_DOUBLE_BOOKED',
    )
  })

  it('books a patient again after their appointment in that session was cancelled', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient()
    const first = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
      bedId: s.bed('BED-A1'),
    })
    await desk.call('appointment.cancel', {
      staffId: s.staffId,
      appointmentId: first.appointment.id,
      reason: 'Wrong session',
    })
    const again = await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      patientId: p.id,
      bedId: s.bed('BED-A1'),
    })
    expect(again.appointment.id).not.toBe(first.appointment.id)
  })

  describe('hepatitis B isolation', () => {
    it('puts a positive patient on the isolation bed only', async () => {
      const s = await start()
      const session = await s.session(TUESDAY, '06:00')
      const positive = await s.patient('Ruwan Jayasinghe', { hepatitisB: 'positive' })
      const e = await expectRefused(
        desk,
        'appointment.book',
        { staffId: s.staffId, scheduleSessionId: session.id, patientId: positive.id, bedId: s.bed('BED-A1') },
        'ISOLATION_MISMATCH',
      )
      expect(e.message).toContain('Ruwan Jayasinghe')
      const ok = await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: positive.id,
        bedId: s.bed('BED-A4'),
      })
      expect(ok.warnings).toEqual([])
    })

    it('keeps the isolation bed from patients not recorded as positive (negative or unknown)', async () => {
      const s = await start()
      const session = await s.session(TUESDAY, '06:00')
      const negative = await s.patient('Negative', { hepatitisB: 'negative' })
      const unknown = await s.patient('Unknown', { hepatitisB: 'unknown' })
      for (const p of [negative, unknown]) {
        const e = await expectRefused(
          desk,
          'appointment.book',
          { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id, bedId: s.bed('BED-A4') },
          'ISOLATION_MISMATCH',
        )
        expect(e.message).toContain('BED-A4')
      }
    })

    it("turns the rule into a warning when the center's setting says 'warn'", async () => {
      const s = await start()
      await desk.call('center.update', { staffId: s.staffId, isolationRule: 'warn' })
      const session = await s.session(TUESDAY, '06:00')
      const positive = await s.patient('Ruwan Jayasinghe', { hepatitisB: 'positive' })
      const negative = await s.patient('Sunil', { hepatitisB: 'negative' })
      const a = await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: positive.id,
        bedId: s.bed('BED-A1'),
      })
      expect(a.warnings).toHaveLength(1)
      expect(a.warnings[0]).toContain('Ruwan Jayasinghe')
      const b = await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: session.id,
        patientId: negative.id,
        bedId: s.bed('BED-A4'),
      })
      expect(b.warnings).toHaveLength(1)
      expect(b.warnings[0]).toContain('isolation')
    })
  })

  it('refuses a cancelled session', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    await desk.call('schedule.cancel', {
      staffId: s.staffId,
      scheduleSessionId: session.id,
      reason: 'Water plant failure',
    })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: (await s.patient()).id },
      'SESSION_CANCELLED',
    )
    expect(e.message).toContain('Water plant failure')
  })

  it('refuses a session that is over, from the minute it ends', async () => {
    const s = await start()
    const morning = await s.session(MONDAY, '06:00')
    const p = await s.patient()
    desk.clock.setLocal(MONDAY, '09:59')
    await desk.call('appointment.book', { staffId: s.staffId, scheduleSessionId: morning.id, patientId: p.id })
    desk.clock.setLocal(MONDAY, '10:00')
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: morning.id, patientId: (await s.patient()).id },
      'IN_THE_PAST',
    )
    desk.clock.setLocal(TUESDAY, '05:00')
    await expectRefused(
      desk,
      'appointment.book',
      {
        staffId: s.staffId,
        scheduleSessionId: (await s.session(MONDAY, '15:00')).id,
        patientId: (await s.patient()).id,
      },
      'IN_THE_PAST',
    )
  })

  it('refuses records that do not exist', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient()
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: 99_999, patientId: p.id },
      'NOT_FOUND',
    )
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: 99_999 },
      'NOT_FOUND',
    )
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: session.id, patientId: p.id, bedId: 99_999 },
      'NOT_FOUND',
    )
  })

  it('refuses a deactivated patient', async () => {
    const s = await start()
    const p = await s.patient('Old Patient')
    await desk.call('patient.deactivate', { staffId: s.staffId, id: p.id })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: s.staffId, scheduleSessionId: (await s.session(TUESDAY, '06:00')).id, patientId: p.id },
      'INACTIVE',
    )
    expect(e.message).toContain('Old Patient')
  })

  it('refuses a write by a staff member who does not exist or was deactivated', async () => {
    const s = await start()
    const session = await s.session(TUESDAY, '06:00')
    const p = await s.patient()
    await expectRefused(
      desk,
      'appointment.book',
      { staffId: 99_999, scheduleSessionId: session.id, patientId: p.id },
      'STAFF_NOT_ALLOWED',
    )
    const temp = await desk.call('staff.create', { staffId: s.staffId, fullName: 'Temp Nurse', role: 'nurse' })
    await desk.call('staff.deactivate', { staffId: s.staffId, id: temp.id })
    const e = await expectRefused(
      desk,
      'appointment.book',
      { staffId: temp.id, scheduleSessionId: session.id, patientId: p.id },
      'STAFF_NOT_ALLOWED',
    )
    expect(e.message).toContain('Temp Nurse')
  })
})
