/**
 * Small questions the desk asks before a change: a reason, a no-show's cause,
 * a doctor. Each answers a promise: the value, or null when the user backs out.
 */
import { Button, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { modals } from '@mantine/modals'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { NoShowReason } from '../../src-shared/model'
import { NO_SHOW_OPTIONS } from './options'

/** Opens a dialog whose body calls `answer` once; closing it any other way (Escape, ×) answers null. */
export function ask<T>(
  title: string,
  body: (answer: (value: T | null) => void) => ReactNode,
  size?: string,
): Promise<T | null> {
  return new Promise((resolve) => {
    let settled = false
    const answer = (value: T | null) => {
      if (settled) return
      settled = true
      resolve(value)
      modals.close(id)
    }
    const id = modals.open({
      title,
      children: body(answer),
      onClose: () => answer(null),
      centered: true,
      ...(size ? { size } : {}),
    })
  })
}

function Actions({ confirm, onCancel, danger }: { confirm: string; onCancel: () => void; danger?: boolean }) {
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        Back
      </Button>
      <Button type="submit" color={danger ? 'red' : undefined}>
        {confirm}
      </Button>
    </Group>
  )
}

interface ReasonOptions {
  title: string
  intro?: ReactNode
  label: string
  confirm: string
  danger?: boolean
}

/** Asks for a reason (required: the audit trail and the patient's record keep it). */
export function askReason(options: ReasonOptions): Promise<string | null> {
  return ask<string>(options.title, (answer) => <ReasonForm {...options} onAnswer={answer} />)
}

function ReasonForm({
  intro,
  label,
  confirm,
  danger,
  onAnswer,
}: ReasonOptions & { onAnswer: (v: string | null) => void }) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (reason.trim() === '') return setError('Please give a reason.')
    onAnswer(reason.trim())
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {intro && <Text size="sm">{intro}</Text>}
        <TextInput
          label={label}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          maxLength={500}
          data-autofocus
        />
        <Actions confirm={confirm} danger={danger ?? false} onCancel={() => onAnswer(null)} />
      </Stack>
    </form>
  )
}

export interface NoShowAnswer {
  reason: NoShowReason
  note: string
}

/** Why a patient did not come: hospital stays and holidays are not missed treatments by choice. */
export function askNoShow(patientName: string): Promise<NoShowAnswer | null> {
  return ask<NoShowAnswer>(`${patientName} did not come`, (answer) => <NoShowForm onAnswer={answer} />)
}

function NoShowForm({ onAnswer }: { onAnswer: (v: NoShowAnswer | null) => void }) {
  const [reason, setReason] = useState<NoShowReason>('unknown')
  const [note, setNote] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onAnswer({ reason, note: note.trim() })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label="Reason"
          data={NO_SHOW_OPTIONS}
          value={reason}
          onChange={(v) => v && setReason(v)}
          allowDeselect={false}
          data-autofocus
        />
        <Textarea
          label="Note (optional)"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={2000}
        />
        <Actions confirm="Record no-show" onCancel={() => onAnswer(null)} />
      </Stack>
    </form>
  )
}

export interface DoctorChoice {
  doctorId: number | null
}

/** Chooses the supervising doctor of a session, or none. */
export function askDoctor(
  doctors: { id: number; fullName: string }[],
  current: number | null,
): Promise<DoctorChoice | null> {
  return ask<DoctorChoice>('Supervising doctor', (answer) => (
    <DoctorForm doctors={doctors} current={current} onAnswer={answer} />
  ))
}

function DoctorForm({
  doctors,
  current,
  onAnswer,
}: {
  doctors: { id: number; fullName: string }[]
  current: number | null
  onAnswer: (v: DoctorChoice | null) => void
}) {
  const [value, setValue] = useState<string>(current === null ? 'none' : String(current))
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onAnswer({ doctorId: value === 'none' ? null : Number(value) })
  }
  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Select
          label="Doctor"
          data={[
            { value: 'none', label: 'No doctor' },
            ...doctors.map((d) => ({ value: String(d.id), label: d.fullName })),
          ]}
          value={value}
          onChange={(v) => v && setValue(v)}
          allowDeselect={false}
          data-autofocus
        />
        {doctors.length === 0 && (
          <Text size="sm" c="dimmed">
            No doctors yet: add them in Setup → Doctors.
          </Text>
        )}
        <Actions confirm="Save" onCancel={() => onAnswer(null)} />
      </Stack>
    </form>
  )
}
