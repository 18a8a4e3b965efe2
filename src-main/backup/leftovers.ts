/**
 * What a desk or a command killed in the middle of writing leaves behind: the
 * hidden partial files of a safety copy, an automatic copy, an export or the
 * backup settings (`.<name>.partial-<pid>-<random>`, see partialPath) in the
 * data folder or its backups folder, and staging folders in
 * <data>/backups/.staging. None of them is ever data anyone needs (a file takes
 * its real name only once it is whole), but they take room and confuse a person
 * looking in the folder. On desk start those of processes that are no longer
 * running are removed; those of a process still running (another desk, the
 * command line) are its own business.
 *
 * Only these two folders: a second folder (a USB drive, a share) may be written
 * by another computer, whose process numbers mean nothing here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { backupsFolder, partialOwner, processRunning } from './backup-paths.js'
import { removeAbandonedStaging } from './staging.js'

/** Removes the leftovers of dead processes; answers the files removed. */
export function removeLeftovers(dataFolder: string): string[] {
  const removed: string[] = []
  for (const folder of [dataFolder, backupsFolder(dataFolder)]) {
    let names: string[]
    try {
      names = fs.readdirSync(folder)
    } catch {
      continue
    }
    for (const name of names) {
      const pid = partialOwner(name)
      if (pid === null || pid === process.pid || processRunning(pid)) continue
      const file = path.join(folder, name)
      try {
        if (!fs.lstatSync(file).isFile()) continue
        fs.rmSync(file, { force: true })
        removed.push(file)
      } catch {
        // Gone already, or not ours to remove: it stays for the next start.
      }
    }
  }
  removeAbandonedStaging(backupsFolder(dataFolder))
  return removed
}
