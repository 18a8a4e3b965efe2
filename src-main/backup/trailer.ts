/**
 * A backup's checksum line. A backup file is the SQLite database's bytes
 * followed by one fixed-length line:
 *
 *   "\nDIALYSIS-DESK-SHA256:<64 lowercase hex digits>\n"   (87 bytes)
 *
 * the SHA-256 of every byte before it. SQLite reads only the pages its header
 * counts and ignores what follows them, so the file stays a plain SQLite
 * database any tool opens; and any change to it afterwards (a bit flip
 * anywhere, an edit with a SQLite tool, a copy cut short) no longer matches
 * the line. Checking costs one read of the file, and needs no SQLite at all:
 *
 *   head -c -87 backup.sqlite | sha256sum     (and compare with: tail -c 65 backup.sqlite)
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'

export const TRAILER_PREFIX = '\nDIALYSIS-DESK-SHA256:'
export const TRAILER_LENGTH = TRAILER_PREFIX.length + 64 + 1
const TRAILER = /^\nDIALYSIS-DESK-SHA256:([0-9a-f]{64})\n$/

/** How backup_info says where the checksum is (its `checksum` key). */
export const TRAILER_METHOD = 'sha256-trailer-v1'
export const TRAILER_DESCRIPTION = `${TRAILER_METHOD}: the file ends with the ${TRAILER_LENGTH}-byte line "DIALYSIS-DESK-SHA256:<hex>", the SHA-256 of every byte before it`

export function trailerLine(sha256: string): string {
  return `${TRAILER_PREFIX}${sha256}\n`
}

/** The hash a trailer carries, or null when these bytes are not a whole, well-formed trailer. */
export function parseTrailer(bytes: Buffer): string | null {
  if (bytes.length !== TRAILER_LENGTH) return null
  return TRAILER.exec(bytes.toString('latin1'))?.[1] ?? null
}

/** Whether `bytes` (the end of a file, shorter than a trailer) are the beginning of one: a checksum line cut short. */
export function isTrailerStart(bytes: Buffer): boolean {
  if (bytes.length === 0 || bytes.length >= TRAILER_LENGTH) return false
  const text = bytes.toString('latin1')
  const prefix = TRAILER_PREFIX.slice(0, Math.min(text.length, TRAILER_PREFIX.length))
  return text.startsWith(prefix) && /^[0-9a-f]*$/.test(text.slice(TRAILER_PREFIX.length))
}

const CHUNK = 4 << 20

/** SHA-256 of the first `bytes` bytes of a file (all of it when null). */
export function hashFile(file: string, bytes: number | null = null): string {
  const hash = createHash('sha256')
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.allocUnsafe(CHUNK)
    let left = bytes ?? Number.POSITIVE_INFINITY
    let position = 0
    while (left > 0) {
      const n = fs.readSync(fd, buffer, 0, Math.min(buffer.length, left), position)
      if (n === 0) break
      hash.update(buffer.subarray(0, n))
      position += n
      left -= n
    }
    if (bytes !== null && left > 0)
      throw Object.assign(new Error('the file became shorter while it was being read'), { code: 'ESHORT' })
  } finally {
    fs.closeSync(fd)
  }
  return hash.digest('hex')
}

/**
 * Copies the first `bytes` bytes of `source` to a new file `target` and answers
 * their SHA-256: the copy and the checksum in one read.
 */
export function copyHashing(source: string, target: string, bytes: number): string {
  const hash = createHash('sha256')
  const from = fs.openSync(source, 'r')
  try {
    const to = fs.openSync(target, 'wx')
    try {
      const buffer = Buffer.allocUnsafe(CHUNK)
      let position = 0
      while (position < bytes) {
        const n = fs.readSync(from, buffer, 0, Math.min(buffer.length, bytes - position), position)
        if (n === 0)
          throw Object.assign(new Error('the file became shorter while it was being copied'), { code: 'ESHORT' })
        const chunk = buffer.subarray(0, n)
        hash.update(chunk)
        for (let written = 0; written < n;) written += fs.writeSync(to, chunk, written, n - written)
        position += n
      }
    } finally {
      fs.closeSync(to)
    }
  } finally {
    fs.closeSync(from)
  }
  return hash.digest('hex')
}

/** The last `TRAILER_LENGTH` bytes of a file of `size` bytes (fewer when it is shorter). */
export function readEnd(file: string, size: number, length = TRAILER_LENGTH): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const want = Math.min(length, size)
    const buffer = Buffer.alloc(want)
    const n = fs.readSync(fd, buffer, 0, want, size - want)
    return buffer.subarray(0, n)
  } finally {
    fs.closeSync(fd)
  }
}

/** Appends the checksum line to a file and syncs the whole file to disk. */
export function appendTrailerAndSync(file: string, sha256: string): void {
  const fd = fs.openSync(file, 'a')
  try {
    fs.writeSync(fd, trailerLine(sha256))
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
