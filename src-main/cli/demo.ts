/**
 * npm run demo -- --data <folder> [--beds 10] [--sessions 3|4] [--weeks-back 4]
 *                 [--weeks-ahead 4] [--years N] [--years-ahead N] [--patients N] [--seed 1] [--today YYYY-MM-DD]
 *
 * Creates the demo clinic in an empty data folder (never over existing data).
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { isValidDate, localDateTime } from '../../src-shared/dates.js'
import { createCore, FixedClock } from '../core/core.js'
import { DeskError } from '../core/desk-error.js'
import { databasePath, openDataFolder } from '../db/open-database.js'
import { DEFAULT_DEMO, type DemoOptions, generateDemo } from '../demo/demo-generator.js'
import { exitWith } from './cli-errors.js'

function whole(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new DeskError('VALIDATION', `--${name} must be a whole number from ${min} to ${max}, not "${value}".`)
  return n
}

export function demoOptions(argv: string[]): { dataFolder: string; options: DemoOptions } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: 'string' },
      beds: { type: 'string' },
      sessions: { type: 'string' },
      'weeks-back': { type: 'string' },
      'weeks-ahead': { type: 'string' },
      years: { type: 'string' },
      'years-ahead': { type: 'string' },
      patients: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
    },
  })
  if (!values.data)
    throw new DeskError('VALIDATION', 'Say where to create the demo clinic: npm run demo -- --data <folder>')
  const today = values.today ?? localDateTime(new Date()).date
  if (!isValidDate(today))
    throw new DeskError('VALIDATION', `--today must be a date written YYYY-MM-DD, not "${values.today}".`)
  const sessions = whole('sessions', values.sessions, DEFAULT_DEMO.sessionsPerDay, 3, 4) as 3 | 4
  const years = whole('years', values.years, 0, 0, 20)
  const yearsAhead = whole('years-ahead', values['years-ahead'], 0, 0, 5)
  return {
    dataFolder: path.resolve(values.data),
    options: {
      beds: whole('beds', values.beds, DEFAULT_DEMO.beds, 1, 200),
      sessionsPerDay: sessions,
      weeksBack: years > 0 ? years * 52 : whole('weeks-back', values['weeks-back'], DEFAULT_DEMO.weeksBack, 0, 1100),
      weeksAhead:
        yearsAhead > 0 ? yearsAhead * 52 : whole('weeks-ahead', values['weeks-ahead'], DEFAULT_DEMO.weeksAhead, 1, 260),
      patients: whole('patients', values.patients, DEFAULT_DEMO.patients, 0, 100_000),
      seed: whole('seed', values.seed, DEFAULT_DEMO.seed, 0, 2 ** 31),
      today,
    },
  }
}

/** Builds the demo clinic in a folder that holds no database yet. */
export function buildDemo(dataFolder: string, options: DemoOptions): ReturnType<typeof generateDemo> {
  if (fs.existsSync(databasePath(dataFolder))) {
    throw new DeskError(
      'DUPLICATE',
      `${dataFolder} already holds a clinic's data; choose an empty folder for the demo.`,
    )
  }
  const db = openDataFolder(dataFolder)
  try {
    // A half-built demo is simply built again, so the bulk load need not wait for the disk at each step.
    db.pragma('synchronous = OFF')
    const clock = new FixedClock(new Date())
    const summary = generateDemo(createCore(db, clock), clock, options)
    db.pragma('synchronous = FULL')
    db.pragma('wal_checkpoint(TRUNCATE)')
    return summary
  } finally {
    db.close()
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    const { dataFolder, options } = demoOptions(process.argv.slice(2))
    const started = Date.now()
    console.log(`Creating the demo clinic in ${dataFolder}…`)
    const s = buildDemo(dataFolder, { ...options, progress: (line) => console.log(line) })
    console.log(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.patients} patients, ${s.appointments} appointments from ${s.from} to ${s.to}.`,
    )
    console.log(`Open it with: npm run serve -- --data ${dataFolder}`)
  } catch (e) {
    exitWith(e)
  }
}
