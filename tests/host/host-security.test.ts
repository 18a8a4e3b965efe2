/**
 * The browser host answers only its own page and scripts holding the launch
 * token: without the token, with a wrong one, from another origin, or under
 * another Host name, every method is refused and nothing changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { methods } from '../../src-shared/contract/index.js'
import { startHost, type RunningHost } from '../../src-main/host/http-host.js'
import { openTestDesk, setUpClinic, type TestDesk } from '../support/clinic.js'
import { dumpTables } from '../support/dump.js'

let desk: TestDesk
let host: RunningHost

beforeAll(async () => {
  desk = openTestDesk()
  await setUpClinic(desk)
  host = await startHost({ dispatcher: desk.dispatcher, port: 0, staticDir: null })
})
afterAll(async () => {
  await host.close()
  desk.close()
})

const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
  fetch(`${host.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

/** A plausible input for every method, so that only the missing authority can stop it. */
const anyInput = {
  staffId: 1,
  id: 1,
  patientId: 1,
  scheduleSessionId: 1,
  appointmentId: 1,
  bedId: 1,
  date: '2026-01-05',
  from: '2026-01-05',
  to: '2026-01-06',
  query: 'a',
}

describe('the browser host refuses strangers', () => {
  const names = Object.keys(methods)

  it.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['a wrong token in the cookie', { cookie: 'desk_token=not-the-token' }],
  ])('refuses every method with %s and changes nothing', async (_label, headers) => {
    const before = dumpTables(desk.db)
    for (const name of names) {
      const res = await post(`/api/${name}`, headers, anyInput)
      expect(res.status, name).toBe(401)
      const body = await res.json()
      expect(body.ok).toBe(false)
      expect(body.error.code).toBe('UNAUTHORIZED')
    }
    expect(dumpTables(desk.db)).toEqual(before)
  })

  it('refuses every method from another origin, even with the right token', async () => {
    const before = dumpTables(desk.db)
    for (const name of names) {
      const byHeader = await post(
        `/api/${name}`,
        { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' },
        anyInput,
      )
      expect(byHeader.status, name).toBe(403)
      const byCookie = await post(
        `/api/${name}`,
        { cookie: `desk_token=${host.token}`, origin: 'http://evil.example' },
        anyInput,
      )
      expect(byCookie.status, name).toBe(403)
    }
    expect(dumpTables(desk.db)).toEqual(before)
  })

  it('refuses a cookie-only request that no page of its own sent (no Origin, not same-origin)', async () => {
    const before = dumpTables(desk.db)
    const res = await post(
      '/api/patient.create',
      { cookie: `desk_token=${host.token}` },
      { staffId: 1, fullName: 'X', clinicNumber: 'X-1' },
    )
    expect(res.status).toBe(403)
    expect(dumpTables(desk.db)).toEqual(before)
  })

  it('refuses another Host name (DNS rebinding) even with the token', async () => {
    const http = await import('node:http')
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/setup.status',
          method: 'POST',
          headers: { host: `evil.example:${host.port}`, authorization: `Bearer ${host.token}` },
        },
        (res) => resolve(res.statusCode ?? 0),
      )
      req.end('{}')
    })
    expect(status).toBe(403)
  })

  it('refuses the event stream and the method list without the token', async () => {
    expect((await fetch(`${host.url}/api/events`)).status).toBe(401)
    expect((await fetch(`${host.url}/api/methods`)).status).toBe(401)
  })

  it('listens on loopback only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1')
  })
})

describe('the browser host serves its own page and scripts with the token', () => {
  it('answers a method with the token and from its own origin', async () => {
    const res = await post('/api/setup.status', { authorization: `Bearer ${host.token}`, origin: host.url })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ ok: true, value: { initialized: true, center: { name: 'Colombo Kidney Care' } } })
  })

  it('trades the launch address for an HttpOnly SameSite cookie', async () => {
    const res = await fetch(host.launchUrl, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toContain(`desk_token=${host.token}`)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    expect(res.headers.get('location')).toBe('/')
  })

  it('lists every method with its input JSON Schema', async () => {
    const res = await fetch(`${host.url}/api/methods`, { headers: { authorization: `Bearer ${host.token}` } })
    const body = (await res.json()) as {
      ok: true
      value: { name: string; input: { type: string; additionalProperties: boolean } }[]
    }
    expect(body.value.map((m) => m.name).sort()).toEqual(Object.keys(methods).sort())
    for (const m of body.value) {
      expect(m.input.type, m.name).toBe('object')
      expect(m.input.additionalProperties, m.name).toBe(false)
    }
  })

  it('maps refusals to HTTP statuses and keeps the typed error', async () => {
    const auth = { authorization: `Bearer ${host.token}` }
    const unknown = await post('/api/no.such', auth)
    expect(unknown.status).toBe(404)
    expect((await unknown.json()).error.code).toBe('UNKNOWN_METHOD')
    const invalid = await post('/api/board.day', auth, { date: '2025-02-30' })
    expect(invalid.status).toBe(400)
    expect((await invalid.json()).error.code).toBe('VALIDATION')
    const notJson = await fetch(`${host.url}/api/board.day`, { method: 'POST', headers: auth, body: '{not json' })
    expect(notJson.status).toBe(400)
    expect((await notJson.json()).error.message).toContain('not valid JSON')
  })

  it('pushes a change to the event stream as it happens', async () => {
    const controller = new AbortController()
    const res = await fetch(`${host.url}/api/events`, {
      headers: { authorization: `Bearer ${host.token}` },
      signal: controller.signal,
    })
    const reader = res.body!.getReader()
    await reader.read() // ": connected"
    await post('/api/doctor.create', { authorization: `Bearer ${host.token}` }, { staffId: 1, fullName: 'Dr. Perera' })
    const { value } = await reader.read()
    const text = new TextDecoder().decode(value)
    expect(text).toContain('"kind":"change"')
    expect(text).toContain('doctors')
    controller.abort()
  })
})
