/** Timing helpers: high-resolution clocks, percentiles, and a little warm-up so JIT and caches settle first. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]!
}

export const median = (samples: number[]) => percentile(samples, 50)

/** Times `fn` once per input, after running it on the first few inputs unmeasured. */
export async function timeEach<T>(inputs: T[], fn: (input: T) => unknown, warmup = 10): Promise<number[]> {
  for (const input of inputs.slice(0, warmup)) await fn(input)
  const out: number[] = []
  for (const input of inputs) {
    const t0 = nowMs()
    await fn(input)
    out.push(nowMs() - t0)
  }
  return out
}

/** Evenly spread picks from a list, deterministic. */
export function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items
  const step = items.length / count
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!)
}
