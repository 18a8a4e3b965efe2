// Whether the desk's build (out/) is older than its sources, and building it when it is.
// Plain JavaScript on purpose: the launcher uses it before anything is built or compiled.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

/** The folders the build is made from. */
export const SOURCES = ['src-main', 'src-renderer', 'src-shared', 'resources']

/** What `electron-vite build` writes, by what needs it. */
export const OUTPUTS = {
  renderer: ['out/renderer/index.html', 'out/renderer/roster.html'],
  host: ['out/main/serve.js'],
  electron: ['out/main/index.js', 'out/preload/index.cjs'],
}

function newestMtime(dir) {
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
 * Builds when any of the outputs is missing or older than the sources.
 * @param {string} root the repository
 * @param {(keyof typeof OUTPUTS)[]} needs
 * @returns {boolean} whether it built
 */
export function ensureBuilt(root, needs) {
  const outputs = needs.flatMap((n) => OUTPUTS[n]).map((f) => path.join(root, f))
  const builtAt = Math.min(...outputs.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)))
  const sourcesAt = Math.max(
    ...SOURCES.map((s) => newestMtime(path.join(root, s))),
    fs.statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  )
  if (builtAt > 0 && builtAt >= sourcesAt) return false
  console.log(
    builtAt === 0
      ? 'Building the desk (first start, this takes a little while)…'
      : 'The desk changed since it was built; building it again…',
  )
  const r = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  if (r.status !== 0 || outputs.some((f) => !fs.existsSync(f)))
    throw new Error('Building the desk failed (see the messages above).')
  return true
}
