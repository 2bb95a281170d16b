// Process-wide security settings: no permissions, no navigation or new windows away from the app,
// no webviews, no downloads, no network beyond the app's own files, and a strict CSP header.
import { app, type Session, type WebContents } from 'electron'
import {
  contentSecurityPolicy,
  describeUrl,
  isAllowedRequest,
  isAppPageUrl,
  type AppLocation
} from './app-origin'
import type { Log } from './log'

/**
 * Locks down every webContents the app ever creates (the window, devtools, anything a bug might
 * open): registered before the first window exists so nothing escapes it.
 */
export function hardenAllWebContents(location: AppLocation, log: Log): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, location, log))
}

function hardenWebContents(contents: WebContents, location: AppLocation, log: Log): void {
  // An offline archive has no reason to open windows; links in articles are text, not doors.
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`window.open denied: ${describeUrl(url)}`)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => {
    if (isAppPageUrl(event.url, location)) return
    event.preventDefault()
    log.warn(`navigation denied: ${describeUrl(event.url)}`)
  })
  contents.on('will-redirect', (event) => {
    if (isAppPageUrl(event.url, location)) return
    event.preventDefault()
    log.warn(`redirect denied: ${describeUrl(event.url)}`)
  })
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    log.warn('webview denied')
  })
}

/** Permission, network, CSP and download policy of the session the window uses. */
export function hardenSession(session: Session, location: AppLocation, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`permission request denied: ${permission}`)
    callback(false)
  })
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler(() => false)

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, location)
    if (!allowed) log.warn(`request blocked: ${describeUrl(details.url)}`)
    callback({ cancel: !allowed })
  })

  const policy = contentSecurityPolicy(location)
  session.webRequest.onHeadersReceived((details, callback) => {
    // Replace rather than add: a second, weaker policy from a server would only confuse review.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy'
      )
    )
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [policy] } })
  })

  // Files leave the app only through the save dialog (file:save), never as downloads.
  session.on('will-download', (event) => {
    event.preventDefault()
    log.warn('download denied')
  })
}
