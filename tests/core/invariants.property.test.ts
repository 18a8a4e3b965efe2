/**
 * Random days at the desk: long random sequences of generate / book / assign /
 * move / cancel / block / unblock / cancel-session / check-in / complete /
 * no-show / reinstate / beds out of service, retired and back / template
 * capacity and times / patients leaving / the clock moving on, on a small clinic. After
 * every step the invariants are checked with raw SQL, and the audit log holds
 * exactly one row per successful write.
 *
 * DESK_PROPERTY_RUNS raises the number of sequences (default 1,000),
 * DESK_PROPERTY_STEPS their length (default 20); DESK_PROPERTY_SEED replays one.
 * Each sequence runs on an in-memory copy of the small clinic's database image
 * (the real schema, indexes and triggers): opening and deleting a file per
 * sequence cost more than the steps themselves. The file-backed tests
 * (crash.test.ts and the service tests) are where durability is proven.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { methods, isMethodName } from '../../src-shared/contract/index.js'
import { addDays, localDateTime } from '../../src-shared/dates.js'
import { ERROR_CODES } from '../../src-shared/errors.js'
import { openMemoryTestDesk, openTestDesk, type TestDesk } from '../support/clinic.js'
import { count } from '../support/db-dump.js'
import { invariantViolations } from '../support/invariants.js'
import { expectPlainMessage } from '../support/refusal.js'

const RUNS = Number(process.env.DESK_PROPERTY_RUNS ?? 1000)
const STEPS = Number(process.env.DESK_PROPERTY_STEPS ?? 20)
const SEED = process.env.DESK_PROPERTY_SEED === undefined ? undefined : Number(process.env.DESK_PROPERTY_SEED)

/** Refusals a random but well-formed request may meet; anything else (INTERNAL above all) is a bug. */
const EXPECTED_REFUSALS = new Set([
  'NOT_FOUND',
  'INACTIVE',
  'BED_TAKEN',
  'BED_OCCUPIED',
  'SESSION_FULL',
  'BED_BLOCKED',
  'BED_OUT_OF_SERVICE',
  'BED_NOT_IN_SESSION',
  'PATIENT_DOUBLE_BOOKED',
  'ISOLATION_MISMATCH',
  'SESSION_CANCELLED',
  'IN_THE_PAST',
  'INVALID_STATE',
  'TEMPLATE_CLASH',
])

const pick = fc.nat(1000)
/** Mostly one of the next few sessions, so that they fill up; sometimes any session, ended ones included. */
const sessionPick = fc.oneof({ weight: 3, arbitrary: fc.nat(2) }, { weight: 1, arbitrary: fc.nat(1000) })
const bedPick = fc.integer({ min: 0, max: 4 }) // 4: no bed

const op = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('generate' as const),
      offset: fc.integer({ min: 0, max: 5 }),
      days: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant('book' as const), patient: pick, session: sessionPick, bed: bedPick }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assign' as const), appointment: pick, bed: bedPick }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('move' as const), appointment: pick, session: sessionPick, bed: bedPick }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), appointment: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reinstate' as const), appointment: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('block' as const), session: sessionPick, bed: bedPick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unblock' as const), session: sessionPick, bed: bedPick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancelSession' as const), session: pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('checkIn' as const), appointment: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('complete' as const), appointment: pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('noShow' as const), appointment: pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('bedService' as const), bed: bedPick, inService: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bedActive' as const), bed: bedPick, active: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('templateCapacity' as const),
      template: pick,
      capacity: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('templateTimes' as const),
      template: pick,
      start: fc.integer({ min: 8, max: 34 }), // half hours: 04:00 to 17:00
      halfHours: fc.integer({ min: 4, max: 10 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('patientActive' as const),
      patient: pick,
      active: fc.boolean(),
      cancelUpcoming: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('isolationRule' as const), warn: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.integer({ min: 15, max: 36 * 60 }) }),
  },
)
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never

let image: Buffer
let baseWrites: number

