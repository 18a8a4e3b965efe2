/**
 * Random weeks of standing schedules: standing-schedule changes (some with a
 * last day), one-off moves and cancellations, generation runs, bed outages,
 * session cancellations with rebooking, changes to the weekly sessions
 * (new times and capacity, stopping and restarting them), a visiting patient
 * booked by hand and by a standing schedule, and the clock moving on. After
 * every step: the core's invariants, plus
 * - every standing patient in every generated session not yet over is either
 *   booked (an active booking linked to the occurrence), listed as a conflict
 *   (open, for that patient and date), or was cancelled by reception for that
 *   date only; a cancelled booking alone does not count as booked;
 * - no one-off change was overwritten by anything but an explicit action on it
 *   (its link may pass to the patient's new weekly place for the same date),
 *   and no date a one-off settled was booked again;
 * - no standing date of a patient is settled twice;
 * - a visitor holds no booking outside the stay;
 * - nothing dated before today changed.
 *
 * DESK_PROPERTY_RUNS / DESK_PROPERTY_STEPS / DESK_PROPERTY_SEED as in invariants.property.test.ts.
 */
import fc from 'fast-check'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, localDateTime, WEEKDAYS } from '../../src-shared/dates.js'
import { ERROR_CODES } from '../../src-shared/errors.js'
import { DATABASE_FILE_NAME } from '../../src-main/db/open-database.js'
import { MONDAY, openTestDesk, tempFolder, type TestDesk } from '../support/clinic.js'
import { invariantViolations } from '../support/invariants.js'

const RUNS = Number(process.env.DESK_PROPERTY_RUNS ?? 30)
const STEPS = Number(process.env.DESK_PROPERTY_STEPS ?? 30)
const SEED = process.env.DESK_PROPERTY_SEED === undefined ? undefined : Number(process.env.DESK_PROPERTY_SEED)

const EXPECTED_REFUSALS = new Set([
  'NOT_FOUND',
  'INACTIVE',
  'BED_TAKEN',
  'SESSION_FULL',
  'BED_BLOCKED',
  'BED_OUT_OF_SERVICE',
  'BED_NOT_IN_SESSION',
  'PATIENT_DOUBLE_BOOKED',
  'ISOLATION_MISMATCH',
  'SESSION_CANCELLED',
  'IN_THE_PAST',
  'INVALID_STATE',
  'DUPLICATE',
  'VALIDATION',
  'BED_OCCUPIED',
  'TEMPLATE_CLASH',
  'OUTSIDE_VISIT',
])

