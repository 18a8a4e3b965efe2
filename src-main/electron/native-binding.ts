/**
 * better-sqlite3 is a native module: the tests and scripts use the build for
 * Node's ABI in node_modules; Electron needs one for its own ABI. `npm start`
 * prepares that one beside the project (.cache/electron-native/) and the main
 * process loads it through better-sqlite3's nativeBinding option, so neither
 * build ever overwrites the other and no manual rebuild is needed.
 */
import path from 'node:path'

export function electronBindingPath(
  root: string,
  electronVersion: string,
  platform = process.platform,
  arch = process.arch,
): string {
  return path.join(root, '.cache', 'electron-native', `${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node')
}
