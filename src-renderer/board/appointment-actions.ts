/**
 * What can be done to one appointment from the board, as menu entries (which
 * ones: action-rules.ts). Each change is recorded with an undo step where the
 * desk allows one.
 */
import { useCallback } from 'react'
import type { AppointmentView } from '../../src-shared/model'
import { askNoShow, askReason } from '../common/prompts'
import { useDeskWrite } from '../data/desk-context'
import { undoPlacement, undoStatusChange } from '../data/undo-steps'
import { navigate } from '../routing/use-route'
import { type ActionKind, availableActions } from './action-rules'

export interface MenuEntry {
  label: string
  run: () => void
  color?: string
  disabled?: boolean
}

export interface ActionContext {
  today: string
  /** Whether the appointment's session has ended. */
  ended: boolean
  /** Picks the appointment up to move it (the keyboard and click way to drag). */
  onPick?: () => void
}

export function useAppointmentActions(): (a: AppointmentView, ctx: ActionContext) => MenuEntry[] {
  const write = useDeskWrite()
  return useCallback(
    (a, { today, ended, onPick }) => {
      const entry = (kind: ActionKind): MenuEntry => {
        switch (kind) {
          case 'pick':
            return { label: 'Pick up to move', run: () => onPick?.() }
          case 'checkIn':
            return {
              label: 'Check in',
              run: () =>
                void write(
                  'appointment.checkIn',
                  { appointmentId: a.id },
                  { undo: () => undoStatusChange(a, 'checkIn') },
                ),
            }
          case 'complete':
            return {
              label: 'Treatment done',
              run: () =>
                void write(
                  'appointment.complete',
                  { appointmentId: a.id },
                  { done: `${a.patientName}'s treatment is recorded as done.` },
                ),
            }
          case 'noShow':
            return {
              label: 'Did not come…',
              run: () =>
                void askNoShow(a.patientName).then((answer) => {
                  if (answer)
                    void write(
                      'appointment.noShow',
                      { appointmentId: a.id, ...answer },
                      { undo: () => undoStatusChange(a, 'noShow') },
                    )
                }),
            }
          case 'takeOffBed':
            return {
              label: 'Take off bed',
              run: () =>
                void write(
                  'appointment.assignBed',
                  { appointmentId: a.id, bedId: null },
                  { undo: (v) => undoPlacement(a, v.appointment) },
                ),
            }
          case 'cancel':
            return {
              label: 'Cancel appointment…',
              color: 'red',
              run: () =>
                void askReason({
                  title: `Cancel ${a.patientName}'s appointment`,
                  label: 'Reason',
                  confirm: 'Cancel appointment',
                  danger: true,
                }).then((reason) => {
                  if (reason)
                    void write(
                      'appointment.cancel',
                      { appointmentId: a.id, reason },
                      { undo: () => undoStatusChange(a, 'cancel') },
                    )
                }),
            }
          case 'reinstate':
            return {
              label: 'Reinstate',
              run: () =>
                void write(
                  'appointment.reinstate',
                  { appointmentId: a.id },
                  { done: `${a.patientName}'s appointment is booked again.` },
                ),
            }
          case 'openPatient':
            return { label: 'Open patient record', run: () => navigate('patients', { id: String(a.patientId) }) }
        }
      }
      return availableActions(a, { today, ended, canPick: onPick !== undefined }).map(entry)
    },
    [write],
  )
}
