import { describe, expect, it } from 'vitest'
import { placementCall } from '../../src-renderer/board/placement'
import {
  UNDO_REASON,
  undoBedBlock,
  undoBedUnblock,
  undoBooking,
  undoDoctorChange,
  undoPlacement,
  undoStatusChange,
} from '../../src-renderer/data/undo-steps'
import { appointment } from './board-fixture'

const nimal = appointment({
  scheduleSessionId: 1,
  patientId: 1,
  patientName: 'Nimal Perera',
  bedId: 1,
  bedCode: 'BED-A1',
})

describe('which call a drop makes', () => {
  it('books a patient from the search', () => {
    const call = placementCall(
      {
        kind: 'patient',
        patient: { id: 7, fullName: 'Ruwan', clinicNumber: 'C-7', hepatitisB: 'negative', active: true },
      },
      { scheduleSessionId: 3, bedId: 2 },
    )
    expect(call).toEqual({ method: 'appointment.book', input: { scheduleSessionId: 3, patientId: 7, bedId: 2 } })
  })

  it('changes the bed within the same session, and moves to another session', () => {
    expect(placementCall({ kind: 'appointment', appointment: nimal }, { scheduleSessionId: 1, bedId: 2 })).toEqual({
      method: 'appointment.assignBed',
      input: { appointmentId: nimal.id, bedId: 2 },
    })
    expect(placementCall({ kind: 'appointment', appointment: nimal }, { scheduleSessionId: 1, bedId: null })).toEqual({
      method: 'appointment.assignBed',
      input: { appointmentId: nimal.id, bedId: null },
    })
    expect(placementCall({ kind: 'appointment', appointment: nimal }, { scheduleSessionId: 2, bedId: 2 })).toEqual({
      method: 'appointment.move',
      input: { appointmentId: nimal.id, scheduleSessionId: 2, bedId: 2 },
    })
  })

  it('makes no call when dropped where it already is', () => {
    expect(placementCall({ kind: 'appointment', appointment: nimal }, { scheduleSessionId: 1, bedId: 1 })).toBeNull()
  })
})

describe('undo steps', () => {
  it('cancels a new booking with the undo reason', () => {
    expect(undoBooking(nimal)).toEqual({
      label: 'booking of Nimal Perera',
      call: { method: 'appointment.cancel', input: { appointmentId: nimal.id, reason: UNDO_REASON } },
    })
  })

  it('puts a patient back on the bed they came from', () => {
    const after = { ...nimal, bedId: 2, bedCode: 'BED-A2' }
    expect(undoPlacement(nimal, after).call).toEqual({
      method: 'appointment.assignBed',
      input: { appointmentId: nimal.id, bedId: 1 },
    })
    const offBed = { ...nimal, bedId: null }
    expect(undoPlacement(offBed, nimal).call).toEqual({
      method: 'appointment.assignBed',
      input: { appointmentId: nimal.id, bedId: null },
    })
  })

  it('moves a patient back to the session and bed they came from', () => {
    const after = { ...nimal, scheduleSessionId: 2, bedId: 3 }
    expect(undoPlacement(nimal, after)).toEqual({
      label: 'move of Nimal Perera',
      call: { method: 'appointment.move', input: { appointmentId: nimal.id, scheduleSessionId: 1, bedId: 1 } },
    })
  })

  it('reinstates after a cancellation, a no-show or a check-in', () => {
    for (const change of ['cancel', 'noShow', 'checkIn'] as const) {
      expect(undoStatusChange(nimal, change).call).toEqual({
        method: 'appointment.reinstate',
        input: { appointmentId: nimal.id },
      })
    }
    expect(undoStatusChange(nimal, 'noShow').label).toBe('no-show of Nimal Perera')
  })

  it('unblocks a blocked bed, blocks an unblocked one with its old reason, and restores the doctor', () => {
    expect(undoBedBlock(4, 2, 'BED-A2').call).toEqual({
      method: 'schedule.unblockBed',
      input: { scheduleSessionId: 4, bedId: 2 },
    })
    expect(undoBedUnblock(4, 2, 'BED-A2', 'Leaking').call).toEqual({
      method: 'schedule.blockBed',
      input: { scheduleSessionId: 4, bedId: 2, reason: 'Leaking' },
    })
    expect(undoDoctorChange(4, null).call).toEqual({
      method: 'schedule.setDoctor',
      input: { scheduleSessionId: 4, doctorId: null },
    })
  })
})
