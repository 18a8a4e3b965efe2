/**
 * Why a backup file was refused, in words a clinic's IT person understands.
 * Each problem has its own name (in `details.problem`) so screens, scripts
 * and tests can tell them apart; the message always names the file.
 */
import path from 'node:path'
import { DeskError } from '../core/desk-error.js'

export const BACKUP_PROBLEMS = [
  'missing',
  'folder',
  'not-a-file',
  'unreadable',
  'read-error',
  'locked',
  'changing',
  'empty',
  'too-short',
  'text',
  'archive',
  'not-sqlite',
  'damaged-header',
  'other-program',
  'truncated',
  'damaged',
  'broken-references',
  'not-set-up',
  'missing-tables',
  'backup-record',
  'checksum',
  'newer',
  'upgrade-failed',
  'live-database',
] as const

export type BackupProblem = (typeof BACKUP_PROBLEMS)[number]

export function backupProblem(
  file: string,
  problem: BackupProblem,
  sentence: string,
  extra: Record<string, unknown> = {},
): DeskError {
  const code =
    problem === 'other-program' ? 'NOT_OUR_DATABASE' : problem === 'newer' ? 'DATABASE_NEWER' : 'BACKUP_INVALID'
  return new DeskError(code, `${path.basename(file)} ${sentence}`, { file, problem, ...extra })
}

/** The problem name of a refusal made by `backupProblem`, if it is one. */
export function problemOf(e: unknown): BackupProblem | null {
  if (!(e instanceof DeskError)) return null
  const p = e.details?.['problem']
  return BACKUP_PROBLEMS.find((known) => known === p) ?? null
}

/** A file-system failure as the end of a sentence: "failed: <this>". */
export function describeFileError(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { code?: string }
  switch (err?.code) {
    case 'ENOENT':
      return 'the folder does not exist (is the USB drive or network share connected?)'
    case 'ENOTDIR':
      return 'part of the path is a file, not a folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOSPC':
    case 'SQLITE_FULL':
      return 'the disk is full'
    case 'EROFS':
      return 'the drive is read-only'
    case 'EIO':
    case 'SQLITE_IOERR':
      return 'the disk reported an error (EIO); the drive may be failing'
    case 'EBUSY':
      return 'the file is in use by another program'
    case 'EXDEV':
      return 'the file could not be moved between drives'
    case 'SQLITE_CANTOPEN':
      return 'the file could not be created there'
    default:
      if (e instanceof DeskError) return e.message
      return e instanceof Error ? e.message.split('\n')[0]! : String(e)
  }
}

/** SQLite's findings, one per entry, without its "*** in database main ***" headings. */
export function integrityFindings(rows: string[]): string[] {
  const found = rows
    .flatMap((r) => r.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('***'))
  return found.length > 0 ? found : ['unknown damage']
}
