/**
 * Where node-gyp is, to compile better-sqlite3 against Electron's headers when
 * no prebuilt binary can be had. npm ships its own node-gyp, but where npm
 * lives differs by install (Debian's /usr/lib, nvm's folder per version,
 * Windows beside node.exe), so it is asked for rather than guessed:
 *
 * 1. `npm_config_node_gyp`: npm sets it for every script it runs (`npm start`)
 *    to the node-gyp it would use itself;
 * 2. npm's own folder, from `npm_execpath` (its npm-cli.js), resolved as npm
 *    resolves its dependencies;
 * 3. npm installed beside this Node (`<prefix>/lib/node_modules/npm`, or
 *    `node_modules/npm` beside node.exe on Windows);
 * 4. the project's own dependencies.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const NODE_GYP = 'node-gyp/bin/node-gyp.js'

/** node-gyp's script as a package in `folder` would resolve it, or null. */
function resolveFrom(folder: string): string | null {
  try {
    return createRequire(path.join(folder, 'package.json')).resolve(NODE_GYP)
  } catch {
    return null
  }
}

export function findNodeGyp(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
  execPath = process.execPath,
): string | null {
  const nodeDir = path.dirname(execPath)
  const candidates = [
    () => env.npm_config_node_gyp ?? null,
    // npm-cli.js is in <npm>/bin.
    () => (env.npm_execpath ? resolveFrom(path.resolve(path.dirname(env.npm_execpath), '..')) : null),
    () => resolveFrom(path.join(nodeDir, '..', 'lib', 'node_modules', 'npm')),
    () => resolveFrom(path.join(nodeDir, 'node_modules', 'npm')),
    () => resolveFrom(root),
  ]
  for (const candidate of candidates) {
    const file = candidate()
    if (file && fs.existsSync(file)) return file
  }
  return null
}
