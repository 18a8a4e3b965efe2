/**
 * The board's prediction against the desk itself: on a real clinic (SQLite,
 * the real dispatcher), every drop the board could make is predicted and then
 * tried, and the two must agree on whether it is accepted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Subject, Target } from '../../src-renderer/board/drag-subject'
import { predictDrop } from '../../src-renderer/board/drop-rules'
import { placementCall } from '../../src-renderer/board/placement'
import type { DayBoard, IsolationRule } from '../../src-shared/model'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic'
import { scenario } from '../support/scenario'

let desk: TestDesk
beforeEach(() => {
  desk = openTestDesk({ today: MONDAY, time: '07:00' })
})
afterEach(() => desk.close())

async function clinicWithBookings() {
  const s = await scenario(desk, { beds: 4, days: 2 })
  const [early, midday, late] = await Promise.all([
    s.session(MONDAY, '06:00'),
    s.session(MONDAY, '10:30'),
    s.session(MONDAY, '15:00'),
  ])
  const nimal = await s.patient('Nimal Perera')
  const kamala = await s.patient('Kamala Fernando', { hepatitisB: 'positive' })
  const saman = await s.patient('Saman Silva')
  const ruwan = await s.patient('Ruwan Jayasuriya', { hepatitisB: 'unknown' })
  const gone = await s.patient('Former Patient')
  await desk.call('patient.deactivate', { staffId: s.staffId, id: gone.id })
  const staffId = s.staffId
  await desk.call('appointment.book', {
    staffId,
    scheduleSessionId: early.id,
    patientId: nimal.id,
    bedId: s.bed('BED-A1'),
  })
  await desk.call('appointment.book', {
    staffId,
    scheduleSessionId: early.id,
    patientId: kamala.id,
    bedId: s.bed('BED-A4'),
  })
  await desk.call('appointment.book', { staffId, scheduleSessionId: early.id, patientId: saman.id, bedId: null })
  await desk.call('appointment.book', {
    staffId,
    scheduleSessionId: midday.id,
    patientId: ruwan.id,
    bedId: s.bed('BED-A3'),
  })
  const arrived = await desk.call('appointment.book', {
    staffId,
    scheduleSessionId: midday.id,
    patientId: saman.id,
    bedId: s.bed('BED-A1'),
  })
  await desk.call('appointment.checkIn', { staffId, appointmentId: arrived.appointment.id }).catch(() => undefined)
  await desk.call('schedule.blockBed', {
    staffId,
    scheduleSessionId: midday.id,
    bedId: s.bed('BED-A2'),
    reason: 'Machine under repair',
  })
  await desk.call('schedule.cancel', { staffId, scheduleSessionId: late.id, reason: 'Water outage' })
  // As the search shows them now (the former patient deactivated).
  const patients = await Promise.all(
    [nimal, kamala, saman, ruwan, gone].map((p) => desk.call('patient.get', { id: p.id })),
  )
  return { staffId, patients }
}

/** Tries a call and takes it back: the answer says whether the desk accepted it. */
async function accepted(staffId: number, subject: Subject, target: Target): Promise<boolean> {
  const call = placementCall(subject, target)
  if (!call) return false
  desk.db.exec('BEGIN')
  try {
    const r = await desk.dispatcher.dispatch(call.method, { ...call.input, staffId })
    return r.ok
  } finally {
    desk.db.exec('ROLLBACK')
  }
}

async function compareAll(isolationRule: IsolationRule) {
  const { staffId, patients } = await clinicWithBookings()
  await desk.call('center.update', { staffId, isolationRule })
  const board: DayBoard = await desk.call('board.day', { date: MONDAY })
  const subjects: Subject[] = [
    ...patients.map((p): Subject => ({ kind: 'patient', patient: p })),
    ...board.sessions
      .flatMap((s) => [...s.cells.flatMap((c) => (c.appointment ? [c.appointment] : [])), ...s.unassigned])
      .map((a): Subject => ({ kind: 'appointment', appointment: a })),
  ]
  const targets: Target[] = board.sessions.flatMap((s) => [
    { scheduleSessionId: s.id, bedId: null },
    ...board.beds.map((b) => ({ scheduleSessionId: s.id, bedId: b.id })),
  ])
  const disagreements: string[] = []
  let tried = 0
  for (const subject of subjects) {
    for (const target of targets) {
      const verdict = predictDrop(board, subject, target, { now: { date: MONDAY, time: '07:00' }, isolationRule })
      if (!verdict.ok && verdict.here) continue
      tried++
      const real = await accepted(staffId, subject, target)
      if (real !== verdict.ok) {
        const who =
          subject.kind === 'patient' ? subject.patient.fullName : `${subject.appointment.patientName} (appointment)`
        disagreements.push(
          `${who} -> session ${target.scheduleSessionId} bed ${target.bedId}: predicted ${verdict.ok ? 'yes' : `no (${verdict.reason})`}, desk ${real ? 'yes' : 'no'}`,
        )
      }
    }
  }
  expect(tried).toBeGreaterThan(100)
  expect(disagreements).toEqual([])
}

describe('the board predicts what the desk decides', () => {
  it('agrees on every drop of a small clinic day when isolation is enforced', async () => {
    await compareAll('enforce')
  })

  it('agrees when isolation only warns', async () => {
    await compareAll('warn')
  })
})
