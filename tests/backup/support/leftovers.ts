/** What a killed process may leave in a data folder, as a person listing it would see it. */
import fs from 'node:fs'
import path from 'node:path'
import { partialOwner } from '../../../src-main/backup/backup-paths.js'
import { openDesk } from '../../../src-main/desk/desk.js'

const list = (folder: string) => (fs.existsSync(folder) ? fs.readdirSync(folder) : [])

/** Hidden partial files in <data> and <data>/backups, and staging folders in <data>/backups/.staging (paths relative to <data>). */
export function leftovers(dataFolder: string): string[] {
  const backups = path.join(dataFolder, 'backups')
  return [
    ...list(dataFolder).filter((n) => n.includes('.partial-')),
    ...list(backups)
      .filter((n) => n.includes('.partial-'))
      .map((n) => `backups/${n}`),
    ...list(path.join(backups, '.staging')).map((n) => `backups/.staging/${n}`),
  ].sort()
}

/** Opens and closes a desk on the folder, as the next start after a kill would (no automatic copy). */
export function startDesk(dataFolder: string): void {
  openDesk({ dataFolder, log: () => {}, backups: { automatic: false } }).close()
}

export { partialOwner }