/** The small clinic, built once through the dispatcher (on a real file) and copied for every run. */
beforeAll(async () => {
  const desk = openTestDesk({ time: '05:00' })
  const { staff } = await desk.call('setup.initialize', { centerName: 'Property Clinic', staffName: 'Anoma' })
  const staffId = staff[0]!.id
  for (const [code, isolation] of [
    ['B1', false],
    ['B2', false],
    ['B3', false],
    ['ISO', true],
  ] as const)
    await desk.call('bed.create', { staffId, code, isolation })
  for (const weekday of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const) {
    await desk.call('template.create', { staffId, weekday, startTime: '06:00', endTime: '10:00', defaultCapacity: 2 })
    await desk.call('template.create', { staffId, weekday, startTime: '11:00', endTime: '15:00', defaultCapacity: 3 })
  }
  const people = [
    ['Nimal', 'negative'],
    ['Kamala', 'negative'],
    ['Ruwan', 'positive'],
    ['සුනිල්', 'unknown'],
    ['முருகன்', 'negative'],
    ['Amal', 'negative'],
    ['Chamari', 'negative'],
    ['Fathima', 'negative'],
  ] as const
  for (const [i, [fullName, hepatitisB]] of people.entries())
    await desk.call('patient.create', { staffId, fullName, clinicNumber: `P-${i}`, hepatitisB })
  baseWrites = count(desk.db, 'SELECT count(*) AS n FROM audit_log')
  // An in-memory database cannot be in WAL mode: the image is taken in rollback-journal mode.
  desk.db.pragma('journal_mode = DELETE')
  image = desk.db.serialize()
  desk.close()
})

/** Raw reads of the test's own, prepared once per connection (thousands of steps each make several). */
const prepared = new WeakMap<object, Map<string, { all(...params: unknown[]): unknown[] }>>()
function query<R>(desk: TestDesk, sql: string, ...params: unknown[]): R[] {
  let cache = prepared.get(desk.db)
  if (!cache) prepared.set(desk.db, (cache = new Map<string, { all(...params: unknown[]): unknown[] }>()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = desk.db.prepare(sql)))
  return stmt.all(...params) as R[]
}

const ids = (desk: TestDesk, table: string) =>
  query<{ id: number }>(desk, `SELECT id FROM ${table} ORDER BY id`).map((r) => r.id)
const nth = (list: number[], i: number) => (list.length === 0 ? 99_999 : list[i % list.length]!)

function request(desk: TestDesk, o: Op): [string, Record<string, unknown>] | ['clock', number] {
  const staffId = 1
  const bed = (i: number) => {
    const beds = ids(desk, 'beds')
    return i >= beds.length ? null : beds[i]!
  }
  const now = localDateTime(desk.clock.now())
  // Sessions that have not ended first, soonest first; then the ended ones.
  const session = (i: number) =>
    nth(
      query<{ id: number }>(
        desk,
        `SELECT id FROM schedule_sessions ORDER BY (session_date > ? OR (session_date = ? AND end_time > ?)) DESC, session_date, start_time`,
        now.date,
        now.date,
        now.time,
      ).map((r) => r.id),
      i,
    )
  const appointment = (i: number) => nth(ids(desk, 'appointments'), i)
  const today = now.date
  switch (o.kind) {
    case 'generate':
      return [
        'schedule.generate',
        { staffId, from: addDays(today, o.offset), to: addDays(today, o.offset + o.days - 1) },
      ]
    case 'book':
      return [
        'appointment.book',
        {
          staffId,
          scheduleSessionId: session(o.session),
          patientId: nth(ids(desk, 'patients'), o.patient),
          bedId: bed(o.bed),
        },
      ]
    case 'assign':
      return ['appointment.assignBed', { staffId, appointmentId: appointment(o.appointment), bedId: bed(o.bed) }]
    case 'move':
      return [
        'appointment.move',
        {
          staffId,
          appointmentId: appointment(o.appointment),
          scheduleSessionId: session(o.session),
          bedId: bed(o.bed),
        },
      ]
    case 'cancel':
      return [
        'appointment.cancel',
        { staffId, appointmentId: appointment(o.appointment), reason: 'Random cancellation' },
      ]
    case 'reinstate':
      return ['appointment.reinstate', { staffId, appointmentId: appointment(o.appointment) }]
    case 'block':
      return [
        'schedule.blockBed',
        { staffId, scheduleSessionId: session(o.session), bedId: bed(o.bed) ?? 99_999, reason: 'Random block' },
      ]
    case 'unblock':
      return ['schedule.unblockBed', { staffId, scheduleSessionId: session(o.session), bedId: bed(o.bed) ?? 99_999 }]
    case 'cancelSession':
      return ['schedule.cancel', { staffId, scheduleSessionId: session(o.session), reason: 'Random closure' }]
    case 'checkIn':
      return ['appointment.checkIn', { staffId, appointmentId: appointment(o.appointment) }]
    case 'complete':
      return ['appointment.complete', { staffId, appointmentId: appointment(o.appointment) }]
    case 'noShow':
      return ['appointment.noShow', { staffId, appointmentId: appointment(o.appointment), reason: 'unknown' }]
    case 'bedService':
      return ['bed.setInService', { staffId, id: bed(o.bed) ?? 99_999, inService: o.inService }]
    case 'bedActive':
      return [o.active ? 'bed.reactivate' : 'bed.deactivate', { staffId, id: bed(o.bed) ?? 99_999 }]
    case 'templateCapacity':
      return ['template.update', { staffId, id: nth(ids(desk, 'sessions'), o.template), defaultCapacity: o.capacity }]
    case 'templateTimes': {
      const hhmm = (halfHours: number) =>
        `${String(Math.floor(halfHours / 2)).padStart(2, '0')}:${halfHours % 2 ? '30' : '00'}`
      return [
        'template.update',
        {
          staffId,
          id: nth(ids(desk, 'sessions'), o.template),
          startTime: hhmm(o.start),
          endTime: hhmm(o.start + o.halfHours),
        },
      ]
    }
    case 'patientActive':
      return o.active
        ? ['patient.reactivate', { staffId, id: nth(ids(desk, 'patients'), o.patient) }]
        : [
            'patient.deactivate',
            { staffId, id: nth(ids(desk, 'patients'), o.patient), cancelUpcoming: o.cancelUpcoming },
          ]
    case 'isolationRule':
      return ['center.update', { staffId, isolationRule: o.warn ? 'warn' : 'enforce' }]
    case 'clock':
      return ['clock', o.minutes]
  }
}

