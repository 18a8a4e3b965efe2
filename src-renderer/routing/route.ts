/**
 * Where the desk is: a screen and a few parameters, kept in the address's
 * hash (#/board?date=2026-01-13). The hash, not the path, because Electron
 * loads the desk from a file whose path must not change.
 */
export const SCREENS = ['board', 'calendar', 'patients', 'reports', 'setup', 'audit', 'backups'] as const
export type Screen = (typeof SCREENS)[number]

export interface Route {
  screen: Screen
  params: Record<string, string>
}

export function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '')
  const [path = '', query = ''] = text.split('?', 2)
  const screen = (SCREENS as readonly string[]).includes(path) ? (path as Screen) : 'board'
  const params: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(query)) params[k] = v
  return { screen, params }
}

export function toHash(route: Route): string {
  const entries = Object.entries(route.params).filter(([, v]) => v !== '')
  const query = new URLSearchParams(entries).toString()
  return `#/${route.screen}${query ? `?${query}` : ''}`
}
