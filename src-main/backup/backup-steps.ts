/**
 * Backup work written once, waited for in two ways.
 *
 * A backup is a few quick steps on the calling thread (the copy, the record,
 * the checksum line, the rename) around long waits (SQLite's checks and the
 * hash on worker threads, a copy to a USB drive). The closing backup runs
 * inside the desk's synchronous close() as Electron quits, and the command
 * line has nothing else to do: they block while they wait. An export or a
 * daily copy made while the desk is open must leave its event loop free, so
 * that the board and the other tabs keep being answered: they await.
 *
 * So the work is a generator that yields each thing it waits for (a Wait,
 * which knows both ways of being waited for) and is driven to its end either
 * by runBlocking or by runSettled. The logic, its order and its error
 * handling exist once; a failure while waiting is thrown back into the
 * generator at its `yield`, where its own try/catch/finally handle it.
 */

/** Something a backup waits for, which can be waited for in both ways. */
export interface Wait<T> {
  /** Does it, blocking the calling thread until it is done. */
  blocking(): T
  /** Does it, leaving the event loop free meanwhile. */
  settled(): Promise<T>
}

/** Backup work that waits for Waits on its way to an R. */
export type Steps<R> = Generator<Wait<unknown>, R, unknown>

/** Inside Steps: `const x = yield* step(wait)` waits for one Wait, in whichever way the work is driven. */
export function* step<T>(wait: Wait<T>): Steps<T> {
  // The drivers hand back exactly what this Wait answered.
  return (yield wait) as T
}

/** Drives the work to its end, blocking on each Wait. */
export function runBlocking<R>(steps: Steps<R>): R {
  let next = steps.next()
  while (!next.done) {
    let answer: unknown
    try {
      answer = next.value.blocking()
    } catch (e) {
      next = steps.throw(e)
      continue
    }
    next = steps.next(answer)
  }
  return next.value
}

/**
 * Drives the work to its end, awaiting each Wait. Everything up to the first
 * Wait (for a snapshot: the copy, one consistent step) runs before this returns.
 */
export async function runSettled<R>(steps: Steps<R>): Promise<R> {
  let next = steps.next()
  while (!next.done) {
    let answer: unknown
    try {
      answer = await next.value.settled()
    } catch (e) {
      next = steps.throw(e)
      continue
    }
    next = steps.next(answer)
  }
  return next.value
}
