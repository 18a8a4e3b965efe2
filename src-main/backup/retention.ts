/**
 * Which automatic copies to keep: the newest copy of each of the last N days,
 * of each of the last N weeks (ISO weeks, Monday first) and of each of the
 * last N months that have copies, and always the newest copy of all. The
 * rules overlap (today's copy is also this week's and this month's), so by
 * default 7 + 4 + 12 rules keep at most 23 files, usually fewer.
 */
export interface Retention {
  daily: number
  weekly: number
  monthly: number
}

export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4, monthly: 12 }

export interface DatedCopy {
  name: string
  /** Local date of the copy, YYYY-MM-DD. */
  date: string
  /** Local time, HH:MM:SS: orders copies of one day. */
  time: string
}

export function copiesToKeep(copies: readonly DatedCopy[], r: Retention = DEFAULT_RETENTION): Set<string> {
  const newestFirst = [...copies].sort((a, b) => (b.date + b.time + b.name).localeCompare(a.date + a.time + a.name))
  const keep = new Set<string>()
  if (newestFirst[0]) keep.add(newestFirst[0].name)
  const rule = (limit: number, bucket: (c: DatedCopy) => string) => {
    const seen = new Set<string>()
    for (const c of newestFirst) {
      const b = bucket(c)
      if (seen.has(b)) continue
      if (seen.size >= limit) break
      seen.add(b)
      keep.add(c.name)
    }
  }
  rule(r.daily, (c) => c.date)
  rule(r.weekly, (c) => isoWeek(c.date))
  rule(r.monthly, (c) => c.date.slice(0, 7))
  return keep
}

/** The ISO week of a date, as 'YYYY-Www' (the year the week's Thursday falls in). */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const day = new Date(Date.UTC(y, m - 1, d))
  const weekday = (day.getUTCDay() + 6) % 7 // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}
