/**
 * What `npm run bench` reports: each figure beside the raw SQLite operation
 * that does the same work, measured in the same run (the physical limit on this
 * machine), and their ratio. `--json <file>` writes
 * {"metrics":[{"name","value","unit","baseline","ratio","target"}]}.
 */
export interface Metric {
  name: string
  value: number
  unit: string
  baseline: number
  /** value / baseline */
  ratio: number
  /** The target in words, e.g. "ratio <= 2" or "<= 2 ms, ratio <= 3". */
  target: string
}

export interface Target {
  maxValue?: number
  maxRatio?: number
}

export function metric(
  name: string,
  value: number,
  unit: string,
  baseline: number,
  target: Target,
): Metric & { met: boolean } {
  const ratio = baseline > 0 ? value / baseline : Number.NaN
  const words = [
    target.maxValue !== undefined ? `<= ${target.maxValue} ${unit}` : null,
    target.maxRatio !== undefined ? `ratio <= ${target.maxRatio}` : null,
  ]
    .filter(Boolean)
    .join(', ')
  const met =
    (target.maxValue === undefined || value <= target.maxValue) &&
    (target.maxRatio === undefined || ratio <= target.maxRatio)
  return { name, value: round(value), unit, baseline: round(baseline), ratio: round(ratio), target: words, met }
}

const round = (n: number) => (Number.isFinite(n) ? Math.round(n * 1000) / 1000 : n)

export function table(metrics: (Metric & { met: boolean })[]): string {
  const rows = [
    ['name', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'],
    ...metrics.map((m) => [
      m.name,
      String(m.value),
      m.unit,
      String(m.baseline),
      String(m.ratio),
      m.target,
      m.met ? 'yes' : 'NO',
    ]),
  ]
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n')
}
