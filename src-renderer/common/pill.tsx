/**
 * A small label in Mantine's badge look, as a plain <span>: the board draws
 * hundreds of them, and each Mantine Badge costs a theme lookup and style
 * props on every draw. Colours come from the same theme variables.
 */
import type { ReactNode } from 'react'

export interface PillProps {
  color: string
  variant?: 'light' | 'filled' | 'outline'
  /** Sentence case rather than Mantine's capitals. */
  plain?: boolean
  title?: string
  children: ReactNode
  'data-mark'?: string
}

export function Pill({ color, variant = 'light', plain = false, title, children, ...rest }: PillProps) {
  return (
    <span
      className="pill"
      data-variant={variant}
      data-plain={plain || undefined}
      style={
        {
          '--pill-color': `var(--mantine-color-${color}-6)`,
          '--pill-light': `var(--mantine-color-${color}-light)`,
          '--pill-light-color': `var(--mantine-color-${color}-light-color)`,
        } as React.CSSProperties
      }
      title={title}
      {...rest}
    >
      {children}
    </span>
  )
}
