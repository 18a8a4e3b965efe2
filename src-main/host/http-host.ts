/**
 * The browser host: the same dispatcher as the Electron window, over HTTP on
 * loopback. It is how the desk runs where Electron cannot, how scripts reach
 * the clinic's data, and how the end-to-end tests drive the app.
 *
 *   POST /api/<method>   JSON body  ->  {"ok":true,"value":...} | {"ok":false,"error":{"code","message"}}
 *   GET  /api/methods    every method with its input JSON Schema
 *   GET  /api/events     server-sent events: every change, as it happens
 *   GET  /api/status     the app, its data version and the data file
 *
 * Every request must carry the launch token (the cookie set by opening the
 * printed address, or an `Authorization: Bearer <token>` header), must name
 * this host in its Host header (no DNS rebinding), and, when a browser sends
 * an Origin, come from this host's own origin. So no other web page open on
 * the computer can read or book patients.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { z } from 'zod'
import { methods } from '../../src-shared/contract/index.js'
import type { DeskErrorShape, ErrorCode } from '../../src-shared/errors.js'
import type { DeskEvent } from '../../src-shared/events.js'
import type { Dispatcher } from '../dispatcher.js'
import { cookieValue, newLaunchToken, sameToken, TOKEN_COOKIE } from './launch-token.js'
import { CONTENT_SECURITY_POLICY, serveStatic } from './static-files.js'

export interface HostOptions {
  dispatcher: Dispatcher
  /** 0 picks a free port. */
  port: number
  /** The built renderer (out/renderer); null serves the API only. */
  staticDir: string | null
  token?: string
  /** Facts for GET /api/status. */
  status?: () => Record<string, unknown>
}

export interface RunningHost {
  url: string
  /** The address to open: carries the launch token once. */
  launchUrl: string
  port: number
  token: string
  close(): Promise<void>
}

/** Big enough that a 1 MB text field reaches validation and is refused there, with a sentence. */
const MAX_BODY_BYTES = 4 * 1024 * 1024

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  UNAUTHORIZED: 403,
  INTERNAL: 500,
  BUSY: 503,
}

export function httpStatusOf(code: ErrorCode): number {
  return STATUS_OF[code] ?? 409
}

let methodList: unknown[] | undefined
function describeMethods(): unknown[] {
  methodList ??= Object.entries(methods).map(([name, spec]) => ({
    name,
    kind: spec.kind,
    summary: spec.summary,
    path: `/api/${name}`,
    input: z.toJSONSchema(spec.input as z.ZodType, { io: 'input', unrepresentable: 'any' }),
  }))
  return methodList
}

