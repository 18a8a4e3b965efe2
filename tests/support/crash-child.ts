/**
 * The crash test's child: opens the data folder the way the desk does, then
 * books in a loop (a new patient each time) and prints each booking's id on
 * stdout only after the dispatch call has returned ok, that is after its
 * commit. The parent kills it with SIGKILL at a random moment.
 *
 * Usage: node --import tsx tests/support/crash-child.ts <data folder>
 * (the crash test runs a bundle of it, which starts four times faster).
 * It says 'ready' once loaded and waits for a line on stdin before opening the
 * database, so the parent can start it early and let it load while another
 * child is still running or being checked.
 */
import fs from 'node:fs'
import { addDays } from '../../src-shared/dates.js'
import { createCore, FixedClock } from '../../src-main/core/core.js'
import { openDataFolder } from '../../src-main/db/open-database.js'
import { createDispatcher } from '../../src-main/dispatcher.js'

const folder = process.argv[2]
if (!folder) throw new Error('usage: crash-child.ts <data folder>')

function say(line: string): void {
  // Synchronous on purpose: once this returns the line is in the pipe, and survives our death.
  fs.writeSync(1, `${line}\n`)
}

async function main(): Promise<void> {
  say('ready')
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()))
  const db = openDataFolder(folder!)
  const clock = new FixedClock(new Date('2026-01-05T05:00:00'))
  const desk = createDispatcher(createCore(db, clock), (message, error) =>
    fs.writeSync(2, `${message}: ${String(error)}\n`),
  )
  const staffId = 1
  const tag = `${process.pid}-${Date.now()}`
  let n = 0
  const free = db.prepare(
    `SELECT ss.id FROM schedule_sessions ss WHERE ss.status = 'scheduled'
       AND (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = ss.id AND a.status IN ('scheduled', 'checked_in', 'completed'))
         < min(ss.available_beds, (SELECT count(*) FROM session_beds sb WHERE sb.schedule_session_id = ss.id AND sb.status <> 'blocked'))
     ORDER BY ss.session_date, ss.start_time LIMIT 1`,
  )
  const freeBed = db.prepare(
    `SELECT sb.bed_id AS id FROM session_beds sb JOIN beds b ON b.id = sb.bed_id
     WHERE sb.schedule_session_id = ? AND sb.status = 'available' AND b.isolation = 0 ORDER BY b.position LIMIT 1`,
  )
  const lastDate = db.prepare('SELECT max(session_date) AS d FROM schedule_sessions')
  let session = (free.get() as { id: number } | undefined)?.id
  for (;;) {
    if (session === undefined) {
      const last = (lastDate.get() as { d: string }).d
      const r = await desk.dispatch('schedule.generate', { staffId, from: addDays(last, 1), to: addDays(last, 60) })
      if (!r.ok) throw new Error(`generate refused: ${r.error.message}`)
      session = (free.get() as { id: number } | undefined)?.id
      continue
    }
    n++
    const patient = await desk.dispatch('patient.create', {
      staffId,
      fullName: `Crash Patient ${tag}-${n}`,
      clinicNumber: `C-${tag}-${n}`,
      hepatitisB: 'negative',
    })
    if (!patient.ok) throw new Error(`patient refused: ${patient.error.message}`)
    const patientId = (patient.value as { id: number }).id
    // Every other booking takes a bed, so the bed triggers run too.
    const bed = n % 2 === 0 ? ((freeBed.get(session) as { id: number } | undefined)?.id ?? null) : null
    const r = await desk.dispatch('appointment.book', { staffId, scheduleSessionId: session, patientId, bedId: bed })
    if (r.ok) {
      say(String((r.value as { appointment: { id: number } }).appointment.id))
    } else if (r.error.code === 'SESSION_FULL' || r.error.code === 'BED_TAKEN') {
      session = (free.get() as { id: number } | undefined)?.id
    } else {
      throw new Error(`booking refused: ${r.error.code}: ${r.error.message}`)
    }
  }
}

main().catch((e: unknown) => {
  fs.writeSync(2, `crash child failed: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(3)
})
