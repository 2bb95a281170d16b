// Tests of the app's URL policy: which pages count as the app, which requests may leave the
// renderer, and the CSP sent in dev and in built files.
import { describe, expect, it } from 'vitest'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  contentSecurityPolicy,
  entryUrl,
  isAllowedRequest,
  isAppPageUrl,
  makeAppLocation
} from './app-origin'

// resolve() makes these absolute on Windows too (C:\opt\…), so the tests hold on every OS.
const appDir = resolve('/opt/Liasse/resources/app.asar/out')
const index = join(appDir, 'renderer', 'index.html')
const built = makeAppLocation(undefined, index)
const dev = makeAppLocation('http://localhost:5173/', index)
const fileUrl = (path: string): string => pathToFileURL(path).href

describe('makeAppLocation', () => {
  it('uses the built index file when no dev server is given', () => {
    expect(built).toEqual({
      kind: 'file',
      indexFile: index,
      rendererDir: join(appDir, 'renderer')
    })
    expect(makeAppLocation('', index).kind).toBe('file')
  })

  it('uses a loopback dev server', () => {
    expect(dev).toEqual({ kind: 'dev', origin: 'http://localhost:5173' })
    expect(makeAppLocation('http://127.0.0.1:5199/x', index)).toEqual({
      kind: 'dev',
      origin: 'http://127.0.0.1:5199'
    })
  })

  it('ignores a dev server URL that is not on this machine or not http', () => {
    expect(makeAppLocation('https://evil.example/', index).kind).toBe('file')
    expect(makeAppLocation('file:///etc/passwd', index).kind).toBe('file')
    expect(makeAppLocation('not a url', index).kind).toBe('file')
  })

  it('gives the URL to load first', () => {
    expect(entryUrl(built)).toBe(fileUrl(index))
    expect(entryUrl(built)).toMatch(/^file:\/\/\/.*\/out\/renderer\/index\.html$/)
    expect(entryUrl(dev, 'http://localhost:5173/index.html')).toBe(
      'http://localhost:5173/index.html'
    )
    expect(entryUrl(dev)).toBe('http://localhost:5173/')
  })
})

describe('isAppPageUrl', () => {
  it('accepts the index file, with or without query and hash (router state)', () => {
    expect(isAppPageUrl(fileUrl(index), built)).toBe(true)
    expect(isAppPageUrl(`${fileUrl(index)}#/reader/42`, built)).toBe(true)
    expect(isAppPageUrl(`${fileUrl(index)}?lang=fr`, built)).toBe(true)
  })

  it('refuses other files, even next to the index or reached through ..', () => {
    expect(isAppPageUrl(fileUrl(join(appDir, 'renderer', 'other.html')), built)).toBe(false)
    expect(isAppPageUrl(fileUrl(resolve('/tmp/index.html')), built)).toBe(false)
    expect(isAppPageUrl(`${fileUrl(join(appDir, 'renderer'))}/x/../../index.html`, built)).toBe(
      false
    )
    expect(isAppPageUrl(fileUrl(index).replace('file:///', 'file://server/'), built)).toBe(false)
  })

  it('refuses web pages and garbage in built mode', () => {
    expect(isAppPageUrl('https://example.com/', built)).toBe(false)
    expect(isAppPageUrl('http://localhost:5173/', built)).toBe(false)
    expect(isAppPageUrl('', built)).toBe(false)
  })

  it('accepts only the dev server origin in dev', () => {
    expect(isAppPageUrl('http://localhost:5173/#/library', dev)).toBe(true)
    expect(isAppPageUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppPageUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppPageUrl(fileUrl(index), dev)).toBe(false)
  })
})

describe('isAllowedRequest', () => {
  it('lets the app load its own files, and nothing else from disk', () => {
    expect(isAllowedRequest(fileUrl(index), built)).toBe(true)
    expect(isAllowedRequest(fileUrl(join(appDir, 'renderer', 'assets', 'a.js')), built)).toBe(true)
    expect(isAllowedRequest(fileUrl(join(appDir, 'main', 'index.js')), built)).toBe(false)
    expect(isAllowedRequest(fileUrl(resolve('/home/me/.ssh/id_rsa')), built)).toBe(false)
    expect(isAllowedRequest(fileUrl(join(appDir, 'renderer-evil', 'a.js')), built)).toBe(false)
    expect(isAllowedRequest(fileUrl(join(appDir, 'renderer')), built)).toBe(false)
  })

  it('blocks every network request in built mode', () => {
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'ws://localhost:5173/',
      'ftp://example.com/',
      'chrome-extension://abc/x.js'
    ]) {
      expect(isAllowedRequest(url, built), url).toBe(false)
    }
  })

  it('allows in-memory URLs and devtools', () => {
    expect(isAllowedRequest('data:text/plain,hi', built)).toBe(true)
    expect(isAllowedRequest('blob:file:///0b1c', built)).toBe(true)
    expect(isAllowedRequest('devtools://devtools/bundled/devtools_app.html', built)).toBe(true)
  })

  it('allows the dev server and its HMR socket in dev, and no other host', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.ts', dev)).toBe(true)
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true)
    expect(isAllowedRequest('ws://localhost:9999/', dev)).toBe(false)
    expect(isAllowedRequest('https://fonts.googleapis.com/css', dev)).toBe(false)
    expect(isAllowedRequest(fileUrl(index), dev)).toBe(false)
  })
})

describe('contentSecurityPolicy', () => {
  const directives = (policy: string): Map<string, string> =>
    new Map(
      policy.split('; ').map((part) => {
        const [name = '', ...values] = part.split(' ')
        return [name, values.join(' ')]
      })
    )

  it('is the strict policy in built mode', () => {
    const csp = directives(contentSecurityPolicy(built))
    expect(csp.get('default-src')).toBe("'self'")
    // WebAssembly only (the OCR core): JavaScript from strings stays refused.
    expect(csp.get('script-src')).toBe("'self' 'wasm-unsafe-eval'")
    expect(csp.get('connect-src')).toBe("'self' blob: data:")
    expect(csp.get('object-src')).toBe("'none'")
    expect(csp.get('frame-ancestors')).toBe("'none'")
    expect(csp.get('base-uri')).toBe("'none'")
    expect(contentSecurityPolicy(built)).not.toMatch(
      /'unsafe-eval'|unsafe-inline'[^;]*script|localhost|\*/
    )
  })

  it('adds only the dev server origin and its websocket in dev', () => {
    const csp = directives(contentSecurityPolicy(dev))
    expect(csp.get('script-src')).toBe("'self' 'wasm-unsafe-eval' http://localhost:5173")
    expect(csp.get('connect-src')).toBe(
      "'self' blob: data: http://localhost:5173 ws://localhost:5173"
    )
    expect(csp.get('object-src')).toBe("'none'")
  })
})
