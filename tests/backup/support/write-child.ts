/**
 * A process writing a backup that is killed with SIGKILL in the middle of it,
 * for the leftovers test: an automatic copy into <data>/backups, or an export
 * to a file, from the desk database in the data folder. It kills itself at the
 * first progress line that starts with the given text (the copy is then
 * written under its hidden partial name, not yet checked nor renamed).
 *
 *   node write-child.mjs automatic|export <data folder> <target file> <progress line to die at>
 */
import { exportBackup } from '../../../src-main/backup/export.js'
import { writeSnapshot } from '../../../src-main/backup/snapshot.js'
import { systemClock } from '../../../src-main/core/core.js'
import { openDataFolder } from '../../../src-main/db/open-database.js'

const [kind, folder, target, dieAt] = process.argv.slice(2) as ['automatic' | 'export', string, string, string]
const progress = (line: string) => {
  if (line.startsWith(dieAt)) process.kill(process.pid, 'SIGKILL')
}
const db = openDataFolder(folder)
if (kind === 'export')
  exportBackup(db, target, { dataFolder: folder, appVersion: 'test', clock: systemClock, progress })
else writeSnapshot(db, target, { appVersion: 'test', clock: systemClock, source: 'automatic', progress })
db.close()
