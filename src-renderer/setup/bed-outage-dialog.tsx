/**
 * A bed out of service for a period (maintenance, a broken machine): first
 * the bookings it touches, each with the free bed it would move to; then one
 * action that takes the bed out and moves them, and a list of what happened.
 */
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useState, type FormEvent } from 'react'
import { addDays } from '../../src-shared/dates'
import type { Bed } from '../../src-shared/model'
import { todayLocal, useFormat } from '../common/use-format'
import { useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'
import { useDeskQuery } from '../data/use-desk-query'
import { OutcomeThenClose } from '../standing/outcome-view'
import { describeOutage, type Outcome, plural, sessionLine } from '../standing/standing-words'

export function BedOutageDialog({ bed, onClose }: { bed: Bed | null; onClose: () => void }) {
  return (
    <Modal
      opened={bed !== null}
      onClose={onClose}
      title={bed ? `${bed.code} out of service for a period` : ''}
      size="xl"
      centered
    >
      {bed && <OutageBody key={bed.id} bed={bed} onClose={onClose} />}
    </Modal>
  )
}

const TABLES = ['appointments', 'session_beds', 'schedule_sessions', 'bed_outages', 'beds'] as const

function OutageBody({ bed, onClose }: { bed: Bed; onClose: () => void }) {
  const write = useDeskWrite()
  const format = useFormat()
  const today = todayLocal()
  const [from, setFrom] = useState(today)
  const [until, setUntil] = useState(addDays(today, 6))
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const preview = useDeskQuery('outage.preview', outcome || until < from ? null : { bedId: bed.id, from, until }, {
    tables: TABLES,
  })
  const effects = preview.data ?? []
  const movable = effects.filter((e) => e.suggestedBedId !== null).length

  if (outcome) {
    return <OutcomeThenClose outcome={outcome} testId="outage-outcome" onClose={onClose} />
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (reason.trim() === '') return setErrors({ reason: 'Please give a reason (e.g. pump broken).' })
    setBusy(true)
    const r = await write('outage.create', { bedId: bed.id, from, until, reason })
    setBusy(false)
    setErrors(r.ok ? {} : fieldErrors(r.error))
    if (r.ok) setOutcome(describeOutage(r.value, format))
  }

  return (
    <form onSubmit={submit} aria-label="Bed out of service">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm">
          <DatePickerInput
            label="Out of service from"
            value={from}
            onChange={(v) => v && setFrom(String(v).slice(0, 10))}
            valueFormat={format.pattern}
            minDate={today}
            w={170}
            allowDeselect={false}
            error={errors.from}
          />
          <DatePickerInput
            label="Until (last day)"
            value={until}
            onChange={(v) => v && setUntil(String(v).slice(0, 10))}
            valueFormat={format.pattern}
            minDate={from}
            w={170}
            allowDeselect={false}
            error={errors.until}
          />
          <TextInput
            label="Reason"
            placeholder="e.g. pump broken"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            maxLength={500}
            style={{ flex: 1 }}
            data-autofocus
          />
        </Group>
        {until < from ? (
          <Text size="sm" c="red">
            The last day is before the first.
          </Text>
        ) : preview.error ? (
          <Text size="sm" c="red">
            {preview.error.message}
          </Text>
        ) : (
          preview.data && (
            <>
              <Text size="sm" fw={600}>
                {effects.length === 0
                  ? `Nobody is booked on ${bed.code} in that time.`
                  : `${plural(effects.length, 'booking')} on ${bed.code} in that time:`}
              </Text>
              {effects.length > 0 && (
                <div className="outage-preview">
                  <Table striped withTableBorder verticalSpacing={4} data-testid="outage-preview">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Session</Table.Th>
                        <Table.Th>Patient</Table.Th>
                        <Table.Th>Moves to</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {effects.map((e) => (
                        <Table.Tr key={e.appointment.id}>
                          <Table.Td>
                            <Text size="sm">{sessionLine(e.appointment, format)}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">
                              {e.appointment.patientName} ({e.appointment.clinicNumber})
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            {e.suggestedBedCode ? (
                              <Text size="sm" fw={600}>
                                {e.suggestedBedCode}
                              </Text>
                            ) : (
                              <Text size="sm" c="orange.9">
                                No free bed: cancelled, to rebook
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </div>
              )}
              {effects.length > movable && (
                <Alert color="orange" p="xs">
                  {plural(effects.length - movable, 'booking')} cannot move to another bed in the same session. They are
                  cancelled and listed under “To decide” on the Board, to rebook.
                </Alert>
              )}
            </>
          )
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button type="submit" color="orange" loading={busy} disabled={until < from || !preview.data}>
            {effects.length === 0
              ? `Take ${bed.code} out of service`
              : `Take ${bed.code} out and move ${plural(effects.length, 'patient')}`}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
