/**
 * The contract at the door: for every method in the contract (read from the
 * map, so a new method is covered the day it is added), malformed input is
 * refused with VALIDATION and changes nothing; unknown methods are refused;
 * no answer carries a stack trace.
 */
import type { z } from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { methods, type MethodName } from '../../src-shared/contract/index.js'
import { createDispatcher } from '../../src-main/dispatcher.js'
import { MONDAY, openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { dumpDatabase } from '../support/db-dump.js'
import { expectPlainMessage } from '../support/refusal.js'

type Schema = z.ZodType & {
  def: { type: string; innerType?: Schema; in?: Schema; shape?: Record<string, Schema> }
  options?: readonly unknown[]
}

interface Field {
  name: string
  schema: Schema
  required: boolean
  nullable: boolean
  kind: string
  isDate: boolean
  isTime: boolean
  valid: unknown
}

const MEGABYTE = 'x'.repeat(1 << 20)
const accepts = (schema: Schema, value: unknown) => schema.safeParse(value).success

function describeField(name: string, schema: Schema): Field {
  let base = schema
  let required = true
  let nullable = false
  for (;;) {
    const t = base.def.type
    if (t === 'optional' || t === 'default') required = false
    if (t === 'nullable') nullable = true
    if (t === 'optional' || t === 'default' || t === 'nullable') base = base.def.innerType!
    else if (t === 'pipe') base = base.def.in!
    else break
  }
  const kind = base.def.type
  const candidates: unknown[] =
    kind === 'string'
      ? ['2026-01-06', '06:00', 'A1', '0771234567', 'A reason', '/tmp/backup.sqlite']
      : kind === 'number'
        ? [1, 0, 10]
        : kind === 'boolean'
          ? [true]
          : kind === 'enum'
            ? [...(base.options ?? [])]
            : kind === 'array'
              ? [[], ['Mon']]
              : []
  const valid = candidates.find((c) => accepts(schema, c))
  if (valid === undefined)
    throw new Error(`cannot make a valid value for ${name} (${kind}): teach this test the new kind of field`)
  return {
    name,
    schema,
    required,
    nullable,
    kind,
    // Told apart by what they refuse: a clinic number or a phone takes '2026-01-06' too, but also 'A1' or digits.
    isDate: kind === 'string' && accepts(base, '2026-01-06') && !accepts(base, 'A1') && !accepts(base, '0771234567'),
    isTime: kind === 'string' && accepts(base, '06:00') && !accepts(base, 'A1') && !accepts(base, '0771234567'),
    valid,
  }
}

function fieldsOf(method: MethodName): Field[] {
  const schema = methods[method].input as unknown as Schema
  expect(schema.def.type, `${method} takes one object of named fields`).toBe('object')
  return Object.entries(schema.def.shape!).map(([name, s]) => describeField(name, s))
}

/** Values of the wrong type for a field of this kind. */
function wrongTypes(f: Field): unknown[] {
  const out: unknown[] =
    f.kind === 'string'
      ? [42, true, {}, ['a']]
      : f.kind === 'array'
        ? ['Mon', 42, { 0: 'Mon' }, [42]]
        : f.kind === 'number'
          ? ['1', 1.5, true, {}, -1, Number.MAX_SAFE_INTEGER + 2, Number.NaN, Number.POSITIVE_INFINITY]
          : f.kind === 'boolean'
            ? ['yes', 1, {}]
            : ['not-one-of-them', 0, {}]
  if (!f.nullable) out.push(null)
  return out
}

interface Variant {
  label: string
  input: unknown
  /** The field the refusal must name, when there is one. */
  field?: string
  missing?: boolean
}

function variants(method: MethodName): Variant[] {
  const fields = fieldsOf(method)
  const base = Object.fromEntries(fields.map((f) => [f.name, f.valid]))
  expect(methods[method].input.safeParse(base).success, `${method}: the test's valid input must pass`).toBe(true)
  const out: Variant[] = [
    { label: 'a string instead of an object', input: 'staffId=1' },
    { label: 'a number instead of an object', input: 42 },
    { label: 'true instead of an object', input: true },
    { label: 'an empty array', input: [] },
    { label: 'the input wrapped in an array', input: [base] },
    { label: 'an extra field', input: { ...base, notAField: 1 } },
    { label: 'a __proto__ field', input: { ...base, ...JSON.parse('{"__proto__": {"admin": true}}') } },
    {
      label: 'a thousand extra fields',
      input: {
        ...base,
        ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`extra${i}${'y'.repeat(100)}`, i])),
      },
    },
  ]
  for (const f of fields) {
    const withValue = (value: unknown) => ({ ...base, [f.name]: value })
    if (f.required) {
      const { [f.name]: _, ...rest } = base
      out.push({ label: `${f.name} missing`, input: rest, field: f.name, missing: true })
    }
    for (const w of wrongTypes(f))
      out.push({ label: `${f.name} = ${JSON.stringify(w)}`, input: withValue(w), field: f.name })
    out.push({ label: `${f.name} = a 1 MB string`, input: withValue(MEGABYTE), field: f.name })
    if (f.isDate)
      for (const d of ['2025-02-30', '2025-13-01', '2025-1-1', '30/01/2025'])
        out.push({ label: `${f.name} = ${d}`, input: withValue(d), field: f.name })
    if (f.isTime)
      for (const t of ['25:00', '12:60', '6:00', '06:00:00'])
        out.push({ label: `${f.name} = ${t}`, input: withValue(t), field: f.name })
  }
  return out
}

