/**
 * Where the clinic's data lives when no --data folder is given: the same
 * folder Electron gives the app (its userData), so the desk in Electron and in
 * the browser host open the same database.
 */
import os from 'node:os'
import path from 'node:path'

export const PRODUCT_NAME = 'Dialysis Desk'

export function defaultDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const home = os.homedir()
  switch (platform) {
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME)
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME)
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME)
  }
}
