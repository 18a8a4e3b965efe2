/**
 * Beside the grid: a patient search and the day's appointments that have no
 * bed yet. Cards here are dragged (or picked up) onto the grid.
 */
import { Anchor, Group, Kbd, Stack, Text, TextInput, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import type { ReactNode, RefObject } from 'react'
import type { BoardSession, DayBoard } from '../../src-shared/model'
import { statusLabel } from '../common/status-badge'
import { useDeskQuery } from '../data/use-desk-query'
import type { ActionContext, MenuEntry } from './appointment-actions'
import { type Subject, subjectKey } from './drag-subject'
import { EntryMenu } from './entry-menu'
import { PersonLine, PickableCard } from './subject-cards'

interface SidePanelProps {
  board: DayBoard
  query: string
  onQuery: (q: string) => void
  picked: Subject | null
  onPick: (s: Subject) => void
  searchRef: RefObject<HTMLInputElement | null>
  appointmentEntries: (a: BoardSession['unassigned'][number], ctx: Omit<ActionContext, 'today'>) => MenuEntry[]
  isEnded: (s: BoardSession) => boolean
  /** What needs a decision on the day (day-decisions.tsx), first in the panel. */
  decisions?: ReactNode
}

export function SidePanel({
  board,
  query,
  onQuery,
  picked,
  onPick,
  searchRef,
  appointmentEntries,
  isEnded,
  decisions,
}: SidePanelProps) {
  const [debounced] = useDebouncedValue(query.trim(), 150)
  const results = useDeskQuery('patient.search', debounced === '' ? null : { query: debounced, limit: 15 }, {
    tables: ['patients'],
  })
  const anyPatient = useDeskQuery('patient.search', { query: '', limit: 1 }, { tables: ['patients'] })
  const pickedKey = picked ? subjectKey(picked) : null
  const unassigned = board.sessions.flatMap((s) => s.unassigned.map((a) => ({ s, a })))
  const inactive = board.sessions.flatMap((s) => s.inactive.map((a) => ({ s, a })))

  const bookedToday = (patientId: number): string | null => {
    for (const s of board.sessions) {
      const onBed = s.cells.find(
        (c) =>
          c.appointment?.patientId === patientId &&
          c.appointment.status !== 'cancelled' &&
          c.appointment.status !== 'no_show',
      )
      if (onBed?.appointment) return `Booked ${s.startTime} on ${onBed.appointment.bedCode}`
      if (s.unassigned.some((a) => a.patientId === patientId)) return `Booked ${s.startTime}, no bed yet`
    }
    return null
  }

  return (
    <aside className="side-panel" aria-label="Patients to place">
      {decisions}
      <section aria-labelledby="find-patient-title" className={decisions ? 'side-section' : undefined}>
        <Group justify="space-between" mb={4}>
          <Title order={2} size="h6" id="find-patient-title">
            Find a patient
          </Title>
          <Text size="xs" c="dimmed">
            <Kbd size="xs">/</Kbd> to search
          </Text>
        </Group>
        <TextInput
          ref={searchRef}
          placeholder="Name, clinic no., NIC or phone"
          aria-label="Find a patient"
          value={query}
          onChange={(e) => onQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onQuery('')
          }}
        />
        <Stack gap={6} mt="xs" className="search-results" role="list" aria-label="Patients found">
          {debounced !== '' &&
            results.data?.map((p) => {
              const subject: Subject = { kind: 'patient', patient: p }
              return (
                <div role="listitem" key={p.id}>
                  <PickableCard
                    subject={subject}
                    picked={pickedKey === subjectKey(subject)}
                    onPick={onPick}
                    description={bookedToday(p.id) ?? 'Not booked on this day'}
                    testId="search-result"
                  />
                </div>
              )
            })}
          {debounced !== '' && results.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              No patient matches “{debounced}”.{' '}
              <Anchor href="#/patients?new=1" size="sm">
                Register a patient
              </Anchor>
            </Text>
          )}
          {debounced === '' && anyPatient.data?.length === 0 && (
            <Text size="sm" c="dimmed">
              No patients are registered yet.{' '}
              <Anchor href="#/patients?new=1" size="sm">
                Register the first patient
              </Anchor>
            </Text>
          )}
        </Stack>
      </section>

      <section aria-labelledby="unassigned-title" className="side-section">
        <Title order={2} size="h6" id="unassigned-title" mb={4}>
          Not on a bed yet ({unassigned.length})
        </Title>
        {unassigned.length === 0 ? (
          <Text size="xs" c="dimmed">
            {board.sessions.length === 0 ? 'No sessions on this day.' : 'Everyone booked on this day has a bed.'}
          </Text>
        ) : (
          <Stack gap={6} role="list" aria-label="Booked without a bed">
            {unassigned.map(({ s, a }) => {
              const subject: Subject = { kind: 'appointment', appointment: a }
              return (
                <div role="listitem" key={a.id}>
                  <PickableCard
                    subject={subject}
                    picked={pickedKey === subjectKey(subject)}
                    onPick={onPick}
                    description={`${s.startTime}–${s.endTime} session`}
                    menu={{
                      label: `Actions for ${a.patientName}`,
                      entries: appointmentEntries(a, { ended: isEnded(s), onPick: () => onPick(subject) }),
                    }}
                    testId="unassigned"
                  />
                </div>
              )
            })}
          </Stack>
        )}
      </section>

      {inactive.length > 0 && (
        <section aria-labelledby="inactive-title" className="side-section">
          <Title order={2} size="h6" id="inactive-title" mb={4}>
            Cancelled or did not come ({inactive.length})
          </Title>
          <Stack gap={4}>
            {inactive.map(({ s, a }) => (
              <Group key={a.id} className="inactive-row" justify="space-between" wrap="nowrap" gap={4}>
                <PersonLine
                  name={a.patientName}
                  clinicNumber={`${a.clinicNumber} · ${s.startTime} · ${statusLabel(a.status)}`}
                  hepatitisB={a.hepatitisB}
                />
                <EntryMenu
                  label={`Actions for ${a.patientName}`}
                  entries={appointmentEntries(a, { ended: isEnded(s) })}
                  tabIndex={0}
                />
              </Group>
            ))}
          </Stack>
        </section>
      )}
    </aside>
  )
}
