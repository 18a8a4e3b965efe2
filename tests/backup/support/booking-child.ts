/**
 * Another desk booking in a loop, for the export-under-load test: it books a
 * patient into an upcoming session and cancels the booking again (each one
 * transaction with its audit row), over and over, and reports how many writes
 * it has made and the longest a single write took.
 *
 *   node booking-child.mjs <data folder> <today YYYY-MM-DD>
 */
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createCore, FixedClock } from '../../../src-main/core/core.js'
import { openDataFolder } from '../../../src-main/db/open-database.js'
import { createDispatcher } from '../../../src-main/dispatcher.js'

const [folder, today] = process.argv.slice(2) as [string, string]
const say = (line: string) => fs.writeSync(1, `${line}\n`)
const db = openDataFolder(folder)
const core = createCore(db, new FixedClock(new Date(`${today}T07:00:00`)))
const desk = createDispatcher(core, () => {})
// Its own staff member, so the test can tell this process's writes from any other.
const staffId = (db.prepare("SELECT id FROM staff WHERE full_name = 'Load Tester'").get() as { id: number }).id
const sessions = (
  db
    .prepare(
      `SELECT s.id FROM schedule_sessions s WHERE s.session_date > ? AND s.status = 'scheduled'
       AND (SELECT count(*) FROM appointments a WHERE a.schedule_session_id = s.id AND a.status IN ('scheduled', 'checked_in', 'completed')) < s.available_beds
       ORDER BY s.session_date, s.start_time LIMIT 10`,
    )
    .all(today) as { id: number }[]
).map((r) => r.id)
const patients = (
  db.prepare("SELECT id FROM patients WHERE active = 1 AND hepatitis_b <> 'positive' ORDER BY id").all() as {
    id: number
  }[]
).map((r) => r.id)

let writes = 0
let longest = 0
const timed = async (method: string, input: unknown) => {
  const started = performance.now()
  const r = await desk.dispatch(method, input)
  longest = Math.max(longest, performance.now() - started)
  if (r.ok) writes++
  return r
}

for (let i = 0; ; i++) {
  const scheduleSessionId = sessions[i % sessions.length]!
  const patientId = patients[Math.floor(i / sessions.length) % patients.length]!
  const booked = await timed('appointment.book', { staffId, scheduleSessionId, patientId })
  if (booked.ok) {
    const appointmentId = (booked.value as { appointment: { id: number } }).appointment.id
    await timed('appointment.cancel', { staffId, appointmentId, reason: 'export load test' })
  }
  if (i % 10 === 0) say(`writes ${writes} longest ${longest.toFixed(1)}`)
}
