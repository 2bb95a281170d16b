// The few CouchDB endpoints replication needs, as CouchDB 3 documents them (the "Replication
// Protocol"): _changes, _revs_diff, _bulk_docs, _bulk_get (with GET ?open_revs where a server has
// no _bulk_get) and _local checkpoints. Every answer is untrusted: its shape is checked before
// anything reads it, and a wrong shape is an error naming what was wrong.

export class CouchError extends Error {
  constructor(
    message: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number
  ) {
    super(message)
    this.name = 'CouchError'
  }
}

export interface ChangeRow {
  id: string
  seq: unknown
  revs: string[]
  deleted: boolean
}

/** A document as _bulk_get or open_revs hands it: its body with _id, _rev, _revisions. */
export type FetchedDoc = Record<string, unknown>

export interface BulkGetResult {
  docs: FetchedDoc[]
  /** Revisions the server would not give, with its reason. */
  errors: Array<{ id: string; rev: string; reason: string }>
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export class CouchDatabase {
  private bulkGetMissing = false

  /** `url`: the database's URL (`https://host/db`), no trailing slash. */
  constructor(
    readonly url: string,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init)
  ) {}

  private async request(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal
  ): Promise<unknown> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    const send = (): Promise<Response> =>
      this.fetcher(`${this.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: payload,
        credentials: 'include',
        signal
      })
    let response: Response
    try {
      response = await send()
    } catch (first) {
      if (signal?.aborted) throw first
      // Once more: a kept-alive connection the server had just closed fails the first try. Every
      // request replication makes may be repeated (reads, and writes of given revisions).
      try {
        await new Promise((resolve) => setTimeout(resolve, 100))
        response = await send()
      } catch (error) {
        if (signal?.aborted) throw error
        // The state line already says the server cannot be reached: the reason is enough here.
        throw new CouchError(error instanceof Error ? error.message : String(error), 0)
      }
    }
    const text = await response.text()
    let json: unknown
    try {
      json = text === '' ? null : JSON.parse(text)
    } catch {
      throw new CouchError(`${method} ${path}: the answer is not JSON`, response.status)
    }
    if (!response.ok) {
      const reason = isObject(json) ? String(json.reason ?? json.error ?? '') : ''
      throw new CouchError(
        `${method} ${path}: ${response.status} ${reason}`.trim(),
        response.status
      )
    }
    return json
  }

  /** The database's document count (deleted ones aside), as its info says. */
  async info(): Promise<{ docCount: number }> {
    const json = await this.request('GET', '')
    const count = isObject(json) ? json.doc_count : undefined
    return { docCount: typeof count === 'number' && count >= 0 ? count : 0 }
  }

  /** One page of the changes feed since `since` (opaque), every leaf revision of each. */
  async changes(
    since: unknown,
    limit: number,
    signal?: AbortSignal
  ): Promise<{ rows: ChangeRow[]; lastSeq: unknown; pending: number | null }> {
    const query = new URLSearchParams({
      style: 'all_docs',
      since: typeof since === 'string' ? since : JSON.stringify(since),
      limit: String(limit)
    })
    const json = await this.request('GET', `/_changes?${query}`, undefined, signal)
    if (!isObject(json) || !Array.isArray(json.results))
      throw new CouchError('_changes: the answer has no results', 200)
    const rows: ChangeRow[] = []
    for (const row of json.results) {
      if (!isObject(row) || typeof row.id !== 'string' || !Array.isArray(row.changes)) continue
      const revs = row.changes
        .map((c) => (isObject(c) ? c.rev : undefined))
        .filter((rev): rev is string => typeof rev === 'string')
      rows.push({ id: row.id, seq: row.seq, revs, deleted: row.deleted === true })
    }
    // CouchDB says how many changes are left after this page (`pending`); a server may not.
    const pending =
      typeof json.pending === 'number' && json.pending >= 0 ? Math.floor(json.pending) : null
    return { rows, lastSeq: json.last_seq ?? since, pending }
  }

  /**
   * Waits until the server has a change after `since` (`feed=longpoll`), at most `timeoutMs`:
   * our own timeout, not only the server's, since some servers ignore theirs. True when a change
   * came, false when the wait ended (timeout, or `signal` aborted).
   */
  async waitForChanges(since: unknown, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    const abort = (): void => controller.abort()
    signal?.addEventListener('abort', abort)
    const query = new URLSearchParams({
      feed: 'longpoll',
      style: 'all_docs',
      since: typeof since === 'string' ? since : JSON.stringify(since),
      limit: '1',
      timeout: String(Math.max(1_000, timeoutMs - 1_000))
    })
    try {
      const json = await this.request('GET', `/_changes?${query}`, undefined, controller.signal)
      return isObject(json) && Array.isArray(json.results) && json.results.length > 0
    } catch (error) {
      if (controller.signal.aborted) return false
      throw error
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
    }
  }

  /** Of these revisions, those the server does not have. */
  async revsDiff(revs: Record<string, string[]>): Promise<Record<string, string[]>> {
    if (Object.keys(revs).length === 0) return {}
    const json = await this.request('POST', '/_revs_diff', revs)
    if (!isObject(json)) throw new CouchError('_revs_diff: the answer is not an object', 200)
    const missing: Record<string, string[]> = {}
    for (const [id, entry] of Object.entries(json)) {
      if (!isObject(entry) || !Array.isArray(entry.missing)) continue
      missing[id] = entry.missing.filter((rev): rev is string => typeof rev === 'string')
    }
    return missing
  }

  /** Stores documents with their revision histories as given (`new_edits: false`). */
  async bulkDocs(docs: FetchedDoc[]): Promise<Array<{ id: string; error: string }>> {
    if (docs.length === 0) return []
    const json = await this.request('POST', '/_bulk_docs', { docs, new_edits: false })
    if (!Array.isArray(json)) return []
    return json.flatMap((row) =>
      isObject(row) && typeof row.error === 'string'
        ? [{ id: String(row.id), error: `${row.error}: ${String(row.reason ?? '')}` }]
        : []
    )
  }

  /** These revisions with their histories: _bulk_get, or open_revs per document without it. */
  async bulkGet(wanted: Array<{ id: string; rev: string }>): Promise<BulkGetResult> {
    if (wanted.length === 0) return { docs: [], errors: [] }
    if (!this.bulkGetMissing) {
      try {
        return await this.bulkGetOnce(wanted)
      } catch (error) {
        if (!(error instanceof CouchError) || ![400, 404, 405, 501].includes(error.status))
          throw error
        this.bulkGetMissing = true
      }
    }
    return this.openRevs(wanted)
  }

  private async bulkGetOnce(wanted: Array<{ id: string; rev: string }>): Promise<BulkGetResult> {
    const json = await this.request('POST', '/_bulk_get?revs=true&attachments=true', {
      docs: wanted
    })
    if (!isObject(json) || !Array.isArray(json.results))
      throw new CouchError('_bulk_get: the answer has no results', 200)
    const result: BulkGetResult = { docs: [], errors: [] }
    for (const row of json.results) {
      if (!isObject(row) || !Array.isArray(row.docs)) continue
      for (const item of row.docs) {
        if (isObject(item) && isObject(item.ok)) result.docs.push(item.ok)
        else if (isObject(item) && isObject(item.error))
          result.errors.push({
            id: String(item.error.id ?? row.id),
            rev: String(item.error.rev ?? ''),
            reason: String(item.error.reason ?? item.error.error ?? 'refused')
          })
      }
    }
    return result
  }

  private async openRevs(wanted: Array<{ id: string; rev: string }>): Promise<BulkGetResult> {
    const byId = new Map<string, string[]>()
    for (const { id, rev } of wanted) byId.set(id, [...(byId.get(id) ?? []), rev])
    const result: BulkGetResult = { docs: [], errors: [] }
    for (const [id, revs] of byId) {
      const query = new URLSearchParams({
        revs: 'true',
        attachments: 'true',
        open_revs: JSON.stringify(revs)
      })
      const json = await this.request('GET', `/${encodeURIComponent(id)}?${query}`, undefined)
      if (!Array.isArray(json)) continue
      for (const item of json) {
        if (isObject(item) && isObject(item.ok)) result.docs.push(item.ok)
        else if (isObject(item) && typeof item.missing === 'string')
          result.errors.push({ id, rev: item.missing, reason: 'missing' })
      }
    }
    return result
  }

  /** A `_local` document (a checkpoint), or null when there is none. */
  async getLocal(id: string): Promise<Record<string, unknown> | null> {
    try {
      const json = await this.request('GET', `/_local/${encodeURIComponent(id)}`)
      return isObject(json) ? json : null
    } catch (error) {
      if (error instanceof CouchError && error.status === 404) return null
      throw error
    }
  }

  /** The `_rev` of each `_local` document this client last wrote: no read before the next. */
  private readonly localRevs = new Map<string, string>()

  async putLocal(id: string, body: Record<string, unknown>): Promise<void> {
    const path = `/_local/${encodeURIComponent(id)}`
    const put = async (rev: string | undefined): Promise<void> => {
      const json = await this.request('PUT', path, { ...body, ...(rev ? { _rev: rev } : {}) })
      if (isObject(json) && typeof json.rev === 'string') this.localRevs.set(id, json.rev)
    }
    const known = this.localRevs.get(id)
    if (known !== undefined) {
      try {
        return await put(known)
      } catch (error) {
        // Written by someone else since (another client of the same replica): read it, once.
        if (!(error instanceof CouchError) || error.status !== 409) throw error
      }
    }
    const current = await this.getLocal(id)
    await put(current && typeof current._rev === 'string' ? current._rev : undefined)
  }
}
