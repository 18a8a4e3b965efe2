/** The board's keys, one click (or Tab and Enter) away. */
import { Button, Kbd, Popover, Table, Text } from '@mantine/core'
import { memo } from 'react'
import { KeyboardIcon } from '../common/icons'

const KEYS: [string[], string][] = [
  [['/'], 'Search for a patient'],
  [['Tab'], 'Move between the date, the grid and the side panel'],
  [['↑', '↓', '←', '→'], 'Move between beds and sessions in the grid'],
  [['Enter'], 'Pick up the patient on a bed or in the side panel; with a patient picked up, put them here'],
  [['Space'], 'The same as Enter'],
  [['Esc'], 'Put the picked-up patient back where they were'],
  [['M'], 'Open the actions of a bed or session (check in, cancel, block…)'],
  [['Ctrl', 'Z'], 'Undo the last change'],
  [['PgUp', 'PgDn'], 'Previous or next day (outside text fields)'],
  [['T'], 'Back to today'],
]

/** Has no props: drawn once, not with every change of the board. */
export const KeyboardHelp = memo(function KeyboardHelp() {
  return (
    <Popover width={440} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button variant="subtle" size="compact-sm" leftSection={<KeyboardIcon size={16} />}>
          Keys
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label="Keyboard keys on the board">
        <Text size="sm" fw={700} mb={6}>
          Everything the mouse does, the keyboard does
        </Text>
        <Table withRowBorders={false} verticalSpacing={2}>
          <Table.Tbody>
            {KEYS.map(([keys, what]) => (
              <Table.Tr key={what}>
                <Table.Td className="keys-cell">
                  {keys.map((k) => (
                    <Kbd key={k} size="xs" mr={2}>
                      {k}
                    </Kbd>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{what}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  )
})
