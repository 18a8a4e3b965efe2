/**
 * The desk API over the browser host: fetch for calls (the launch-token
 * cookie rides along), server-sent events for changes.
 */
import type { DeskApi } from '../../src-shared/desk-api'
import type { DeskEvent } from '../../src-shared/events'

export function httpDesk(): DeskApi {
  const listeners = new Set<(e: DeskEvent) => void>()
  let source: EventSource | null = null
  const connect = () => {
    if (source) return
    source = new EventSource('/api/events')
    let opened = false
    source.onopen = () => {
      // After a lost connection (the host restarted, the PC slept) the screens may have missed changes.
      if (opened) for (const l of listeners) l({ kind: 'external-change' })
      opened = true
    }
    source.onmessage = (m) => {
      const event = JSON.parse(m.data as string) as DeskEvent
      for (const l of listeners) l(event)
    }
  }
  return {
    async invoke(method, input) {
      try {
        const res = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        })
        return (await res.json()) as Awaited<ReturnType<DeskApi['invoke']>>
      } catch {
        return {
          ok: false,
          error: { code: 'BUSY', message: 'The desk is not answering. Is it still running? Try again in a moment.' },
        }
      }
    },
    subscribe(kind, callback) {
      connect()
      const l = (e: DeskEvent) => {
        if (e.kind === kind) (callback as (e: DeskEvent) => void)(e)
      }
      listeners.add(l)
      return () => listeners.delete(l)
    },
  }
}
