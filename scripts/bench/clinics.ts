/**
 * The clinics the benchmark measures, made by the demo generator (the same
 * code as `npm run demo`) and kept in .cache/bench/ so that a second run does
 * not make them again. Each measurement that writes works on a copy.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { localDateTime } from '../../src-shared/dates.js'
import { buildDemo } from '../../src-main/cli/demo.js'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.js'
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations/index.js'
import type { DemoOptions } from '../../src-main/demo/demo-generator.js'

export type ClinicSpec = Omit<DemoOptions, 'today' | 'progress'>

/** A big unit over ten years: 40 beds, 4 sessions a day, 6 days a week, 2 years booked ahead, about 2,000 patients. */
export const TEN_YEARS: ClinicSpec = {
  beds: 40,
  sessionsPerDay: 4,
  weeksBack: 520,
  weeksAhead: 104,
  patients: 2000,
  seed: 1,
}
/** The same unit with one year behind it. */
export const ONE_YEAR: ClinicSpec = { ...TEN_YEARS, weeksBack: 52, patients: 450 }
/** --quick: small enough for CI to prove the benchmark runs. */
export const QUICK_LONG: ClinicSpec = {
  beds: 10,
  sessionsPerDay: 4,
  weeksBack: 16,
  weeksAhead: 4,
  patients: 150,
  seed: 1,
}
export const QUICK_SHORT: ClinicSpec = { ...QUICK_LONG, weeksBack: 2, patients: 100 }

function generatorFingerprint(root: string): string {
  const hash = crypto.createHash('sha256')
  // The generator and the schema decide what the clinic holds; the core's speed does not.
  for (const dir of ['src-main/demo', 'src-main/db/migrations']) {
    for (const f of fs.readdirSync(path.join(root, dir)).sort()) hash.update(fs.readFileSync(path.join(root, dir, f)))
  }
  hash.update(String(LATEST_SCHEMA_VERSION))
  return hash.digest('hex').slice(0, 12)
}

/** Answers the data folder of the clinic, building it first when the cache has none for today. */
export function clinic(spec: ClinicSpec, progress: (line: string) => void): string {
  const root = projectRoot()
  const today = localDateTime(new Date()).date
  const key = crypto
    .createHash('sha256')
    .update(JSON.stringify({ spec, today, generator: generatorFingerprint(root) }))
    .digest('hex')
    .slice(0, 16)
  const folder = path.join(root, '.cache', 'bench', key)
  if (fs.existsSync(path.join(folder, 'ready'))) return folder
  fs.rmSync(folder, { recursive: true, force: true })
  const t0 = Date.now()
  progress(
    `Building a clinic of ${spec.beds} beds, ${spec.weeksBack} weeks behind and ${spec.weeksAhead} ahead (once; kept in .cache/bench)…`,
  )
  buildDemo(folder, { ...spec, today, progress })
  fs.writeFileSync(
    path.join(folder, 'ready'),
    `${new Date().toISOString()} ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
  )
  progress(`  built in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
  return folder
}

/** A fresh copy of a clinic's data folder to write in. */
export function workCopy(folder: string, scratch: string, name: string): string {
  const target = path.join(scratch, name)
  fs.rmSync(target, { recursive: true, force: true })
  fs.mkdirSync(target, { recursive: true })
  fs.copyFileSync(path.join(folder, DATABASE_FILE_NAME), path.join(target, DATABASE_FILE_NAME))
  return target
}
