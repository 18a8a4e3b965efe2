/**
 * Backups from the command line, for a clinic's IT person:
 *
 *   npm run backup -- export  --data <folder> --out <file> [--replace]
 *   npm run backup -- verify  <file>
 *   npm run backup -- restore --data <folder> --file <file>
 *
 * The same code as the desk. Exit status 0 only on success; otherwise one
 * line saying what was wrong (status 2 for a mistake in the command itself).
 * Progress goes to standard output as each step starts.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { BackupSummary } from '../../src-shared/backup-model.js'
import { systemClock } from '../core/core.js'
import { APP_VERSION } from '../desk/desk.js'
import { exportBackup, openForExport } from '../backup/export.js'
import { inspectBackup } from '../backup/inspect.js'
import { restoreDatabase } from '../backup/restore.js'
import { failLine } from './cli-errors.js'

const USAGE = `Usage:
  npm run backup -- export  --data <folder> --out <file> [--replace]
  npm run backup -- verify  <file>
  npm run backup -- restore --data <folder> --file <file>`

class UsageError extends Error {}

export function runBackupCommand(argv: string[], out: (line: string) => void = console.log): void {
  const [command, ...rest] = argv
  const started = Date.now()
  const progress = (line: string) => out(line)
  switch (command) {
    case 'export': {
      const v = options(rest, { data: { type: 'string' }, out: { type: 'string' }, replace: { type: 'boolean' } })
      const dataFolder = required(v.data, '--data <folder>')
      const target = required(v.out, '--out <file>')
      const db = openForExport(path.resolve(dataFolder))
      try {
        const r = exportBackup(db, target, {
          dataFolder: path.resolve(dataFolder),
          appVersion: APP_VERSION,
          clock: systemClock,
          replace: v.replace === true,
          progress,
        })
        const counts = r.rowCounts
        out(
          `Backup written: ${r.file} (${megabytes(r.sizeBytes)}; ${counts['patients'] ?? 0} patients, ${counts['appointments'] ?? 0} appointments; SHA-256 ${r.sha256.slice(0, 16)}…) in ${seconds(started)}.`,
        )
      } finally {
        db.close()
      }
      return
    }
    case 'verify': {
      const v = parseArgs({ args: rest, options: {}, allowPositionals: true, strict: true })
      if (v.positionals.length !== 1) throw new UsageError('Say which file to verify: npm run backup -- verify <file>')
      const summary = inspectBackup(v.positionals[0]!, { progress })
      out(`OK: ${describe(summary)}`)
      for (const note of summary.notes) out(`Note: ${note}`)
      return
    }
    case 'restore': {
      const v = options(rest, { data: { type: 'string' }, file: { type: 'string' } })
      const dataFolder = path.resolve(required(v.data, '--data <folder>'))
      const file = required(v.file, '--file <file>')
      fs.mkdirSync(dataFolder, { recursive: true })
      const r = restoreDatabase({ dataFolder, file, appVersion: APP_VERSION, clock: systemClock, progress })
      out(`Restored into ${dataFolder}: ${describe(r.restored)}`)
      for (const note of r.restored.notes) out(`Note: ${note}`)
      out(
        r.safetyCopy
          ? `The database that was there before is kept as ${r.safetyCopy}`
          : 'There was no database there before.',
      )
      out(`Done in ${seconds(started)}.`)
      return
    }
    case undefined:
    case '--help':
    case 'help':
      if (command === undefined)
        throw new UsageError('Say what to do: export, verify or restore (npm run backup -- help shows how).')
      out(USAGE)
      return
    default:
      throw new UsageError(`Unknown command "${command}": use export, verify or restore.`)
  }
}

type Spec = Record<string, { type: 'string' | 'boolean' }>

function options<S extends Spec>(args: string[], spec: S) {
  return parseArgs({ args, options: spec, strict: true, allowPositionals: false }).values
}

function required(value: string | boolean | undefined, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing ${what}.`)
  return value
}

function describe(s: BackupSummary): string {
  const made = s.madeAt ? `made ${new Date(s.madeAt).toLocaleString('en-GB')}` : 'a plain copy (no backup record)'
  const newest = s.newestAppointment
    ? `; newest booking ${s.newestAppointment.patientName} for ${s.newestAppointment.date} ${s.newestAppointment.startTime}`
    : ''
  return `${s.fileName}: ${s.clinicName ?? 'a clinic not yet set up'}, ${made}, data version ${s.schemaVersion}; ${s.patients} patients (${s.activePatients} active), ${s.appointments} appointments${newest}; checksum ${s.checksum === 'verified' ? 'verified' : 'not recorded'}.`
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    runBackupCommand(process.argv.slice(2))
  } catch (e) {
    const usage = e instanceof UsageError || String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')
    console.error(`Error: ${failLine(e).split('\n')[0]}`)
    process.exit(usage ? 2 : 1)
  }
}
