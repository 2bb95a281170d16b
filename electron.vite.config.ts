// Build of the three Electron targets (main, preload, renderer) with electron-vite.
// The renderer config is shared with the plain web build (vite.web.config.ts).
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import { rendererConfig, aliases } from './vite.web.config.ts'

export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      externalizeDeps: true,
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    ...rendererConfig,
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'src/renderer/index.html') } }
    }
  }
})
