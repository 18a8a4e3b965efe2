/** The wall clock, refreshed every half minute: sessions end while the desk is open. */
import { useEffect, useState } from 'react'
import { localDateTime } from '../../src-shared/dates'

export function useNow(everyMs = 30_000): { date: string; time: string } {
  const [now, setNow] = useState(() => localDateTime(new Date()))
  useEffect(() => {
    const timer = setInterval(() => {
      const next = localDateTime(new Date())
      setNow((prev) => (prev.date === next.date && prev.time === next.time ? prev : next))
    }, everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
