/**
 * The command line a clinic's IT person uses: exit status 0 only on success,
 * otherwise one line saying what was wrong (2 for a mistake in the command),
 * progress as it goes, and the same refusals as the desk. The unreadable-file
 * case runs as an unprivileged user, since root reads any file.
 */
import Database from 'better-sqlite3'
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { systemClock } from '../../src-main/core/core.js'
import { databasePath } from '../../src-main/db/open-database.js'
import { APP_VERSION } from '../../src-main/desk/desk.js'
import { tempFolder } from '../support/clinic.js'
import { bundleScript } from './support/bundle.js'
import { demoClinic, fileFingerprint, removeFolder } from './support/clinics.js'

const REPO = path.resolve(import.meta.dirname, '../..')
const NOBODY = 65534

let cli: { file: string; remove(): void }
let live: string
let out: string
let good: string

beforeAll(async () => {
  cli = await bundleScript(path.join(REPO, 'src-main/cli/backup.ts'))
  live = demoClinic()
  out = tempFolder('desk-cli-')
  good = path.join(out, 'good.sqlite')
  const db = openForExport(live)
  exportBackup(db, good, { dataFolder: live, appVersion: APP_VERSION, clock: systemClock })
  db.close()
})
afterAll(() => {
  cli?.remove()
  removeFolder(live)
  removeFolder(out)
})

function backup(args: string[], options: { uid?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli.file, ...args], {
    encoding: 'utf8',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  })
}

/** A failure: the status, and exactly one line on stderr starting "Error: ". */
function failure(r: SpawnSyncReturns<string>): { status: number | null; line: string } {
  const lines = r.stderr.split('\n').filter((l) => l !== '')
  expect(lines, r.stderr).toHaveLength(1)
  expect(lines[0]).toMatch(/^Error: \S/)
  expect(r.stderr).not.toMatch(/ at .*:\d+:\d+/)
  return { status: r.status, line: lines[0]! }
}

