// The one rule for where team sync may go, shared by the renderer (Settings › Sync) and the main
// process (which carries the desktop app's sync requests and refuses any other origin): HTTPS, or
// plain HTTP on loopback only, where nothing crosses a network.

export type OriginProblem = 'badAddress' | 'insecure'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** A host on this computer: nothing sent to it crosses a network. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname)
}

/** The server's origin, if the address is one sync may talk to. */
export function teamServerOrigin(server: string): { origin: string } | { problem: OriginProblem } {
  let url: URL
  try {
    url = new URL(server.trim())
  } catch {
    return { problem: 'badAddress' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'badAddress' }
  if (url.username !== '' || url.password !== '') return { problem: 'badAddress' }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { problem: 'insecure' }
  return { origin: url.origin }
}
