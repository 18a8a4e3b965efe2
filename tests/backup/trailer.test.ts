/**
 * The checksum line at the end of every backup: what it is, that standard
 * tools can check it and still read the file, and that any change to the file
 * afterwards is refused: a bit flip anywhere (header, pages, the line itself),
 * an edit with a SQLite tool, a wrong hash, a line cut short. Also: the checks
 * run the same on a second thread as on one, awaited as blocking, a backup of the first format
 * (checksum of the rows in its record) is still verified, and the safety copy
 * a restore keeps is a sealed backup too.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BACKUP_INFO_TABLE, readBackupInfo } from '../../src-main/backup/backup-info.js'
import { problemOf } from '../../src-main/backup/backup-problem.js'
import { contentHash, HASH_METHOD } from '../../src-main/backup/content-hash.js'
import { exportBackup, openForExport } from '../../src-main/backup/export.js'
import { inspectBackup } from '../../src-main/backup/inspect.js'
import { restoreDatabase } from '../../src-main/backup/restore.js'
import { type Snapshot, writeSnapshot, writeSnapshotAsync } from '../../src-main/backup/snapshot.js'
import { stageBackup } from '../../src-main/backup/stage.js'
import { TRAILER_LENGTH, TRAILER_METHOD } from '../../src-main/backup/trailer.js'
import { systemClock } from '../../src-main/core/core.js'
import { databasePath } from '../../src-main/db/open-database.js'
import { APP_VERSION } from '../../src-main/desk/desk.js'
import { tempFolder } from '../support/clinic.js'
import { random, sealed, withoutTrailer } from './support/bad-files.js'
import { demoClinic, removeFolder } from './support/clinics.js'

let source: string
let dir: string
let data: string
let good: string
let goodBytes: Buffer
let sha256: string

beforeAll(() => {
  source = demoClinic({ seed: 2 })
  dir = tempFolder('desk-trailer-')
  data = tempFolder('desk-trailer-data-')
  good = path.join(dir, 'good.sqlite')
  const db = openForExport(source)
  try {
    sha256 = exportBackup(db, good, { dataFolder: source, appVersion: APP_VERSION, clock: systemClock }).sha256
  } finally {
    db.close()
  }
  goodBytes = fs.readFileSync(good)
})

afterAll(() => {
  removeFolder(source)
  removeFolder(dir)
  removeFolder(data)
})

let n = 0
const write = (bytes: Buffer | string, name = `f-${++n}.sqlite`) => {
  const f = path.join(dir, name)
  fs.writeFileSync(f, bytes)
  return f
}

/** The refusal's problem name, or 'accepted' when the file passes. */
function verdict(file: string): string {
  try {
    inspectBackup(file, { dataFolder: data })
    return 'accepted'
  } catch (e) {
    const p = problemOf(e)
    if (!p) throw e
    return p
  }
}

const sh = (script: string, ...args: string[]) => spawnSync('bash', ['-c', script, 'sh', ...args], { encoding: 'utf8' })