const pick = fc.nat(1000)
const op = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('standing' as const),
      patient: pick,
      days: fc.subarray([0, 1, 2, 3, 4, 5] as const),
      shift: fc.integer({ min: 0, max: 1 }),
      bed: fc.integer({ min: 0, max: 4 }),
      offset: fc.integer({ min: 0, max: 10 }),
      lasting: fc.option(fc.integer({ min: 0, max: 12 }), { nil: null, freq: 3 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('generate' as const),
      offset: fc.integer({ min: 0, max: 7 }),
      days: fc.integer({ min: 1, max: 10 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('oneOffMove' as const),
      appointment: pick,
      session: pick,
      bed: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('oneOffBed' as const),
      appointment: pick,
      bed: fc.integer({ min: 0, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('oneOffCancel' as const), appointment: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('outage' as const),
      bed: fc.integer({ min: 0, max: 3 }),
      offset: fc.integer({ min: 0, max: 6 }),
      days: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endOutage' as const), outage: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancelSession' as const), session: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rebook' as const), session: pick }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.integer({ min: 30, max: 48 * 60 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('templateUpdate' as const),
      template: pick,
      shiftBy: fc.integer({ min: -4, max: 4 }),
      capacity: fc.integer({ min: 1, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('templateStop' as const), template: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('templateRestart' as const), template: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('visitorBook' as const),
      session: pick,
      bed: fc.integer({ min: 0, max: 4 }),
    }),
  },
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

let templateFolder: string

beforeAll(async () => {
  const desk = openTestDesk({ time: '05:00' })
  const { staff } = await desk.call('setup.initialize', { centerName: 'Standing Clinic', staffName: 'Anoma' })
  const staffId = staff[0]!.id
  for (const [code, isolation] of [
    ['B1', false],
    ['B2', false],
    ['B3', false],
    ['ISO', true],
  ] as const)
    await desk.call('bed.create', { staffId, code, isolation })
  for (const weekday of WEEKDAYS.slice(0, 6)) {
    await desk.call('template.create', { staffId, weekday, startTime: '06:00', endTime: '10:00', defaultCapacity: 3 })
    await desk.call('template.create', { staffId, weekday, startTime: '11:00', endTime: '15:00', defaultCapacity: 4 })
  }
  const people = [
    ['Nimal', 'negative'],
    ['Kamala', 'negative'],
    ['Ruwan', 'positive'],
    ['සුනිල්', 'negative'],
    ['முருகன்', 'negative'],
    ['Amal', 'unknown'],
  ] as const
  for (const [i, [fullName, hepatitisB]] of people.entries())
    await desk.call('patient.create', { staffId, fullName, clinicNumber: `P-${i}`, hepatitisB })
  // A visitor staying from the third to the twelfth day: the last patient, so standing changes pick them too.
  await desk.call('patient.create', {
    staffId,
    fullName: 'Visiting Arun',
    clinicNumber: 'V-1',
    hepatitisB: 'negative',
    kind: 'visiting',
    visitFrom: addDays(MONDAY, 2),
    visitUntil: addDays(MONDAY, 11),
  })
  templateFolder = tempFolder('desk-standing-template-')
  desk.db.close()
  fs.copyFileSync(path.join(desk.folder, DATABASE_FILE_NAME), path.join(templateFolder, DATABASE_FILE_NAME))
  desk.close()
})
afterAll(() => fs.rmSync(templateFolder, { recursive: true, force: true }))

const rows = (db: Database.Database, sql: string, ...p: unknown[]) =>
  db.prepare(sql).all(...p) as Record<string, unknown>[]
const idList = (db: Database.Database, sql: string, ...p: unknown[]) => rows(db, sql, ...p).map((r) => r.id as number)
const nth = (list: number[], i: number) => (list.length === 0 ? 99_999 : list[i % list.length]!)

const ACTIVE = `('scheduled', 'checked_in', 'completed')`

/**
 * Every generated session not yet over owes each standing patient of its
 * template (a visitor: during the stay) an active booking linked to that
 * occurrence, an open conflict for that patient and date, or a decision of
 * reception's for that date only: the booking cancelled by hand (a one-off),
 * its session cancelled, or a no-show recorded.
 */
function uncovered(db: Database.Database, now: { date: string; time: string }): Record<string, unknown>[] {
  return rows(
    db,
    `SELECT s.id AS slot, s.patient_id, ss.id AS session, ss.session_date FROM standing_slots s
     JOIN schedule_sessions ss ON ss.session_id = s.session_id AND ss.session_date >= s.valid_from AND (s.valid_until IS NULL OR ss.session_date <= s.valid_until)
     JOIN patients p ON p.id = s.patient_id AND p.active = 1 AND (p.kind = 'regular' OR ss.session_date BETWEEN p.visit_from AND p.visit_until)
     WHERE (ss.session_date > ? OR (ss.session_date = ? AND ss.end_time > ?))
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.standing_slot_id = s.id AND a.standing_date = ss.session_date
         AND (a.status IN ${ACTIVE} OR a.status = 'no_show'
           OR (a.status = 'cancelled' AND (a.one_off = 1 OR a.cancel_reason LIKE 'Session cancelled:%'))))
       AND NOT EXISTS (SELECT 1 FROM conflicts c WHERE c.patient_id = s.patient_id AND c.session_date = ss.session_date AND c.resolved_at IS NULL)`,
    now.date,
    now.date,
    now.time,
  )
}

/** A standing date of a patient held or decided twice: booked on top of a booking, or on top of a one-off. */
const settledTwice = (db: Database.Database) =>
  rows(
    db,
    `SELECT s.patient_id, a.standing_date, group_concat(a.id) AS ids FROM appointments a JOIN standing_slots s ON s.id = a.standing_slot_id
     WHERE a.status IN ${ACTIVE} OR a.status = 'no_show' OR a.one_off = 1
     GROUP BY s.patient_id, a.standing_date HAVING count(*) > 1`,
  )

const visitorsOutsideStay = (db: Database.Database) =>
  rows(
    db,
    `SELECT a.id, ss.session_date FROM appointments a JOIN patients p ON p.id = a.patient_id JOIN schedule_sessions ss ON ss.id = a.schedule_session_id
     WHERE p.kind = 'visiting' AND a.status IN ${ACTIVE} AND ss.session_date NOT BETWEEN p.visit_from AND p.visit_until`,
  )

const pastRows = (db: Database.Database, today: string) => ({
  appointments: rows(
    db,
    'SELECT a.* FROM appointments a JOIN schedule_sessions ss ON ss.id = a.schedule_session_id WHERE ss.session_date < ? ORDER BY a.id',
    today,
  ),
  sessions: rows(db, 'SELECT * FROM schedule_sessions WHERE session_date < ? ORDER BY id', today),
  sessionBeds: rows(
    db,
    'SELECT sb.* FROM session_beds sb JOIN schedule_sessions ss ON ss.id = sb.schedule_session_id WHERE ss.session_date < ? ORDER BY sb.id',
    today,
  ),
})

interface OneOff {
  /** The row without its link and its update time: what reception decided. */
  decided: string
  slot: number
  patientId: number
  date: string
}

const oneOffs = (db: Database.Database) =>
  new Map(
    rows(db, 'SELECT * FROM appointments WHERE one_off = 1').map((r): [number, OneOff] => {
      const { standing_slot_id, updated_at, ...decided } = r
      void updated_at
      return [
        r.id as number,
        {
          decided: JSON.stringify(decided),
          slot: standing_slot_id as number,
          patientId: r.patient_id as number,
          date: r.standing_date as string,
        },
      ]
    }),
  )

/** The appointments a step's answer says it acted on (AppointmentView objects, not conflicts): only those may change while they are one-offs. */
function touched(value: unknown): Set<number> {
  const out = new Set<number>()
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      const appointmentView =
        typeof o.id === 'number' &&
        typeof o.scheduleSessionId === 'number' &&
        'oneOff' in o &&
        'standing' in o &&
        'bedCode' in o &&
        'status' in o
      if (appointmentView) out.add(o.id as number)
      if (typeof o.makeUpForId === 'number') out.add(o.makeUpForId)
      Object.values(o).forEach(visit)
    }
  }
  visit(value)
  return out
}

function request(desk: TestDesk, o: Op): [string, Record<string, unknown>] | ['clock', number] {
  const staffId = 1
  const db = desk.db
  const now = localDateTime(desk.clock.now())
  const beds = idList(db, 'SELECT id FROM beds ORDER BY id')
  const bed = (i: number) => (i >= beds.length ? null : beds[i]!)
  const upcoming = idList(
    db,
    'SELECT id FROM schedule_sessions WHERE session_date > ? OR (session_date = ? AND end_time > ?) ORDER BY session_date, start_time',
    now.date,
    now.date,
    now.time,
  )
  const standingBookings = idList(
    db,
    "SELECT id FROM appointments WHERE standing_slot_id IS NOT NULL AND status = 'scheduled' ORDER BY id",
  )
  switch (o.kind) {
    case 'standing': {
      const patient = nth(idList(db, 'SELECT id FROM patients ORDER BY id'), o.patient)
      const templates = (weekday: number) =>
        idList(db, 'SELECT id FROM sessions WHERE weekday = ? ORDER BY start_time', WEEKDAYS[weekday]!)
      const from = addDays(now.date, o.offset)
      return [
        'standing.set',
        {
          staffId,
          patientId: patient,
          from,
          until: o.lasting === null ? null : addDays(from, o.lasting),
          slots: o.days.map((d) => ({
            weekday: WEEKDAYS[d],
            templateId: templates(d)[o.shift] ?? 99_999,
            bedId: bed(o.bed),
          })),
        },
      ]
    }
    case 'generate':
      return [
        'schedule.generate',
        { staffId, from: addDays(now.date, o.offset), to: addDays(now.date, o.offset + o.days - 1) },
      ]
    case 'oneOffMove':
      return [
        'appointment.move',
        {
          staffId,
          appointmentId: nth(standingBookings, o.appointment),
          scheduleSessionId: nth(upcoming, o.session),
          bedId: bed(o.bed),
        },
      ]
    case 'oneOffBed':
      return [
        'appointment.assignBed',
        { staffId, appointmentId: nth(standingBookings, o.appointment), bedId: bed(o.bed) },
      ]
    case 'oneOffCancel':
      return [
        'appointment.cancel',
        { staffId, appointmentId: nth(standingBookings, o.appointment), reason: 'This date only' },
      ]
    case 'outage':
      return [
        'outage.create',
        {
          staffId,
          bedId: bed(o.bed) ?? 99_999,
          from: addDays(now.date, o.offset),
          until: addDays(now.date, o.offset + o.days - 1),
          reason: 'Machine broken',
        },
      ]
    case 'endOutage':
      return [
        'outage.end',
        { staffId, id: nth(idList(db, 'SELECT id FROM bed_outages WHERE ended_at IS NULL ORDER BY id'), o.outage) },
      ]
    case 'cancelSession':
      return ['schedule.cancel', { staffId, scheduleSessionId: nth(upcoming, o.session), reason: 'Holiday' }]
    case 'rebook':
      return [
        'makeup.rebookSession',
        {
          staffId,
          scheduleSessionId: nth(
            idList(db, "SELECT id FROM schedule_sessions WHERE status = 'cancelled' ORDER BY id"),
            o.session,
          ),
        },
      ]
    case 'clock':
      return ['clock', o.minutes]
    case 'templateUpdate': {
      const t = rows(db, 'SELECT id, start_time, end_time FROM sessions ORDER BY id')
      const chosen = t.length === 0 ? undefined : t[o.template % t.length]!
      const move = (time: string) => {
        const m = Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + o.shiftBy * 15
        return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
      }
      return [
        'template.update',
        {
          staffId,
          id: chosen?.id ?? 99_999,
          startTime: move(chosen ? String(chosen.start_time) : '06:00'),
          endTime: move(chosen ? String(chosen.end_time) : '10:00'),
          defaultCapacity: o.capacity,
        },
      ]
    }
    case 'templateStop':
      return [
        'template.deactivate',
        { staffId, id: nth(idList(db, 'SELECT id FROM sessions WHERE active = 1 ORDER BY id'), o.template) },
      ]
    case 'templateRestart':
      return [
        'template.reactivate',
        { staffId, id: nth(idList(db, 'SELECT id FROM sessions WHERE active = 0 ORDER BY id'), o.template) },
      ]
    case 'visitorBook':
      return [
        'appointment.book',
        {
          staffId,
          scheduleSessionId: nth(upcoming, o.session),
          patientId: nth(idList(db, "SELECT id FROM patients WHERE kind = 'visiting'"), 0),
          bedId: bed(o.bed),
        },
      ]
  }
}

async function runSequence(ops: Op[]): Promise<void> {
  const folder = tempFolder('desk-standing-')
  fs.copyFileSync(path.join(templateFolder, DATABASE_FILE_NAME), path.join(folder, DATABASE_FILE_NAME))
  const desk = openTestDesk({ folder, time: '05:00' })
  const log: string[] = []
  try {
    for (const o of ops) {
      const [method, input] = request(desk, o)
      const today = localDateTime(desk.clock.now()).date
      const pastBefore = pastRows(desk.db, today)
      const oneOffBefore = oneOffs(desk.db)
      const lastIdBefore = (rows(desk.db, 'SELECT max(id) AS id FROM appointments')[0]!.id as number | null) ?? 0
      let acted = new Set<number>()
      if (method === 'clock') {
        desk.clock.set(new Date(desk.clock.now().getTime() + (input as number) * 60_000))
        log.push(`clock -> ${desk.clock.now().toString()}`)
      } else {
        const r = await desk.dispatcher.dispatch(method, input)
        log.push(`${method} ${JSON.stringify(input)} -> ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`}`)
        const context = log.slice(-12).join('\n')
        if (r.ok) acted = touched(r.value)
        else {
          expect(EXPECTED_REFUSALS.has(r.error.code), `unexpected refusal\n${context}`).toBe(true)
          expect(r.error.message, `a bare refusal\n${context}`).not.toBe(ERROR_CODES[r.error.code])
        }
        const asked = (input as Record<string, unknown>).appointmentId
        if (typeof asked === 'number') acted.add(asked)
      }
      const context = log.slice(-12).join('\n')
      const now = localDateTime(desk.clock.now())
      expect(invariantViolations(desk.db, now), `after:\n${context}`).toEqual([])
      expect(uncovered(desk.db, now), `a standing patient neither booked nor listed, after:\n${context}`).toEqual([])
      expect(settledTwice(desk.db), `a standing date held twice, after:\n${context}`).toEqual([])
      expect(visitorsOutsideStay(desk.db), `a visitor booked outside the stay, after:\n${context}`).toEqual([])
      expect(pastRows(desk.db, today), `something dated before ${today} changed, after:\n${context}`).toEqual(
        pastBefore,
      )
      const oneOffAfter = oneOffs(desk.db)
      const newLinked = rows(
        desk.db,
        'SELECT id, patient_id, standing_date FROM appointments WHERE id > ? AND standing_date IS NOT NULL',
        lastIdBefore,
      )
      for (const [id, before] of oneOffBefore) {
        if (acted.has(id)) continue
        const after = oneOffAfter.get(id)
        expect(after?.decided, `one-off ${id} was overwritten, after:\n${context}`).toBe(before.decided)
        if (after!.slot !== before.slot) {
          // Its link may only pass to the patient's weekly place of that same weekday that holds on its date.
          const slot = rows(desk.db, 'SELECT * FROM standing_slots WHERE id = ?', after!.slot)[0]!
          const old = rows(desk.db, 'SELECT weekday FROM standing_slots WHERE id = ?', before.slot)[0]!
          expect(
            slot.patient_id === before.patientId &&
              slot.weekday === old.weekday &&
              (slot.valid_from as string) <= before.date &&
              (slot.valid_until === null || (slot.valid_until as string) >= before.date),
            `one-off ${id} was linked to a weekly place that is not its own, after:\n${context}`,
          ).toBe(true)
        }
        const rebooked = newLinked.filter((a) => a.patient_id === before.patientId && a.standing_date === before.date)
        expect(rebooked, `the date of one-off ${id} was booked again, after:\n${context}`).toEqual([])
      }
    }
    expect(desk.db.pragma('foreign_key_check')).toEqual([])
  } finally {
    desk.close()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

describe('standing schedules under random sequences', () => {
  it(`keep their promises after every step of ${RUNS} sequences of ${STEPS} steps`, async () => {
    const start: Op[] = [
      { kind: 'standing', patient: 0, days: [0, 2, 4], shift: 0, bed: 0, offset: 0, lasting: null },
      { kind: 'standing', patient: 2, days: [1, 3, 5], shift: 1, bed: 3, offset: 0, lasting: null },
      { kind: 'generate', offset: 0, days: 7 },
    ]
    const sequence = fc
      .array(op, { minLength: STEPS - start.length, maxLength: STEPS - start.length })
      .map((ops): Op[] => [...start, ...ops])
    await fc.assert(fc.asyncProperty(sequence, runSequence), {
      numRuns: RUNS,
      ...(SEED !== undefined && { seed: SEED }),
    })
  }, 600_000)
})
