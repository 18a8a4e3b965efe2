/** The desk's look: Mantine's defaults with the bundled Noto fonts, so Sinhala and Tamil names render everywhere. */
import { createTheme } from '@mantine/core'

export const DESK_FONT = "'Noto Sans', 'Noto Sans Sinhala', 'Noto Sans Tamil', sans-serif"

export const theme = createTheme({
  fontFamily: DESK_FONT,
  headings: { fontFamily: DESK_FONT },
  primaryColor: 'teal',
  defaultRadius: 'sm',
})
