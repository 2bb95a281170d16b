// Sets up a CouchDB 3 database for a Liasse team, for the server's administrator: creates the
// database if it is missing, installs or updates the design document _design/liasse (its
// validate_doc_update: who may write, what a document must look like) and the database's
// _security (the team's roles). Running it again changes nothing that is already right.
// The files it installs are in resources/couchdb/ (README.md there says what each one does).
//
// Usage:
//   npm run couchdb:setup -- https://admin:password@couch.example.org:5984/teamdb
//   COUCHDB_USER=admin COUCHDB_PASSWORD=… npm run couchdb:setup -- https://couch.example.org/teamdb
//   node scripts/couchdb-setup.mjs --print-design-doc     (the design document, for a manual PUT)
//
// The name and password are a server admin's (creating a database and writing _security need
// one). They may be left out of the URL, so that they stay out of the shell's history. The
// password is sent in an Authorization header to this server only, and never printed.
// HTTPS is required, except on this computer (loopback), as the app requires it.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const RESOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources', 'couchdb')
const DESIGN_ID = '_design/liasse'
const TIMEOUT_MS = 30_000
/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/
const USAGE = `Usage: npm run couchdb:setup -- https://[admin:password@]host[:port]/database
       (or the name and password in COUCHDB_USER and COUCHDB_PASSWORD)
       node scripts/couchdb-setup.mjs --print-design-doc`

class SetupError extends Error {}

/** The design document as installed: design.json with the function from validate_doc_update.js. */
function designDoc() {
  const design = JSON.parse(readFileSync(join(RESOURCES, 'design.json'), 'utf8'))
  const validate = readFileSync(join(RESOURCES, 'validate_doc_update.js'), 'utf8').trim()
  return { ...design, validate_doc_update: validate }
}

