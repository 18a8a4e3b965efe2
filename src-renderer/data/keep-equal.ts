/**
 * `next` with every part that equals the same part of `prev` replaced by
 * prev's own object, for plain JSON data (what the desk answers). After a
 * re-read only what changed has a new identity, so memoised parts of a screen
 * draw again only where something changed; when nothing did, `prev` itself comes back.
 */
export function keepEqual<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length
    const out = next.map((value: unknown, i) => {
      const kept = keepEqual(prev[i], value)
      if (kept !== prev[i]) same = false
      return kept
    })
    return (same ? prev : out) as T
  }
  if (isPlainObject(prev) && isPlainObject(next)) {
    const keys = Object.keys(next)
    let same = keys.length === Object.keys(prev).length
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const kept = keepEqual(prev[key], next[key])
      if (kept !== prev[key] || !(key in prev)) same = false
      out[key] = kept
    }
    return (same ? prev : out) as T
  }
  return next
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype
}
