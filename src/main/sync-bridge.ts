// Team sync's network door on the desktop. The renderer's CSP lets it reach nothing but the app's
// own files, so its CouchDB requests come here over IPC, and the main process carries them to the
// one team server the user configured, and to nothing else: any other origin is refused. The
// session is CouchDB's cookie, kept here; the password is kept with Electron's safeStorage (the
// system's keychain), on disk only encrypted, and used to open a new session when the server
// says the cookie has expired.
import { readFile, rm, writeFile } from 'node:fs/promises'
import type { SyncHttpRequest, SyncHttpResponse } from '@shared/ipc'
import { teamServerOrigin } from '@shared/sync-origin'
import { describeUrl } from './app-origin'

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  encryptString(text: string): Buffer
  decryptString(encrypted: Buffer): string
}

export interface SyncBridgeDeps {
  fetch: typeof fetch
  safeStorage: SafeStorageLike
  /** Where the encrypted credentials are kept (in the user data folder). */
  credentialsFile: string
  warn: (message: string) => void
}

interface StoredCredentials {
  origin: string
  user: string
  /** base64 of safeStorage's encryption of the password. */
  password: string
}

/** Larger answers are refused: the replicator's own limits are far below (8 MB per document). */
const MAX_ANSWER = 256 * 1024 * 1024

export class SyncBridge {
  private origin: string | null = null
  private cookie: string | null = null
  private readonly pending = new Map<string, AbortController>()

  constructor(private readonly deps: SyncBridgeDeps) {}

  /** Sets the team server (or none): the only origin requests may go to from now on. */
  setServer(server: string | null): void {
    if (server === null) {
      this.origin = null
      this.cookie = null
      return
    }
    const found = teamServerOrigin(server)
    if ('problem' in found) throw new Error(`not a team server address (${found.problem})`)
    if (found.origin !== this.origin) this.cookie = null
    this.origin = found.origin
  }

  /** True when `url` is on the configured team server. */
  allows(url: string): boolean {
    if (this.origin === null) return false
    try {
      return new URL(url).origin === this.origin
    } catch {
      return false
    }
  }

  /**
   * Keeps the password for the configured server, encrypted with safeStorage; false (and nothing
   * written) when the system offers no encryption. An empty password forgets it.
   */
  async saveCredentials(user: string, password: string): Promise<boolean> {
    if (this.origin === null) throw new Error('no team server is configured')
    if (password === '') {
      await rm(this.deps.credentialsFile, { force: true })
      return true
    }
    if (!this.deps.safeStorage.isEncryptionAvailable()) return false
    const stored: StoredCredentials = {
      origin: this.origin,
      user,
      password: this.deps.safeStorage.encryptString(password).toString('base64')
    }
    await writeFile(this.deps.credentialsFile, JSON.stringify(stored), { mode: 0o600 })
    return true
  }

  private async credentials(): Promise<{ user: string; password: string } | null> {
    let stored: Partial<StoredCredentials>
    try {
      stored = JSON.parse(await readFile(this.deps.credentialsFile, 'utf8')) as StoredCredentials
    } catch {
      return null
    }
    if (stored.origin !== this.origin || typeof stored.password !== 'string') return null
    try {
      const password = this.deps.safeStorage.decryptString(Buffer.from(stored.password, 'base64'))
      return { user: String(stored.user ?? ''), password }
    } catch {
      this.deps.warn('sync: the saved password could not be decrypted')
      return null
    }
  }

  /** Carries one request to the team server; any other destination is refused, unreached. */
  async request(request: SyncHttpRequest): Promise<SyncHttpResponse> {
    if (!this.allows(request.url)) {
      this.deps.warn(`sync request refused: not the team server (${describeUrl(request.url)})`)
      return {
        unreachable: `refused: ${describeUrl(request.url)} is not the team server configured`
      }
    }
    const controller = new AbortController()
    this.pending.set(request.id, controller)
    try {
      let answer = await this.send(request, controller.signal)
      const isLogin = new URL(request.url).pathname === '/_session'
      if ('status' in answer && answer.status === 401 && !isLogin && (await this.login()))
        answer = await this.send(request, controller.signal)
      return answer
    } finally {
      this.pending.delete(request.id)
    }
  }

  abort(id: string): void {
    this.pending.get(id)?.abort()
  }

  /** A new CouchDB session from the saved credentials; true when the server opened one. */
  private async login(): Promise<boolean> {
    const saved = await this.credentials()
    if (!saved || this.origin === null) return false
    const answer = await this.send({
      id: '',
      method: 'POST',
      url: `${this.origin}/_session`,
      body: JSON.stringify({ name: saved.user, password: saved.password })
    })
    return 'status' in answer && answer.status === 200
  }

  private async send(request: SyncHttpRequest, signal?: AbortSignal): Promise<SyncHttpResponse> {
    let response: Response
    try {
      response = await this.deps.fetch(request.url, {
        method: request.method,
        headers: {
          Accept: 'application/json',
          ...(request.body === null ? {} : { 'Content-Type': 'application/json' }),
          ...(this.cookie ? { Cookie: this.cookie } : {})
        },
        body: request.body,
        redirect: 'error',
        signal
      })
    } catch (error) {
      if (signal?.aborted) throw new Error('aborted', { cause: error })
      return { unreachable: error instanceof Error ? error.message : String(error) }
    }
    const session = sessionCookie(response.headers.get('set-cookie'))
    if (session) this.cookie = session
    const size = Number(response.headers.get('content-length') ?? 0)
    if (size > MAX_ANSWER) {
      await response.body?.cancel()
      return { unreachable: 'the answer is larger than any document Liasse takes' }
    }
    return { status: response.status, body: await response.text() }
  }
}

/** CouchDB's session cookie from a Set-Cookie header, as a Cookie header value. */
function sessionCookie(header: string | null): string | null {
  const match = header ? /(?:^|[,;]\s*)(AuthSession=[^;,]*)/.exec(header) : null
  return match ? match[1]! : null
}
