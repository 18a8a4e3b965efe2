/**
 * A desk process restoring a backup, for the crash test: it opens the data
 * folder as the desk does, makes one more change that stays in the -wal (as a
 * desk's last booking would), then restores through the desk's restore with
 * its own connection handed over. It reports each step on stdout as it is
 * reached, and kills itself with SIGKILL at the step named in its arguments,
 * or at the first progress line that starts with the text after "progress:"
 * (in the middle of writing the safety copy, say).
 *
 *   node restore-child.mjs <data folder> <backup file> <last change (SQL)> [<step to die at> | progress:<line>]
 */
import fs from 'node:fs'
import { restoreDatabase } from '../../../src-main/backup/restore.js'
import { createCore, systemClock } from '../../../src-main/core/core.js'
import { openDataFolder } from '../../../src-main/db/open-database.js'

const [folder, file, lastChange, dieAt = ''] = process.argv.slice(2) as [string, string, string, string | undefined]
const say = (line: string) => fs.writeSync(1, `${line}\n`)
const dieAtProgress = dieAt.startsWith('progress:') ? dieAt.slice('progress:'.length) : null

const db = openDataFolder(folder)
db.pragma('wal_autocheckpoint = 0')
db.exec(lastChange)
const core = createCore(db, systemClock)
say('ready')
restoreDatabase({
  dataFolder: folder,
  file,
  appVersion: 'test',
  clock: systemClock,
  live: {
    release() {
      core.sql.db.pragma('wal_checkpoint(TRUNCATE)')
      core.sql.db.close()
    },
    adopt(d) {
      core.sql.replaceConnection(d)
    },
  },
  onStep(step) {
    say(`step:${step}`)
    if (step === dieAt) process.kill(process.pid, 'SIGKILL')
  },
  progress(line) {
    if (dieAtProgress !== null && line.startsWith(dieAtProgress)) {
      say(`progress:${line}`)
      process.kill(process.pid, 'SIGKILL')
    }
  },
})
core.sql.db.close()
say('finished')
