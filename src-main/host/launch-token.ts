/** The per-launch secret of the browser host: only a page opened from the printed address carries it. */
import crypto from 'node:crypto'

export function newLaunchToken(): string {
  return crypto.randomBytes(24).toString('base64url')
}

export function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && crypto.timingSafeEqual(a, b)
}

export const TOKEN_COOKIE = 'desk_token'

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return undefined
}
