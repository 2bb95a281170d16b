// The desktop's one door to the team server: requests go to the configured origin and nowhere
// else, HTTPS unless on loopback; CouchDB's session cookie is kept and sent; the password is kept
// only encrypted (safeStorage) and opens a new session when the server says the old one expired.
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { SyncBridge, type SafeStorageLike } from './sync-bridge'

interface Sent {
  url: string
  method: string
  headers: Record<string, string>
  body: string | null
}

let sent: Sent[]
let answers: Array<(request: Sent) => Response>
let warnings: string[]
let dir: string

function fakeFetch(): typeof fetch {
  return async (input, init) => {
    const request: Sent = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: (init?.body as string | null) ?? null
    }
    sent.push(request)
    if (init?.signal?.aborted) throw new DOMException('aborted', 'AbortError')
    const next = answers.shift()
    if (!next) throw new TypeError('fetch failed')
    return next(request)
  }
}

/** A keychain that "encrypts" by reversing and tagging, so a test can see nothing plain is kept. */
function keychain(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (bytes) => [...bytes.toString().slice(4)].reverse().join('')
  }
}

function bridge(storage = keychain()): SyncBridge {
  return new SyncBridge({
    fetch: fakeFetch(),
    safeStorage: storage,
    credentialsFile: join(dir, 'sync-credentials.json'),
    warn: (message) => warnings.push(message)
  })
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers })

beforeEach(() => {
  sent = []
  answers = []
  warnings = []
  dir = mkdtempSync(join(tmpdir(), 'liasse-sync-bridge-'))
})

describe('the one-origin rule', () => {
  it('goes only to the configured server, and says so when asked for another', async () => {
    const sync = bridge()
    expect(
      await sync.request({
        id: 'a',
        method: 'GET',
        url: 'https://couch.example.org/team',
        body: null
      })
    ).toEqual({
      unreachable: 'refused: https://couch.example.org is not the team server configured'
    })
    sync.setServer('https://couch.example.org')
    answers.push(json(200, { db_name: 'team' }))
    expect(
      await sync.request({
        id: 'b',
        method: 'GET',
        url: 'https://couch.example.org/team',
        body: null
      })
    ).toEqual({ status: 200, body: '{"db_name":"team"}' })
    for (const url of [
      'https://tracker.example.net/pixel',
      'http://couch.example.org/team', // the same host, without TLS
      'https://couch.example.org:8443/team' // another port is another origin
    ])
      expect(await sync.request({ id: 'c', method: 'GET', url, body: null })).toMatchObject({
        unreachable: expect.stringContaining('is not the team server') as unknown
      })
    expect(sent.map((r) => r.url)).toEqual(['https://couch.example.org/team'])
    // Logged with scheme and host only.
    expect(warnings).toContain(
      'sync request refused: not the team server (https://tracker.example.net)'
    )
    sync.setServer(null)
    expect(sync.allows('https://couch.example.org/team')).toBe(false)
  })

  it('takes HTTPS, or HTTP on loopback only, and no credentials in the address', () => {
    const sync = bridge()
    expect(() => sync.setServer('http://couch.example.org')).toThrow('insecure')
    expect(() => sync.setServer('https://ana:secret@couch.example.org')).toThrow('badAddress')
    expect(() => sync.setServer('file:///etc/passwd')).toThrow('badAddress')
    sync.setServer('http://127.0.0.1:5984')
    expect(sync.allows('http://127.0.0.1:5984/team/_changes')).toBe(true)
  })
})

describe('the session and the password', () => {
  it('keeps CouchDB’s session cookie and sends it with the next requests', async () => {
    const sync = bridge()
    sync.setServer('https://couch.example.org')
    answers.push(
      json(200, { ok: true }, { 'Set-Cookie': 'AuthSession=abc123; Version=1; Path=/; HttpOnly' })
    )
    answers.push(json(200, { results: [] }))
    await sync.request({
      id: 'login',
      method: 'POST',
      url: 'https://couch.example.org/_session',
      body: '{"name":"ana","password":"pw"}'
    })
    await sync.request({
      id: 'x',
      method: 'GET',
      url: 'https://couch.example.org/team/_changes',
      body: null
    })
    expect(sent[1]!.headers.Cookie).toBe('AuthSession=abc123')
  })

  it('keeps the password encrypted only, and opens a new session with it when the old one expired', async () => {
    const sync = bridge()
    sync.setServer('https://couch.example.org')
    expect(await sync.saveCredentials('ana', 'correct horse')).toBe(true)
    const onDisk = readFileSync(join(dir, 'sync-credentials.json'), 'utf8')
    expect(onDisk).not.toContain('correct horse')
    expect(onDisk).toContain('https://couch.example.org')

    answers.push(json(401, { error: 'unauthorized' }))
    answers.push(json(200, { ok: true }, { 'Set-Cookie': 'AuthSession=fresh; Path=/' }))
    answers.push(json(200, { db_name: 'team' }))
    const answer = await sync.request({
      id: 'r',
      method: 'GET',
      url: 'https://couch.example.org/team',
      body: null
    })
    expect(answer).toEqual({ status: 200, body: '{"db_name":"team"}' })
    expect(sent[1]).toMatchObject({ url: 'https://couch.example.org/_session', method: 'POST' })
    expect(JSON.parse(sent[1]!.body!)).toEqual({ name: 'ana', password: 'correct horse' })
    expect(sent[2]!.headers.Cookie).toBe('AuthSession=fresh')
  })

  it('never sends the saved password to another server', async () => {
    const sync = bridge()
    sync.setServer('https://couch.example.org')
    await sync.saveCredentials('ana', 'correct horse')
    sync.setServer('https://other.example.org')
    answers.push(json(401, { error: 'unauthorized' }))
    const answer = await sync.request({
      id: 'r',
      method: 'GET',
      url: 'https://other.example.org/team',
      body: null
    })
    expect(answer).toMatchObject({ status: 401 })
    expect(sent).toHaveLength(1)
  })

  it('keeps nothing when the system offers no encryption', async () => {
    const sync = bridge(keychain(false))
    sync.setServer('https://couch.example.org')
    expect(await sync.saveCredentials('ana', 'correct horse')).toBe(false)
    expect(existsSync(join(dir, 'sync-credentials.json'))).toBe(false)
  })
})

describe('failures', () => {
  it('an unreachable server is reported as such; an aborted request stops', async () => {
    const sync = bridge()
    sync.setServer('https://couch.example.org')
    expect(
      await sync.request({ id: 'u', method: 'GET', url: 'https://couch.example.org/', body: null })
    ).toEqual({ unreachable: 'fetch failed' })

    let release: () => void = () => undefined
    answers.push(() => new Response('{}'))
    const slow = new SyncBridge({
      fetch: (_input, init) =>
        new Promise<Response>((resolve, reject) => {
          release = () => resolve(new Response('{}'))
          init?.signal?.addEventListener('abort', () => reject(new DOMException('x', 'AbortError')))
        }),
      safeStorage: keychain(),
      credentialsFile: join(dir, 'c.json'),
      warn: () => undefined
    })
    slow.setServer('https://couch.example.org')
    const waiting = slow.request({
      id: 'poll-1',
      method: 'GET',
      url: 'https://couch.example.org/team/_changes?feed=longpoll',
      body: null
    })
    slow.abort('poll-1')
    await expect(waiting).rejects.toThrow('aborted')
    release()
  })
})
