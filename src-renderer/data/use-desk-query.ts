/**
 * Reading from the desk: runs a read method and runs it again whenever the
 * desk announces a change that touches it, so a booking made at another desk
 * or by a script shows here without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract/index'
import type { DeskErrorShape } from '../../src-shared/errors'
import { desk } from '../api/desk'
import { eventTouches, type Watch } from './event-match'
import { keepEqual } from './keep-equal'

export interface DeskQuery<T> {
  /** The latest answer for the current input; undefined until the first one arrives. */
  data: T | undefined
  error: DeskErrorShape | null
  loading: boolean
  reload: () => void
  /**
   * Shows the data as a change the desk has just answered left it, before it is
   * read again (the read that follows the change's event replaces it).
   */
  mutate: (update: (data: T) => T) => void
}

interface Answer<T> {
  key: string
  data: T | undefined
  error: DeskErrorShape | null
}

/** `input` null means "not yet": nothing is read. */
export function useDeskQuery<M extends MethodName>(
  method: M,
  input: InputOf<M> | null,
  watch: Watch,
): DeskQuery<OutputOf<M>> {
  const key = input === null ? '' : `${method} ${JSON.stringify(input)}`
  const [answer, setAnswer] = useState<Answer<OutputOf<M>>>({ key: '', data: undefined, error: null })
  const inputRef = useRef(input)
  inputRef.current = input
  const watchRef = useRef(watch)
  watchRef.current = watch
  // Answers can arrive out of order when changes come quickly; only the newest request may land.
  const sequence = useRef(0)

  const run = useCallback(() => {
    const current = inputRef.current
    if (current === null) return
    const mine = ++sequence.current
    void desk.invoke(method, current).then((result) => {
      if (mine !== sequence.current) return
      setAnswer((prev) => {
        if (!result.ok) return { key, data: undefined, error: result.error }
        // What did not change keeps its identity: memoised parts draw again only where something did.
        const data = prev.key === key ? keepEqual(prev.data, result.value) : result.value
        return prev.key === key && prev.error === null && data === prev.data ? prev : { key, data, error: null }
      })
    })
  }, [method, key])

  const mutate = useCallback(
    (update: (data: OutputOf<M>) => OutputOf<M>) =>
      setAnswer((prev) =>
        prev.key === key && prev.data !== undefined ? { ...prev, data: keepEqual(prev.data, update(prev.data)) } : prev,
      ),
    [key],
  )

  useEffect(() => {
    run()
    const onEvent = (event: Parameters<typeof eventTouches>[0]) => {
      if (eventTouches(event, watchRef.current)) run()
    }
    const offs = [
      desk.subscribe('change', onEvent),
      desk.subscribe('external-change', onEvent),
      desk.subscribe('reload', onEvent),
    ]
    return () => {
      for (const off of offs) off()
    }
  }, [run])

  const current = answer.key === key
  return {
    data: current ? answer.data : undefined,
    error: current ? answer.error : null,
    loading: input !== null && !current,
    reload: run,
    mutate,
  }
}
