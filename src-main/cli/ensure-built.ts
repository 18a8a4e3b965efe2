/**
 * The desk runs from its build (out/). When the build is missing or older than
 * the sources (a fresh clone, a pull), it is made first, once.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export function projectRoot(): string {
  // src-main/cli -> the repository
  return path.resolve(import.meta.dirname, '..', '..')
}

function newestMtime(dir: string): number {
  let newest = 0
  if (!fs.existsSync(dir)) return newest
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    const m = fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs
    if (m > newest) newest = m
  }
  return newest
}

/**
 * Builds when needed and answers the folder of the built renderer. The browser
 * host needs only the renderer; Electron (`forElectron`) also needs main and preload.
 */
export function ensureBuilt(options: { forElectron?: boolean; root?: string } = {}): string {
  const root = options.root ?? projectRoot()
  const outputs = [path.join(root, 'out', 'renderer', 'index.html')]
  const sources = ['src-renderer', 'src-shared', 'resources']
  if (options.forElectron) {
    outputs.push(path.join(root, 'out', 'main', 'index.js'), path.join(root, 'out', 'preload', 'index.cjs'))
    sources.push('src-main')
  }
  const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)))
  const sourcesAt = Math.max(...sources.map((s) => newestMtime(path.join(root, s))), fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs)
  if (builtAt === 0 || builtAt < sourcesAt) {
    console.log(builtAt === 0 ? 'Building the desk (first start, this takes a little while)…' : 'The desk changed since it was built; building it again…')
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    if (r.status !== 0 || outputs.some((f) => !fs.existsSync(f))) throw new Error('Building the desk failed (see the messages above).')
  }
  return path.join(root, 'out', 'renderer')
}
