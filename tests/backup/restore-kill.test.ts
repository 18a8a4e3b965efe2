/**
 * A restore killed with SIGKILL: a child process (a desk with its connection
 * open and a last change still in the -wal) restores a backup of another
 * clinic and is killed at every step in turn, then at random moments. After
 * every kill the database opens as the next desk would open it, passes
 * integrity_check and foreign_key_check, and is exactly the old database or
 * exactly the new one (compared by the content checksum of every table):
 * never a mixture, never empty; and once the next desk has started, no
 * partial file and no staging folder is left in <data> or <data>/backups.
 *
 * 11 step kills, one in the middle of writing the safety copy, plus 25 random
 * ones by default; BACKUP_KILLS sets the random count.
 */
import Database from 'better-sqlite3'
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBackupInfo } from '../../src-main/backup/backup-info.js'
import { contentHash } from '../../src-main/backup/content-hash.js'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import type { RestoreStep } from '../../src-main/backup/restore.js'
import { systemClock } from '../../src-main/core/core.js'
import { databasePath, openDatabaseFile } from '../../src-main/db/open-database.js'
import { tempFolder } from '../support/clinic.js'
import { bundleScript } from './support/bundle.js'
import { demoClinic, removeFolder } from './support/clinics.js'
import { leftovers, startDesk } from './support/leftovers.js'

const RANDOM_KILLS = Number(process.env.BACKUP_KILLS ?? 25)
const STEPS: RestoreStep[] = [
  'checking',
  'checked',
  'released',
  'held',
  'safety-copy',
  'previous-kept',
  'hold-released',
  'swapping',
  'swapped',
  'reopened',
  'done',
]
const LAST_CHANGE = "UPDATE doctors SET phone = '011 269 9999' WHERE id = 1"

let child: { file: string; remove(): void }
let dir: string
let backup: string
let oldContent: string
let newContent: string

beforeAll(async () => {
  child = await bundleScript(path.resolve(import.meta.dirname, 'support/restore-child.ts'))
  dir = tempFolder('desk-restore-kill-')
  // The backup: another clinic (another seed), so old and new differ everywhere.
  const other = demoClinic({ seed: 2 })
  const db = openForExport(other)
  backup = path.join(dir, 'other-clinic.sqlite')
  exportBackup(db, backup, { dataFolder: other, appVersion: 'test', clock: systemClock })
  db.close()
  removeFolder(other)
  const b = new Database(backup, { readonly: true })
  const record = readBackupInfo(b)
  // The rows the backup holds (its record left out, as a restore drops it).
  newContent = contentHash(b).sha256
  b.close()
  if (record.kind !== 'present') throw new Error('no backup record')

  // The old database as the child leaves it once its last change is in.
  const old = demoClinic({ seed: 1 })
  const o = new Database(databasePath(old))
  o.exec(LAST_CHANGE)
  oldContent = contentHash(o).sha256
  o.close()
  removeFolder(old)
  expect(oldContent).not.toBe(newContent)
})

afterAll(() => {
  child?.remove()
  if (dir) removeFolder(dir)
})

interface Run {
  exit: { code: number | null; signal: NodeJS.Signals | null }
  steps: string[]
  stderr: string
  /** From the child's 'ready' (when the kill timer starts) to its exit. */
  restoreMs: number
}

function runChild(
  folder: string,
  dieAt: RestoreStep | `progress:${string}` | '',
  killAfterMs: number | null,
): Promise<Run> {
  const proc: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [child.file, folder, backup, LAST_CHANGE, dieAt],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  )
  const run: Run = { exit: { code: null, signal: null }, steps: [], stderr: '', restoreMs: 0 }
  let readyAt = 0
  let buffered = ''
  proc.stdout.setEncoding('utf8')
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines) {
      if (line === 'ready') readyAt = Date.now()
      if (line === 'ready' && killAfterMs !== null) setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
      if (line.startsWith('step:')) run.steps.push(line.slice(5))
    }
  })
  proc.stderr.setEncoding('utf8')
  proc.stderr.on('data', (c: string) => (run.stderr += c))
  return new Promise((resolve) =>
    proc.on('exit', (code, signal) => {
      run.exit = { code, signal }
      run.restoreMs = readyAt ? Date.now() - readyAt : 0
      resolve(run)
    }),
  )
}

