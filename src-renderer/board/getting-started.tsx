/**
 * What a new clinic does next, in order, until the board has something to
 * show: beds, weekly sessions, dated sessions, patients.
 */
import { Anchor, Button, Group, List, Paper, Text, ThemeIcon, Title } from '@mantine/core'
import { addDays } from '../../src-shared/dates'
import { todayLocal, useFormat } from '../common/use-format'
import { useCenter, useDeskWrite } from '../data/desk-context'
import { useDeskQuery } from '../data/use-desk-query'
import { describeGeneration } from '../standing/standing-words'

export interface SetupProgress {
  beds: boolean
  templates: boolean
  sessions: boolean
  patients: boolean
  loaded: boolean
}

export function useSetupProgress(): SetupProgress {
  const center = useCenter()
  const today = todayLocal()
  const beds = useDeskQuery('bed.list', {}, { tables: ['beds'] })
  const templates = useDeskQuery('template.list', {}, { tables: ['sessions'] })
  const sessions = useDeskQuery(
    'schedule.range',
    { from: today, to: addDays(today, center.weeksAhead * 7) },
    { tables: ['schedule_sessions'] },
  )
  const patients = useDeskQuery('patient.search', { query: '', limit: 1 }, { tables: ['patients'] })
  return {
    beds: (beds.data?.length ?? 0) > 0,
    templates: (templates.data?.length ?? 0) > 0,
    sessions: (sessions.data?.length ?? 0) > 0,
    patients: (patients.data?.length ?? 0) > 0,
    loaded: [beds, templates, sessions, patients].every((q) => q.data !== undefined),
  }
}

function Step({ done, children }: { done: boolean; children: React.ReactNode }) {
  return (
    <List.Item
      icon={
        <ThemeIcon
          size={20}
          radius="xl"
          color={done ? 'teal' : 'gray'}
          variant={done ? 'filled' : 'light'}
          aria-label={done ? 'done' : 'to do'}
        >
          <Text size="xs" fw={700}>
            {done ? '✓' : '•'}
          </Text>
        </ThemeIcon>
      }
    >
      {children}
    </List.Item>
  )
}

export function GettingStarted({ progress }: { progress: SetupProgress }) {
  const write = useDeskWrite()
  const format = useFormat()
  const generate = () => void write('schedule.ensureHorizon', {}, { done: (r) => describeGeneration(r, format) })
  return (
    <Paper withBorder p="md" radius="md" className="getting-started" aria-labelledby="getting-started-title">
      <Title order={2} size="h5" id="getting-started-title">
        Getting the clinic ready
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Four steps, once. The board fills in as you go.
      </Text>
      <List spacing={6} size="sm">
        <Step done={progress.beds}>
          <Anchor href="#/setup?tab=beds">Add the beds</Anchor>, marking the isolation beds for hepatitis B positive
          patients.
        </Step>
        <Step done={progress.templates}>
          <Anchor href="#/setup?tab=sessions">Add the weekly sessions</Anchor>: weekday, start and end, places, doctor.
        </Step>
        <Step done={progress.sessions}>
          <Group gap="xs" component="span">
            Generate the dated sessions from the weekly ones.
            {progress.templates && !progress.sessions && (
              <Button size="compact-xs" onClick={generate}>
                Generate now
              </Button>
            )}
          </Group>
        </Step>
        <Step done={progress.patients}>
          <Anchor href="#/patients?new=1">Register patients</Anchor>, then drag them onto a bed here.
        </Step>
      </List>
    </Paper>
  )
}
