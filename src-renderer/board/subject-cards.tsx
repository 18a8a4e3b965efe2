/**
 * The cards that can be picked up: a patient from the search, an appointment
 * from the side lists. Each is dragged with the pointer, or picked with a
 * click, Enter or Space and then put down on a cell.
 */
import { Text } from '@mantine/core'
import { useDraggable } from '@dnd-kit/core'
import type { AppointmentView } from '../../src-shared/model'
import { HepatitisBadge, OutcomeBadge } from '../common/status-badge'
import { BookingMarks } from '../standing/booking-marks'
import type { MenuEntry } from './appointment-actions'
import { type Subject, subjectKey } from './drag-subject'
import { EntryMenu } from './entry-menu'
import { DRAG_SOURCE } from './grid-drag'

interface PersonLineProps {
  name: string
  clinicNumber: string
  hepatitisB: string
  extra?: React.ReactNode
  /** Long names may take two lines where the width is short (a board cell). */
  nameLines?: number
}

export function PersonLine({ name, clinicNumber, hepatitisB, extra, nameLines = 1 }: PersonLineProps) {
  return (
    // Plain elements: a board draws this on every occupied cell.
    <div className="person-line">
      <div className="person-name" title={name} style={{ '--name-lines': nameLines } as React.CSSProperties}>
        {name}
      </div>
      <div className="person-marks">
        <span className="clinic-number text-xs-dimmed">{clinicNumber}</span>
        <HepatitisBadge value={hepatitisB} />
        {extra}
      </div>
    </div>
  )
}

interface PickableCardProps {
  subject: Subject
  picked: boolean
  onPick: (subject: Subject) => void
  description?: React.ReactNode
  menu?: { label: string; entries: MenuEntry[] }
  testId?: string
}

/** A card in the side panel: a tab stop of its own; Enter or Space picks it up. */
export function PickableCard({ subject, picked, onPick, description, menu, testId }: PickableCardProps) {
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: subjectKey(subject), data: { subject } })
  const name = subject.kind === 'patient' ? subject.patient.fullName : subject.appointment.patientName
  const clinicNumber = subject.kind === 'patient' ? subject.patient.clinicNumber : subject.appointment.clinicNumber
  const hepatitisB = subject.kind === 'patient' ? subject.patient.hepatitisB : subject.appointment.hepatitisB
  return (
    <div
      ref={setNodeRef}
      {...listeners}
      {...DRAG_SOURCE}
      role="button"
      tabIndex={0}
      aria-pressed={picked}
      aria-label={`${name}, ${clinicNumber}${picked ? ', picked up' : ''}`}
      aria-keyshortcuts="Enter Space"
      className="pick-card"
      data-picked={picked || undefined}
      data-dragging={isDragging || undefined}
      data-testid={testId}
      onClick={() => onPick(subject)}
      onKeyDown={(e) => {
        // Keys pressed on the card's own menu button are the menu's.
        if (e.target !== e.currentTarget) return
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault()
          onPick(subject)
        }
      }}
    >
      <PersonLine
        name={name}
        clinicNumber={clinicNumber}
        hepatitisB={hepatitisB}
        extra={
          subject.kind === 'appointment' ? (
            <>
              <BookingMarks appointment={subject.appointment} />
              <OutcomeBadge status={subject.appointment.status} />
            </>
          ) : undefined
        }
      />
      {description && (
        <Text size="xs" c="dimmed" mt={2}>
          {description}
        </Text>
      )}
      {menu && (
        <div className="pick-card-menu">
          <EntryMenu label={menu.label} entries={menu.entries} tabIndex={0} />
        </div>
      )}
    </div>
  )
}

/** What follows the pointer while dragging, with what the desk would say about the cell under it. */
export function DragPreview({ subject, hint, refused }: { subject: Subject; hint: string | null; refused: boolean }) {
  const a: AppointmentView | null = subject.kind === 'appointment' ? subject.appointment : null
  return (
    <div className="drag-preview" data-refused={refused || undefined}>
      <PersonLine
        name={a ? a.patientName : subject.kind === 'patient' ? subject.patient.fullName : ''}
        clinicNumber={a ? a.clinicNumber : subject.kind === 'patient' ? subject.patient.clinicNumber : ''}
        hepatitisB={a ? a.hepatitisB : subject.kind === 'patient' ? subject.patient.hepatitisB : 'unknown'}
      />
      {hint && (
        <Text size="xs" mt={4} c={refused ? 'red.8' : 'teal.8'} className="drag-hint">
          {hint}
        </Text>
      )}
    </div>
  )
}