describe('the checksum line', () => {
  it('ends every backup: the SHA-256 of every byte before it, which standard tools check and SQLite ignores', () => {
    expect(goodBytes.length % 4096).toBe(TRAILER_LENGTH)
    expect(goodBytes.subarray(goodBytes.length - TRAILER_LENGTH).toString('latin1')).toBe(
      `\nDIALYSIS-DESK-SHA256:${sha256}\n`,
    )
    expect(
      createHash('sha256')
        .update(goodBytes.subarray(0, goodBytes.length - TRAILER_LENGTH))
        .digest('hex'),
    ).toBe(sha256)

    const db = new Database(good, { readonly: true })
    try {
      const record = readBackupInfo(db)
      if (record.kind !== 'present') throw new Error('no backup record')
      expect(record.info.checksum.startsWith(TRAILER_METHOD)).toBe(true)
      expect(record.info.source).toBe('export')
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    } finally {
      db.close()
    }

    // As the README says to check it by hand.
    const byHand = sh(`head -c -${TRAILER_LENGTH} "$1" | sha256sum | cut -c1-64; tail -c 65 "$1" | head -c 64`, good)
    if (byHand.status === 0) {
      const [computed, recorded] = byHand.stdout.trim().split('\n')
      expect(computed).toBe(sha256)
      expect(recorded).toBe(sha256)
    }
    const sqlite3 = spawnSync(
      'sqlite3',
      ['-readonly', good, 'PRAGMA quick_check; PRAGMA integrity_check; SELECT count(*) > 0 FROM patients;'],
      { encoding: 'utf8' },
    )
    if (!sqlite3.error) expect(sqlite3.stdout.trim().split('\n')).toEqual(['ok', 'ok', '1'])
  })

  it('a good backup is accepted, and says its checksum', () => {
    const summary = inspectBackup(good, { dataFolder: data })
    expect(summary.checksum).toBe('verified')
    expect(summary.sha256).toBe(sha256)
  })

  it('a bit flip anywhere in the file is refused: every byte of the header, pages across the file, every byte of the line', () => {
    const next = random(2026)
    const pages = withoutTrailer(goodBytes).length
    const offsets = [
      ...Array.from({ length: 100 }, (_, i) => i),
      ...Array.from({ length: 60 }, () => 100 + Math.floor(next() * (pages - 100))),
      ...Array.from({ length: TRAILER_LENGTH }, (_, i) => pages + i),
    ]
    const accepted: number[] = []
    for (const at of offsets) {
      const bytes = Buffer.from(goodBytes)
      bytes[at] = bytes[at]! ^ (1 << Math.floor(next() * 8))
      const file = write(bytes, 'flipped.sqlite')
      if (verdict(file) === 'accepted') accepted.push(at)
    }
    expect(accepted).toEqual([])
  })

  it('a file edited with a SQLite tool after it was made is refused, however the edit left the line', () => {
    const edits = [
      "UPDATE patients SET phone = '011 000 0000' WHERE id = 1", // pages changed in place: the line stays, and no longer matches
      `UPDATE patients SET notes = '${'n'.repeat(100_000)}' WHERE id = 2`, // the file grows over the line
      'VACUUM', // the file is rewritten and cut to its pages: the line is gone
      "UPDATE backup_info SET value = 'another clinic' WHERE key = 'clinic_name'",
    ]
    for (const sql of edits) {
      const file = write(goodBytes, 'edited.sqlite')
      const db = new Database(file)
      db.pragma('foreign_keys = OFF')
      db.exec(sql)
      db.close()
      expect(verdict(file), sql).toBe('checksum')
    }
    // With the sqlite3 command-line tool, when there is one.
    const file = write(goodBytes, 'edited-cli.sqlite')
    const cli = spawnSync('sqlite3', [file, "UPDATE staff SET full_name = 'Someone Else' WHERE id = 1"], {
      encoding: 'utf8',
    })
    if (!cli.error) expect(verdict(file)).toBe('checksum')
  })

  it('a line with a wrong hash is refused, with its own sentence', () => {
    const wrong = write(
      Buffer.concat([withoutTrailer(goodBytes), Buffer.from(`\nDIALYSIS-DESK-SHA256:${'ab'.repeat(32)}\n`, 'latin1')]),
      'wrong-hash.sqlite',
    )
    expect(() => inspectBackup(wrong, { dataFolder: data })).toThrow(
      /wrong-hash\.sqlite was changed or damaged after the backup was made: its bytes no longer match the SHA-256 checksum at its end/,
    )
  })

  it('a line cut short, at any length, is refused as a copy cut short', () => {
    const cuts: string[] = []
    for (let keep = 1; keep < TRAILER_LENGTH; keep++) {
      const file = write(goodBytes.subarray(0, goodBytes.length - TRAILER_LENGTH + keep), 'cut-line.sqlite')
      cuts.push(verdict(file))
    }
    expect(new Set(cuts)).toEqual(new Set(['truncated']))
    const file = write(goodBytes.subarray(0, goodBytes.length - 10), 'cut-line.sqlite')
    expect(() => inspectBackup(file, { dataFolder: data })).toThrow(
      /is incomplete: the checksum line at its end is cut short \(77 of its 87 bytes are there\)/,
    )
  })

  it('a line gone while the backup record is there is refused as changed after it was made', () => {
    const file = write(withoutTrailer(goodBytes), 'no-line.sqlite')
    expect(() => inspectBackup(file, { dataFolder: data })).toThrow(
      /no-line\.sqlite was changed after the backup was made: the checksum line the desk writes at the end of every backup is gone/,
    )
  })

  it('a plain copy of a desk database (no record, no line) is accepted as one; sealed by hand, it is verified', () => {
    const plain = path.join(dir, 'plain.sqlite')
    fs.writeFileSync(plain, withoutTrailer(goodBytes))
    const db = new Database(plain)
    db.exec(`DROP TABLE ${BACKUP_INFO_TABLE}`)
    db.close()
    const summary = inspectBackup(plain, { dataFolder: data })
    expect(summary).toMatchObject({ checksum: 'absent', sha256: null, madeAt: null })
    expect(summary.notes.join(' ')).toMatch(/plain copy of a desk database, not a backup made by the desk/)

    const sealedPlain = write(sealed(fs.readFileSync(plain)), 'sealed-plain.sqlite')
    const s = inspectBackup(sealedPlain, { dataFolder: data })
    expect(s).toMatchObject({ checksum: 'verified', madeAt: null })
    expect(s.notes.join(' ')).toMatch(/with a checksum line/)
  })
})

