// Where the app's own pages live (a file in out/renderer, or the electron-vite dev server) and the
// pure URL predicates built on it: navigation, network filter, IPC sender checks and the CSP.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, win32, posix } from 'node:path'
import { isLoopbackHost } from '@shared/sync-origin'

/** The app's pages are either one HTML file on disk or pages served by the Vite dev server. */
export type AppLocation =
  { kind: 'file'; indexFile: string; rendererDir: string } | { kind: 'dev'; origin: string }

/**
 * Decides where the renderer is loaded from. The dev server URL is only honoured when it is a
 * loopback http(s) URL, so a stray environment variable can never point the window at the web.
 */
export function makeAppLocation(rendererUrl: string | undefined, indexFile: string): AppLocation {
  if (rendererUrl !== undefined && rendererUrl !== '') {
    const url = parseUrl(rendererUrl)
    if (
      url &&
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      isLoopbackHost(url.hostname)
    ) {
      return { kind: 'dev', origin: url.origin }
    }
  }
  return { kind: 'file', indexFile, rendererDir: dirname(indexFile) }
}

/** The URL the window loads first. */
export function entryUrl(location: AppLocation, rendererUrl?: string): string {
  if (location.kind === 'dev') return rendererUrl ?? `${location.origin}/`
  return pathToFileURL(location.indexFile).href
}

/**
 * True when `url` is the app's own page: the same origin in dev, the very index file otherwise
 * (query and hash ignored, since the router may use them). Used for navigation and IPC senders.
 */
export function isAppPageUrl(url: string, location: AppLocation): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  if (location.kind === 'dev') return parsed.origin === location.origin
  const path = filePath(parsed)
  return path !== null && samePath(path, location.indexFile)
}

/**
 * The network filter: everything is refused except the app's own files (anything inside the
 * renderer folder), in-memory URLs, devtools, and in dev the Vite server (http and its HMR ws).
 */
export function isAllowedRequest(url: string, location: AppLocation): boolean {
  const parsed = parseUrl(url)
  if (!parsed) return false
  switch (parsed.protocol) {
    case 'devtools:':
    case 'data:':
    case 'blob:':
      return true
    case 'file:': {
      if (location.kind !== 'file') return false
      const path = filePath(parsed)
      return path !== null && isInside(path, location.rendererDir)
    }
    case 'http:':
    case 'https:':
      return location.kind === 'dev' && parsed.origin === location.origin
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev' && parsed.host === new URL(location.origin).host
    default:
      return false
  }
}

/** The Content-Security-Policy sent as a header; the same policy is in index.html as a meta tag. */
export function contentSecurityPolicy(location: AppLocation): string {
  // In dev the page origin is the Vite server, so 'self' covers its scripts; HMR needs its ws.
  const dev = location.kind === 'dev' ? devSources(location.origin) : { http: '', ws: '' }
  return [
    `default-src 'self'${dev.http}`,
    // WebAssembly may be compiled (OCR's Tesseract core), never JavaScript from strings.
    `script-src 'self' 'wasm-unsafe-eval'${dev.http}`,
    `style-src 'self' 'unsafe-inline'${dev.http}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' blob: data:${dev.http}${dev.ws}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

function devSources(origin: string): { http: string; ws: string } {
  const url = new URL(origin)
  const ws = url.protocol === 'https:' ? 'wss:' : 'ws:'
  return { http: ` ${url.origin}`, ws: ` ${ws}//${url.host}` }
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * A URL as logs show it: its scheme and host only, since a full URL could carry text from the
 * user's articles.
 */
export function describeUrl(url: string): string {
  const parsed = parseUrl(url)
  return parsed ? `${parsed.protocol}//${parsed.host}` : '(invalid URL)'
}

function filePath(url: URL): string | null {
  // A file URL with a host (file://server/share) is a network path, never one of ours.
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return null
  try {
    return fileURLToPath(url)
  } catch {
    return null
  }
}

// Windows paths compare case-insensitively; posix paths exactly.
function pathApi(path: string): typeof posix {
  return /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\') ? win32 : posix
}

function samePath(a: string, b: string): boolean {
  return pathApi(b).relative(a, b) === '' && pathApi(b).relative(b, a) === ''
}

function isInside(path: string, dir: string): boolean {
  const api = pathApi(dir)
  const rel = api.relative(dir, path)
  const up = rel === '..' || rel.startsWith(`..${api.sep}`)
  return rel !== '' && !up && !api.isAbsolute(rel)
}