describe('npm run backup', () => {
  it('export: writes a checked backup, shows its progress, exits 0 (through npm itself)', () => {
    const viaNpm = path.join(out, 'via-npm.sqlite')
    const r = spawnSync('npm', ['run', '--silent', 'backup', '--', 'export', '--data', live, '--out', viaNpm], {
      cwd: REPO,
      encoding: 'utf8',
    })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Copying the database…\nChecking the copy…\nComputing its SHA-256 checksum…\n/)
    expect(r.stdout).toMatch(
      /^Backup written: .*via-npm\.sqlite \([\d.]+ [KM]B; \d+ patients, \d+ appointments; SHA-256 [0-9a-f]{16}…\) in [\d.]+ s\.$/m,
    )
    expect(backup(['verify', viaNpm]).status).toBe(0)
  })

  it('export: refuses to overwrite a file unless asked, and never anything but a desk backup', () => {
    const again = backup(['export', '--data', live, '--out', good])
    expect(failure(again)).toEqual({
      status: 1,
      line: `Error: ${good} already exists. Choose another name, or choose to replace it.`,
    })
    expect(backup(['export', '--data', live, '--out', good, '--replace']).status).toBe(0)

    const notes = path.join(out, 'notes.txt')
    fs.writeFileSync(notes, 'do not lose me')
    const f = failure(backup(['export', '--data', live, '--out', notes, '--replace']))
    expect(f.status).toBe(1)
    expect(f.line).toMatch(/is not a desk backup, so it was left untouched/)
    expect(fs.readFileSync(notes, 'utf8')).toBe('do not lose me')

    const intoLive = failure(backup(['export', '--data', live, '--out', databasePath(live), '--replace']))
    expect(intoLive.line).toMatch(/is the desk's own database/)
  })

  it('export: says so when there is no database or no folder', () => {
    const empty = tempFolder('desk-cli-empty-')
    try {
      expect(failure(backup(['export', '--data', empty, '--out', path.join(out, 'x.sqlite')])).line).toMatch(
        /^Error: There is no desk database in /,
      )
      expect(
        failure(backup(['export', '--data', live, '--out', path.join(out, 'no-such-folder', 'x.sqlite')])).line,
      ).toMatch(/folder .* does not exist/)
    } finally {
      removeFolder(empty)
    }
  })

  it('verify: exit 0 and a summary for a good backup; 1 and the reason for a bad one', () => {
    const ok = backup(['verify', good])
    expect(ok.status).toBe(0)
    expect(ok.stdout).toMatch(
      /^OK: good\.sqlite: Colombo Kidney Care, made .*; \d+ patients \(\d+ active\), \d+ appointments; newest booking .*; checksum verified\.$/m,
    )

    const cut = path.join(out, 'cut.sqlite')
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, 8192))
    const bad = failure(backup(['verify', cut]))
    expect(bad.status).toBe(1)
    expect(bad.line).toMatch(/^Error: cut\.sqlite is incomplete: it should be [\d,]+ bytes but only 8,192 are there/)
  })

  it('restore: into a fresh folder, then over it again with a safety copy kept', () => {
    const fresh = tempFolder('desk-cli-fresh-')
    try {
      const first = backup(['restore', '--data', fresh, '--file', good])
      expect(first.stderr).toBe('')
      expect(first.status).toBe(0)
      expect(first.stdout).toMatch(/Replacing the database…/)
      expect(first.stdout).toMatch(/There was no database there before\./)
      const second = backup(['restore', '--data', fresh, '--file', good])
      expect(second.status).toBe(0)
      const kept = /kept as (.*before-restore-.*\.sqlite)$/m.exec(second.stdout)?.[1]
      expect(kept && fs.existsSync(kept)).toBe(true)
      expect(backup(['verify', kept!]).status).toBe(0)
    } finally {
      removeFolder(fresh)
    }
  })

  it('restore: a bad file is refused with exit 1 and the database is left byte for byte', () => {
    const before = fileFingerprint(live)
    const text = path.join(out, 'readme.sqlite')
    fs.writeFileSync(text, 'This folder holds the clinic backups.\n')
    const f = failure(backup(['restore', '--data', live, '--file', text]))
    expect(f).toEqual({
      status: 1,
      line: 'Error: readme.sqlite is a text file, not a database backup (it begins "This folder holds the clinic backups.").',
    })
    expect(fileFingerprint(live)).toBe(before)
  })

  it('restore: refused while a desk has the database open', async () => {
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(path.join(REPO, 'node_modules/better-sqlite3'))}); const db = new D(process.argv[1]); db.prepare('SELECT count(*) FROM patients').get(); console.log('open'); setInterval(() => {}, 1000)`,
        databasePath(live),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise<void>((resolve) => holder.stdout.on('data', () => resolve()))
      const f = failure(backup(['restore', '--data', live, '--file', good]))
      expect(f.status).toBe(1)
      expect(f.line).toMatch(
        /is open in another desk or program\. Close every desk using this data folder, then restore again; nothing was changed\.$/,
      )
    } finally {
      holder.kill('SIGKILL')
    }
  })

  it('a file this user may not read: refused as unreadable, the database untouched', () => {
    const mine = tempFolder('desk-cli-nobody-')
    try {
      fs.copyFileSync(databasePath(live), databasePath(mine))
      fs.chmodSync(mine, 0o755)
      const secret = path.join(mine, 'secret.sqlite')
      fs.copyFileSync(good, secret)
      fs.chmodSync(secret, 0o000)
      // The data folder belongs to that user; the backup file is there but not readable by anyone but root.
      spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, mine])
      const before = fileFingerprint(mine)
      const verify = failure(backup(['verify', secret], { uid: NOBODY }))
      expect(verify).toEqual({
        status: 1,
        line: 'Error: secret.sqlite cannot be read: permission denied. Give this user permission to read it, or copy it somewhere readable first.',
      })
      const restore = failure(backup(['restore', '--data', mine, '--file', secret], { uid: NOBODY }))
      expect(restore.line).toMatch(/secret\.sqlite cannot be read: permission denied/)
      expect(fileFingerprint(mine)).toBe(before)
    } finally {
      removeFolder(mine)
    }
  })

  it('usage mistakes exit 2 with one line', () => {
    expect(failure(backup([]))).toEqual({
      status: 2,
      line: 'Error: Say what to do: export, verify or restore (npm run backup -- help shows how).',
    })
    expect(failure(backup(['copy']))).toEqual({
      status: 2,
      line: 'Error: Unknown command "copy": use export, verify or restore.',
    })
    expect(failure(backup(['export', '--data', live])).line).toBe('Error: Missing --out <file>.')
    expect(failure(backup(['restore', '--data', live, '--file', good, '--force'])).status).toBe(2)
    expect(failure(backup(['verify'])).status).toBe(2)
    const help = backup(['help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/npm run backup -- restore --data <folder> --file <file>/)
  })

  it("the database a restore leaves opens in a standard SQLite tool, whole, with the backup's rows", () => {
    const fresh = tempFolder('desk-cli-sqlite3-')
    try {
      const r = backup(['restore', '--data', fresh, '--file', good])
      expect(r.status, r.stderr).toBe(0)
      const restored = databasePath(fresh)
      // Closed cleanly: nothing beside it for a tool to recover first.
      expect(fs.readdirSync(fresh).filter((f) => f.startsWith('desk.sqlite-'))).toEqual([])
      const queries = [
        'PRAGMA integrity_check',
        'PRAGMA foreign_key_check',
        'SELECT name FROM centers',
        'SELECT count(*) FROM patients',
        'SELECT count(*) FROM appointments',
        "SELECT count(*) FROM sqlite_schema WHERE name = 'backup_info'",
      ]
      const source = new Database(good, { readonly: true })
      const expected = [
        'ok',
        (source.prepare('SELECT name FROM centers').get() as { name: string }).name,
        String((source.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n),
        String((source.prepare('SELECT count(*) AS n FROM appointments').get() as { n: number }).n),
        '0',
      ]
      source.close()
      expect(Number(expected[2])).toBeGreaterThan(0)
      const sqlite3 = spawnSync('sqlite3', ['-readonly', restored, `${queries.join('; ')};`], { encoding: 'utf8' })
      if (!sqlite3.error) {
        expect(sqlite3.stderr).toBe('')
        expect(sqlite3.stdout.trim().split('\n')).toEqual(expected)
        return
      }
      // No sqlite3 command on this machine: the same questions through the SQLite library, read-only.
      const db = new Database(restored, { readonly: true })
      try {
        const answers = queries.flatMap((q) => (db.prepare(q).raw().all() as unknown[][]).map((row) => String(row[0])))
        expect(answers).toEqual(expected)
      } finally {
        db.close()
      }
    } finally {
      removeFolder(fresh)
    }
  })
})
