/**
 * Bad backup files, each made from a good backup the way things go wrong in a
 * clinic: a copy cut short, a file of another kind, another program's
 * database, a damaged disk, a backup edited afterwards, a version from the
 * future. Each names the refusal it must get.
 */
import Database from 'better-sqlite3'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { BackupProblem } from '../../../src-main/backup/backup-problem.js'
import { parseTrailer, TRAILER_LENGTH, trailerLine } from '../../../src-main/backup/trailer.js'
import { LATEST_SCHEMA_VERSION } from '../../../src-main/db/migrations/index.js'
import { APPLICATION_ID } from '../../../src-main/db/open-database.js'

export interface BadFile {
  name: string
  /** The refusal expected; several when the damage is random. */
  problem: BackupProblem | BackupProblem[]
  /** What the sentence must say about this file in particular. */
  says: RegExp
  /** Makes the file in `dir` from the good backup; answers its path. */
  make(dir: string, good: string, liveFolder: string): string
}

/** A small deterministic random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomBytes(n: number, seed: number): Buffer {
  const next = random(seed)
  const b = Buffer.alloc(n)
  for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256)
  return b
}

const write = (dir: string, name: string, bytes: Buffer | string) => {
  const f = path.join(dir, name)
  fs.writeFileSync(f, bytes)
  return f
}

/** A copy of the good backup with the bytes changed by `change`. */
const bytesOf = (dir: string, good: string, name: string, change: (b: Buffer) => Buffer) =>
  write(dir, name, change(Buffer.from(fs.readFileSync(good))))

/** Flips one bit; a negative offset counts from the end of the file. */
const flip = (offset: number, bit: number) => (b: Buffer) => {
  const at = offset < 0 ? b.length + offset : offset
  b[at] = b[at]! ^ (1 << bit)
  return b
}

/** A sealed backup's database bytes, without its checksum line (the bytes as they are when there is none). */
export function withoutTrailer(b: Buffer): Buffer {
  return parseTrailer(b.subarray(b.length - TRAILER_LENGTH)) !== null ? b.subarray(0, b.length - TRAILER_LENGTH) : b
}

/** The database's bytes with a checksum line that matches them, as the desk writes it. */
export function sealed(body: Buffer): Buffer {
  return Buffer.concat([body, Buffer.from(trailerLine(createHash('sha256').update(body).digest('hex')), 'latin1')])
}

/** Recomputes a file's checksum line after it was edited, as if the backup had been made like this. */
export function reseal(file: string): void {
  fs.writeFileSync(file, sealed(withoutTrailer(fs.readFileSync(file))))
}

/**
 * A copy of the good backup changed through SQLite (as someone with a database
 * tool would): as it is, checksum line and all; as a plain copy (its record
 * and checksum line gone); or re-sealed, its record and checksum line made to
 * agree with the change, as if the backup had been made like this.
 */
function edited(
  dir: string,
  good: string,
  name: string,
  sql: string,
  options: { resign?: boolean; dropRecord?: boolean } = {},
): string {
  const f = path.join(dir, name)
  const bytes = fs.readFileSync(good)
  fs.writeFileSync(f, options.resign || options.dropRecord ? withoutTrailer(bytes) : bytes)
  const db = new Database(f)
  try {
    db.pragma('foreign_keys = OFF')
    db.exec(sql)
    if (options.dropRecord) db.exec('DROP TABLE backup_info')
    if (options.resign)
      db.prepare("UPDATE backup_info SET value = ? WHERE key = 'schema_version'").run(
        String(db.pragma('user_version', { simple: true })),
      )
  } finally {
    db.close()
  }
  if (options.resign) reseal(f)
  return f
}

/** The good backup with its checksum line changed by `change` (given the line as text). */
const lineChanged = (dir: string, good: string, name: string, change: (line: string) => string) =>
  bytesOf(dir, good, name, (b) => {
    const body = withoutTrailer(b)
    const line = b.subarray(body.length).toString('latin1')
    if (line.length !== TRAILER_LENGTH) throw new Error('the good backup has no checksum line')
    return Buffer.concat([body, Buffer.from(change(line), 'latin1')])
  })

function pageSize(b: Buffer): number {
  const raw = b.readUInt16BE(16)
  return raw === 1 ? 65536 : raw
}

