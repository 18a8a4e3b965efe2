/**
 * The database guards its own invariants: with the code bypassed (raw SQL),
 * every statement that would break a rule fails and changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { dumpDatabase } from '../support/db-dump.js'
import { openTestDesk, type TestDesk } from '../support/clinic.js'
import { scenario, TUESDAY, type Scenario } from '../support/scenario.js'

let desk: TestDesk
let s: Scenario
let sessionId: number
let patients: number[]

beforeEach(async () => {
  desk = openTestDesk()
  s = await scenario(desk, { days: 3 })
  sessionId = (await s.session(TUESDAY, '06:00')).id
  patients = []
  for (let i = 0; i < 6; i++) patients.push((await s.patient()).id)
})
afterEach(() => desk?.close())

const NOW = '2026-01-05T07:00:00.000Z'

function insertAppointment(patientId: number, bedId: number | null, status = 'scheduled', ssid = sessionId): void {
  desk.db
    .prepare(
      `INSERT INTO appointments (schedule_session_id, patient_id, bed_id, staff_id, status, cancel_reason, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(ssid, patientId, bedId, s.staffId, status, status === 'cancelled' ? 'test' : null, NOW, NOW)
}

/** The statement must fail (with a message matching `pattern`) and leave every table as it was. */
function expectRejected(pattern: RegExp, statement: () => unknown): void {
  const before = dumpDatabase(desk.db)
  expect(statement).toThrow(pattern)
  expect(dumpDatabase(desk.db)).toEqual(before)
}

describe('appointments', () => {
  it('one active appointment per bed and session', () => {
    insertAppointment(patients[0]!, s.bed('BED-A1'))
    expectRejected(/UNIQUE constraint failed: appointments.schedule_session_id, appointments.bed_id/, () =>
      insertAppointment(patients[1]!, s.bed('BED-A1')),
    )
    expectRejected(/UNIQUE/, () => insertAppointment(patients[1]!, s.bed('BED-A1'), 'completed'))
    insertAppointment(patients[1]!, s.bed('BED-A1'), 'cancelled') // history may share the bed
  })

  it('one active appointment per patient and session', () => {
    insertAppointment(patients[0]!, null)
    expectRejected(/UNIQUE constraint failed: appointments.schedule_session_id, appointments.patient_id/, () =>
      insertAppointment(patients[0]!, s.bed('BED-A2')),
    )
    insertAppointment(patients[0]!, null, 'cancelled')
  })

  it('no active appointment on a blocked bed, by insert or by update', () => {
    desk.db
      .prepare(
        "UPDATE session_beds SET status = 'blocked', blocked_kind = 'manual', blocked_reason = 'x' WHERE schedule_session_id = ? AND bed_id = ?",
      )
      .run(sessionId, s.bed('BED-A2'))
    expectRejected(/DESK:BED_BLOCKED/, () => insertAppointment(patients[0]!, s.bed('BED-A2')))
    insertAppointment(patients[0]!, s.bed('BED-A1'))
    expectRejected(/DESK:BED_BLOCKED/, () =>
      desk.db.prepare('UPDATE appointments SET bed_id = ? WHERE patient_id = ?').run(s.bed('BED-A2'), patients[0]),
    )
  })

  it('no appointment beyond capacity, by insert, by reinstating, or by moving in', async () => {
    await desk.call('template.update', { staffId: s.staffId, id: s.templates[3]!, defaultCapacity: 2 })
    insertAppointment(patients[0]!, null)
    insertAppointment(patients[1]!, s.bed('BED-A1'))
    expectRejected(/DESK:SESSION_FULL/, () => insertAppointment(patients[2]!, s.bed('BED-A2')))
    insertAppointment(patients[2]!, null, 'cancelled')
    expectRejected(/DESK:SESSION_FULL/, () =>
      desk.db
        .prepare("UPDATE appointments SET status = 'scheduled', cancel_reason = NULL WHERE patient_id = ?")
        .run(patients[2]),
    )
    const other = (await s.session(TUESDAY, '10:30')).id
    insertAppointment(patients[3]!, null, 'scheduled', other)
    expectRejected(/DESK:SESSION_FULL/, () =>
      desk.db
        .prepare('UPDATE appointments SET schedule_session_id = ? WHERE patient_id = ?')
        .run(sessionId, patients[3]),
    )
  })

  it('no active appointment in a cancelled session', () => {
    desk.db
      .prepare("UPDATE schedule_sessions SET status = 'cancelled', cancel_reason = 'x' WHERE id = ?")
      .run(sessionId)
    expectRejected(/DESK:SESSION_CANCELLED/, () => insertAppointment(patients[0]!, null))
  })

  it('no appointment on a bed that is not mapped into its session', () => {
    const info = desk.db
      .prepare("INSERT INTO beds (center_id, code, created_at, updated_at) VALUES (1, 'RAW-1', ?, ?)")
      .run(NOW, NOW)
    expectRejected(/FOREIGN KEY constraint failed/, () => insertAppointment(patients[0]!, Number(info.lastInsertRowid)))
    expectRejected(/FOREIGN KEY constraint failed/, () => insertAppointment(patients[0]!, 99_999))
  })

  it('statuses and their reasons are checked', () => {
    expectRejected(/CHECK constraint failed/, () => insertAppointment(patients[0]!, null, 'booked'))
    expectRejected(/CHECK constraint failed/, () =>
      desk.db
        .prepare(
          "INSERT INTO appointments (schedule_session_id, patient_id, staff_id, status, created_at, updated_at) VALUES (?, ?, ?, 'cancelled', ?, ?)",
        )
        .run(sessionId, patients[0], s.staffId, NOW, NOW),
    )
    expectRejected(/CHECK constraint failed/, () =>
      desk.db
        .prepare(
          "INSERT INTO appointments (schedule_session_id, patient_id, staff_id, status, created_at, updated_at) VALUES (?, ?, ?, 'no_show', ?, ?)",
        )
        .run(sessionId, patients[0], s.staffId, NOW, NOW),
    )
  })
})

