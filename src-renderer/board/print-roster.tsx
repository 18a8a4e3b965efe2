/**
 * The day's roster for the nurses' station, from the Board: the whole day or
 * one session, printed or saved as a PDF. In the desk app Print opens the
 * system's print dialog and Save as PDF a file dialog; in a browser both open
 * the roster in a new tab, whose print dialog offers "Save as PDF".
 */
import { ActionIcon, Button, Group, Modal, Radio, Stack, Text, Tooltip } from '@mantine/core'
import { memo, useState } from 'react'
import type { BoardSession } from '../../src-shared/model'
import { desk } from '../api/desk'
import { PrinterIcon } from '../common/icons'
import { useFormat } from '../common/use-format'
import { useDesk } from '../data/desk-context'
import { showDone, showRefusal } from '../data/notify'
import { rosterHref, type RosterParams } from '../roster/roster-params'

type Scope = 'day' | `${number}`

function sessionChoice(s: BoardSession): string {
  return `${s.startTime}–${s.endTime}${s.label ? ` · ${s.label}` : ''} only${s.status === 'cancelled' ? ' (cancelled)' : ''}`
}

/** Draws again when the day or its sessions change, not with every change of the board. */
export const PrintRosterButton = memo(function PrintRosterButton({
  date,
  sessions,
}: {
  date: string
  sessions: BoardSession[]
}) {
  const [opened, setOpened] = useState(false)
  return (
    <>
      <Tooltip label="Roster: print or save as PDF">
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label="Print or save the roster"
          aria-haspopup="dialog"
          onClick={() => setOpened(true)}
        >
          <PrinterIcon />
        </ActionIcon>
      </Tooltip>
      {opened && <RosterDialog date={date} sessions={sessions} onClose={() => setOpened(false)} />}
    </>
  )
})

function RosterDialog({ date, sessions, onClose }: { date: string; sessions: BoardSession[]; onClose: () => void }) {
  const format = useFormat()
  const { staffAtDesk } = useDesk()
  const [scope, setScope] = useState<Scope>('day')
  const [busy, setBusy] = useState<'print' | 'pdf' | null>(null)
  const session = scope === 'day' ? undefined : sessions.find((s) => String(s.id) === scope)
  const params: RosterParams = {
    date,
    ...(session ? { scheduleSessionId: session.id } : {}),
    ...(staffAtDesk ? { printedBy: staffAtDesk.id } : {}),
  }
  const inApp = Boolean(window.desk)

  const print = async () => {
    setBusy('print')
    const r = await desk.invoke('shell.printRoster', params)
    setBusy(null)
    if (!r.ok) return showRefusal(r.error, 'Not printed')
    if (r.value.printed) onClose()
  }
  const savePdf = async () => {
    setBusy('pdf')
    const r = await desk.invoke('shell.saveRosterPdf', params)
    setBusy(null)
    if (!r.ok) return showRefusal(r.error, 'Not saved')
    // Null: the file dialog was cancelled; the choice stays open.
    if (r.value.path) {
      showDone(`Roster saved as ${r.value.path}`)
      onClose()
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Roster of ${format.day(date)}`} centered>
      <Stack gap="sm">
        <Radio.Group label="Which roster" value={scope} onChange={(v) => setScope(v)} name="roster-scope">
          <Stack gap={6} mt={6}>
            <Radio
              value="day"
              label={`The whole day: ${sessions.length === 1 ? 'its session' : `all ${sessions.length} sessions, each on its own page`}`}
            />
            {sessions.map((s) => (
              <Radio key={s.id} value={String(s.id)} label={sessionChoice(s)} />
            ))}
          </Stack>
        </Radio.Group>
        {!inApp && (
          <Text size="xs" c="dimmed">
            The roster opens in a new tab. Its print dialog prints it, or saves it when you choose “Save as PDF” as the
            destination.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          {inApp ? (
            <>
              <Button
                variant="default"
                onClick={() => void savePdf()}
                loading={busy === 'pdf'}
                disabled={busy === 'print'}
              >
                Save as PDF…
              </Button>
              <Button
                leftSection={<PrinterIcon size={16} />}
                onClick={() => void print()}
                loading={busy === 'print'}
                disabled={busy === 'pdf'}
                data-autofocus
              >
                Print…
              </Button>
            </>
          ) : (
            <>
              <Button
                variant="default"
                component="a"
                href={rosterHref(params, { forPdf: true })}
                target="_blank"
                rel="noopener"
                onClick={onClose}
              >
                Save as PDF…
              </Button>
              <Button
                leftSection={<PrinterIcon size={16} />}
                component="a"
                href={rosterHref(params)}
                target="_blank"
                rel="noopener"
                onClick={onClose}
                data-autofocus
              >
                Print…
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Modal>
  )
}
