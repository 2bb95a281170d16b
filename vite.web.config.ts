// The renderer as a plain offline web build (out/web): the same UI as the desktop app,
// reaching the outside world through the web implementation of the platform interface.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { defineConfig, type Plugin, type UserConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const root = import.meta.dirname

export const aliases = {
  '@core': resolve(root, 'src/core'),
  '@shared': resolve(root, 'src/shared'),
  '@renderer': resolve(root, 'src/renderer/src')
}

const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  version: string
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * The team servers the web build may reach, from LIASSE_SYNC_ORIGINS at build time (space or
 * comma separated): HTTPS origins, or HTTP on loopback. The page's CSP names them in connect-src,
 * so that sync can reach them and nothing else (a page cannot widen its own CSP at run time).
 */
export function syncOrigins(value = process.env.LIASSE_SYNC_ORIGINS ?? ''): string[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const url = new URL(entry)
      const secure = url.protocol === 'https:'
      if (!secure && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname)))
        throw new Error(`LIASSE_SYNC_ORIGINS: ${entry} is neither HTTPS nor on loopback`)
      return url.origin
    })
}

/** The index page's CSP with these origins added to connect-src. */
export function syncCsp(origins: readonly string[]): Plugin {
  return {
    name: 'liasse-sync-csp',
    transformIndexHtml: (html) =>
      html.replace(
        /connect-src 'self' blob: data:[^;"]*/,
        `connect-src 'self' blob: data:${origins.map((origin) => ` ${origin}`).join('')}`
      )
  }
}

const require = createRequire(import.meta.url)
const packageDir = (name: string): string => dirname(require.resolve(`${name}/package.json`))

/**
 * What OCR loads at run time, shipped in ocr/ beside index.html (nothing is fetched from a CDN):
 * tesseract.js' worker script, Tesseract's WebAssembly core (the LSTM-only builds, with and
 * without SIMD: the worker picks one for the machine) and the French and English "best_int"
 * language data, side by side as tesseract.js reads them.
 */
export function ocrFiles(): Record<string, string> {
  const tesseract = packageDir('tesseract.js')
  const core = packageDir('tesseract.js-core')
  const files: Record<string, string> = {
    'ocr/worker.min.js': resolve(tesseract, 'dist/worker.min.js')
  }
  for (const variant of ['lstm', 'simd-lstm', 'relaxedsimd-lstm']) {
    const name = `tesseract-core-${variant}.wasm.js`
    files[`ocr/core/${name}`] = resolve(core, name)
  }
  for (const code of ['fra', 'eng']) {
    const data = packageDir(`@tesseract.js-data/${code}`)
    files[`ocr/lang/${code}.traineddata.gz`] = resolve(
      data,
      '4.0.0_best_int',
      `${code}.traineddata.gz`
    )
  }
  return files
}

/** Copies ocrFiles() into the build, and serves them in dev. */
export function ocrAssets(): Plugin {
  const files = ocrFiles()
  return {
    name: 'liasse-ocr-assets',
    generateBundle() {
      for (const [fileName, path] of Object.entries(files)) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(path) })
      }
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = request.url?.split('?')[0]?.replace(/^\/+/, '') ?? ''
        const file = files[path]
        if (!file) return next()
        response.setHeader(
          'Content-Type',
          path.endsWith('.gz') ? 'application/gzip' : 'text/javascript'
        )
        response.end(readFileSync(file))
      })
    }
  }
}

export const rendererConfig: UserConfig = {
  plugins: [vue(), ocrAssets()],
  // Written into exported bundles' manifests (which version of Liasse wrote them).
  define: { __APP_VERSION__: JSON.stringify(version) },
  resolve: { alias: aliases },
  base: './',
  build: {
    target: 'es2023',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0
  },
  worker: { format: 'es' }
}

export default defineConfig({
  ...rendererConfig,
  plugins: [...(rendererConfig.plugins ?? []), syncCsp(syncOrigins())],
  root: resolve(root, 'src/renderer'),
  build: {
    ...rendererConfig.build,
    // LIASSE_WEB_OUT lets two builds live side by side.
    outDir: resolve(root, process.env.LIASSE_WEB_OUT ?? 'out/web'),
    emptyOutDir: true,
    // The app's page only: the bench and test harness pages (which write into, and can delete,
    // the user's database) are built by bench/vite.bench.config.ts, never shipped
    // (test/shipped-web-build.test.ts).
    rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } }
  },
  preview: { host: '127.0.0.1' }
})