export function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? newLaunchToken()
  const sseClients = new Set<http.ServerResponse>()
  let origin = ''
  let port = 0

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...headers,
    })
    res.end(text)
  }
  const refuse = (res: http.ServerResponse, status: number, message: string) => {
    const error: DeskErrorShape = { code: 'UNAUTHORIZED', message }
    send(res, status, { ok: false, error })
  }

  const server = http.createServer((req, res) => {
    res.setHeader('x-content-type-options', 'nosniff')
    res.setHeader('referrer-policy', 'no-referrer')
    res.setHeader('x-frame-options', 'DENY')
    const url = new URL(req.url ?? '/', origin)

    const hostHeader = req.headers.host ?? ''
    if (hostHeader !== `127.0.0.1:${port}` && hostHeader !== `localhost:${port}`) {
      return refuse(res, 403, 'This desk answers only at its own address on this computer.')
    }
    const reqOrigin = req.headers.origin
    if (reqOrigin !== undefined && reqOrigin !== origin && reqOrigin !== `http://localhost:${port}`) {
      return refuse(res, 403, 'Requests from other web pages are not allowed.')
    }

    // Opening the printed address: trade the token in the URL for a cookie, then drop it from the address bar.
    const urlToken = url.searchParams.get('token')
    if (req.method === 'GET' && urlToken !== null && !url.pathname.startsWith('/api/')) {
      if (!sameToken(urlToken, token))
        return refuse(
          res,
          403,
          'This address is from an earlier start of the desk; open the address it printed this time.',
        )
      url.searchParams.delete('token')
      res.writeHead(302, {
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      })
      return res.end()
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    const byCookie = sameToken(cookieValue(req.headers.cookie, TOKEN_COOKIE), token)
    const byHeader = sameToken(bearer, token)
    if (!byCookie && !byHeader) {
      if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
        res.writeHead(401, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': CONTENT_SECURITY_POLICY,
        })
        return res.end(
          '<!doctype html><title>Dialysis desk</title><p>Open the desk with the address it printed when it started (it ends in <code>?token=…</code>).</p>',
        )
      }
      return refuse(res, 401, 'This request needs the desk’s launch token.')
    }
    // A cookie is sent by the browser on its own; from a page, it must be this host's page.
    if (
      byCookie &&
      !byHeader &&
      req.method === 'POST' &&
      reqOrigin === undefined &&
      req.headers['sec-fetch-site'] !== 'same-origin'
    ) {
      return refuse(res, 403, 'Requests from other web pages are not allowed.')
    }

    if (url.pathname === '/api/methods' && req.method === 'GET')
      return send(res, 200, { ok: true, value: describeMethods() })
    if (url.pathname === '/api/status' && req.method === 'GET')
      return send(res, 200, { ok: true, value: options.status?.() ?? {} })
    if (url.pathname === '/api/events' && req.method === 'GET') {
      // Each change goes out the moment it is written: no waiting to gather small packets (Nagle).
      req.socket.setNoDelay(true)
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
      res.write(': connected\n\n')
      sseClients.add(res)
      req.on('close', () => sseClients.delete(res))
      return
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST')
        return send(res, 405, { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Call desk methods with POST.' } })
      return readJson(req, (body) => {
        if (!body.ok) return send(res, body.status, { ok: false, error: body.error })
        const method = decodeURIComponent(url.pathname.slice('/api/'.length))
        void options.dispatcher.dispatch(method, body.value).then((result) => {
          send(res, result.ok ? 200 : httpStatusOf(result.error.code), result)
        })
      })
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return send(res, 405, { ok: false, error: { code: 'UNKNOWN_METHOD', message: 'Not allowed.' } })
    if (!options.staticDir)
      return send(res, 404, { ok: false, error: { code: 'NOT_FOUND', message: 'This host serves the API only.' } })
    serveStatic(options.staticDir, url.pathname, res)
  })

  const unsubscribe = options.dispatcher.core.events.subscribe((event: DeskEvent) => {
    const frame = `data: ${JSON.stringify(event)}\n\n`
    for (const c of sseClients) c.write(frame)
  })
  // Keeps idle event streams open through proxies and tells a closed tab apart.
  const heartbeat = setInterval(() => {
    for (const c of sseClients) c.write(': ping\n\n')
  }, 15_000)
  heartbeat.unref()

  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port
      origin = `http://127.0.0.1:${port}`
      resolve({
        url: origin,
        launchUrl: `${origin}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe()
            clearInterval(heartbeat)
            for (const c of sseClients) c.end()
            server.close(() => done())
            server.closeAllConnections()
          }),
      })
    })
  })
}

type Body = { ok: true; value: unknown } | { ok: false; status: number; error: DeskErrorShape }

function readJson(req: http.IncomingMessage, done: (body: Body) => void): void {
  const chunks: Buffer[] = []
  let size = 0
  let finished = false
  req.on('data', (chunk: Buffer) => {
    if (finished) return
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      finished = true
      done({
        ok: false,
        status: 413,
        error: { code: 'VALIDATION', message: `The request is too large (over ${MAX_BODY_BYTES / 1024 / 1024} MB).` },
      })
      req.resume()
      return
    }
    chunks.push(chunk)
  })
  req.on('end', () => {
    if (finished) return
    finished = true
    const text = Buffer.concat(chunks).toString('utf8')
    if (text.trim() === '') return done({ ok: true, value: {} })
    try {
      done({ ok: true, value: JSON.parse(text) })
    } catch {
      done({ ok: false, status: 400, error: { code: 'VALIDATION', message: 'The request body is not valid JSON.' } })
    }
  })
}
