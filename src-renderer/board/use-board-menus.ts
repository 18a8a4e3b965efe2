/**
 * The "⋯" menus of the board: a bed in a session (its patient's actions, block
 * or unblock the bed) and a session (its doctor, cancelling it). With a patient
 * picked up, each menu first offers to put them there.
 */
import { useCallback } from 'react'
import type { Bed, BoardCell, BoardSession } from '../../src-shared/model'
import { askDoctor, askReason } from '../common/prompts'
import { useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { undoBedBlock, undoBedUnblock, undoDoctorChange } from '../data/undo-steps'
import { useDeskQuery } from '../data/use-desk-query'
import { type MenuEntry, useAppointmentActions } from './appointment-actions'
import { showCancelledSession } from './cancelled-session'
import { type Subject, subjectName, type Target } from './drag-subject'

interface BoardMenuContext {
  picked: Subject | null
  drop: (target: Target) => Promise<void>
  pick: (subject: Subject) => void
  isEnded: (s: BoardSession) => boolean
  today: string
}

export function useBoardMenus({ picked, drop, pick, isEnded, today }: BoardMenuContext) {
  const write = useDeskWrite()
  const appointmentActions = useAppointmentActions()
  const doctors = useDeskQuery('doctor.list', {}, { tables: ['doctors'] })
  const format = useFormat()

  const cellEntries = useCallback(
    (s: BoardSession, bed: Bed, cell: BoardCell | undefined): MenuEntry[] => {
      const entries: MenuEntry[] = []
      const target = { scheduleSessionId: s.id, bedId: bed.id }
      if (picked) entries.push({ label: `Put ${subjectName(picked)} here`, run: () => void drop(target) })
      const a = cell?.appointment
      if (a)
        entries.push(
          ...appointmentActions(a, {
            today,
            ended: isEnded(s),
            onPick: () => pick({ kind: 'appointment', appointment: a }),
          }),
        )
      const open = s.status !== 'cancelled' && !isEnded(s) && bed.active && bed.inService
      if (cell && !a && open && cell.status === 'available') {
        entries.push({
          label: `Block ${bed.code} for this session…`,
          run: () =>
            void askReason({
              title: `Block ${bed.code}, ${s.startTime}–${s.endTime}`,
              label: 'Reason (e.g. machine under repair)',
              confirm: 'Block bed',
            }).then((reason) => {
              if (reason)
                void write(
                  'schedule.blockBed',
                  { scheduleSessionId: s.id, bedId: bed.id, reason },
                  { undo: () => undoBedBlock(s.id, bed.id, bed.code) },
                )
            }),
        })
      }
      if (cell && open && cell.status === 'blocked') {
        const reason = cell.blockedReason ?? 'Blocked'
        entries.push({
          label: `Unblock ${bed.code}`,
          run: () =>
            void write(
              'schedule.unblockBed',
              { scheduleSessionId: s.id, bedId: bed.id },
              { undo: () => undoBedUnblock(s.id, bed.id, bed.code, reason) },
            ),
        })
      }
      return entries
    },
    [picked, drop, appointmentActions, today, isEnded, pick, write],
  )

  const sessionEntries = useCallback(
    (s: BoardSession): MenuEntry[] => {
      const entries: MenuEntry[] = []
      if (picked)
        entries.push({
          label: `Book ${subjectName(picked)} here without a bed`,
          run: () => void drop({ scheduleSessionId: s.id, bedId: null }),
        })
      if (s.status === 'cancelled' && !isEnded(s) && s.inactive.length > 0) {
        entries.push({
          label: 'Rebook all patients…',
          run: () =>
            showCancelledSession(
              { session: s, affected: s.inactive, write, words: format },
              `Patients of the cancelled ${s.startTime}–${s.endTime} session`,
            ),
        })
      }
      if (s.status === 'cancelled' || isEnded(s)) return entries
      entries.push({
        label: 'Change doctor…',
        run: () =>
          void askDoctor(
            (doctors.data ?? []).filter((d) => d.active),
            s.doctorId,
          ).then((choice) => {
            if (choice)
              void write(
                'schedule.setDoctor',
                { scheduleSessionId: s.id, doctorId: choice.doctorId },
                { undo: () => undoDoctorChange(s.id, s.doctorId) },
              )
          }),
      })
      entries.push({
        label: 'Cancel session…',
        color: 'red',
        run: () =>
          void askReason({
            title: `Cancel the ${s.startTime}–${s.endTime} session`,
            intro: `Every appointment in it (${s.booked}) is cancelled too. This cannot be undone here.`,
            label: 'Reason',
            confirm: 'Cancel session',
            danger: true,
          }).then(async (reason) => {
            if (!reason) return
            const result = await write('schedule.cancel', { scheduleSessionId: s.id, reason })
            if (result.ok) showCancelledSession({ session: s, affected: result.value.affected, write, words: format })
          }),
      })
      return entries
    },
    [picked, drop, isEnded, doctors.data, write, format],
  )

  return { cellEntries, sessionEntries }
}
