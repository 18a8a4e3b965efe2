/**
 * What the backup methods answer with. Instants are ISO 8601 in UTC; a
 * backup's file name carries the local date and time it was made.
 */

/** What a backup file holds, as checked on a staged copy before anything is restored. */
export interface BackupSummary {
  /** The file as given. */
  file: string
  fileName: string
  sizeBytes: number
  clinicName: string | null
  /** When the backup was made; null for a plain copy of a desk database (no backup record inside). */
  madeAt: string | null
  /** The desk version that made it; null for a plain copy. */
  appVersion: string | null
  /** The data version of the file as it is; an older one is upgraded when restored. */
  schemaVersion: number
  /** 'verified': the SHA-256 recorded at backup time matched; 'absent': a plain copy with no checksum to compare. */
  checksum: 'verified' | 'absent'
  /** The SHA-256 in the file's checksum line (of every byte before it), as verified; null when it has none. */
  sha256: string | null
  patients: number
  activePatients: number
  appointments: number
  /** The appointment booked last (by when it was booked). */
  newestAppointment: { bookedAt: string; date: string; startTime: string; patientName: string } | null
  /** The last change the audit trail records. */
  lastChangeAt: string | null
  /** Sentences the person restoring should read (a plain copy, an older version). */
  notes: string[]
}

export interface ExportResult {
  file: string
  sizeBytes: number
  madeAt: string
  /** The SHA-256 in the backup's checksum line: of every byte of the file before that line. */
  sha256: string
  rowCounts: Record<string, number>
  durationMs: number
}

export interface RestoreResult {
  restored: BackupSummary
  /** Where the database as it was before the restore was kept; null when there was none. */
  safetyCopy: string | null
  durationMs: number
}

export type BackupLocation = 'data' | 'second'
export type BackupKind = 'automatic' | 'safety' | 'other'

/** One copy found in the backups folders. */
export interface BackupCopy {
  file: string
  fileName: string
  location: BackupLocation
  kind: BackupKind
  /** From the backup's own record; the file's time when it has none. */
  madeAt: string
  sizeBytes: number
  clinicName: string | null
  patients: number | null
  appointments: number | null
  /** Set when the file could not be read as a backup at all. */
  problem: string | null
}

/** A failed automatic backup: stays until someone acknowledges it. */
export interface BackupWarning {
  /** When the first failure not yet acknowledged happened. */
  since: string
  lastFailureAt: string
  failures: number
  message: string
}

export interface BackupStatus {
  /** Where automatic copies go: <data folder>/backups. */
  backupsFolder: string
  /** A second folder (USB drive, network share) that also receives every automatic copy. */
  secondFolder: string | null
  warning: BackupWarning | null
  lastAutomatic: { at: string; ok: boolean; file: string | null; message: string } | null
  lastRestore: { at: string; file: string; by: string; safetyCopy: string | null } | null
  retention: { daily: number; weekly: number; monthly: number }
}
