/**
 * The desk's first decision: a clinic that is not set up yet gets the welcome
 * form; otherwise the desk itself, once it knows who is at it.
 */
import { Alert, Button, Center, Loader, Stack } from '@mantine/core'
import type { Center as CenterModel, SetupStatus } from '../src-shared/model'
import { DeskProvider } from './data/desk-context'
import { useDeskQuery } from './data/use-desk-query'
import { DeskShell } from './shell/desk-shell'
import { WelcomeScreen } from './shell/welcome-screen'

const isReady = (s: SetupStatus): s is SetupStatus & { center: CenterModel } => s.initialized && s.center !== null

export function App() {
  const status = useDeskQuery('setup.status', {}, { tables: ['centers', 'staff', 'beds'] })
  if (status.error) {
    return (
      <Center h="100vh">
        <Stack maw={480}>
          <Alert color="red" title="The desk is not answering">
            {status.error.message}
          </Alert>
          <Button onClick={status.reload}>Try again</Button>
        </Stack>
      </Center>
    )
  }
  if (!status.data) {
    return (
      <Center h="100vh">
        <Loader aria-label="Opening the desk" />
      </Center>
    )
  }
  if (!isReady(status.data)) return <WelcomeScreen onDone={status.reload} />
  return (
    <DeskProvider status={status.data}>
      <DeskShell />
    </DeskProvider>
  )
}
