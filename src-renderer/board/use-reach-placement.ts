/**
 * Putting a subject down, asking first when it is a standing booking: "this
 * date only" is the ordinary move (with its undo step); "from this date on"
 * changes the patient's weekly place from that date, and says what moved.
 */
import { useCallback, useRef } from 'react'
import { localDateTime } from '../../src-shared/dates'
import type { AppointmentView, DayBoard } from '../../src-shared/model'
import { desk } from '../api/desk'
import { useFormat } from '../common/use-format'
import { useCenter, useDeskWrite } from '../data/desk-context'
import { showRefusal } from '../data/notify'
import { fromThisDateOn } from '../standing/from-this-date-on'
import { showOutcome } from '../standing/outcome-view'
import { describeStandingChange } from '../standing/standing-words'
import { askReach } from './ask-reach'
import type { Subject, Target } from './drag-subject'
import { predictDrop } from './drop-rules'
import { reachQuestion } from './move-reach'
import { usePlacement } from './use-placement'

/** Answers whether the desk accepted the drop; backing out of the question answers false and changes nothing. */
export function useReachPlacement(
  board: DayBoard | undefined,
  onPlaced?: (appointment: AppointmentView) => void,
): (subject: Subject, target: Target) => Promise<boolean> {
  const place = usePlacement(onPlaced)
  const write = useDeskWrite()
  const format = useFormat()
  const { isolationRule } = useCenter()
  const boardRef = useRef(board)
  boardRef.current = board

  return useCallback(
    async (subject, target) => {
      const day = boardRef.current
      const session = day?.sessions.find((s) => s.id === target.scheduleSessionId)
      const question = reachQuestion(subject, session && { ...session, bedId: target.bedId })
      if (!question.ask || subject.kind !== 'appointment' || !session || !day) return place(subject, target)
      // A drop the desk will refuse asks nothing: the refusal, in the desk's words, is the answer.
      if (!predictDrop(day, subject, target, { now: localDateTime(new Date()), isolationRule }).ok)
        return place(subject, target)

      const a = subject.appointment
      const bedCode = target.bedId === null ? null : (day.beds.find((b) => b.id === target.bedId)?.code ?? null)
      const where = bedCode
        ? `${bedCode}, ${session.startTime}–${session.endTime}`
        : `the ${session.startTime}–${session.endTime} session, no bed yet`
      const bedOnly = session.id === a.scheduleSessionId
      const reach = await askReach({
        appointment: a,
        where: bedOnly ? (bedCode ?? 'no bed') : where,
        dayLabel: format.day(a.date),
        dateLabel: format.date(a.date),
        seriesRefused: question.seriesRefused,
        bedOnly,
      })
      if (reach === null) return false
      if (reach === 'date' || session.templateId === null) return place(subject, target)

      const current = await desk.invoke('standing.list', { patientId: a.patientId })
      if (!current.ok) {
        showRefusal(current.error)
        return false
      }
      const change = fromThisDateOn(current.value, a.date, { templateId: session.templateId, bedId: target.bedId })
      const result = await write('standing.set', { patientId: a.patientId, ...change })
      if (!result.ok) return false
      showOutcome(
        `${a.patientName}'s weekly place changed from ${format.day(a.date)}`,
        describeStandingChange(result.value, format),
        'standing-outcome',
      )
      return true
    },
    [place, write, format, isolationRule],
  )
}
