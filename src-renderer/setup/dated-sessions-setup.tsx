/**
 * Dated sessions are made from the weekly ones. The desk keeps them generated
 * weeks ahead on its own each day; this is for doing it now or for a range.
 */
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { DatePickerInput } from '@mantine/dates'
import { useState } from 'react'
import { addDays } from '../../src-shared/dates'
import type { GenerationResult } from '../../src-shared/model'
import { todayLocal, useFormat } from '../common/use-format'
import { useCenter, useDeskWrite } from '../data/desk-context'
import { describeGeneration } from '../standing/standing-words'

export function DatedSessionsSetup() {
  const center = useCenter()
  const format = useFormat()
  const write = useDeskWrite()
  const today = todayLocal()
  const [from, setFrom] = useState(today)
  const [to, setTo] = useState(addDays(today, center.weeksAhead * 7 - 1))
  const [last, setLast] = useState<GenerationResult | null>(null)
  // Generating also books the standing patients into the new sessions: say how many, and how many could not be.
  const describe = (r: GenerationResult) => describeGeneration(r, format)

  const generate = async () => {
    const r = await write('schedule.generate', { from, to }, { done: describe })
    if (r.ok) setLast(r.value)
  }
  const topUp = async () => {
    const r = await write('schedule.ensureHorizon', {}, { done: describe })
    if (r.ok) setLast(r.value)
  }
  return (
    <Stack gap="md" maw={760}>
      <Paper withBorder p="md">
        <Title order={3} size="h5">
          Generate sessions
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Creates the dated sessions of the chosen days from the weekly sessions and books the standing patients into
          them. Running it again creates nothing twice.
        </Text>
        <Group align="flex-end">
          <DatePickerInput
            label="From"
            value={from}
            onChange={(v) => v && setFrom(String(v).slice(0, 10))}
            valueFormat={format.pattern}
            minDate={today}
            w={150}
            allowDeselect={false}
          />
          <DatePickerInput
            label="To"
            value={to}
            onChange={(v) => v && setTo(String(v).slice(0, 10))}
            valueFormat={format.pattern}
            minDate={from}
            w={150}
            allowDeselect={false}
          />
          <Button onClick={() => void generate()}>Generate sessions</Button>
        </Group>
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5">
          Keep {center.weeksAhead} weeks ahead
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          The desk does this by itself when it starts and each day. Change the number of weeks under Center.
        </Text>
        <Button variant="light" onClick={() => void topUp()}>
          Top up now
        </Button>
      </Paper>
      {last && (
        <Text size="sm" data-testid="generation-result">
          {describe(last)}
        </Text>
      )}
    </Stack>
  )
}
