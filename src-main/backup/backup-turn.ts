/**
 * One backup at a time. An export and the daily or on-request copy await
 * their checks with the desk answering meanwhile, so a second could be asked
 * for before the first is done: it is refused (BUSY), not queued, since the
 * person who asked can simply ask again in a moment and a queue would make a
 * backup of a later state than the one they were told about. The daily timer
 * skips its turn instead and looks again later.
 *
 * The closing backup takes no turn: it is made inside the synchronous close(),
 * where nothing else runs, and must not be skipped (the desk is quitting).
 */
import { DeskError } from '../core/desk-error.js'

export class BackupTurn {
  private current: string | null = null

  get busy(): boolean {
    return this.current !== null
  }

  /** Makes the backup `what` (for the refusal: "a backup to a file") unless another one is being made. */
  async take<T>(what: string, make: () => Promise<T>): Promise<T> {
    if (this.current !== null) {
      throw new DeskError(
        'BUSY',
        `The desk is already making a backup (${this.current}); try again in a moment, when it has finished.`,
      )
    }
    this.current = what
    try {
      return await make()
    } finally {
      this.current = null
    }
  }
}
