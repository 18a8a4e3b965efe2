/**
 * The day's roster for the nurses' station. In the desk app the system's
 * print dialog opens; in a browser the roster page opens in a new tab, to be
 * printed from there.
 */
import { ActionIcon, Tooltip } from '@mantine/core'
import { PrinterIcon } from '../common/icons'
import { desk } from '../api/desk'
import { useDesk } from '../data/desk-context'
import { showRefusal } from '../data/notify'
import { rosterHref } from '../roster/roster-params'

export function PrintRosterButton({ date }: { date: string }) {
  const { staffAtDesk } = useDesk()
  const params = { date, ...(staffAtDesk ? { printedBy: staffAtDesk.id } : {}) }
  if (window.desk) {
    return (
      <Tooltip label="Print the day's roster">
        <ActionIcon
          variant="subtle"
          size="lg"
          aria-label="Print the day's roster"
          onClick={() =>
            void desk.invoke('shell.printRoster', params).then((r) => {
              if (!r.ok) showRefusal(r.error, 'Not printed')
            })
          }
        >
          <PrinterIcon />
        </ActionIcon>
      </Tooltip>
    )
  }
  return (
    <Tooltip label="Print the day's roster (opens in a new tab)">
      <ActionIcon variant="subtle" size="lg" component="a" href={rosterHref(params)} target="_blank" rel="noopener" aria-label="Print the day's roster">
        <PrinterIcon />
      </ActionIcon>
    </Tooltip>
  )
}
