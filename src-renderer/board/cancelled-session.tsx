/**
 * After a session is cancelled: every patient who lost their treatment, each
 * with the make-up session the desk suggests (the nearest after, else before,
 * with a free bed the rules allow) and what it does to their gaps between
 * treatments. Reception can change any choice, or leave a patient for later,
 * then rebook them all in one action. Reopened from the session's menu, it
 * lists those still waiting (their conflict under “To decide” is open).
 */
import { Button, Group, Loader, NativeSelect, ScrollArea, Stack, Text } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useEffect, useState } from 'react'
import type { MakeUpOptions } from '../../src-shared/contract/standing-methods'
import type { AppointmentView, ScheduleSession } from '../../src-shared/model'
import { desk } from '../api/desk'
import type { DeskWrite } from '../data/desk-context'
import { OutcomeThenClose } from '../standing/outcome-view'
import {
  type Choice,
  chosenOption,
  crowdedSessions,
  LATER,
  optionLabel,
  type PatientPlan,
  suggested,
} from '../standing/rebook-plan'
import { describeRebooking, type Outcome, plural, sessionLine, type Words } from '../standing/standing-words'

export interface CancelledSession {
  session: Pick<ScheduleSession, 'id' | 'date' | 'startTime' | 'endTime'>
  /** The session's cancelled appointments: those the cancellation cancelled, or the session's inactive ones when reopened later. */
  affected: AppointmentView[]
  write: DeskWrite
  words: Words
}

export function showCancelledSession(c: CancelledSession, title = 'Session cancelled'): void {
  const id = modals.open({
    title,
    centered: true,
    size: 'xl',
    children: <CancelledSessionDialog c={c} onClose={() => modals.close(id)} />,
  })
}

/** The patients still to rebook (an open conflict for the cancelled appointment), each with their make-up options. */
async function loadPlans(c: CancelledSession): Promise<PatientPlan[] | string> {
  const day = await desk.invoke('conflict.day', { date: c.session.date })
  if (!day.ok) return day.error.message
  const waiting = new Set(
    day.value.conflicts
      .filter((x) => x.kind === 'session_cancelled' && x.scheduleSessionId === c.session.id)
      .map((x) => x.appointmentId),
  )
  const lost = c.affected.filter((a) => a.status === 'cancelled' && waiting.has(a.id))
  const plans: PatientPlan[] = []
  for (const appointment of lost) {
    const r = await desk.invoke('makeup.options', { appointmentId: appointment.id })
    if (!r.ok) return r.error.message
    plans.push({ appointment, options: r.value, choice: suggested(r.value) })
  }
  return plans
}

/** Each patient's choice, done by the desk in one transaction: all of it, or (a chosen session filled up meanwhile) nothing. */
async function rebook(plans: PatientPlan[], c: CancelledSession): Promise<Outcome | null> {
  const choices = plans.map((p) => ({
    appointmentId: p.appointment.id,
    scheduleSessionId: chosenOption(p)?.scheduleSessionId ?? null,
  }))
  const r = await c.write('makeup.rebookSession', { scheduleSessionId: c.session.id, choices })
  return r.ok ? describeRebooking(r.value, c.words) : null
}

