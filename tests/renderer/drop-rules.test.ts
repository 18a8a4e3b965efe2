import { describe, expect, it } from 'vitest'
import type { Subject } from '../../src-renderer/board/drag-subject'
import { predictDrop, type DropContext } from '../../src-renderer/board/drop-rules'
import { appointment, bed, DATE, day, session } from './board-fixture'

const morning: DropContext = { now: { date: DATE, time: '07:00' }, isolationRule: 'enforce' }
const A1 = bed(1, 'BED-A1')
const A2 = bed(2, 'BED-A2')
const ISO = bed(3, 'ISO-1', { isolation: true })
const BROKEN = bed(4, 'BED-X', { inService: false })
const beds = [A1, A2, ISO, BROKEN]

const nimal = appointment({
  scheduleSessionId: 1,
  patientId: 1,
  patientName: 'Nimal Perera',
  bedId: 1,
  bedCode: 'BED-A1',
})
const kamala = appointment({
  scheduleSessionId: 1,
  patientId: 2,
  patientName: 'Kamala Fernando',
  hepatitisB: 'positive',
  bedId: 3,
  bedCode: 'ISO-1',
})
const waiting = appointment({ scheduleSessionId: 1, patientId: 5, patientName: 'Saman Silva' })
const board = day(beds, [
  session(1, '08:00', '12:00', beds, [nimal, kamala, waiting]),
  session(2, '13:00', '17:00', beds, []),
])

const patient = (
  id: number,
  fullName: string,
  hepatitisB: 'negative' | 'positive' | 'unknown' = 'negative',
  active = true,
): Subject => ({
  kind: 'patient',
  patient: { id, fullName, clinicNumber: `C-${id}`, hepatitisB, active },
})
const moving = (a: typeof nimal): Subject => ({ kind: 'appointment', appointment: a })

describe('predicting a drop on the board', () => {
  it('accepts a patient on a free bed of a session with room', () => {
    expect(predictDrop(board, patient(9, 'Ruwan'), { scheduleSessionId: 2, bedId: 1 }, morning)).toEqual({
      ok: true,
      warning: null,
    })
  })

  it('refuses an occupied bed, naming who is on it', () => {
    expect(predictDrop(board, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 1 }, morning)).toEqual({
      ok: false,
      reason: 'BED-A1 is taken by Nimal Perera.',
    })
    expect(predictDrop(board, moving(kamala), { scheduleSessionId: 1, bedId: 1 }, morning)).toMatchObject({
      ok: false,
      reason: 'BED-A1 is taken by Nimal Perera.',
    })
  })

  it('refuses a full session, but not to someone already counted in it', () => {
    const full = day(beds, [session(1, '08:00', '12:00', beds, [nimal, waiting], { capacity: 2 })])
    expect(predictDrop(full, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 2 }, morning)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('full'),
    })
    expect(predictDrop(full, moving(waiting), { scheduleSessionId: 1, bedId: 2 }, morning)).toEqual({
      ok: true,
      warning: null,
    })
  })

  it('keeps hepatitis B positive patients on isolation beds and others off them', () => {
    const positive = predictDrop(board, moving(kamala), { scheduleSessionId: 2, bedId: 1 }, morning)
    expect(positive).toMatchObject({
      ok: false,
      reason: expect.stringContaining('Kamala Fernando is hepatitis B positive'),
    })
    const negative = predictDrop(board, moving(nimal), { scheduleSessionId: 2, bedId: 3 }, morning)
    expect(negative).toMatchObject({ ok: false, reason: expect.stringContaining('ISO-1 is an isolation bed') })
    expect(predictDrop(board, moving(kamala), { scheduleSessionId: 2, bedId: 3 }, morning)).toEqual({
      ok: true,
      warning: null,
    })
  })

  it('only warns about isolation when the center relaxed the rule', () => {
    const v = predictDrop(
      board,
      moving(nimal),
      { scheduleSessionId: 2, bedId: 3 },
      { ...morning, isolationRule: 'warn' },
    )
    expect(v).toMatchObject({ ok: true, warning: expect.stringContaining('isolation bed') })
  })

  it('refuses a patient already booked in the session, unless it is the same appointment moving', () => {
    expect(predictDrop(board, patient(1, 'Nimal Perera'), { scheduleSessionId: 2, bedId: 1 }, morning)).toEqual({
      ok: true,
      warning: null,
    })
    const roomy = day(beds, [session(1, '08:00', '12:00', beds, [nimal], { capacity: 4 })])
    expect(predictDrop(roomy, patient(1, 'Nimal Perera'), { scheduleSessionId: 1, bedId: 2 }, morning)).toEqual({
      ok: false,
      reason: 'Nimal Perera is already booked in this session.',
    })
    expect(predictDrop(roomy, moving(nimal), { scheduleSessionId: 1, bedId: 2 }, morning)).toEqual({
      ok: true,
      warning: null,
    })
  })

  it('marks the place the subject already holds as "here", not as a refusal', () => {
    expect(predictDrop(board, moving(nimal), { scheduleSessionId: 1, bedId: 1 }, morning)).toMatchObject({
      ok: false,
      here: true,
    })
  })

  it('refuses blocked, out-of-service, cancelled and ended', () => {
    const blocked = day(beds, [session(1, '08:00', '12:00', beds, [], { capacity: 4 })])
    blocked.sessions[0]!.cells[1] = {
      bedId: 2,
      status: 'blocked',
      blockedReason: 'Machine under repair',
      appointment: null,
    }
    expect(predictDrop(blocked, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 2 }, morning)).toEqual({
      ok: false,
      reason: 'BED-A2 is blocked for this session (Machine under repair).',
    })
    expect(predictDrop(blocked, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 4 }, morning)).toEqual({
      ok: false,
      reason: 'BED-X is out of service.',
    })

    const cancelled = day(beds, [
      session(1, '08:00', '12:00', beds, [], { status: 'cancelled', cancelReason: 'Water outage', capacity: 0 }),
    ])
    expect(predictDrop(cancelled, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 1 }, morning)).toEqual({
      ok: false,
      reason: 'This session is cancelled (Water outage).',
    })

    const afternoon = { ...morning, now: { date: DATE, time: '12:00' } }
    expect(predictDrop(board, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: 2 }, afternoon)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('already over'),
    })
    expect(predictDrop(board, patient(9, 'Ruwan'), { scheduleSessionId: 2, bedId: 2 }, afternoon)).toEqual({
      ok: true,
      warning: null,
    })
  })

  it('refuses deactivated patients, and moving an appointment that is no longer booked', () => {
    expect(
      predictDrop(board, patient(9, 'Ruwan', 'negative', false), { scheduleSessionId: 2, bedId: 1 }, morning),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('deactivated') })
    const arrived = { ...nimal, status: 'checked_in' as const }
    expect(predictDrop(board, moving(arrived), { scheduleSessionId: 2, bedId: 1 }, morning)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('only a booked appointment'),
    })
    expect(predictDrop(board, moving(arrived), { scheduleSessionId: 1, bedId: 2 }, morning)).toMatchObject({ ok: true })
  })

  it('books without a bed on the session itself when there is room', () => {
    const roomy = day(beds, [session(1, '08:00', '12:00', beds, [nimal], { capacity: 4 })])
    expect(predictDrop(roomy, patient(9, 'Ruwan'), { scheduleSessionId: 1, bedId: null }, morning)).toEqual({
      ok: true,
      warning: null,
    })
  })
})
