/** Which roster a page shows: roster.html?date=2026-01-05[&session=12][&by=3]. */
export interface RosterParams {
  date: string
  scheduleSessionId?: number
  printedBy?: number
}

export function rosterParams(search: string): RosterParams | null {
  const q = new URLSearchParams(search)
  const date = q.get('date')
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined)
  const session = num(q.get('session'))
  const by = num(q.get('by'))
  return { date, ...(session !== undefined && { scheduleSessionId: session }), ...(by !== undefined && { printedBy: by }) }
}

export function rosterHref(p: RosterParams): string {
  const q = new URLSearchParams({ date: p.date })
  if (p.scheduleSessionId !== undefined) q.set('session', String(p.scheduleSessionId))
  if (p.printedBy !== undefined) q.set('by', String(p.printedBy))
  return `roster.html?${q.toString()}`
}
