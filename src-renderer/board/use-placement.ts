/** Putting a picked-up or dragged subject down: the desk call, its undo step, and nothing else. */
import { useCallback } from 'react'
import { useDeskWrite } from '../data/desk-context'
import { undoBooking, undoPlacement } from '../data/undo-steps'
import type { Subject, Target } from './drag-subject'
import { placementCall } from './placement'

/** Answers whether the desk accepted the drop; a refusal has already been shown in the desk's words. */
export function usePlacement(): (subject: Subject, target: Target) => Promise<boolean> {
  const write = useDeskWrite()
  return useCallback(
    async (subject, target) => {
      const call = placementCall(subject, target)
      if (!call) return true
      switch (call.method) {
        case 'appointment.book':
          return (await write(call.method, call.input, { undo: (v) => undoBooking(v.appointment) })).ok
        case 'appointment.assignBed':
        case 'appointment.move': {
          if (subject.kind !== 'appointment') return false
          const before = subject.appointment
          const result =
            call.method === 'appointment.move'
              ? await write(call.method, call.input, { undo: (v) => undoPlacement(before, v.appointment) })
              : await write(call.method, call.input, { undo: (v) => undoPlacement(before, v.appointment) })
          return result.ok
        }
        default:
          return false
      }
    },
    [write],
  )
}
