/**
 * After a session is cancelled: who was in it (to phone them), and the offer
 * to rebook them all into the nearest sessions with room, in one action.
 */
import { Button, Group, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useState } from 'react'
import type { AppointmentView, ScheduleSession } from '../../src-shared/model'
import type { DeskWrite } from '../data/desk-context'
import { OutcomeThenClose } from '../standing/outcome-view'
import { describeRebooking, type Outcome, type Words } from '../standing/standing-words'

export interface CancelledSession {
  session: Pick<ScheduleSession, 'id' | 'startTime' | 'endTime'>
  /** The appointments the cancellation cancelled; empty when reopened from the session's menu later. */
  affected: AppointmentView[]
  write: DeskWrite
  words: Words
}

export function showCancelledSession(c: CancelledSession, title = 'Session cancelled'): void {
  const id = modals.open({ title, centered: true, size: 'lg', children: <CancelledSessionDialog c={c} onClose={() => modals.close(id)} /> })
}

/** Rebooks a cancelled session's patients and answers what happened, in words; null when the desk refused. */
export async function rebookSession(c: Pick<CancelledSession, 'session' | 'write' | 'words'>): Promise<Outcome | null> {
  const r = await c.write('makeup.rebookSession', { scheduleSessionId: c.session.id })
  return r.ok ? describeRebooking(r.value, c.words) : null
}

function CancelledSessionDialog({ c, onClose }: { c: CancelledSession; onClose: () => void }) {
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)
  const lines = c.affected.map((a) => `${a.patientName} (${a.clinicNumber})${a.bedCode ? `, ${a.bedCode}` : ''}`)
  const rebook = async () => {
    setBusy(true)
    setOutcome(await rebookSession(c))
    setBusy(false)
  }
  if (outcome) {
    return <OutcomeThenClose outcome={outcome} testId="rebooking-outcome" onClose={onClose} />
  }
  return (
    <Stack gap="xs">
      <Text size="sm">{lines.length === 0 ? 'No appointments were booked in it.' : `These ${lines.length} appointments were cancelled:`}</Text>
      {lines.length > 0 && (
        <ul className="plain-list" aria-label="Cancelled appointments">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      )}
      {lines.length > 0 && (
        <Text size="xs" c="dimmed">
          Rebook them now into the nearest sessions with a free bed, or later: until then they wait under “To decide” on the Board.
        </Text>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus={lines.length === 0 || undefined}>
          Close
        </Button>
        {lines.length > 0 && (
          <Button onClick={() => void rebook()} loading={busy} data-autofocus>
            Rebook all patients
          </Button>
        )}
      </Group>
    </Stack>
  )
}
