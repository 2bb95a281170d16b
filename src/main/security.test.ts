// The main process's security glue, with a stubbed `electron` module: every webContents denies
// new windows, navigation and redirects away from the app, and webviews; the session denies every
// permission, blocks requests that leave the app, replaces any CSP header with the app's own, and
// refuses downloads. Each refusal is logged with the scheme and host only.
import { EventEmitter } from 'node:events'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy, makeAppLocation } from './app-origin'
import type { Log } from './log'

const app = new EventEmitter()
vi.mock('electron', () => ({ app }))

const { hardenAllWebContents, hardenSession } = await import('./security')

const appDir = resolve('/opt/Liasse/resources/app.asar/out')
const index = join(appDir, 'renderer', 'index.html')
const location = makeAppLocation(undefined, index)
const appPage = pathToFileURL(index).href

let warnings: string[]
const log = { warn: (message: string) => warnings.push(message) } as unknown as Log

/** A webContents: its window-open handler and its event listeners. */
class FakeContents extends EventEmitter {
  openHandler?: (details: { url: string }) => { action: string }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler
  }
  /** Emits a cancellable event; true when a listener prevented it. */
  fire(name: string, url?: string): boolean {
    let prevented = false
    this.emit(name, { url, preventDefault: () => (prevented = true) })
    return prevented
  }
}

beforeEach(() => {
  warnings = []
  app.removeAllListeners()
})

describe('every webContents', () => {
  it('denies new windows, leaving the app, redirects away and webviews', () => {
    hardenAllWebContents(location, log)
    const contents = new FakeContents()
    app.emit('web-contents-created', {}, contents)

    expect(contents.openHandler?.({ url: 'https://example.org/a?secret=1' })).toEqual({
      action: 'deny'
    })
    expect(contents.fire('will-navigate', 'https://example.org/page')).toBe(true)
    expect(contents.fire('will-navigate', `${appPage}#/library`)).toBe(false)
    expect(contents.fire('will-redirect', 'https://tracker.example.net/')).toBe(true)
    expect(contents.fire('will-attach-webview')).toBe(true)
    expect(warnings).toEqual([
      'window.open denied: https://example.org',
      'navigation denied: https://example.org',
      'redirect denied: https://tracker.example.net',
      'webview denied'
    ])
  })
})

describe('the session', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {}
    const session = Object.assign(new EventEmitter(), {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
      webRequest: {
        onBeforeRequest: (h: never) => (handlers.before = h),
        onHeadersReceived: (h: never) => (handlers.headers = h)
      }
    })
    return { session, handlers }
  }

  it('denies every permission', () => {
    const { session, handlers } = fakeSession()
    hardenSession(session as never, location, log)
    const answers: boolean[] = []
    ;(handlers.request as (c: unknown, p: string, cb: (ok: boolean) => void) => void)(
      {},
      'media',
      (ok) => answers.push(ok)
    )
    expect(answers).toEqual([false])
    expect((handlers.check as () => boolean)()).toBe(false)
    expect((handlers.device as () => boolean)()).toBe(false)
    expect(warnings).toEqual(['permission request denied: media'])
  })

  it('blocks requests leaving the app and sends the app’s CSP instead of any other', () => {
    const { session, handlers } = fakeSession()
    hardenSession(session as never, location, log)
    const before = handlers.before as (
      details: { url: string },
      callback: (answer: { cancel: boolean }) => void
    ) => void
    const cancels: boolean[] = []
    before({ url: 'https://example.org/beacon' }, (a) => cancels.push(a.cancel))
    before({ url: pathToFileURL(join(appDir, 'renderer', 'assets', 'app.js')).href }, (a) =>
      cancels.push(a.cancel)
    )
    expect(cancels).toEqual([true, false])

    let sent: Record<string, string[]> = {}
    ;(
      handlers.headers as (
        details: { responseHeaders: Record<string, string[]> },
        callback: (answer: { responseHeaders: Record<string, string[]> }) => void
      ) => void
    )(
      {
        responseHeaders: {
          'content-security-policy': ['default-src *; connect-src *'],
          'Content-Type': ['text/html']
        }
      },
      (answer) => (sent = answer.responseHeaders)
    )
    expect(sent).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [contentSecurityPolicy(location)]
    })
    expect(warnings).toEqual(['request blocked: https://example.org'])
  })

  it('refuses downloads', () => {
    const { session } = fakeSession()
    hardenSession(session as never, location, log)
    let prevented = false
    session.emit('will-download', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(warnings).toEqual(['download denied'])
  })
})
