/** The center's name and settings: date format, isolation rule, paper, how far ahead sessions exist. */
import {
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { Center } from '../../src-shared/model'
import { DATE_FORMAT_OPTIONS, ISOLATION_OPTIONS, PAPER_OPTIONS } from '../common/options'
import { useCenter, useDeskWrite } from '../data/desk-context'
import { fieldErrors, type FieldErrors } from '../data/field-errors'

type Values = Pick<
  Center,
  'name' | 'dateFormat' | 'isolationRule' | 'paperSize' | 'weeksAhead' | 'turnoverMinutes' | 'maxGapDays'
>

export function CenterSettings() {
  const center = useCenter()
  // Remount when the center changes elsewhere, so the form shows what is saved.
  return <CenterForm key={JSON.stringify(center)} center={center} />
}

function CenterForm({ center }: { center: Center }) {
  const write = useDeskWrite()
  // Only the settings the form edits: the desk refuses fields center.update does not name (id, totalCapacity).
  const [v, setV] = useState<Values>(() => ({
    name: center.name,
    dateFormat: center.dateFormat,
    isolationRule: center.isolationRule,
    paperSize: center.paperSize,
    weeksAhead: center.weeksAhead,
    turnoverMinutes: center.turnoverMinutes,
    maxGapDays: center.maxGapDays,
  }))
  const [errors, setErrors] = useState<FieldErrors>({})
  const set = <K extends keyof Values>(k: K, value: Values[K]) => setV((old) => ({ ...old, [k]: value }))
  const submit = async (e: FormEvent) => {
    e.preventDefault()
    const r = await write('center.update', v, { done: 'The center settings are saved.' })
    setErrors(r.ok ? {} : fieldErrors(r.error))
  }
  return (
    <Paper withBorder p="md" maw={760} component="form" onSubmit={submit} aria-label="Center settings">
      <Stack gap="sm">
        <TextInput
          label="Clinic name"
          value={v.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={errors.name}
          required
        />
        <SimpleGrid cols={2}>
          <Select
            label="Date format"
            description="How dates are shown and printed"
            data={DATE_FORMAT_OPTIONS}
            value={v.dateFormat}
            onChange={(x) => x && set('dateFormat', x)}
            allowDeselect={false}
          />
          <Select
            label="Paper size"
            description="For the printed daily roster"
            data={PAPER_OPTIONS}
            value={v.paperSize}
            onChange={(x) => x && set('paperSize', x)}
            allowDeselect={false}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500}>
            Hepatitis B isolation
          </Text>
          <Text size="xs" c="dimmed" mb={4}>
            When a positive patient is put on a normal bed, or anyone else on an isolation bed, the desk should…
          </Text>
          <SegmentedControl
            data={ISOLATION_OPTIONS}
            value={v.isolationRule}
            onChange={(x) => set('isolationRule', x)}
            aria-label="Hepatitis B isolation rule"
          />
        </div>
        <SimpleGrid cols={3}>
          <NumberInput
            label="Weeks of dated sessions ahead"
            description="Kept topped up every day"
            min={1}
            max={52}
            value={v.weeksAhead}
            onChange={(x) => set('weeksAhead', Number(x) || 1)}
            error={errors.weeksAhead}
          />
          <NumberInput
            label="Cleaning time between sessions"
            description="Minutes"
            min={0}
            max={240}
            value={v.turnoverMinutes}
            onChange={(x) => set('turnoverMinutes', Number(x) || 0)}
            error={errors.turnoverMinutes}
          />
          <NumberInput
            label="Longest gap between treatments"
            description="Days, before the desk warns"
            min={1}
            max={14}
            value={v.maxGapDays}
            onChange={(x) => set('maxGapDays', Number(x) || 1)}
            error={errors.maxGapDays}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit">Save settings</Button>
        </Group>
      </Stack>
    </Paper>
  )
}
