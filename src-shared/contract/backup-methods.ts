/**
 * The backup methods of the contract. They work on files and on the data
 * folder as a whole (a restore replaces the database under the core), so the
 * desk's composition root answers them (openDesk passes them to the
 * dispatcher as overrides); the core's own map refuses them with NOT_AVAILABLE.
 */
import { z } from 'zod'
import type { BackupCopy, BackupStatus, BackupSummary, ExportResult, RestoreResult } from '../backup-model.js'
import { read, write } from './define.js'
import * as f from './fields.js'

/** A full path on the desk's computer: /home/…, C:\…, or a network share \\server\…. */
export const filePath = z
  .string('must be a file path')
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'must be at most 4096 characters')
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'must be a full path (for example /media/usb/clinic.sqlite or E:\\clinic.sqlite)',
  )

export const backupMethods = {
  'backup.status': read<BackupStatus>()(
    f.input({}),
    'Where backups go, the second folder, the last automatic copy and any warning.',
  ),
  'backup.list': read<BackupCopy[]>()(
    f.input({}),
    'The copies in the backups folder and the second folder, newest first.',
  ),
  'backup.inspect': read<BackupSummary>()(
    f.input({ path: filePath }),
    'Check a backup file on a staged copy and say what it holds; nothing is changed.',
  ),
  'backup.export': write<ExportResult>()(
    f.writeInput({ path: filePath, replace: z.boolean().default(false) }),
    'Write a checked backup of the database to a file (a new file unless replace, which may only replace a desk backup).',
  ),
  'backup.now': write<BackupStatus>()(
    f.writeInput({}),
    'Make an automatic copy now, into the backups folder and the second folder.',
  ),
  'backup.restore': write<RestoreResult>()(
    f.input({
      staffId: f.staffId
        .optional()
        .describe(
          'The staff member at the desk; left out only on a desk with no clinic yet (a new PC restoring its data)',
        ),
      path: filePath,
    }),
    'Replace the database with a backup after checking it; a safety copy of the current one is kept. Every open desk reloads. Needs the staff member at the desk once a clinic is set up.',
  ),
  'backup.setSecondFolder': write<BackupStatus>()(
    f.writeInput({ folder: filePath.nullable() }),
    'Set (or clear, with null) a second folder that receives every automatic copy.',
  ),
  'backup.acknowledgeWarning': write<BackupStatus>()(
    f.writeInput({}),
    'Clear the warning about a failed automatic backup once someone has dealt with it.',
  ),
} as const

export type BackupMethodName = keyof typeof backupMethods