let desk: TestDesk

beforeAll(async () => {
  desk = openTestDesk()
  const c = await setUpClinic(desk, { beds: 2, weekdays: ['Mon', 'Tue'] })
  await desk.call('schedule.generate', { staffId: c.staffId, from: MONDAY, to: '2026-01-06' })
  const p = await desk.call('patient.create', {
    staffId: c.staffId,
    fullName: 'Nimal Perera',
    clinicNumber: 'CKC-001',
    hepatitisB: 'negative',
  })
  const [session] = await desk.call('schedule.range', { from: '2026-01-06', to: '2026-01-06' })
  await desk.call('appointment.book', { staffId: c.staffId, scheduleSessionId: session!.id, patientId: p.id, bedId: 1 })
})
afterAll(() => desk?.close())

describe('every method refuses malformed input with VALIDATION and changes nothing', () => {
  const names = Object.keys(methods) as MethodName[]
  it('recognises the kinds of field it must spoil', () => {
    const kinds = (m: MethodName) =>
      Object.fromEntries(fieldsOf(m).map((f) => [f.name, f.isDate ? 'date' : f.isTime ? 'time' : f.kind]))
    expect(kinds('schedule.generate')).toEqual({ staffId: 'number', from: 'date', to: 'date' })
    expect(kinds('template.create')).toMatchObject({
      weekday: 'enum',
      startTime: 'time',
      endTime: 'time',
      defaultCapacity: 'number',
    })
    expect(kinds('patient.create')).toMatchObject({
      clinicNumber: 'string',
      phone: 'string',
      nationalId: 'string',
      hepatitisB: 'enum',
    })
    expect(kinds('audit.list')).toMatchObject({ from: 'date', to: 'date', beforeId: 'number' })
    expect(kinds('bed.list')).toEqual({ includeInactive: 'boolean' })
  })

  for (const method of names) {
    it(method, async () => {
      let events = 0
      const unsubscribe = desk.core.events.subscribe(() => events++)
      const before = dumpDatabase(desk.db)
      // Rows written by this connection, counted by SQLite even when a transaction rolls back.
      const written = () => (desk.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
      try {
        for (const v of variants(method)) {
          const writtenBefore = written()
          const r = await desk.dispatcher.dispatch(method, v.input)
          const what = `${method} with ${v.label}`
          expect(r.ok, what).toBe(false)
          if (r.ok) continue
          expect(r.error.code, `${what}: ${r.error.message}`).toBe('VALIDATION')
          expectPlainMessage(r.error.message)
          if (v.field) {
            expect(r.error.message, what).toContain(v.field)
            // A bad item of a list is named by its place in it (slots.0).
            const fields = ((r.error.details?.issues ?? []) as { field: string }[]).map((i) => i.field)
            expect(
              fields.some((name) => name === v.field || name.startsWith(`${v.field}.`)),
              `${what}: ${fields.join(', ')}`,
            ).toBe(true)
          }
          if (v.missing) expect(r.error.message, what).toContain(`${v.field} is required`)
          expect(written(), `${what} wrote to the database`).toBe(writtenBefore)
        }
      } finally {
        unsubscribe()
      }
      expect(events).toBe(0)
      expect(dumpDatabase(desk.db)).toEqual(before)
    })
  }
})

describe('the door itself', () => {
  it('refuses unknown method names, inherited names included, and never echoes a huge name', async () => {
    const before = dumpDatabase(desk.db)
    for (const name of [
      'nope',
      '',
      'appointment.book ',
      'APPOINTMENT.BOOK',
      'appointment/book',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'a'.repeat(1 << 20),
    ]) {
      const r = await desk.dispatcher.dispatch(name, { staffId: 1 })
      expect(r.ok, name.slice(0, 40)).toBe(false)
      if (r.ok) continue
      expect(r.error.code).toBe('UNKNOWN_METHOD')
      expectPlainMessage(r.error.message)
      expect(r.error.message.length).toBeLessThan(200)
    }
    expect(dumpDatabase(desk.db)).toEqual(before)
  })

  it('turns an unexpected failure inside the desk into INTERNAL with a plain sentence, and logs the detail', async () => {
    const broken = openTestDesk()
    await setUpClinic(broken, { beds: 1, weekdays: [] })
    const logged: unknown[] = []
    const dispatcher = createDispatcher(broken.core, (message, error) => logged.push([message, error]))
    broken.db.exec('DROP TABLE audit_log') // a database damaged behind the desk's back
    const r = await dispatcher.dispatch('doctor.create', { staffId: 1, fullName: 'Dr. X' })
    broken.close()
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toEqual({ code: 'INTERNAL', message: 'Something went wrong inside the desk. Nothing was changed.' })
    expect(logged).toHaveLength(1)
  })

  it('fills in defaults and trims text on the way in', async () => {
    const r = await desk.dispatcher.dispatch('patient.search', { query: '  nimal  ' })
    expect(r).toMatchObject({ ok: true, value: [expect.objectContaining({ fullName: 'Nimal Perera' })] })
  })
})
