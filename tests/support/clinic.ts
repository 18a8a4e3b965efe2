/**
 * Test helpers: a real SQLite file in a fresh temporary folder, a fixed clock,
 * and a small clinic set up through the dispatcher exactly as a desk would.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { InputOf, MethodName, OutputOf } from '../../src-shared/contract/index.js'
import type { DeskErrorShape } from '../../src-shared/errors.js'
import { type Core, createCore, FixedClock } from '../../src-main/core/core.js'
import { configureConnection, openDataFolder } from '../../src-main/db/open-database.js'
import { createDispatcher, type Dispatcher } from '../../src-main/dispatcher.js'

/**
 * Where test folders go: memory-backed /dev/shm on Linux when it is there (each
 * commit's fsync costs nothing, so the suite runs about four times faster and
 * still works on real SQLite files), else the system's temporary folder.
 * DESK_TEST_TMP overrides both, e.g. to run the suite on a real disk.
 */
export function testTempRoot(): string {
  if (process.env.DESK_TEST_TMP) return process.env.DESK_TEST_TMP
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK)
    return '/dev/shm'
  } catch {
    return os.tmpdir()
  }
}

export function tempFolder(prefix = 'desk-test-'): string {
  return fs.mkdtempSync(path.join(testTempRoot(), prefix))
}

export interface TestDesk {
  folder: string
  db: Database.Database
  core: Core
  clock: FixedClock
  dispatcher: Dispatcher
  /** Calls a method and answers its value; throws with the error's code and message on a refusal. */
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>
  /** Calls a method that must be refused; answers the error. */
  refuse<M extends MethodName>(method: M, input: unknown): Promise<DeskErrorShape>
  /** Closes the database; removes the folder when openTestDesk made it. */
  close(): void
}

/** Monday 5 January 2026, 07:00 local time: a working day with sessions ahead. */
export const MONDAY = '2026-01-05'

export function openTestDesk(options: { folder?: string; today?: string; time?: string } = {}): TestDesk {
  const folder = options.folder ?? tempFolder()
  return deskOn(openDataFolder(folder), folder, options, () => {
    if (!options.folder) fs.rmSync(folder, { recursive: true, force: true })
  })
}

/**
 * A desk on an in-memory copy of a database image (`db.serialize()` of a desk
 * database in rollback-journal mode): the same schema, indexes and triggers as
 * the file, without opening, checking and deleting a file. For tests that open
 * thousands of desks; durability is what the file-backed tests are for.
 */
export function openMemoryTestDesk(image: Buffer, options: { today?: string; time?: string } = {}): TestDesk {
  const db = new Database(image)
  configureConnection(db, false)
  return deskOn(db, ':memory:', options, () => {})
}

function deskOn(
  db: Database.Database,
  folder: string,
  options: { today?: string; time?: string },
  cleanUp: () => void,
): TestDesk {
  const clock = new FixedClock(new Date(`${options.today ?? MONDAY}T${options.time ?? '07:00'}:00`))
  const core = createCore(db, clock)
  const dispatcher = createDispatcher(core, () => {})
  return {
    folder,
    db,
    core,
    clock,
    dispatcher,
    async call(method, input) {
      const r = await dispatcher.dispatch(method, input)
      if (!r.ok) throw new Error(`${method} refused: ${r.error.code}: ${r.error.message}`)
      return r.value as never
    },
    async refuse(method, input) {
      const r = await dispatcher.dispatch(method, input)
      if (r.ok)
        throw new Error(`${method} was expected to be refused but answered ${JSON.stringify(r.value).slice(0, 200)}`)
      return r.error
    },
    close() {
      if (db.open) db.close()
      cleanUp()
    },
  }
}

export interface SmallClinic {
  staffId: number
  doctorId: number
  /** Bed ids by code: BED-A1 .. BED-A{n}; the last one is an isolation bed. */
  beds: Record<string, number>
  templates: number[]
}

/**
 * The seed's clinic in small: beds BED-A1..BED-A{beds} (the last an isolation bed),
 * Dr. Silva, and Mon-Sat sessions 06:00-10:00, 10:30-14:30, 15:00-19:00.
 */
export async function setUpClinic(
  desk: TestDesk,
  options: { beds?: number; weekdays?: string[] } = {},
): Promise<SmallClinic> {
  const status = await desk.call('setup.initialize', {
    centerName: 'Colombo Kidney Care',
    staffName: 'Anoma Fernando',
    staffRole: 'admin',
  })
  const staffId = status.staff[0]!.id
  const n = options.beds ?? 4
  const beds: Record<string, number> = {}
  for (let i = 1; i <= n; i++) {
    const bed = await desk.call('bed.create', { staffId, code: `BED-A${i}`, isolation: i === n })
    beds[bed.code] = bed.id
  }
  const doctor = await desk.call('doctor.create', { staffId, fullName: 'Dr. Silva' })
  const templates: number[] = []
  for (const weekday of (options.weekdays ?? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) as ('Mon' | 'Tue')[]) {
    for (const [startTime, endTime] of [
      ['06:00', '10:00'],
      ['10:30', '14:30'],
      ['15:00', '19:00'],
    ] as const) {
      const t = await desk.call('template.create', {
        staffId,
        weekday,
        startTime,
        endTime,
        defaultCapacity: n,
        doctorId: doctor.id,
      })
      templates.push(t.id)
    }
  }
  return { staffId, doctorId: doctor.id, beds, templates }
}
