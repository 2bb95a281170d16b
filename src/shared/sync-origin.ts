// The one rule for where team sync may go, shared by the renderer (Settings › Sync) and the main
// process (which carries the desktop app's sync requests and refuses any other origin): HTTPS, or
// plain HTTP on loopback only, where nothing crosses a network.

export type OriginProblem = 'badAddress' | 'insecure'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

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
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) return { problem: 'insecure' }
  return { origin: url.origin }
}
