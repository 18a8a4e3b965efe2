/**
 * Which roster a page shows: roster.html?date=2026-01-05[&session=12][&by=3],
 * and with &to=pdf when it was opened to be saved as a PDF (the browser host).
 */
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
  return {
    date,
    ...(session !== undefined && { scheduleSessionId: session }),
    ...(by !== undefined && { printedBy: by }),
  }
}

/** Whether the page was opened to save a PDF rather than to print: only its toolbar's words differ. */
export function rosterForPdf(search: string): boolean {
  return new URLSearchParams(search).get('to') === 'pdf'
}

export function rosterHref(p: RosterParams, options: { forPdf?: boolean } = {}): string {
  const q = new URLSearchParams({ date: p.date })
  if (p.scheduleSessionId !== undefined) q.set('session', String(p.scheduleSessionId))
  if (p.printedBy !== undefined) q.set('by', String(p.printedBy))
  if (options.forPdf) q.set('to', 'pdf')
  return `roster.html?${q.toString()}`
}
