/**
 * better-sqlite3 for Electron's ABI: `npm start` builds a copy into
 * .cache/electron-native/<electron version>-<platform>-<arch>/ and Electron's
 * main process opens the desk with it when it is there, with the ordinary
 * (Node) build otherwise. The `electron` module is replaced by a stand-in, as
 * in window-security.test.ts (no Electron runtime can be had here); the desk
 * opened is the real one, on a real file. Where the copy is there, the test
 * puts Node's own build at that path and checks that the process loaded that
 * very file.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DeskOptions } from '../../src-main/desk/desk.js'
import { electronBindingPath } from '../../src-main/electron/native-binding.js'
import { findNodeGyp } from '../../src-main/cli/find-node-gyp.js'
import { projectRoot } from '../../src-main/cli/ensure-built.js'
import { tempFolder } from '../support/clinic.js'

type Handler = (...args: unknown[]) => unknown
const recorded = vi.hoisted(() => ({
  appPath: '',
  dataFolder: '',
  deskOptions: [] as DeskOptions[],
  windows: 0,
  appHandlers: new Map<string, Handler>(),
  errors: [] as string[],
}))

vi.mock('electron', () => {
  const contents = () => ({ on() {}, setWindowOpenHandler() {}, send() {} })
  class BrowserWindow {
    webContents = contents()
    constructor() {
      recorded.windows++
    }
    once() {}
    isDestroyed() {
      return false
    }
    isMinimized() {
      return false
    }
    loadURL() {
      return Promise.resolve()
    }
  }
  return {
    app: {
      getAppPath: () => recorded.appPath,
      getPath: () => recorded.dataFolder,
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      quit() {},
      on: (event: string, h: Handler) => recorded.appHandlers.set(event, h),
    },
    BrowserWindow,
    dialog: { showErrorBox: (_t: string, m: string) => recorded.errors.push(m) },
    ipcMain: { handle() {} },
    session: { defaultSession: { setPermissionRequestHandler() {}, webRequest: { onHeadersReceived() {} } } },
  }
})

// Not a stand-in: the real openDesk, with the options main.ts gave it written down.
vi.mock('../../src-main/desk/desk.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/desk/desk.js')>()
  return {
    ...real,
    openDesk: (options: DeskOptions) => {
      recorded.deskOptions.push(options)
      return real.openDesk(options)
    },
  }
})

const folders: string[] = []
afterAll(() => {
  for (const f of folders) fs.rmSync(f, { recursive: true, force: true })
})

beforeEach(() => {
  vi.resetModules()
  recorded.appPath = tempFolder('desk-app-')
  recorded.dataFolder = tempFolder('desk-data-')
  folders.push(recorded.appPath, recorded.dataFolder)
  recorded.deskOptions.length = 0
  recorded.windows = 0
  recorded.errors.length = 0
})

/** Runs main.ts as Electron would, until its window exists; then closes it as the last window closing does. */
async function startMain(): Promise<DeskOptions> {
  await import('../../src-main/electron/main.js')
  await vi.waitFor(() => expect(recorded.windows, recorded.errors.join('\n')).toBe(1))
  const options = recorded.deskOptions[0]!
  recorded.appHandlers.get('window-all-closed')!()
  return options
}

/** Electron's binding path for this process (no Electron here: its version reads "unknown", as main.ts has it). */
const bindingPath = () => electronBindingPath(recorded.appPath, process.versions.electron ?? 'unknown')

describe("Electron's main process", () => {
  it('opens the desk with the ordinary build when no Electron build was prepared', async () => {
    expect(fs.existsSync(bindingPath())).toBe(false)
    const options = await startMain()
    expect(options.dataFolder).toBe(recorded.dataFolder)
    expect(options).not.toHaveProperty('nativeBinding')
    expect(fs.existsSync(path.join(recorded.dataFolder, 'desk.sqlite'))).toBe(true)
  })

  it('opens the desk with the build prepared for Electron when it is there, and loads that very file', async () => {
    const target = bindingPath()
    expect(target).toContain(path.join('.cache', 'electron-native'))
    fs.mkdirSync(path.dirname(target), { recursive: true })
    // Node's own build, at Electron's place: loadable here, and recognisable in the process's memory map.
    const nodeBuild = path.join(
      path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    fs.copyFileSync(nodeBuild, target)
    const options = await startMain()
    expect(options.nativeBinding).toBe(target)
    expect(fs.existsSync(path.join(recorded.dataFolder, 'desk.sqlite'))).toBe(true)
    if (process.platform === 'linux') expect(fs.readFileSync('/proc/self/maps', 'utf8')).toContain(target)
  })
})

describe('finding node-gyp to compile that build when no prebuilt one can be had', () => {
  /** A file at a path under a folder, with its folders. */
  const put = (file: string, content = '') => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
    return file
  }
  const gypIn = (npm: string) => put(path.join(npm, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  let base: string
  let emptyRoot: string
  beforeEach(() => {
    base = tempFolder('desk-gyp-')
    emptyRoot = path.join(base, 'project')
    fs.mkdirSync(emptyRoot)
    folders.push(base)
  })

  it('takes the node-gyp npm names for its scripts first', () => {
    const given = put(path.join(base, 'npm-given', 'node-gyp.js'))
    gypIn(path.join(base, 'prefix', 'lib', 'node_modules', 'npm'))
    expect(findNodeGyp(emptyRoot, { npm_config_node_gyp: given }, path.join(base, 'prefix', 'bin', 'node'))).toBe(given)
  })

  it("finds npm's own node-gyp from npm_execpath wherever npm is installed", () => {
    const npm = path.join(base, 'somewhere', 'npm')
    const cli = put(path.join(npm, 'bin', 'npm-cli.js'))
    const gyp = gypIn(npm)
    expect(
      findNodeGyp(
        emptyRoot,
        { npm_execpath: cli, npm_config_node_gyp: path.join(base, 'gone.js') },
        '/nowhere/bin/node',
      ),
    ).toBe(gyp)
  })

  it('finds the npm installed beside Node, on Unix and on Windows layouts', () => {
    const unix = gypIn(path.join(base, 'nvm', 'v20', 'lib', 'node_modules', 'npm'))
    expect(findNodeGyp(emptyRoot, {}, path.join(base, 'nvm', 'v20', 'bin', 'node'))).toBe(unix)
    const windows = gypIn(path.join(base, 'nodejs', 'node_modules', 'npm'))
    expect(findNodeGyp(emptyRoot, {}, path.join(base, 'nodejs', 'node.exe'))).toBe(windows)
  })

  it("falls back to the project's own dependencies, and answers null when there is none", () => {
    expect(findNodeGyp(emptyRoot, {}, '/nowhere/bin/node')).toBeNull()
    const own = gypIn(emptyRoot)
    expect(findNodeGyp(emptyRoot, {}, '/nowhere/bin/node')).toBe(own)
  })

  it('finds a real node-gyp on this machine, as `npm start` would run it', () => {
    const found = findNodeGyp(projectRoot())
    expect(found).not.toBeNull()
    expect(fs.existsSync(found!)).toBe(true)
    expect(path.basename(found!)).toBe('node-gyp.js')
  })
})
