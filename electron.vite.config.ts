import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Bundled, not loaded file by file from node_modules at each start: kysely alone is hundreds of modules.
      // better-sqlite3 stays outside (a native module).
      externalizeDeps: { exclude: ['kysely', 'zod'] },
      // The Electron main process, and the browser host built the same way so it starts without a compiler.
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/main.ts'), serve: resolve(root, 'src-main/cli/serve.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot load ES modules: one self-contained CommonJS file.
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: {
        input: { index: resolve(root, 'src-renderer/index.html'), roster: resolve(root, 'src-renderer/roster.html') },
      },
      // Fonts and icons travel inside the build: nothing is fetched at run time.
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2000,
    },
  },
})
