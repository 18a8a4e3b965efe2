/**
 * The board drawn from a change's answer must be the board the desk then reads:
 * on a real clinic (SQLite, the real dispatcher), each change's answer is put
 * onto the day read before it and compared with the day read after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { withAppointment } from '../../src-renderer/board/board-patch'
import { keepEqual } from '../../src-renderer/data/keep-equal'
import type { AppointmentView, DayBoard } from '../../src-shared/model'
import { MONDAY, openTestDesk, type TestDesk } from '../support/clinic'
import { scenario, TUESDAY } from '../support/scenario'

let desk: TestDesk
beforeEach(() => {
  desk = openTestDesk({ today: MONDAY, time: '07:00' })
})
afterEach(() => desk.close())

const day = (date = MONDAY): Promise<DayBoard> => desk.call('board.day', { date })

/** Runs a change and checks that its answer, put onto the board read before, gives the board read after. */
async function agrees(change: () => Promise<AppointmentView>, date = MONDAY): Promise<DayBoard> {
  const before = await day(date)
  const answer = await change()
  const after = await day(date)
  expect(withAppointment(before, answer)).toEqual(after)
  return after
}

describe('a board patched with a change’s answer', () => {
  it('is the board the desk reads after a booking, a bed change, a move, a cancellation and a no-bed booking', async () => {
    const s = await scenario(desk, { beds: 4, days: 2 })
    const staffId = s.staffId
    const [early, midday] = [await s.session(MONDAY, '06:00'), await s.session(MONDAY, '10:30')]
    const [nimal, kamala, saman] = [
      await s.patient('Nimal Perera'),
      await s.patient('Kamala Fernando'),
      await s.patient('Saman Silva'),
    ]
    await desk.call('appointment.book', {
      staffId,
      scheduleSessionId: early.id,
      patientId: kamala.id,
      bedId: s.bed('BED-A2'),
    })

    const booked = (
      await desk.call('appointment.book', {
        staffId,
        scheduleSessionId: early.id,
        patientId: nimal.id,
        bedId: s.bed('BED-A1'),
      })
    ).appointment
    await agrees(
      async () =>
        (
          await desk.call('appointment.book', {
            staffId,
            scheduleSessionId: early.id,
            patientId: saman.id,
            bedId: null,
          })
        ).appointment,
    )
    await agrees(
      async () =>
        (await desk.call('appointment.assignBed', { staffId, appointmentId: booked.id, bedId: s.bed('BED-A3') }))
          .appointment,
    )
    await agrees(
      async () =>
        (await desk.call('appointment.assignBed', { staffId, appointmentId: booked.id, bedId: null })).appointment,
    )
    const moved = await agrees(
      async () =>
        (
          await desk.call('appointment.move', {
            staffId,
            appointmentId: booked.id,
            scheduleSessionId: midday.id,
            bedId: s.bed('BED-A1'),
          })
        ).appointment,
    )
    expect(moved.sessions.find((x) => x.id === midday.id)).toMatchObject({ booked: 1 })
    await agrees(() =>
      desk.call('appointment.cancel', { staffId, appointmentId: booked.id, reason: 'Admitted to hospital' }),
    )
  })

  it('drops an appointment moved to another day from this one', async () => {
    const s = await scenario(desk, { beds: 4, days: 2 })
    const a = (
      await desk.call('appointment.book', {
        staffId: s.staffId,
        scheduleSessionId: (await s.session(MONDAY, '06:00')).id,
        patientId: (await s.patient()).id,
        bedId: s.bed('BED-A1'),
      })
    ).appointment
    const tuesday = await s.session(TUESDAY, '06:00')
    await agrees(
      async () =>
        (
          await desk.call('appointment.move', {
            staffId: s.staffId,
            appointmentId: a.id,
            scheduleSessionId: tuesday.id,
            bedId: s.bed('BED-A1'),
          })
        ).appointment,
    )
  })
})

describe('keepEqual', () => {
  it('answers the old data itself when nothing changed, and new objects only along the path of a change', async () => {
    const s = await scenario(desk, { beds: 4, days: 1 })
    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(MONDAY, '06:00')).id,
      patientId: (await s.patient()).id,
      bedId: s.bed('BED-A1'),
    })
    const first = await day()
    expect(keepEqual(first, await day())).toBe(first)

    await desk.call('appointment.book', {
      staffId: s.staffId,
      scheduleSessionId: (await s.session(MONDAY, '10:30')).id,
      patientId: (await s.patient()).id,
      bedId: s.bed('BED-A2'),
    })
    const second = keepEqual(first, await day())
    expect(second).not.toBe(first)
    expect(second).toEqual(await day())
    expect(second.beds).toBe(first.beds)
    expect(second.sessions[0]).toBe(first.sessions[0])
    const [was, now] = [first.sessions[1]!, second.sessions[1]!]
    expect(now).not.toBe(was)
    expect(now.cells.find((c) => c.bedId === s.bed('BED-A2'))).not.toBe(
      was.cells.find((c) => c.bedId === s.bed('BED-A2')),
    )
    expect(now.cells.find((c) => c.bedId === s.bed('BED-A3'))).toBe(was.cells.find((c) => c.bedId === s.bed('BED-A3')))
  })
})
