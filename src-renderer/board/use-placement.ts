/** Putting a picked-up or dragged subject down: the desk call, its undo step, and nothing else. */
import { useCallback, useRef } from 'react'
import type { Booking } from '../../src-shared/contract/index'
import type { Result } from '../../src-shared/errors'
import type { AppointmentView } from '../../src-shared/model'
import { useDeskWrite } from '../data/desk-context'
import { undoBooking, undoPlacement } from '../data/undo-steps'
import type { Subject, Target } from './drag-subject'
import { placementCall } from './placement'

/**
 * Answers whether the desk accepted the drop; a refusal has already been shown
 * in the desk's words. `onPlaced` hears where the appointment now is, as soon as
 * the desk has answered.
 */
export function usePlacement(
  onPlaced?: (appointment: AppointmentView) => void,
): (subject: Subject, target: Target) => Promise<boolean> {
  const write = useDeskWrite()
  const placed = useRef(onPlaced)
  placed.current = onPlaced
  return useCallback(
    async (subject, target) => {
      const call = placementCall(subject, target)
      if (!call) return true
      let result: Result<Booking>
      switch (call.method) {
        case 'appointment.book':
          result = await write(call.method, call.input, { undo: (v) => undoBooking(v.appointment) })
          break
        case 'appointment.assignBed':
        case 'appointment.move': {
          if (subject.kind !== 'appointment') return false
          const before = subject.appointment
          result =
            call.method === 'appointment.move'
              ? await write(call.method, call.input, { undo: (v) => undoPlacement(before, v.appointment) })
              : await write(call.method, call.input, { undo: (v) => undoPlacement(before, v.appointment) })
          break
        }
        default:
          return false
      }
      if (result.ok) placed.current?.(result.value.appointment)
      return result.ok
    },
    [write],
  )
}