/** Partial files and staging folders seen after a kill, before the next desk started (the check below must have had something to remove). */
const leftBehind: string[] = []

/**
 * The database as the next desk start finds it: opens, is sound, and is wholly
 * old or wholly new; and once that desk has started, nothing half-written is
 * left in the data folder or its backups folder.
 */
function outcome(folder: string): 'old' | 'new' {
  const db = openDatabaseFile(databasePath(folder))
  let result: 'old' | 'new'
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect((db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBeGreaterThan(0)
    const content = contentHash(db).sha256
    expect([oldContent, newContent]).toContain(content)
    result = content === oldContent ? 'old' : 'new'
  } finally {
    db.close()
  }
  leftBehind.push(...leftovers(folder))
  startDesk(folder)
  expect(leftovers(folder)).toEqual([])
  return result
}

describe('a restore killed with SIGKILL leaves the old database or the new one, whole', () => {
  const seen = { old: 0, new: 0 }
  let duration = 150

  it('runs to the end when left alone (and measures how long that takes)', async () => {
    const folder = demoClinic({ seed: 1 })
    try {
      const run = await runChild(folder, '', null)
      expect(run.stderr).toBe('')
      expect(run.exit.code).toBe(0)
      expect(run.steps).toEqual(STEPS)
      // The random kills land within the restore itself (timed from 'ready', when their timer starts).
      duration = Math.max(20, run.restoreMs)
      expect(outcome(folder)).toBe('new')
    } finally {
      removeFolder(folder)
    }
  })

  for (const step of STEPS) {
    it(`killed at step "${step}"`, async () => {
      const folder = demoClinic({ seed: 1 })
      try {
        const run = await runChild(folder, step, null)
        expect(run.exit.signal, run.stderr).toBe('SIGKILL')
        expect(run.steps.at(-1)).toBe(step)
        const result = outcome(folder)
        seen[result]++
        // Before the rename the old database stands; from the rename on, the new one.
        expect(result).toBe(STEPS.indexOf(step) >= STEPS.indexOf('swapped') ? 'new' : 'old')
      } finally {
        removeFolder(folder)
      }
    })
  }

  it('killed in the middle of writing the safety copy', async () => {
    const folder = demoClinic({ seed: 1 })
    try {
      const before = leftBehind.length
      const run = await runChild(folder, 'progress:Computing its SHA-256 checksum', null)
      expect(run.exit.signal, run.stderr).toBe('SIGKILL')
      expect(run.steps.at(-1)).toBe('safety-copy')
      expect(outcome(folder)).toBe('old')
      // The half-written safety copy was there until the desk started.
      expect(
        leftBehind.slice(before).filter((n) => /^backups\/\.before-restore-.*\.partial-\d+-/.test(n)),
      ).toHaveLength(1)
    } finally {
      removeFolder(folder)
    }
  })

  it(`killed at ${RANDOM_KILLS} random moments`, async () => {
    const next = (() => {
      let a = 12345
      return () => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 2 ** 32
    })()
    const reached: string[] = []
    for (let i = 0; i < RANDOM_KILLS; i++) {
      const folder = demoClinic({ seed: 1 })
      try {
        const run = await runChild(folder, '', Math.floor(next() * duration))
        reached.push(run.steps.at(-1) ?? 'start')
        seen[outcome(folder)]++
      } finally {
        removeFolder(folder)
      }
    }
    // The kills landed at different points of the restore, not all before or after it.
    expect(new Set(reached).size).toBeGreaterThan(2)
    expect(seen.old).toBeGreaterThan(0)
    expect(seen.new).toBeGreaterThan(0)
  }, 300_000)

  it('leaves nothing half-written once the next desk has started (checked after every kill above)', () => {
    // The kills did leave staged copies and partial files: the check after each had something to find.
    expect(leftBehind.some((n) => n.startsWith('backups/.staging/'))).toBe(true)
    expect(leftBehind.some((n) => n.includes('.partial-'))).toBe(true)
    // And the folder of the test's own files holds only the backup it restored from.
    expect(fs.readdirSync(dir).sort()).toEqual(['other-clinic.sqlite'])
  })
})