describe('dates and times', () => {
  const insertSession = (date: string, start: string, end: string) =>
    desk.db
      .prepare(
        'INSERT INTO schedule_sessions (center_id, session_date, start_time, end_time, available_beds, created_by_id, created_at, updated_at) VALUES (1, ?, ?, ?, 4, ?, ?, ?)',
      )
      .run(date, start, end, s.staffId, NOW, NOW)

  it("refuses '2025-02-30', '2025-2-3' and other non-dates", () => {
    for (const d of [
      '2025-02-30',
      '2025-2-3',
      '2025-13-01',
      '2025-01-32',
      '2025-00-10',
      '2025-01-00',
      '20250101',
      'tomorrow',
      '2025-01-01T00:00',
    ]) {
      expectRejected(/CHECK constraint failed|DESK:VALIDATION/, () => insertSession(d, '06:00', '10:00'))
    }
    const id = Number(insertSession('2024-02-29', '06:00', '10:00').lastInsertRowid)
    expectRejected(/CHECK constraint failed|DESK:VALIDATION/, () =>
      desk.db.prepare("UPDATE schedule_sessions SET session_date = '2024-02-30' WHERE id = ?").run(id),
    )
    expectRejected(/CHECK constraint failed|DESK:VALIDATION/, () =>
      desk.db.prepare("UPDATE schedule_sessions SET session_date = '2024-14-01' WHERE id = ?").run(id),
    )
    expectRejected(/CHECK constraint failed|DESK:VALIDATION/, () =>
      desk.db
        .prepare(
          "INSERT INTO audit_log (at, staff_id, action, entity, summary, session_date) VALUES (?, ?, 'x', 'x', 'x', '2025-02-31')",
        )
        .run(NOW, s.staffId),
    )
    expectRejected(/CHECK constraint failed|DESK:VALIDATION/, () =>
      desk.db
        .prepare(
          "INSERT INTO audit_log (at, staff_id, action, entity, summary, session_date) VALUES (?, ?, 'x', 'x', 'x', '2025-99-01')",
        )
        .run(NOW, s.staffId),
    )
  })

  it("refuses '25:00', '6:00' and sessions that end before they start", () => {
    for (const [start, end] of [
      ['25:00', '26:00'],
      ['6:00', '10:00'],
      ['06:00', '10:60'],
      ['10:00', '06:00'],
    ]) {
      expectRejected(/CHECK constraint failed/, () => insertSession('2026-02-02', start!, end!))
    }
    expectRejected(/CHECK constraint failed/, () =>
      desk.db
        .prepare(
          "INSERT INTO sessions (center_id, weekday, start_time, end_time, default_capacity, created_at, updated_at) VALUES (1, 'Mon', '24:00', '25:00', 4, ?, ?)",
        )
        .run(NOW, NOW),
    )
    expectRejected(/CHECK constraint failed/, () =>
      desk.db
        .prepare(
          "INSERT INTO sessions (center_id, weekday, start_time, end_time, default_capacity, created_at, updated_at) VALUES (1, 'Monday', '06:00', '10:00', 4, ?, ?)",
        )
        .run(NOW, NOW),
    )
  })
})