async function runSequence(ops: Op[]): Promise<void> {
  const desk = openMemoryTestDesk(image, { time: '05:00' })
  let writes = baseWrites
  const log: string[] = []
  try {
    for (const o of ops) {
      const [method, input] = request(desk, o)
      if (method === 'clock') {
        desk.clock.set(new Date(desk.clock.now().getTime() + (input as number) * 60_000))
        log.push(`clock -> ${desk.clock.now().toString()}`)
      } else {
        const r = await desk.dispatcher.dispatch(method, input)
        log.push(`${method} ${JSON.stringify(input)} -> ${r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`}`)
        if (r.ok) {
          if (isMethodName(method) && methods[method].kind === 'write') writes++
        } else {
          const context = log.slice(-12).join('\n')
          expect(EXPECTED_REFUSALS.has(r.error.code), `unexpected refusal\n${context}`).toBe(true)
          expectPlainMessage(r.error.message)
          // The code's own checks say why in words; the database's bare code is only the backstop.
          expect(r.error.message, `a refusal left to the database's generic sentence\n${context}`).not.toBe(
            ERROR_CODES[r.error.code],
          )
        }
      }
      // expect() only on a failure: its matchers cost more than the checks, thousands of times over.
      const violations = invariantViolations(desk.db, localDateTime(desk.clock.now()))
      if (violations.length > 0) expect(violations, `after:\n${log.slice(-12).join('\n')}`).toEqual([])
      const auditRows = query<{ n: number }>(desk, 'SELECT count(*) AS n FROM audit_log')[0]!.n
      if (auditRows !== writes) expect(auditRows, `audit rows after:\n${log.slice(-5).join('\n')}`).toBe(writes)
    }
    expect(desk.db.pragma('foreign_key_check')).toEqual([])
  } finally {
    desk.close()
  }
}

describe('scheduling invariants under random sequences', () => {
  it(`hold after every step of ${RUNS} sequences of ${STEPS} steps`, async () => {
    // Every sequence starts by generating the first days, so that most steps meet real sessions.
    const sequence = fc
      .array(op, { minLength: STEPS - 1, maxLength: STEPS - 1 })
      .map((ops): Op[] => [{ kind: 'generate', offset: 0, days: 4 }, ...ops])
    await fc.assert(fc.asyncProperty(sequence, runSequence), {
      numRuns: RUNS,
      ...(SEED !== undefined && { seed: SEED }),
    })
  }, 600_000)
})
