/**
 * Realistic clinics for the backup tests: the demo generator's Colombo Kidney
 * Care (patients, weeks of bookings, an audit trail), built once per set of
 * options and source version and then copied into a fresh data folder per test.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { buildDemo } from '../../../src-main/cli/demo.js'
import { contentHash } from '../../../src-main/backup/content-hash.js'
import { databasePath } from '../../../src-main/db/open-database.js'
import { DEFAULT_DEMO } from '../../../src-main/demo/demo-generator.js'
import { tempFolder, testTempRoot } from '../../support/clinic.js'

const REPO = path.resolve(import.meta.dirname, '../../..')

/** The demo's "today": a Monday. */
export const DEMO_TODAY = '2026-01-05'

export interface DemoShape {
  seed?: number
  beds?: number
  weeksBack?: number
  weeksAhead?: number
}

/** A fresh data folder holding a copy of the demo clinic built with these options. */
export function demoClinic(shape: DemoShape = {}): string {
  const folder = tempFolder('desk-backup-')
  try {
    try {
      fs.copyFileSync(cachedDemo(shape), databasePath(folder))
    } catch (e) {
      // Another test run on newer sources may have just replaced the cached clinic: build or take the new one.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
      fs.copyFileSync(cachedDemo(shape), databasePath(folder))
    }
  } catch (e) {
    fs.rmSync(folder, { recursive: true, force: true })
    throw e
  }
  return folder
}

function sourcesVersion(): string {
  const hash = createHash('sha256')
  for (const dir of ['src-main/db/migrations', 'src-main/demo']) {
    for (const name of fs.readdirSync(path.join(REPO, dir)).sort()) {
      const file = path.join(REPO, dir, name)
      if (fs.statSync(file).isFile()) hash.update(name).update(fs.readFileSync(file))
    }
  }
  return hash.digest('hex').slice(0, 12)
}

function cachedDemo(shape: DemoShape): string {
  const seed = shape.seed ?? 1
  const weeksBack = shape.weeksBack ?? DEFAULT_DEMO.weeksBack
  const weeksAhead = shape.weeksAhead ?? DEFAULT_DEMO.weeksAhead
  const beds = shape.beds ?? DEFAULT_DEMO.beds
  const version = sourcesVersion()
  const shapeName = `s${seed}-b${weeksBack}-a${weeksAhead}${beds === DEFAULT_DEMO.beds ? '' : `-beds${beds}`}`
  const cache = path.join(testTempRoot(), `desk-backup-demo-${version}-${shapeName}.sqlite`)
  if (fs.existsSync(cache)) return cache
  // Clinics built by older sources are of no more use.
  for (const name of fs.readdirSync(testTempRoot())) {
    if (
      name.startsWith('desk-backup-demo-') &&
      !name.startsWith(`desk-backup-demo-${version}-`) &&
      name.endsWith('.sqlite')
    ) {
      fs.rmSync(path.join(testTempRoot(), name), { force: true })
    }
  }
  const building = tempFolder('desk-backup-demo-build-')
  try {
    buildDemo(building, { ...DEFAULT_DEMO, seed, beds, weeksBack, weeksAhead, today: DEMO_TODAY })
    // Parallel test files may build the same clinic: the first rename wins, the result is the same.
    fs.renameSync(databasePath(building), cache)
  } finally {
    fs.rmSync(building, { recursive: true, force: true })
  }
  return cache
}

/** SHA-256 of the database file and its -wal: proves a refused restore changed nothing, byte for byte. */
export function fileFingerprint(dataFolder: string): string {
  const hash = createHash('sha256')
  for (const suffix of ['', '-wal']) {
    const f = databasePath(dataFolder) + suffix
    hash.update(`${suffix}:`)
    if (fs.existsSync(f)) hash.update(fs.readFileSync(f))
  }
  return hash.digest('hex')
}

/** The logical content of a database (as the backup checksum sees it). */
export function contentOf(db: Database.Database): string {
  return contentHash(db).sha256
}

export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true })
}