function isLoopback(hostname) {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/** The server's origin, the database's name and the credentials, from the argument and the environment. */
function target(argument, env) {
  let url
  try {
    url = new URL(argument)
  } catch {
    // Not echoed: it may hold a password.
    throw new SetupError(`the address is not a URL.\n${USAGE}`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new SetupError(`the address must start with https:// (it starts with ${url.protocol}//).`)
  if (url.protocol === 'http:' && !isLoopback(url.hostname))
    throw new SetupError(
      `plain http:// is allowed only on this computer (127.0.0.1, localhost): ${url.hostname} must be reached with https://, or the password would cross the network in clear.`
    )
  const segments = url.pathname.split('/').filter((segment) => segment !== '')
  if (segments.length !== 1)
    throw new SetupError(
      `the address must name one database after the server, e.g. ${url.origin}/teamdb.`
    )
  const database = decodeURIComponent(segments[0])
  if (!DB_NAME.test(database))
    throw new SetupError(
      `“${database}” is not a valid CouchDB database name: lowercase letters first, then lowercase letters, digits and _ $ ( ) + - /.`
    )
  const user = url.username ? decodeURIComponent(url.username) : (env.COUCHDB_USER ?? '')
  const password = url.password ? decodeURIComponent(url.password) : (env.COUCHDB_PASSWORD ?? '')
  return { origin: url.origin, database, user, password }
}

function client({ origin, user, password }) {
  const headers = { Accept: 'application/json' }
  if (user !== '')
    headers.Authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
  return async (method, path, body) => {
    let response
    try {
      response = await fetch(`${origin}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS)
      })
    } catch (error) {
      const cause = error?.cause?.code ?? error?.cause?.message ?? error?.message ?? String(error)
      throw new SetupError(
        `cannot reach ${origin} (${cause}). Is the address right, and CouchDB running?`
      )
    }
    const text = await response.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {
      // not JSON: the caller says what that means
    }
    return { status: response.status, json }
  }
}

/** What the server said, for an error message. */
function reason({ status, json }) {
  const said = json && typeof json === 'object' ? (json.reason ?? json.error) : undefined
  return said ? `${status}: ${said}` : String(status)
}

function refused(answer, what, { user, origin }) {
  if (answer.status === 401)
    return new SetupError(
      user === ''
        ? `${origin} asks for a name and password (${what}): give a server admin's, in the URL or in COUCHDB_USER and COUCHDB_PASSWORD.`
        : `${origin} refused the name and password of “${user}” (${what}).`
    )
  if (answer.status === 403)
    return new SetupError(
      `“${user || 'anonymous'}” may not ${what} on ${origin}: the setup needs a server admin.`
    )
  return new SetupError(`${what} failed (${reason(answer)}).`)
}

const unique = (values) => [...new Set(values)]

/**
 * The _security to install: the team's roles from security.json added to what is there (names
 * and roles an administrator added are kept). The `_admin` role that CouchDB 3 puts in a new
 * database's _security (admin_only) is dropped: server admins may do everything anyway, and left
 * there it would shut out nobody but make the object say less than it does.
 */
function mergedSecurity(current, wanted) {
  const section = (name) => {
    const have = (current && current[name]) || {}
    const want = wanted[name]
    return {
      names: unique([...(have.names ?? []), ...want.names]),
      roles: unique([...(have.roles ?? []).filter((role) => role !== '_admin'), ...want.roles])
    }
  }
  return { ...current, admins: section('admins'), members: section('members') }
}

const sameJson = (a, b) => JSON.stringify(a) === JSON.stringify(b)

async function setup(where, log) {
  const call = client(where)
  const { origin, database, user } = where
  const db = `/${encodeURIComponent(database)}`

  const welcome = await call('GET', '/')
  const server = welcome.json
  if (welcome.status === 401) throw refused(welcome, 'read the server’s welcome', where)
  const isCouch =
    server && typeof server === 'object' && ('couchdb' in server || 'express-pouchdb' in server)
  if (!isCouch)
    throw new SetupError(
      `${origin} answers (${welcome.status}), but not as a CouchDB: its / is not CouchDB’s welcome.`
    )
  log(
    'couchdb' in server
      ? `Server: CouchDB ${server.version ?? '(version not given)'} at ${origin}`
      : `Server: pouchdb-server ${server.version ?? ''} at ${origin} (a CouchDB-compatible test server)`
  )

  const session = await call('GET', '/_session')
  if (session.status !== 200) throw refused(session, 'open a session', where)
  const userCtx = session.json?.userCtx ?? {}
  if (!(userCtx.roles ?? []).includes('_admin'))
    throw new SetupError(
      user === ''
        ? `${origin} asks for a server admin's name and password: give them in the URL or in COUCHDB_USER and COUCHDB_PASSWORD.`
        : `“${user}” is not a server admin of ${origin}: creating the database and writing its _security need one.`
    )

  const existing = await call('GET', db)
  if (existing.status === 404) {
    const created = await call('PUT', db)
    if (created.status === 201 || created.status === 202) log(`Database “${database}”: created`)
    else if (created.status === 412) log(`Database “${database}”: already there`)
    else throw refused(created, `create the database “${database}”`, where)
  } else if (existing.status === 200) {
    log(`Database “${database}”: already there`)
  } else {
    throw refused(existing, `read the database “${database}”`, where)
  }

  const wanted = designDoc()
  const installed = await call('GET', `${db}/${DESIGN_ID}`)
  if (installed.status === 200) {
    // Other fields an administrator added to this design document (views…) are kept.
    const { _rev, ...current } = installed.json
    const next = { ...current, ...wanted }
    if (sameJson(current, next)) {
      log(`Design document ${DESIGN_ID}: up to date (${_rev})`)
    } else {
      const put = await call('PUT', `${db}/${DESIGN_ID}`, { ...next, _rev })
      if (put.status !== 201 && put.status !== 202) throw refused(put, `update ${DESIGN_ID}`, where)
      log(`Design document ${DESIGN_ID}: updated (${_rev} → ${put.json.rev})`)
    }
  } else if (installed.status === 404) {
    const put = await call('PUT', `${db}/${DESIGN_ID}`, wanted)
    if (put.status !== 201 && put.status !== 202) throw refused(put, `install ${DESIGN_ID}`, where)
    log(`Design document ${DESIGN_ID}: installed (${put.json.rev})`)
  } else {
    throw refused(installed, `read ${DESIGN_ID}`, where)
  }

  const security = await call('GET', `${db}/_security`)
  if (security.status !== 200) throw refused(security, `read ${database}/_security`, where)
  const current = security.json ?? {}
  const team = JSON.parse(readFileSync(join(RESOURCES, 'security.json'), 'utf8'))
  const next = mergedSecurity(current, team)
  if (sameJson(current, next)) {
    log('_security: up to date')
  } else {
    const put = await call('PUT', `${db}/_security`, next)
    if (put.status !== 200) throw refused(put, `write ${database}/_security`, where)
    log(`_security: admins ${JSON.stringify(next.admins)}, members ${JSON.stringify(next.members)}`)
  }

  // Without _users nobody but server admins can log in (CouchDB 3 leaves it to the setup).
  const users = await call('GET', '/_users')
  if (users.status === 404)
    log(
      'Warning: this server has no _users database, so no member can log in: create it (PUT /_users) or finish CouchDB’s single-node setup.'
    )
  log(
    'Done. Members need a user in _users with the role liasse-member (or liasse-reader, liasse-admin): see docs/team-server.md.'
  )
}

async function main(argv, env) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  if (argv.includes('--print-design-doc')) {
    console.log(JSON.stringify(designDoc(), null, 2))
    return 0
  }
  const addresses = argv.filter((arg) => !arg.startsWith('--'))
  if (addresses.length !== 1) {
    console.error(USAGE)
    return 2
  }
  try {
    await setup(target(addresses[0], env), (line) => console.log(line))
    return 0
  } catch (error) {
    if (!(error instanceof SetupError)) throw error
    console.error(`couchdb:setup: ${error.message}`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2), process.env)
