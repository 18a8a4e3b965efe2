/**
 * The hidden partial files a process killed in the middle of writing leaves
 * behind (a safety copy during a restore, an automatic copy, an export into the
 * data folder), and its staging folder: each is really left by a real SIGKILL,
 * and each is gone once the next desk has started. A partial file of a process
 * that is still running (another desk, the command line) is left alone, as are
 * the desk's own.
 */
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { systemClock } from '../../src-main/core/core.js'
import { tempFolder } from '../support/clinic.js'
import { bundleScript } from './support/bundle.js'
import { demoClinic, removeFolder } from './support/clinics.js'
import { leftovers, partialOwner, startDesk } from './support/leftovers.js'

let restoreChild: { file: string; remove(): void }
let writeChild: { file: string; remove(): void }
let out: string
let backup: string

beforeAll(async () => {
  restoreChild = await bundleScript(path.resolve(import.meta.dirname, 'support/restore-child.ts'))
  writeChild = await bundleScript(path.resolve(import.meta.dirname, 'support/write-child.ts'))
  out = tempFolder('desk-leftovers-')
  const other = demoClinic({ seed: 2 })
  const db = openForExport(other)
  backup = path.join(out, 'other-clinic.sqlite')
  exportBackup(db, backup, { dataFolder: other, appVersion: 'test', clock: systemClock })
  db.close()
  removeFolder(other)
})
afterAll(() => {
  restoreChild?.remove()
  writeChild?.remove()
  if (out) removeFolder(out)
})

function killedAt(script: string, args: string[]): void {
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' })
  expect(r.signal, r.stderr).toBe('SIGKILL')
}

describe('partial files of a process killed mid-write', () => {
  it('are left by a safety copy, an automatic copy and an export, and removed when the next desk starts', () => {
    const folder = demoClinic({ seed: 1 })
    try {
      killedAt(restoreChild.file, [folder, backup, 'SELECT 1', 'progress:Computing its SHA-256 checksum'])
      killedAt(writeChild.file, [
        'automatic',
        folder,
        path.join(folder, 'backups', 'auto-2026-01-05-070000.sqlite'),
        'Checking the copy',
      ])
      killedAt(writeChild.file, ['export', folder, path.join(folder, 'clinic-export.sqlite'), 'Checking the copy'])

      const left = leftovers(folder)
      expect(left.filter((n) => /^backups\/\.before-restore-.*\.sqlite\.partial-\d+-/.test(n))).toHaveLength(1)
      expect(left.filter((n) => /^backups\/\.auto-2026-01-05-070000\.sqlite\.partial-\d+-/.test(n))).toHaveLength(1)
      expect(left.filter((n) => /^\.\.clinic-export\.sqlite\.partial-\d+-\w+\.partial-\d+-/.test(n))).toHaveLength(1)
      expect(left.filter((n) => /^backups\/\.staging\/\d+-restore-/.test(n))).toHaveLength(1)
      expect(left).toHaveLength(4)

      startDesk(folder)
      expect(leftovers(folder)).toEqual([])
      // Nothing else went: the database and the folder as a person sees it.
      expect(
        fs
          .readdirSync(folder)
          .filter((n) => !n.startsWith('.'))
          .sort(),
      ).toEqual(['backups', 'desk.sqlite'])
    } finally {
      removeFolder(folder)
    }
  })

  it('of a process still running are left alone, and so are the desk’s own', () => {
    const folder = demoClinic({ seed: 1 })
    const running = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    try {
      const backups = path.join(folder, 'backups')
      fs.mkdirSync(backups, { recursive: true })
      const theirs = path.join(backups, `.auto-2026-01-05-070000.sqlite.partial-${running.pid}-abc123`)
      const mine = path.join(folder, `.backup-settings.json.partial-${process.pid}-def456`)
      const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)'])
      const gone = path.join(folder, `.backup-settings.json.partial-${dead.pid}-ghi789`)
      for (const f of [theirs, mine, gone]) fs.writeFileSync(f, 'half a file')
      expect(partialOwner(path.basename(theirs))).toBe(running.pid)

      startDesk(folder)
      expect(fs.existsSync(theirs)).toBe(true)
      expect(fs.existsSync(mine)).toBe(true)
      expect(fs.existsSync(gone)).toBe(false)
    } finally {
      running.kill('SIGKILL')
      removeFolder(folder)
    }
  })
})
