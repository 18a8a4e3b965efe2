/**
 * Electronegativity (Doyensec's static checker for Electron apps) over the
 * built app finds nothing of high severity.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { ensureBuilt, projectRoot } from '../../src-main/cli/ensure-built.js'
import { tempFolder } from '../support/clinic.js'

it('reports no high-severity finding over the built app', () => {
  const root = projectRoot()
  ensureBuilt({ forElectron: true })
  const report = path.join(tempFolder('eneg-'), 'report.csv')
  const electronVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js'),
      '-i',
      path.join(root, 'out'),
      '-r',
      '-e',
      electronVersion,
      '-o',
      report,
    ],
    { cwd: root, encoding: 'utf8', timeout: 180_000 },
  )
  expect(fs.existsSync(report), r.stderr).toBe(true)
  const rows = fs.readFileSync(report, 'utf8').trim().split('\n').slice(1)
  // The scan really ran over our files: it reads the CSP of the renderer page.
  expect(rows.some((row) => row.includes('renderer/index.html'))).toBe(true)
  const high = rows.filter((row) => row.split(',')[1] === '"HIGH"')
  expect(high).toEqual([])
}, 240_000)
