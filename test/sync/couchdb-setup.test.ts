// The team server's setup as an administrator meets it: `npm run couchdb:setup -- URL` (the script
// run as a child process) against a CouchDB-compatible server started here (or the CouchDB of
// LIASSE_COUCHDB_URL), then what the installed rules do to members' writes; the validate function
// is also run directly in Node on every case, since pouchdb-server cannot show them all; and the
// script's answers to addresses it must refuse.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { parse } from 'acorn'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SYNCED_TABLES } from '@core/sync/documents'
import { startCouchServer, startPlainServer, type CouchServer } from './couch-server'

const SCRIPT = resolve('scripts/couchdb-setup.mjs')
const VALIDATE_SOURCE = readFileSync(
  resolve('resources/couchdb/validate_doc_update.js'),
  'utf8'
).trim()
const SECURITY = JSON.parse(readFileSync(resolve('resources/couchdb/security.json'), 'utf8'))

interface Run {
  code: number | null
  out: string
  err: string
}

/** Runs the setup script as an administrator would, with only the environment given. */
function setup(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('error', fail)
    child.once('close', (code) => done({ code, out, err }))
  })
}

const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

/** A loopback port nothing listens on (taken, then freed). */
function closedPort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

describe('the validate function', () => {
  type Validate = (
    newDoc: Record<string, unknown>,
    oldDoc: Record<string, unknown> | null,
    userCtx: { name: string | null; roles: string[] },
    secObj: Record<string, unknown>
  ) => void
  // CouchDB compiles the source as a function expression; so does this.
  const validate = new Function(`return (${VALIDATE_SOURCE})`)() as Validate
  const secObj = { ...SECURITY, admins: { names: ['dana'], roles: ['liasse-admin'] } }
  const write = (doc: Record<string, unknown>, name: string | null, roles: string[]): string => {
    try {
      validate(doc, null, { name, roles }, secObj)
      return 'accepted'
    } catch (error) {
      const forbidden = (error as { forbidden?: unknown }).forbidden
      if (typeof forbidden !== 'string') throw error
      return forbidden
    }
  }
  const member = (doc: Record<string, unknown>): string => write(doc, 'ana', ['liasse-member'])

  it('is ES5, as an old SpiderMonkey query server reads it', () => {
    expect(() => parse(`(${VALIDATE_SOURCE})`, { ecmaVersion: 5 })).not.toThrow()
  })

  it('knows every type Liasse syncs, and no other', () => {
    for (const type of Object.values(SYNCED_TABLES))
      expect(member({ _id: `${type}:k1`, type })).toBe('accepted')
    expect(member({ _id: 'settings:k1', type: 'settings' })).toMatch(
      /^Not a Liasse document: the _id "settings:k1" must be <type>:<key> with <type> one of article, text, passage, tag, event, link, dossier, trash\.$/
    )
  })

  it('refuses a member’s document whose _id or type is not Liasse’s', () => {
    for (const id of ['plain', ':k1', 'tag:', 'constructor:k1', 'Tag:k1'])
      expect(member({ _id: id, type: 'tag' })).toMatch(/^Not a Liasse document/)
    expect(member({ _id: 'tag:k1', type: 'event' })).toBe(
      'The document "tag:k1" must have the field type: "tag" (its _id says so).'
    )
    expect(member({ _id: 'tag:k1' })).toMatch(/must have the field type: "tag"/)
    expect(member({ _id: `tag:${'x'.repeat(500)}`, type: 'event' }).length).toBeLessThan(200)
  })

  it('lets a deletion through without a body, but not on a foreign _id', () => {
    expect(member({ _id: 'passage:p1', _deleted: true })).toBe('accepted')
    expect(member({ _id: 'foreign', _deleted: true })).toMatch(/^Not a Liasse document/)
  })

  it('lets members and admins write, and nobody else but server admins', () => {
    const doc = { _id: 'tag:k1', type: 'tag' }
    expect(write(doc, 'ana', ['liasse-member'])).toBe('accepted')
    expect(write(doc, 'alex', ['liasse-admin'])).toBe('accepted')
    expect(write(doc, 'dana', [])).toBe('accepted') // an admin of the database by name
    expect(write(doc, 'rita', ['liasse-reader'])).toBe(
      'Read-only access: the role liasse-reader may read this database but not write to it.'
    )
    expect(write(doc, 'rita', ['liasse-reader', 'liasse-member'])).toBe('accepted')
    expect(write(doc, 'eve', [])).toBe(
      'Writing to this database needs the role liasse-member or liasse-admin.'
    )
    expect(write(doc, null, [])).toMatch(/needs the role liasse-member/)
    // Server admins pass whatever they write (repairs, migrations).
    expect(write({ _id: 'anything' }, 'root', ['_admin'])).toBe('accepted')
  })
})

