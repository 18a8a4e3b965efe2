/**
 * Child processes for the backup tests are bundled once with vite (a project
 * dependency): loading the TypeScript sources through tsx costs about a second
 * per child, a bundle a fraction of that, and the crash test starts dozens.
 * The bundle lives under node_modules/.cache so that better-sqlite3, left
 * outside it, is found.
 */
import fs from 'node:fs'
import path from 'node:path'

const REPO = path.resolve(import.meta.dirname, '../../..')

export async function bundleScript(source: string): Promise<{ file: string; remove(): void }> {
  const { build } = await import('vite')
  fs.mkdirSync(path.join(REPO, 'node_modules/.cache'), { recursive: true })
  const outDir = fs.mkdtempSync(path.join(REPO, 'node_modules/.cache/desk-backup-child-'))
  // Readable by every user: one test runs a child as an unprivileged user.
  fs.chmodSync(outDir, 0o755)
  const name = `${path.basename(source, '.ts')}.mjs`
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO,
    build: {
      ssr: source,
      outDir,
      emptyOutDir: false,
      minify: false,
      target: 'node20',
      rollupOptions: { external: ['better-sqlite3'], output: { format: 'es', entryFileNames: name } },
    },
    ssr: { noExternal: true, external: ['better-sqlite3'] },
  })
  // By its real path: a script that runs only as the main module compares process.argv[1] with
  // import.meta.filename, which Node gives resolved (node_modules may be a link, as in a git worktree).
  return {
    file: fs.realpathSync(path.join(outDir, name)),
    remove: () => fs.rmSync(outDir, { recursive: true, force: true }),
  }
}
