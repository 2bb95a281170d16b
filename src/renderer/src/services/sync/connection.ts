// Testing a team server before syncing with it: each way it can fail has its own answer, so that
// Settings › Sync can say what to fix (the address, the server, the password, the access, the
// database).

import { teamServerOrigin } from '@shared/sync-origin'

export interface SyncConfig {
  /** The server's address, `https://host[:port]`, no path. */
  server: string
  database: string
  user: string
}

export type ConnectionProblem =
  | 'badAddress'
  | 'insecure'
  | 'unreachable'
  | 'notCouch'
  | 'badCredentials'
  | 'noAccess'
  | 'missingDatabase'

export type ConnectionResult =
  { ok: true } | { ok: false; problem: ConnectionProblem; detail: string }

/** The server's origin, if the address is one we may talk to: HTTPS, or HTTP on loopback only. */
export function serverOrigin(server: string): { origin: string } | { problem: ConnectionProblem } {
  return teamServerOrigin(server)
}

/** The database's URL on that server. */
export function databaseUrl(config: SyncConfig): string {
  const found = serverOrigin(config.server)
  if ('problem' in found) throw new Error(found.problem)
  return `${found.origin}/${encodeURIComponent(config.database.trim())}`
}

/**
 * Checks, in order: the address, that something answers there, that it is a CouchDB, that the
 * user and password open a session (CouchDB's cookie, kept by the browser for the requests
 * after), and that the database exists and this user may read it.
 */
export async function testConnection(
  config: SyncConfig,
  password: string,
  fetcher: typeof fetch = (input, init) => fetch(input, init)
): Promise<ConnectionResult> {
  const found = serverOrigin(config.server)
  if ('problem' in found) return { ok: false, problem: found.problem, detail: config.server }
  const { origin } = found
  const fail = (problem: ConnectionProblem, detail = ''): ConnectionResult => ({
    ok: false,
    problem,
    detail
  })
  let welcome: unknown
  try {
    const response = await fetcher(`${origin}/`, { credentials: 'include' })
    welcome = await response.json().catch(() => null)
  } catch (error) {
    return fail('unreachable', String(error))
  }
  const isCouch =
    typeof welcome === 'object' &&
    welcome !== null &&
    ('couchdb' in welcome || 'express-pouchdb' in welcome)
  if (!isCouch) return fail('notCouch')
  if (config.user.trim() !== '') {
    const session = await fetcher(`${origin}/_session`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: config.user.trim(), password })
    })
    if (session.status === 401) return fail('badCredentials')
    if (!session.ok) return fail('unreachable', `/_session: ${session.status}`)
  }
  const database = await fetcher(databaseUrl(config), { credentials: 'include' })
  if (database.status === 404) return fail('missingDatabase', config.database)
  if (database.status === 401 || database.status === 403) return fail('noAccess', config.database)
  if (!database.ok) return fail('unreachable', `${config.database}: ${database.status}`)
  return { ok: true }
}
