/** Serving the built desk (out/renderer) to the browser: files only from that folder, nothing else. */
import fs from 'node:fs'
import type { ServerResponse } from 'node:http'
import path from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** The same policy as the Electron window: nothing from the network, no inline scripts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

export function serveStatic(root: string, urlPath: string, res: ServerResponse): void {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    rel = '/'
  }
  const resolvedRoot = path.resolve(root)
  let file = path.resolve(resolvedRoot, `.${rel}`)
  if (!file.startsWith(resolvedRoot + path.sep) && file !== resolvedRoot) file = resolvedRoot
  let stat = fs.existsSync(file) ? fs.statSync(file) : undefined
  if (!stat || stat.isDirectory()) {
    // A screen's address (e.g. /patients) is the app's own route: answer with the app.
    file = path.join(resolvedRoot, 'index.html')
    stat = fs.existsSync(file) ? fs.statSync(file) : undefined
  }
  if (!stat) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The desk has not been built yet. Run "npm run build" and start again.')
    return
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream'
  const hashed = file.includes(`${path.sep}assets${path.sep}`)
  res.writeHead(200, {
    'content-type': type,
    'content-length': stat.size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
  })
  fs.createReadStream(file).pipe(res)
}
