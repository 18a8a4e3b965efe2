/**
 * Staging folders for checking backups: <data>/backups/.staging/<pid>-<purpose>-<n>.
 * On the same disk as the database, so a staged copy can be renamed over it.
 * A folder left by a process that died (a crash, a kill mid-restore) is
 * removed the next time one is made, and when a desk starts (leftovers.ts).
 */
import fs from 'node:fs'
import path from 'node:path'
import { processRunning } from './backup-paths.js'

let counter = 0

export function makeStagingFolder(backupsFolder: string, purpose: string): string {
  const root = path.join(backupsFolder, '.staging')
  fs.mkdirSync(root, { recursive: true })
  removeAbandoned(root)
  const folder = path.join(root, `${process.pid}-${purpose}-${Date.now()}-${++counter}`)
  fs.mkdirSync(folder)
  return folder
}

/** Removes the staging folders of processes that are no longer running (on desk start). */
export function removeAbandonedStaging(backupsFolder: string): void {
  const root = path.join(backupsFolder, '.staging')
  if (fs.existsSync(root)) removeAbandoned(root)
}

function removeAbandoned(root: string): void {
  for (const name of fs.readdirSync(root)) {
    const pid = Number(name.split('-')[0])
    if (!Number.isInteger(pid) || pid === process.pid || processRunning(pid)) continue
    fs.rmSync(path.join(root, name), { recursive: true, force: true })
  }
}
