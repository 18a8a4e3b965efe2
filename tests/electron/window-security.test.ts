/**
 * The Electron shell's security, checked without an Electron runtime (none can
 * be downloaded here): the `electron` module is replaced by a recorder
 * (support/electron-stub.ts), the only mock in the suite, and main.ts runs against it.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { isDeskUrl } from '../../src-main/electron/window-options.js'
import { makeContents, recorded, stubState } from './support/electron-stub.js'

vi.mock('electron', async () => (await import('./support/electron-stub.js')).electronStub())

beforeAll(async () => {
  const { tempFolder } = await import('../support/clinic.js')
  stubState.dataFolder = tempFolder()
  await import('../../src-main/electron/main.js')
  await vi.waitFor(() => expect(recorded.windows.length).toBe(1))
})

describe('the main window', () => {
  it('gives the renderer no Node: isolated, sandboxed, no integration, no webviews', () => {
    const prefs = recorded.windows[0]!.options.webPreferences as Record<string, unknown>
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    })
    expect(String(prefs.preload)).toMatch(/out[\\/]preload[\\/]index\.cjs$/)
    expect(prefs.disableBlinkFeatures).toBe('Auxclick')
  })

  it('sets a strict Content-Security-Policy on every response: nothing from the network, no inline scripts', () => {
    let answered: { responseHeaders: Record<string, string[]> } | undefined
    recorded.headers!({ responseHeaders: {} }, (r: typeof answered) => (answered = r))
    const csp = answered!.responseHeaders['Content-Security-Policy']![0]!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(csp).toContain("connect-src 'self'")
    expect(csp).not.toMatch(/https?:/)
  })

  it('denies every permission request', () => {
    let granted: boolean | undefined
    recorded.permission!({}, 'geolocation', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
  })

  it('denies navigation away, redirects, webviews and new windows on every web contents', () => {
    const contents = makeContents()
    recorded.appHandlers.get('web-contents-created')!({}, contents)
    const prevented = (event: string, ...args: unknown[]) => {
      let stopped = false
      contents.handlers.get(event)!({ preventDefault: () => (stopped = true) }, ...args)
      return stopped
    }
    expect(prevented('will-navigate', 'https://example.com/')).toBe(true)
    expect(prevented('will-redirect', 'https://example.com/')).toBe(true)
    expect(prevented('will-attach-webview')).toBe(true)
    expect(contents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })
})

describe('the IPC handler', () => {
  const deskUrl = `file://${process.cwd()}/out/renderer/index.html`
  const invoke = (sender: unknown, frameUrl: string, method: string, input: unknown) =>
    recorded.ipcHandlers.get('desk:invoke')!({ sender, senderFrame: { url: frameUrl } }, method, input) as Promise<{
      ok: boolean
      error?: { code: string }
    }>

  it('answers the desk page in the desk window through the dispatcher', async () => {
    const r = await invoke(recorded.windows[0]!.contents, deskUrl, 'setup.status', {})
    expect(r).toMatchObject({ ok: true, value: { initialized: false } })
  })

  it('refuses a call from another window or another page, and validates input like every transport', async () => {
    expect((await invoke(makeContents(), deskUrl, 'setup.status', {})).error?.code).toBe('UNAUTHORIZED')
    expect((await invoke(recorded.windows[0]!.contents, 'https://evil.example/', 'setup.status', {})).error?.code).toBe(
      'UNAUTHORIZED',
    )
    expect(
      (await invoke(recorded.windows[0]!.contents, deskUrl, 'setup.initialize', { centerName: '' })).error?.code,
    ).toBe('VALIDATION')
    expect((await invoke(recorded.windows[0]!.contents, deskUrl, 'no.such', {})).error?.code).toBe('UNKNOWN_METHOD')
  })

  it('recognises only the desk page as the desk', () => {
    expect(isDeskUrl(deskUrl, deskUrl)).toBe(true)
    expect(isDeskUrl('file:///etc/passwd', deskUrl)).toBe(false)
    expect(isDeskUrl(deskUrl.replace('index.html', 'roster.html?date=2026-01-05'), deskUrl)).toBe(true)
    expect(isDeskUrl(deskUrl.replace('renderer/index.html', 'secret.html'), deskUrl)).toBe(false)
    expect(isDeskUrl('http://localhost:5173/', 'http://localhost:5173/')).toBe(true)
    expect(isDeskUrl('http://localhost:5174/', 'http://localhost:5173/')).toBe(false)
    expect(isDeskUrl('not a url', deskUrl)).toBe(false)
  })
})
