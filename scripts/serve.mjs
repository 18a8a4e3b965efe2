// npm run serve -- [--data <folder>] [--port <n>] [--no-build]
// Runs the browser host from the build (out/main/serve.js), building it first
// when it is missing or older than the sources: a start then costs Node's own
// start and the database's opening, not a compiler's.
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureBuilt } from './build-freshness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
try {
  if (!args.includes('--no-build')) ensureBuilt(root, ['renderer', 'host'])
  const host = await import(pathToFileURL(path.join(root, 'out', 'main', 'serve.js')).href)
  await host.serve(args)
} catch (e) {
  console.error(`Error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`)
  process.exit(1)
}