function CancelledSessionDialog({ c, onClose }: { c: CancelledSession; onClose: () => void }) {
  const [plans, setPlans] = useState<PatientPlan[] | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    let live = true
    void loadPlans(c).then((r) => {
      if (!live) return
      if (typeof r === 'string') setProblem(r)
      else setPlans(r)
    })
    return () => {
      live = false
    }
    // The dialog plans once, for the patients it was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  if (outcome) return <OutcomeThenClose outcome={outcome} testId="rebooking-outcome" onClose={onClose} />
  if (problem) {
    return (
      <Stack gap="sm">
        <Text c="red">{problem}</Text>
        <Group justify="flex-end">
          <Button onClick={onClose}>Close</Button>
        </Group>
      </Stack>
    )
  }
  if (!plans) {
    return (
      <Group justify="space-between">
        <Loader size="sm" aria-label="Looking for sessions with room" />
        <Button variant="default" onClick={onClose}>
          Close
        </Button>
      </Group>
    )
  }

  const choose = (i: number, choice: Choice) => setPlans(plans.map((p, j) => (j === i ? { ...p, choice } : p)))
  const crowded = crowdedSessions(plans, c.words)
  const toBook = plans.filter((p) => p.choice !== LATER).length
  const start = async () => {
    setBusy(true)
    // Refused (the desk said why): the choices stay on screen to change.
    setOutcome(await rebook(plans, c))
    setBusy(false)
  }

  return (
    <Stack gap="xs">
      {plans.length === 0 ? (
        <Text size="sm">
          {c.affected.length === 0
            ? 'No appointments were booked in it.'
            : 'Every patient of this session has been rebooked or decided on.'}
        </Text>
      ) : (
        <>
          <Text size="sm">
            {plural(plans.length, 'patient')} lost {plans.length === 1 ? 'a treatment' : 'their treatment'} of{' '}
            {sessionLine({ ...c.session }, c.words)}. Each is offered the nearest session with a free bed the rules
            allow; change any choice, then rebook them all at once.
          </Text>
          <ScrollArea.Autosize mah={440} type="auto" offsetScrollbars>
            <Stack gap="sm" role="list" aria-label="Patients to rebook">
              {plans.map((p, i) => (
                <PatientChoice
                  key={p.appointment.id}
                  plan={p}
                  words={c.words}
                  crowded={crowded.get(p.choice) ?? null}
                  onChoose={(v) => choose(i, v)}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Text size="xs" c="dimmed">
            Whoever is not rebooked now waits under “To decide” on the Board.
          </Text>
        </>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus={toBook === 0 || undefined}>
          Close
        </Button>
        {plans.length > 0 && (
          <Button
            onClick={() => void start()}
            loading={busy}
            disabled={toBook === 0}
            data-autofocus={toBook > 0 || undefined}
          >
            Rebook {plural(toBook, 'patient')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}

function optionData(options: MakeUpOptions, words: Words) {
  const first = suggested(options)
  const item = (o: MakeUpOptions['after'][number]) => {
    const value = `${o.scheduleSessionId}`
    return { value, label: `${optionLabel(o, words)}${value === first ? ' (suggested)' : ''}` }
  }
  return [
    ...(options.after.length > 0 ? [{ group: 'After', items: options.after.map(item) }] : []),
    ...(options.before.length > 0 ? [{ group: 'Before', items: options.before.map(item) }] : []),
    { value: LATER, label: 'Not now: leave under “To decide”' },
  ]
}

function PatientChoice({
  plan,
  words,
  crowded,
  onChoose,
}: {
  plan: PatientPlan
  words: Words
  crowded: string | null
  onChoose: (c: Choice) => void
}) {
  const a = plan.appointment
  const chosen = chosenOption(plan)
  const none = plan.options.after.length === 0 && plan.options.before.length === 0
  return (
    <div role="listitem" aria-label={a.patientName} data-testid="rebook-patient" className="rebook-patient">
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600}>
            {a.patientName} ({a.clinicNumber})
          </Text>
          <Text size="xs" c="dimmed">
            {a.bedCode ? `Was on ${a.bedCode}` : 'Was not on a bed yet'}
          </Text>
        </div>
        <NativeSelect
          aria-label={`Make-up session for ${a.patientName}`}
          value={plan.choice}
          onChange={(e) => onChoose(e.currentTarget.value as Choice)}
          data={optionData(plan.options, words)}
          w={380}
          size="xs"
        />
      </Group>
      {none && (
        <Text size="xs" c="orange.9">
          No session within a week either side has a free bed the rules allow: book one by hand on the Board.
        </Text>
      )}
      {chosen?.warnings.map((w) => (
        <Text key={w} size="xs" c="orange.9" data-testid="gap-warning">
          {w}
        </Text>
      ))}
      {crowded && (
        <Text size="xs" c="orange.9">
          {crowded}
        </Text>
      )}
    </div>
  )
}
