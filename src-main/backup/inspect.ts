/**
 * Checking a backup without restoring it: the full check on a staged copy,
 * which is then thrown away. The desk stages in its own backups folder; the
 * command line, which may have no data folder, in the system's temporary folder.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BackupSummary } from '../../src-shared/backup-model.js'
import { backupsFolder } from './backup-paths.js'
import { type StageOptions, stageBackup } from './stage.js'
import { makeStagingFolder } from './staging.js'

export function inspectBackup(file: string, options: StageOptions & { dataFolder?: string } = {}): BackupSummary {
  const staging = options.dataFolder
    ? makeStagingFolder(backupsFolder(options.dataFolder), 'inspect')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'desk-verify-'))
  try {
    return stageBackup(path.resolve(file), staging, options).summary
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}