describe('the checks on a second thread', () => {
  // An export from the desk awaits its checks on two workers; the command line and the closing backup block on them.
  const options = (parallel: boolean) => ({
    appVersion: APP_VERSION,
    clock: systemClock,
    source: 'export' as const,
    parallel,
  })
  const ways = {
    blocking: (db: Database.Database, file: string, parallel: boolean) =>
      Promise.resolve().then(() => writeSnapshot(db, file, options(parallel))),
    awaited: (db: Database.Database, file: string, parallel: boolean) =>
      writeSnapshotAsync(db, file, options(parallel)),
  }

  it('export: quick_check beside the foreign-key check and the hash gives the same backup, blocking or awaited', async () => {
    const db = openForExport(source)
    try {
      const made: Snapshot[] = []
      for (const [way, write] of Object.entries(ways)) {
        for (const parallel of [true, false]) {
          const file = path.join(dir, `${way}-${parallel ? 'parallel' : 'sequential'}.sqlite`)
          const s = await write(db, file, parallel)
          expect(s.checkedOn).toBe(parallel ? 'worker' : 'caller')
          expect(
            createHash('sha256')
              .update(withoutTrailer(fs.readFileSync(file)))
              .digest('hex'),
          ).toBe(s.sha256)
          expect(inspectBackup(file, { dataFolder: data })).toMatchObject({ checksum: 'verified', sha256: s.sha256 })
          made.push(s)
        }
      }
      for (const s of made) expect(s.info.rowCounts).toEqual(made[0]!.info.rowCounts)
    } finally {
      db.close()
    }
  })

  /** A copy of the source clinic, damaged by `damage` (given the database file), for exports that must refuse it. */
  async function refusedOnEveryPath(name: string, damage: (file: string) => void, refusal: RegExp): Promise<void> {
    const broken = tempFolder(`desk-${name}-source-`)
    try {
      fs.copyFileSync(databasePath(source), databasePath(broken))
      damage(databasePath(broken))
      const db = openForExport(broken)
      try {
        for (const [way, write] of Object.entries(ways)) {
          for (const parallel of [true, false]) {
            const file = path.join(dir, `from-${name}-${way}-${parallel}.sqlite`)
            await expect(write(db, file, parallel), `${way}, parallel: ${parallel}`).rejects.toThrow(refusal)
            expect(fs.existsSync(file)).toBe(false)
          }
        }
        expect(fs.readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([])
      } finally {
        db.close()
      }
    } finally {
      removeFolder(broken)
    }
  }

  it('export: a database whose records refer to missing records makes no backup, on any path', async () => {
    await refusedOnEveryPath(
      'broken',
      (file) => {
        const w = new Database(file)
        w.pragma('foreign_keys = OFF')
        w.exec('DELETE FROM patients WHERE id = (SELECT patient_id FROM appointments ORDER BY id LIMIT 1)')
        w.close()
      },
      /The desk's own database is damaged, so no backup was made: \d+ record\(s\) refer to records that are missing/,
    )
  })

  it('export: a damaged page that quick_check finds (on a worker or here) makes no backup, on any path', async () => {
    await refusedOnEveryPath(
      'damaged',
      (file) => {
        const w = new Database(file)
        const pageSize = w.pragma('page_size', { simple: true }) as number
        const leaf = w
          .prepare(
            "SELECT pageno FROM dbstat WHERE name = 'appointments' AND pagetype = 'leaf' AND ncell > 3 ORDER BY pageno LIMIT 1 OFFSET 2",
          )
          .get() as { pageno: number }
        w.close()
        // The first two cells of a table leaf swapped in its list: every row still reads and counts, in the wrong order.
        const fd = fs.openSync(file, 'r+')
        const pointers = Buffer.alloc(4)
        const at = (leaf.pageno - 1) * pageSize + 8
        fs.readSync(fd, pointers, 0, 4, at)
        fs.writeSync(fd, Buffer.concat([pointers.subarray(2, 4), pointers.subarray(0, 2)]), 0, 4, at)
        fs.closeSync(fd)
      },
      /The desk's own database is damaged, so no backup was made: SQLite's check reports Tree \d+ page \d+ cell 0: Rowid \d+ out of order\. /,
    )
  })

  it('verify: the foreign-key check on a worker refuses what it refuses on the calling thread', () => {
    const stage = (file: string, parallel: boolean) => {
      const folder = path.join(data, `stage-${++n}`)
      try {
        return { checkedOn: stageBackup(file, folder, { parallel }).checkedOn, problem: null }
      } catch (e) {
        return { checkedOn: null, problem: problemOf(e) }
      } finally {
        fs.rmSync(folder, { recursive: true, force: true })
      }
    }
    expect(stage(good, true)).toEqual({ checkedOn: 'worker', problem: null })
    expect(stage(good, false)).toEqual({ checkedOn: 'caller', problem: null })

    const broken = path.join(dir, 'broken-refs.sqlite')
    fs.writeFileSync(broken, withoutTrailer(goodBytes))
    const db = new Database(broken)
    db.pragma('foreign_keys = OFF')
    db.exec('DELETE FROM patients WHERE id = (SELECT patient_id FROM appointments ORDER BY id LIMIT 1)')
    db.close()
    fs.writeFileSync(broken, sealed(fs.readFileSync(broken)))
    expect(stage(broken, true).problem).toBe('broken-references')
    expect(stage(broken, false).problem).toBe('broken-references')
  })
})

describe('backups of the first format (the checksum of the rows, in the record)', () => {
  function firstFormat(name: string, change?: string): string {
    const file = path.join(dir, name)
    fs.writeFileSync(file, withoutTrailer(goodBytes))
    const db = new Database(file)
    try {
      db.exec(`DELETE FROM ${BACKUP_INFO_TABLE} WHERE key = 'checksum'`)
      const insert = db.prepare(`INSERT INTO ${BACKUP_INFO_TABLE} (key, value) VALUES (?, ?)`)
      insert.run('hash_method', HASH_METHOD)
      insert.run('content_sha256', contentHash(db).sha256)
      if (change) db.exec(change)
    } finally {
      db.close()
    }
    return file
  }

  it('are still verified by their content', () => {
    const summary = inspectBackup(firstFormat('first-format.sqlite'), { dataFolder: data })
    expect(summary).toMatchObject({ checksum: 'verified', sha256: null, clinicName: 'Colombo Kidney Care' })
  })

  it('and still refused when their content was changed', () => {
    expect(verdict(firstFormat('first-format-edited.sqlite', "UPDATE patients SET full_name = 'X' WHERE id = 1"))).toBe(
      'checksum',
    )
  })
})

describe('the safety copy a restore keeps', () => {
  it('is the database as it was, stamped and sealed as a backup', () => {
    const live = demoClinic({ seed: 1 })
    try {
      const before = new Database(databasePath(live), { readonly: true })
      const oldContent = contentHash(before).sha256
      before.close()
      const r = restoreDatabase({ dataFolder: live, file: good, appVersion: APP_VERSION, clock: systemClock })
      const safety = r.safetyCopy!
      expect(path.basename(safety)).toMatch(/^before-restore-.*\.sqlite$/)
      const bytes = fs.readFileSync(safety)
      expect(createHash('sha256').update(withoutTrailer(bytes)).digest('hex')).toBe(
        bytes.subarray(-65, -1).toString('latin1'),
      )
      expect(bytes[18]).toBe(1) // a standalone file, in rollback-journal mode
      const db = new Database(safety, { readonly: true })
      try {
        const record = readBackupInfo(db)
        expect(record.kind === 'present' && record.info.source).toBe('safety-copy')
        expect(contentHash(db).sha256).toBe(oldContent)
      } finally {
        db.close()
      }
      expect(inspectBackup(safety, { dataFolder: data }).checksum).toBe('verified')
    } finally {
      removeFolder(live)
    }
  })
})
