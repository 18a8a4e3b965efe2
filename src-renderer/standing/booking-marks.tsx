/**
 * How a booking came to be, at a glance: a weekly place (standing), a change
 * made for this date only, a visiting patient, a make-up. Most bookings are
 * weekly places, so theirs is the quietest mark; the exceptions stand out.
 */
import { Pill } from '../common/pill'
import type { AppointmentView } from '../../src-shared/model'
import { RepeatIcon } from '../common/icons'

type Marked = Pick<AppointmentView, 'standing' | 'oneOff' | 'visiting' | 'makeUpForId'>

/** The same facts in words, for screen readers and tooltips. */
export function marksInWords(a: Marked): string[] {
  const words: string[] = []
  if (a.standing && !a.oneOff) words.push('weekly place')
  if (a.oneOff) words.push('changed for this date only')
  if (a.makeUpForId !== null) words.push('make-up session')
  if (a.visiting) words.push('visiting patient')
  return words
}

export function BookingMarks({ appointment: a }: { appointment: Marked }) {
  return (
    <>
      {a.standing && !a.oneOff && (
        <span
          className="mark-weekly"
          data-mark="weekly"
          role="img"
          aria-label="Weekly place"
          title="Weekly place: booked by the patient's standing schedule"
        >
          <RepeatIcon size={12} />
        </span>
      )}
      {a.oneOff && (
        <Pill
          color="grape"
          plain
          data-mark="one-off"
          title="Changed by hand for this date only; the weekly schedule is unchanged"
        >
          This date only
        </Pill>
      )}
      {a.makeUpForId !== null && (
        <Pill color="cyan" plain data-mark="make-up" title="Makes up for a missed or cancelled treatment">
          Make-up
        </Pill>
      )}
      {a.visiting && (
        <Pill
          color="violet"
          variant="filled"
          plain
          data-mark="visiting"
          title="Visiting patient: with the unit for a limited stay"
        >
          Visitor
        </Pill>
      )}
    </>
  )
}