describe('npm run couchdb:setup', () => {
  let couch: CouchServer
  let admin: { user: string; password: string }
  const suffix = Math.random().toString(36).slice(2, 8)
  const database = `liasse-setup-${suffix}`
  const users = { member: `ana-${suffix}`, reader: `rita-${suffix}`, other: `eve-${suffix}` }
  const userIds: string[] = []
  let dbUrl: string
  const asAdmin = (): Record<string, string> => ({
    Authorization: basic(admin.user, admin.password),
    'Content-Type': 'application/json'
  })
  const as = (user: string): Record<string, string> => ({
    Authorization: basic(user, `pw-${user}`),
    'Content-Type': 'application/json'
  })
  const put = (path: string, body: unknown, headers: Record<string, string>): Promise<Response> =>
    fetch(`${dbUrl}/${path}`, { method: 'PUT', headers, body: JSON.stringify(body) })

  beforeAll(async () => {
    couch = await startCouchServer()
    dbUrl = `${couch.url}/${database}`
    if (couch.admin) {
      admin = couch.admin
    } else {
      // pouchdb-server is an admin party: naming an admin ends it, so that members are members.
      admin = { user: 'boss', password: `s3cret-${suffix}` }
      const named = await fetch(`${couch.url}/_config/admins/${admin.user}`, {
        method: 'PUT',
        body: JSON.stringify(admin.password)
      })
      expect(named.status).toBe(200)
    }
    for (const [user, roles] of [
      [users.member, ['liasse-member']],
      [users.reader, ['liasse-reader']],
      [users.other, []]
    ] as const) {
      const id = `org.couchdb.user:${user}`
      const created = await fetch(`${couch.url}/_users/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: asAdmin(),
        body: JSON.stringify({ name: user, password: `pw-${user}`, roles, type: 'user' })
      })
      expect(created.status).toBe(201)
      userIds.push(id)
    }
  }, 30_000)

  afterAll(async () => {
    if (couch?.admin) {
      // A server this test did not start: leave it as it was.
      await fetch(dbUrl, { method: 'DELETE', headers: asAdmin() })
      for (const id of userIds) {
        const url = `${couch.url}/_users/${encodeURIComponent(id)}`
        const { _rev } = (await (await fetch(url, { headers: asAdmin() })).json()) as {
          _rev: string
        }
        await fetch(`${url}?rev=${_rev}`, { method: 'DELETE', headers: asAdmin() })
      }
    }
    await couch?.stop()
  })

  it('refuses to go on without a server admin, and says so', async () => {
    const anonymous = await setup([dbUrl])
    expect(anonymous.code).toBe(1)
    expect(anonymous.err).toMatch(/asks for a server admin's name and password/)
    const wrong = await setup([dbUrl], { COUCHDB_USER: admin.user, COUCHDB_PASSWORD: 'wrong-pw' })
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain(`refused the name and password of “${admin.user}”`)
    expect(wrong.out + wrong.err).not.toContain('wrong-pw')
    const member = await setup([dbUrl], {
      COUCHDB_USER: users.member,
      COUCHDB_PASSWORD: `pw-${users.member}`
    })
    expect(member.code).toBe(1)
    expect(member.err).toContain(`“${users.member}” is not a server admin`)
    // Nothing was created on the way.
    expect((await fetch(dbUrl, { headers: asAdmin() })).status).toBe(404)
  })

  it('creates the database, installs the design document and _security, and a second run changes nothing', async () => {
    const first = await setup([dbUrl], {
      COUCHDB_USER: admin.user,
      COUCHDB_PASSWORD: admin.password
    })
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out).toContain(`Database “${database}”: created`)
    expect(first.out).toMatch(/Design document _design\/liasse: installed/)
    expect(first.out).not.toContain(admin.password)

    expect((await fetch(dbUrl, { headers: asAdmin() })).status).toBe(200)
    const design = (await (
      await fetch(`${dbUrl}/_design/liasse`, { headers: asAdmin() })
    ).json()) as Record<string, string>
    expect(design.language).toBe('javascript')
    expect(design.validate_doc_update).toBe(VALIDATE_SOURCE)
    const printed = await setup(['--print-design-doc'])
    const { _rev, ...installed } = design
    expect(JSON.parse(printed.out)).toEqual(installed)
    const security = await (await fetch(`${dbUrl}/_security`, { headers: asAdmin() })).json()
    expect(security).toEqual(SECURITY)

    // The credentials in the URL this time, as the README's first form has them.
    const withCredentials = new URL(dbUrl)
    withCredentials.username = admin.user
    withCredentials.password = admin.password
    const second = await setup([withCredentials.href])
    expect(second.code).toBe(0)
    expect(second.out).toContain(`Database “${database}”: already there`)
    expect(second.out).toContain(`Design document _design/liasse: up to date (${_rev})`)
    expect(second.out).toContain('_security: up to date')
    expect(second.out + second.err).not.toContain(admin.password)
    const after = await (await fetch(`${dbUrl}/_design/liasse`, { headers: asAdmin() })).json()
    expect(after._rev).toBe(_rev)
  })

  it('updates an outdated design document and keeps the names an administrator added', async () => {
    const env = { COUCHDB_USER: admin.user, COUCHDB_PASSWORD: admin.password }
    const old = await (await fetch(`${dbUrl}/_design/liasse`, { headers: asAdmin() })).json()
    const outdated = 'function (newDoc) { if (!newDoc.type) throw {forbidden: "old rule"}; }'
    expect(
      (await put('_design/liasse', { ...old, validate_doc_update: outdated }, asAdmin())).status
    ).toBe(201)
    const named = {
      ...SECURITY,
      members: { names: ['guest'], roles: [...SECURITY.members.roles] }
    }
    expect((await put('_security', named, asAdmin())).status).toBe(200)

    const run = await setup([dbUrl], env)
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/Design document _design\/liasse: updated \(2-\w+ → 3-\w+\)/)
    const design = await (await fetch(`${dbUrl}/_design/liasse`, { headers: asAdmin() })).json()
    expect(design.validate_doc_update).toBe(VALIDATE_SOURCE)
    expect(run.out).toContain('_security: up to date')
    const security = await (await fetch(`${dbUrl}/_security`, { headers: asAdmin() })).json()
    expect(security.members).toEqual(named.members)
  })

  it('then a member writes Liasse documents only, and a reader reads only', async () => {
    const ana = as(users.member)
    const created = await put('tag:t1', { type: 'tag', name: 'Impôts' }, ana)
    expect(created.status).toBe(201)

    const foreign = await put('notes', { type: 'tag' }, ana)
    expect(foreign.status).toBe(403)
    expect(await foreign.json()).toEqual({
      error: 'forbidden',
      reason:
        'Not a Liasse document: the _id "notes" must be <type>:<key> with <type> one of article, text, passage, tag, event, link, dossier, trash.'
    })
    const mismatch = await put('tag:t2', { type: 'event' }, ana)
    expect(mismatch.status).toBe(403)
    expect((await mismatch.json()).reason).toBe(
      'The document "tag:t2" must have the field type: "tag" (its _id says so).'
    )

    // Replicated writes (what Liasse's push sends) are checked too, document by document.
    const pushed = await fetch(`${dbUrl}/_bulk_docs`, {
      method: 'POST',
      headers: ana,
      body: JSON.stringify({
        new_edits: false,
        docs: [
          { _id: 'memo:m1', _rev: '1-aa', type: 'memo', _revisions: { start: 1, ids: ['aa'] } },
          { _id: 'event:e1', _rev: '1-bb', type: 'tag', _revisions: { start: 1, ids: ['bb'] } }
        ]
      })
    })
    expect(pushed.status).toBe(201)
    const answers = (await pushed.json()) as { id: string; error: string; reason: string }[]
    expect(answers.map(({ id, error }) => [id, error]).sort()).toEqual([
      ['event:e1', 'forbidden'],
      ['memo:m1', 'forbidden']
    ])
    for (const id of ['memo:m1', 'event:e1'])
      expect((await fetch(`${dbUrl}/${id}`, { headers: asAdmin() })).status).toBe(404)

    // A deletion needs no body.
    const { rev } = (await created.json()) as { rev: string }
    const deleted = await fetch(`${dbUrl}/tag:t1?rev=${rev}`, { method: 'DELETE', headers: ana })
    expect(deleted.status).toBe(200)

    // A member cannot replace the rules (CouchDB: 403; pouchdb-server: 401).
    const design = await put('_design/liasse', { validate_doc_update: 'function () {}' }, ana)
    expect([401, 403]).toContain(design.status)
    const security = await put('_security', {}, ana)
    expect([401, 403]).toContain(security.status)

    const rita = as(users.reader)
    expect((await put('tag:t3', { type: 'tag' }, asAdmin())).status).toBe(201)
    expect((await fetch(`${dbUrl}/tag:t3`, { headers: rita })).status).toBe(200)
    const refused = await put('tag:t4', { type: 'tag' }, rita)
    expect(refused.status).toBe(403)
    expect((await refused.json()).reason).toBe(
      'Read-only access: the role liasse-reader may read this database but not write to it.'
    )
    // A user without a team role does not get in at all (_security; pouchdb-server says 401
    // where CouchDB says 403).
    expect([401, 403]).toContain(
      (await fetch(`${dbUrl}/tag:t3`, { headers: as(users.other) })).status
    )
  })
})

describe('npm run couchdb:setup refuses', () => {
  it('an address it must not use, without printing the password', async () => {
    const cases: [string, RegExp][] = [
      ['http://couch.example.org:5984/team', /plain http:\/\/ is allowed only on this computer/],
      ['ftp://couch.example.org/team', /must start with https:\/\//],
      ['https://admin:hunter2@[bad/team', /the address is not a URL/],
      ['https://admin:hunter2@couch.example.org', /must name one database/],
      ['https://couch.example.org/team/extra', /must name one database/],
      ['https://couch.example.org/Team', /“Team” is not a valid CouchDB database name/]
    ]
    for (const [address, message] of cases) {
      const run = await setup([address])
      expect(run.code, address).toBe(1)
      expect(run.err, address).toMatch(message)
      expect(run.out + run.err).not.toContain('hunter2')
    }
    expect((await setup([])).code).toBe(2)
  })

  it('a server that does not answer', async () => {
    const port = await closedPort()
    const run = await setup([`http://admin:hunter2@127.0.0.1:${port}/team`])
    expect(run.code).toBe(1)
    expect(run.err).toBe(
      `couchdb:setup: cannot reach http://127.0.0.1:${port} (ECONNREFUSED). Is the address right, and CouchDB running?\n`
    )
  })

  it('a server that is not a CouchDB', async () => {
    const plain = await startPlainServer()
    try {
      const run = await setup([`${plain.url}/team`], {
        COUCHDB_USER: 'admin',
        COUCHDB_PASSWORD: 'hunter2'
      })
      expect(run.code).toBe(1)
      expect(run.err).toContain(`${plain.url} answers (200), but not as a CouchDB`)
      expect(run.out + run.err).not.toContain('hunter2')
    } finally {
      await plain.stop()
    }
  })
})