describe('session beds', () => {
  const setStatus = (bed: string, status: string, kind: string | null = null, reason: string | null = null) =>
    desk.db
      .prepare(
        'UPDATE session_beds SET status = ?, blocked_kind = ?, blocked_reason = ? WHERE schedule_session_id = ? AND bed_id = ?',
      )
      .run(status, kind, reason, sessionId, s.bed(bed))

  it("say 'reserved' only when an active appointment holds the bed, and 'available' only when none does", () => {
    expectRejected(/DESK:INTERNAL/, () => setStatus('BED-A1', 'reserved'))
    const raw = Number(
      desk.db
        .prepare("INSERT INTO beds (center_id, code, created_at, updated_at) VALUES (1, 'RAW-2', ?, ?)")
        .run(NOW, NOW).lastInsertRowid,
    )
    expectRejected(/DESK:INTERNAL/, () =>
      desk.db
        .prepare("INSERT INTO session_beds (schedule_session_id, bed_id, status) VALUES (?, ?, 'reserved')")
        .run(sessionId, raw),
    )
    insertAppointment(patients[0]!, s.bed('BED-A1'))
    expect(
      desk.db
        .prepare('SELECT status FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
        .get(sessionId, s.bed('BED-A1')),
    ).toEqual({ status: 'reserved' })
    expectRejected(/DESK:INTERNAL/, () => setStatus('BED-A1', 'available'))
    expectRejected(/DESK:BED_OCCUPIED/, () => setStatus('BED-A1', 'blocked', 'manual', 'x'))
  })

  it('a block needs its kind and reason, and cannot squeeze out a booked patient', () => {
    expectRejected(/CHECK constraint failed/, () => setStatus('BED-A1', 'blocked'))
    for (let i = 0; i < 4; i++) insertAppointment(patients[i]!, null)
    expectRejected(/DESK:SESSION_FULL/, () => setStatus('BED-A1', 'blocked', 'manual', 'x'))
  })

  it('a bed cannot leave a session that needs it, nor can the planned capacity drop below the bookings', () => {
    for (let i = 0; i < 4; i++) insertAppointment(patients[i]!, null)
    expectRejected(/DESK:SESSION_FULL/, () =>
      desk.db
        .prepare('DELETE FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
        .run(sessionId, s.bed('BED-A1')),
    )
    expectRejected(/DESK:SESSION_FULL/, () =>
      desk.db.prepare('UPDATE schedule_sessions SET available_beds = 3 WHERE id = ?').run(sessionId),
    )
  })

  it('a bed an appointment refers to cannot leave its session at all', () => {
    insertAppointment(patients[0]!, s.bed('BED-A1'), 'cancelled')
    expectRejected(/FOREIGN KEY constraint failed/, () =>
      desk.db
        .prepare('DELETE FROM session_beds WHERE schedule_session_id = ? AND bed_id = ?')
        .run(sessionId, s.bed('BED-A1')),
    )
  })
})

describe('sessions and the audit log', () => {
  it('a session cannot be marked cancelled while it holds active bookings', () => {
    insertAppointment(patients[0]!, null)
    expectRejected(/DESK:INVALID_STATE/, () =>
      desk.db
        .prepare("UPDATE schedule_sessions SET status = 'cancelled', cancel_reason = 'x' WHERE id = ?")
        .run(sessionId),
    )
  })

  it('a template is generated once per date', () => {
    expectRejected(/UNIQUE constraint failed/, () =>
      desk.db
        .prepare(
          'INSERT INTO schedule_sessions (center_id, session_id, session_date, start_time, end_time, available_beds, created_by_id, created_at, updated_at) SELECT center_id, session_id, session_date, start_time, end_time, available_beds, created_by_id, created_at, updated_at FROM schedule_sessions WHERE id = ?',
        )
        .run(sessionId),
    )
  })

  it('the audit log is append-only', () => {
    expectRejected(/audit log cannot be changed/, () =>
      desk.db.prepare("UPDATE audit_log SET summary = 'rewritten'").run(),
    )
    expectRejected(/audit log cannot be changed/, () => desk.db.prepare('DELETE FROM audit_log').run())
  })

  it('no duplicate clinic number, national ID or bed code, whatever the case', () => {
    const insertPatient = (clinic: string, nic: string | null) =>
      desk.db
        .prepare(
          "INSERT INTO patients (center_id, full_name, clinic_number, national_id, search_text, created_at, updated_at) VALUES (1, 'X', ?, ?, '', ?, ?)",
        )
        .run(clinic, nic, NOW, NOW)
    insertPatient('RAW-1', '900000000V')
    expectRejected(/UNIQUE/, () => insertPatient('raw-1', null))
    expectRejected(/UNIQUE/, () => insertPatient('RAW-2', '900000000V'))
    expectRejected(/UNIQUE/, () =>
      desk.db
        .prepare("INSERT INTO beds (center_id, code, created_at, updated_at) VALUES (1, 'bed-a1', ?, ?)")
        .run(NOW, NOW),
    )
  })
})
