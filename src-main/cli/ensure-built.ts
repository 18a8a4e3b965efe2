/**
 * The desk runs from its build (out/): this makes it when it is missing or
 * older than the sources (a fresh clone, a pull). The work is done by
 * scripts/build-freshness.mjs, which the plain-JavaScript launcher shares.
 */
import fs from 'node:fs'
import path from 'node:path'
// @ts-expect-error -- a plain JavaScript module (JSDoc-typed) shared with scripts/serve.mjs
import { ensureBuilt as build } from '../../scripts/build-freshness.mjs'

/** The repository: the nearest folder up from here whose package.json is the desk's (from the sources or from out/main). */
export function projectRoot(): string {
  let dir = import.meta.dirname
  for (;;) {
    const pkg = path.join(dir, 'package.json')
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'dialysis-desk')
      return dir
    const up = path.dirname(dir)
    if (up === dir) throw new Error('The desk cannot find its own folder (package.json).')
    dir = up
  }
}

/**
 * Builds when needed and answers the folder of the built renderer. The browser
 * host needs the renderer; Electron (`forElectron`) also needs main and preload.
 */
export function ensureBuilt(options: { forElectron?: boolean; root?: string } = {}): string {
  const root = options.root ?? projectRoot()
  ;(build as (root: string, needs: string[]) => boolean)(
    root,
    options.forElectron ? ['renderer', 'host', 'electron'] : ['renderer'],
  )
  return path.join(root, 'out', 'renderer')
}