/** The first b-tree page at or after page `from` (1-based), by its type byte. */
function btreePageAtOrAfter(b: Buffer, from: number): number {
  const size = pageSize(b)
  const pages = b.length / size
  for (let p = from; p <= pages; p++) {
    const type = b[(p - 1) * size]
    if (type === 0x0d || type === 0x05) return p
  }
  throw new Error('no b-tree page found')
}

function rootPage(file: string, table: string): number {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT rootpage FROM sqlite_schema WHERE name = ?').get(table) as { rootpage: number }).rootpage
  } finally {
    db.close()
  }
}

function anotherProgramsDatabase(file: string, applicationId: number): string {
  const db = new Database(file)
  db.pragma('journal_mode = DELETE')
  if (applicationId) db.pragma(`application_id = ${applicationId}`)
  db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, phone TEXT)')
  const insert = db.prepare('INSERT INTO contacts (name, phone) VALUES (?, ?)')
  for (let i = 0; i < 200; i++) insert.run(`Contact ${i}`, `077 ${String(1000000 + i)}`)
  db.close()
  return file
}

export const BAD_FILES: BadFile[] = [
  { name: 'empty', problem: 'empty', says: /is empty \(0 bytes\)/, make: (dir) => write(dir, 'empty.sqlite', '') },

  // Copies cut short at several points.
  {
    name: 'cut inside the header',
    problem: 'too-short',
    says: /only its first 50 bytes are there, not even a whole database header/,
    make: (dir, good) => bytesOf(dir, good, 'cut-50.sqlite', (b) => b.subarray(0, 50)),
  },
  {
    name: 'only the header',
    problem: 'truncated',
    says: /should be [\d,]+ bytes but only 100 are there/,
    make: (dir, good) => bytesOf(dir, good, 'cut-100.sqlite', (b) => b.subarray(0, 100)),
  },
  {
    name: 'only the first page',
    problem: 'truncated',
    says: /should be [\d,]+ bytes but only 4,096 are there/,
    make: (dir, good) => bytesOf(dir, good, 'cut-page.sqlite', (b) => b.subarray(0, pageSize(b))),
  },
  {
    name: 'half the pages',
    problem: 'truncated',
    says: /should be ([\d,]+) bytes but only (?!\1)[\d,]+ are there/,
    make: (dir, good) =>
      bytesOf(dir, good, 'cut-half.sqlite', (b) => b.subarray(0, Math.floor(b.length / pageSize(b) / 2) * pageSize(b))),
  },
  {
    name: 'the last page missing',
    problem: 'truncated',
    says: /should be [\d,]+ bytes but only [\d,]+ are there/,
    make: (dir, good) => bytesOf(dir, good, 'cut-last-page.sqlite', (b) => b.subarray(0, b.length - pageSize(b))),
  },
  {
    name: 'one byte short',
    problem: 'truncated',
    says: /the checksum line at its end is cut short \(86 of its 87 bytes are there\)/,
    make: (dir, good) => bytesOf(dir, good, 'cut-one-byte.sqlite', (b) => b.subarray(0, b.length - 1)),
  },

  // Not a database at all.
  {
    name: 'random bytes',
    problem: 'not-sqlite',
    says: /first bytes are neither those of a SQLite database, nor text, nor a known archive/,
    make: (dir) => write(dir, 'random.sqlite', randomBytes(65536, 7)),
  },
  {
    name: 'a SQLite header followed by random bytes',
    problem: 'damaged-header',
    says: /header is broken \(it gives a page size of \d+ bytes, which no SQLite database has/,
    make: (dir) =>
      write(
        dir,
        'header-then-random.sqlite',
        Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), randomBytes(8176, 11)]),
      ),
  },
  {
    name: 'a CSV file renamed .sqlite',
    problem: 'text',
    says: /is a spreadsheet saved as text \(CSV\)/,
    make: (dir) =>
      write(dir, 'patients-csv.sqlite', 'full_name,clinic_number,phone\nKamala Perera,CKC-001,0771234567\n'),
  },
  {
    name: 'a saved web page (a download that failed)',
    problem: 'text',
    says: /is a web page \(HTML/,
    make: (dir) =>
      write(
        dir,
        'download.sqlite',
        '<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not found</body></html>\n',
      ),
  },
  {
    name: 'a JSON file',
    problem: 'text',
    says: /is a JSON file/,
    make: (dir) => write(dir, 'export.sqlite', JSON.stringify({ patients: [{ name: 'Kamala' }] })),
  },
  {
    name: 'a ZIP archive',
    problem: 'archive',
    says: /is a ZIP archive/,
    make: (dir) =>
      write(
        dir,
        'backup-zip.sqlite',
        Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), randomBytes(500, 3)]),
      ),
  },
  {
    name: 'a gzip-compressed backup',
    problem: 'archive',
    says: /is a gzip-compressed file/,
    make: (dir, good) => write(dir, 'backup.sqlite.gz', zlib.gzipSync(fs.readFileSync(good))),
  },

  // Another program's database.
  {
    name: "another program's SQLite database",
    problem: 'other-program',
    says: /it does not carry the desk’s mark\)\. It holds a table the desk does not have: contacts\./,
    make: (dir) => anotherProgramsDatabase(path.join(dir, 'contacts.sqlite'), 0),
  },
  {
    name: "another program's database with its own application id",
    problem: 'other-program',
    says: /\(application id 252006674\).*It holds a table the desk does not have: contacts\./,
    make: (dir) => anotherProgramsDatabase(path.join(dir, 'fossil.sqlite'), 0x0f055112),
  },

  // Ours in name only, or damaged inside while still a valid SQLite file.
  {
    name: 'the desk mark but no desk data',
    problem: 'not-set-up',
    says: /carries the desk’s mark but holds no desk data/,
    make: (dir) => {
      const f = path.join(dir, 'never-set-up.sqlite')
      const db = new Database(f)
      db.pragma(`application_id = ${APPLICATION_ID}`)
      db.close()
      return f
    },
  },
  {
    name: 'a plain copy with a table missing',
    problem: 'missing-tables',
    says: /parts of the desk's data are missing from it \(the audit_log table\)/,
    make: (dir, good) => edited(dir, good, 'missing-audit.sqlite', 'DROP TABLE audit_log', { dropRecord: true }),
  },
  {
    name: 'records that refer to missing records (foreign keys)',
    problem: 'broken-references',
    says: /\d+ of its records refer to records that are missing \(for example \w+ record \d+ refers to a patients record/,
    make: (dir, good) =>
      edited(
        dir,
        good,
        'broken-references.sqlite',
        'DELETE FROM patients WHERE id = (SELECT patient_id FROM appointments ORDER BY id LIMIT 1)',
        { resign: true },
      ),
  },
  {
    name: 'the backup record edited with a SQLite tool (when it was made)',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      edited(
        dir,
        good,
        'edited-record.sqlite',
        "UPDATE backup_info SET value = '2020-01-01T00:00:00.000Z' WHERE key = 'made_at'",
      ),
  },
  {
    name: 'a long note added with a SQLite tool (the file grows over its checksum line)',
    problem: 'checksum',
    says: /the checksum line the desk writes at the end of every backup is gone/,
    make: (dir, good) =>
      edited(dir, good, 'grown.sqlite', `UPDATE patients SET notes = '${'x'.repeat(200_000)}' WHERE id = 1`),
  },
  {
    name: "a patient's name edited after the backup",
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      edited(dir, good, 'edited-name.sqlite', "UPDATE patients SET full_name = full_name || ' (edited)' WHERE id = 1"),
  },
  {
    name: 'a record added after the backup',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      edited(
        dir,
        good,
        'added-doctor.sqlite',
        "INSERT INTO doctors (center_id, full_name, phone, active, created_at, updated_at) VALUES (1, 'Dr. Nobody', '', 1, '2026-01-01', '2026-01-01')",
      ),
  },
  {
    name: 'a damaged backup record (sealed again after the damage)',
    problem: 'backup-record',
    says: /damaged backup record \(the backup_info table: checksum missing\)/,
    make: (dir, good) =>
      edited(dir, good, 'no-checksum-key.sqlite', "DELETE FROM backup_info WHERE key = 'checksum'", { resign: true }),
  },

  // The checksum line at the end.
  {
    name: 'the checksum altered (zeros in place of the hash)',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      lineChanged(dir, good, 'altered-checksum.sqlite', (line) => line.replace(/[0-9a-f]{64}/, '0'.repeat(64))),
  },
  {
    name: 'a bit flip in the hash of the checksum line',
    // The flipped hex digit may still be one (another hash) or not (a damaged line): the backup decides.
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end|the checksum line at its end is damaged/,
    make: (dir, good) => bytesOf(dir, good, 'flip-trailer-hash.sqlite', flip(-2, 0)),
  },
  {
    name: 'a bit flip in the words of the checksum line',
    problem: 'checksum',
    says: /the checksum line at its end is damaged/,
    make: (dir, good) => bytesOf(dir, good, 'flip-trailer-label.sqlite', flip(-TRAILER_LENGTH + 3, 5)),
  },
  {
    name: 'the checksum line cut in half',
    problem: 'truncated',
    says: /the checksum line at its end is cut short \(47 of its 87 bytes are there\)/,
    make: (dir, good) => bytesOf(dir, good, 'cut-trailer.sqlite', (b) => b.subarray(0, b.length - 40)),
  },
  {
    name: 'the checksum line gone (cut at the end of the last page)',
    problem: 'checksum',
    says: /the checksum line the desk writes at the end of every backup is gone/,
    make: (dir, good) => bytesOf(dir, good, 'no-trailer.sqlite', withoutTrailer),
  },
  {
    name: 'the database of one backup with the checksum line of another',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      bytesOf(dir, good, 'other-trailer.sqlite', (b) => {
        const other = sealed(Buffer.concat([withoutTrailer(b).subarray(0, 100), Buffer.from('another file')]))
        return Buffer.concat([withoutTrailer(b), other.subarray(other.length - TRAILER_LENGTH)])
      }),
  },
  {
    name: 'a bit flip in the last page of the database (the backup record)',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      bytesOf(dir, good, 'flip-last-page.sqlite', (b) => flip(withoutTrailer(b).length - 1000, 2)(b)),
  },
  {
    name: 'a data version newer than this desk knows',
    problem: 'newer',
    says: /made by a newer version of the desk \(data version \d+; this version knows up to \d+\)/,
    make: (dir, good) =>
      edited(dir, good, 'from-the-future.sqlite', `PRAGMA user_version = ${LATEST_SCHEMA_VERSION + 1}`, {
        resign: true,
      }),
  },

  // Bit flips in the header: each byte that matters.
  {
    name: 'bit flip in the magic string',
    problem: 'not-sqlite',
    says: /begins "RQLite format 3" where a database begins "SQLite format 3"/,
    make: (dir, good) => bytesOf(dir, good, 'flip-magic.sqlite', flip(0, 0)),
  },
  {
    name: 'bit flip in the page size',
    problem: 'damaged-header',
    says: /it gives a page size of 4352 bytes/,
    make: (dir, good) => bytesOf(dir, good, 'flip-page-size.sqlite', flip(16, 0)),
  },
  {
    name: 'bit flip in the read version',
    problem: 'damaged-header',
    says: /its file format numbers are 1 and 5, where SQLite writes 1 or 2/,
    make: (dir, good) => bytesOf(dir, good, 'flip-read-version.sqlite', flip(19, 2)),
  },
  {
    name: 'bit flip in the payload fraction',
    problem: 'damaged-header',
    says: /its payload fractions are 65\/32\/32, where every SQLite database has 64\/32\/32/,
    make: (dir, good) => bytesOf(dir, good, 'flip-payload.sqlite', flip(21, 0)),
  },
  {
    name: 'bit flip in the text encoding',
    problem: 'damaged-header',
    says: /it gives text encoding number 5, where SQLite knows only 1, 2 and 3/,
    make: (dir, good) => bytesOf(dir, good, 'flip-encoding.sqlite', flip(59, 2)),
  },
  {
    name: 'bit flip in the application id',
    problem: 'damaged-header',
    says: /the desk's mark in it \(application id \d+\) reads \d+: one bit of it is flipped/,
    make: (dir, good) => bytesOf(dir, good, 'flip-app-id.sqlite', flip(71, 0)),
  },
  {
    name: 'bit flip in the data version',
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) => bytesOf(dir, good, 'flip-user-version.sqlite', flip(63, 3)),
  },
  {
    name: 'bit flip in the page count',
    problem: 'damaged-header',
    says: /it counts [\d,]+ pages, but the file holds [\d,]+ and ends with its checksum line whole/,
    make: (dir, good) =>
      bytesOf(dir, good, 'flip-page-count.sqlite', (b) => {
        const low = b[31]!
        const bit = [0, 1, 2, 3, 4, 5, 6, 7].find((i) => (low & (1 << i)) === 0)!
        return flip(31, bit)(b)
      }),
  },

  // Damage in the middle of the file.
  {
    name: 'bit flip in a b-tree page header in the middle',
    problem: 'damaged',
    says: /SQLite cannot read its pages, one of them is malformed|integrity check found .* in the \w+ (table|index)/,
    make: (dir, good) =>
      bytesOf(dir, good, 'flip-middle-page.sqlite', (b) => {
        const page = btreePageAtOrAfter(b, Math.floor(b.length / pageSize(b) / 2))
        return flip((page - 1) * pageSize(b), 4)(b)
      }),
  },
  {
    name: "bit flip inside a stored name (the clinic's)",
    problem: 'checksum',
    says: /no longer match the SHA-256 checksum at its end/,
    make: (dir, good) =>
      bytesOf(dir, good, 'flip-in-text.sqlite', (b) => {
        const at = b.indexOf(Buffer.from('Colombo Kidney Care'))
        if (at < 0) throw new Error('clinic name not found in the file')
        return flip(at, 0)(b)
      }),
  },
  {
    name: 'a page of zeros (the patients table)',
    problem: 'damaged',
    says: /integrity check found problems? in the patients table/,
    make: (dir, good) => {
      const root = rootPage(good, 'patients')
      return bytesOf(dir, good, 'zeroed-page.sqlite', (b) => {
        b.fill(0, (root - 1) * pageSize(b), root * pageSize(b))
        return b
      })
    },
  },
  {
    name: 'a hundred random bit flips',
    problem: ['damaged', 'checksum', 'broken-references', 'missing-tables'],
    says: /is damaged|was changed or damaged/,
    make: (dir, good) =>
      bytesOf(dir, good, 'many-flips.sqlite', (b) => {
        const next = random(99)
        for (let i = 0; i < 100; i++) {
          const at = 100 + Math.floor(next() * (b.length - 100))
          b[at] = b[at]! ^ (1 << Math.floor(next() * 8))
        }
        return b
      }),
  },

  // Not a file one can read as a backup.
  {
    name: 'a folder',
    problem: 'folder',
    says: /is a folder, not a backup file/,
    make: (dir) => fs.mkdtempSync(path.join(dir, 'a-folder-')),
  },
  {
    name: 'a file that does not exist',
    problem: 'missing',
    says: /does not exist\. Check the path/,
    make: (dir) => path.join(dir, 'no-such-backup.sqlite'),
  },
  { name: 'a device (/dev/zero)', problem: 'not-a-file', says: /is a device, not a file/, make: () => '/dev/zero' },
  {
    name: 'a named pipe',
    problem: 'not-a-file',
    says: /is a named pipe, not a file/,
    make: (dir) => {
      const f = path.join(dir, 'pipe.sqlite')
      const r = spawnSync('mkfifo', [f])
      if (r.status !== 0) throw new Error('mkfifo failed')
      return f
    },
  },
  {
    name: 'a link to a file that is gone',
    problem: 'missing',
    says: /is a link to .*gone\.sqlite, which does not exist/,
    make: (dir) => {
      const f = path.join(dir, 'dangling.sqlite')
      fs.symlinkSync(path.join(dir, 'gone.sqlite'), f)
      return f
    },
  },
  {
    name: 'a link that points to itself',
    problem: 'missing',
    says: /is a link that leads nowhere \(it points back to itself\)/,
    make: (dir) => {
      const f = path.join(dir, 'loop.sqlite')
      fs.symlinkSync(f, f)
      return f
    },
  },
  {
    name: 'the live database itself',
    problem: 'live-database',
    says: /is the database the desk is using right now/,
    make: (_dir, _good, live) => path.join(live, 'desk.sqlite'),
  },
]
