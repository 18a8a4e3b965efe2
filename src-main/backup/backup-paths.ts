/**
 * Where backups live and what their files are called. A copy's name carries
 * the local date and time it was made, so a person browsing the folder (and
 * the pruning) can tell copies apart without opening them.
 */
import fs from 'node:fs'
import path from 'node:path'

/** <data folder>/backups: automatic copies and the safety copies kept before a restore. */
export function backupsFolder(dataFolder: string): string {
  return path.join(dataFolder, 'backups')
}

/** The desk's settings and warnings about backups: kept outside the database, so a restore does not undo them. */
export function backupStateFile(dataFolder: string): string {
  return path.join(dataFolder, 'backup-settings.json')
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

/** Local 'YYYY-MM-DD-HHMMSS'. */
export function fileStamp(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
}

export const automaticCopyName = (at: Date) => `auto-${fileStamp(at)}.sqlite`
export const safetyCopyName = (at: Date) => `before-restore-${fileStamp(at)}.sqlite`

const COPY_NAME = /^(auto|before-restore)-(\d{4}-\d{2}-\d{2})-(\d{2})(\d{2})(\d{2})(?:-[a-z0-9-]+)?\.sqlite$/

/** What a file name in a backups folder says about the copy, or null for any other file. */
export function parseCopyName(name: string): { kind: 'automatic' | 'safety'; date: string; time: string } | null {
  const m = COPY_NAME.exec(name)
  if (!m) return null
  return { kind: m[1] === 'auto' ? 'automatic' : 'safety', date: m[2]!, time: `${m[3]}:${m[4]}:${m[5]}` }
}

/** `folder/name`, or `folder/name-2.sqlite` and so on when that file exists already (or is `reserved` for a copy on its way). */
export function freePath(folder: string, name: string, reserved: ReadonlySet<string> = new Set()): string {
  const ext = path.extname(name)
  const base = name.slice(0, name.length - ext.length)
  let candidate = path.join(folder, name)
  for (let n = 2; fs.existsSync(candidate) || reserved.has(candidate); n++)
    candidate = path.join(folder, `${base}-${n}${ext}`)
  return candidate
}

/** A hidden temporary name beside `target`, unique to this process and call. */
export function partialPath(target: string): string {
  const random = Math.random().toString(36).slice(2, 8)
  return path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}-${random}`)
}

const PARTIAL_NAME = /^\..+?\.partial-(\d+)-[a-z0-9]+/

/** The process that is writing a partial file named by partialPath (the first when it is nested), or null for any other name. */
export function partialOwner(name: string): number | null {
  const m = PARTIAL_NAME.exec(name)
  const pid = m ? Number(m[1]) : NaN
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null
}

/** Whether a process with this number runs on this computer (one we may not signal runs too). */
export function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether two paths name the same file (following links); false when either does not exist. */
export function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a)
    const sb = fs.statSync(b)
    return sa.dev === sb.dev && sa.ino === sb.ino
  } catch {
    return false
  }
}
