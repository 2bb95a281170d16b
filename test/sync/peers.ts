// Replicas of one CouchDB database for the sync tests, behind one interface so that the same
// script runs on PouchDB (the reference implementation of CouchDB replication) and on Liasse:
// write or delete a tag record, sync (pull then push), and read back every document's state
// (winning revision, its leaves with their bodies, its conflicts, what the app shows).
// Liasse records are written straight into the archive's table, not through TagRepository: the
// change log (a Dexie middleware) hears every table write as it does the repository's, and the
// record is then byte for byte the document the PouchDB side writes (no `updatedAt` of its own),
// which is what lets the two implementations' outcomes be compared.
import PouchDB, { type PouchDoc } from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import memoryAdapter from 'pouchdb-adapter-memory'
import replication from 'pouchdb-replication'
import type { Tag } from '@core/archive/passage'
import { bodyOf, canonicalJson, docIdOf } from '@core/sync/documents'
import { leavesOf } from '@core/sync/revisions'
import { openArchive, type Archive } from '@renderer/db'
import { CouchDatabase } from '@renderer/services/sync/couch-client'
import { Replicator } from '@renderer/services/sync/replicator'

PouchDB.plugin(memoryAdapter).plugin(httpAdapter).plugin(replication)

/** A tag whose only varying field is its description (so concurrent edits change one field). */
export function tagRecord(key: string, description: string): Tag {
  return {
    id: key,
    createdAt: '2024-03-01T09:00:00.000Z',
    updatedAt: '2024-03-01T09:00:00.000Z',
    author: 'Équipe',
    name: `Étiquette ${key}`,
    parentId: null,
    color: '#336699',
    description
  }
}

export const tagDocId = (key: string): string => docIdOf('tags', key)

/** A body as compared: CouchDB's own fields dropped, keys sorted. */
function bodyText(doc: Record<string, unknown>): string {
  return canonicalJson(Object.fromEntries(Object.entries(doc).filter(([k]) => !k.startsWith('_'))))
}

/** The description a body text holds. */
export function descriptionOf(body: string): string {
  return (JSON.parse(body) as { description: string }).description
}

/** One document as a replica holds it. */
export interface DocState {
  winner: string
  deleted: boolean
  /** The non-deleted leaves that lost to the winner, sorted. */
  conflicts: string[]
  /** Every leaf, deleted ones included (body null), sorted by revision. */
  leaves: Array<{ rev: string; body: string | null }>
  /** What the replica shows for the record (its table row, or PouchDB's `get`); null if none. */
  shown: string | null
}

export interface Peer {
  readonly name: string
  /** The description of the record as this replica shows it now, or undefined if it has none. */
  local(key: string): Promise<string | undefined>
  /** Creates the record, or edits it (its description), as a user of this replica would. */
  write(key: string, description: string): Promise<void>
  remove(key: string): Promise<void>
  /** Pulls then pushes; the number of revisions that moved either way. */
  sync(): Promise<number>
  states(): Promise<Map<string, DocState>>
  close(): Promise<void>
}

const byRev = (a: { rev: string }, b: { rev: string }): number => (a.rev < b.rev ? -1 : 1)

/** Every document's state as a PouchDB database (local, or the server over HTTP) holds it. */
async function pouchStates(db: PouchDB): Promise<Map<string, DocState>> {
  const states = new Map<string, DocState>()
  // Style main_only: each row names the winning revision, and whether it is a deletion.
  const { results } = await db.changes({ since: 0 })
  for (const row of results) {
    if (row.id.startsWith('_')) continue
    const leaves = (await db.get(row.id, { open_revs: 'all' }))
      .flatMap((leaf) => (leaf.ok ? [leaf.ok] : []))
      .map((doc) => ({ rev: doc._rev!, body: doc._deleted ? null : bodyText(doc) }))
      .sort(byRev)
    let shown: PouchDoc | null = null
    try {
      shown = await db.get(row.id, { conflicts: true })
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error
    }
    states.set(row.id, {
      winner: row.changes[0]!.rev,
      deleted: row.deleted === true,
      conflicts: [...(shown?._conflicts ?? [])].sort(),
      leaves,
      shown: shown ? bodyText(shown) : null
    })
  }
  return states
}

/** The server's documents, read through PouchDB's HTTP adapter. */
export async function serverStates(dbUrl: string): Promise<Map<string, DocState>> {
  const remote = new PouchDB(dbUrl)
  try {
    return await pouchStates(remote)
  } finally {
    await remote.close()
  }
}

let pouchCount = 0

export class PouchPeer implements Peer {
  private readonly db: PouchDB
  private readonly remote: PouchDB

  constructor(
    readonly name: string,
    dbUrl: string
  ) {
    this.db = new PouchDB(`${name}-${++pouchCount}`, { adapter: 'memory' })
    this.remote = new PouchDB(dbUrl)
  }

  private async current(key: string): Promise<PouchDoc | undefined> {
    try {
      return await this.db.get(tagDocId(key))
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined
      throw error
    }
  }

  async local(key: string): Promise<string | undefined> {
    return (await this.current(key))?.description as string | undefined
  }

  async write(key: string, description: string): Promise<void> {
    const current = await this.current(key)
    // Without `_rev` on a deleted document, PouchDB extends its deleted branch (a re-creation).
    await this.db.put({
      ...bodyOf('tags', tagRecord(key, description)),
      _id: tagDocId(key),
      ...(current ? { _rev: current._rev } : {})
    })
  }

  async remove(key: string): Promise<void> {
    const current = await this.current(key)
    if (!current) throw new Error(`${this.name} has no ${key} to delete`)
    await this.db.remove(current)
  }

  async sync(): Promise<number> {
    const pulled = await this.db.replicate.from(this.remote)
    const pushed = await this.db.replicate.to(this.remote)
    return pulled.docs_written + pushed.docs_written
  }

  states(): Promise<Map<string, DocState>> {
    return pouchStates(this.db)
  }

  async close(): Promise<void> {
    await this.remote.close()
    await this.db.destroy()
  }
}

let liasseCount = 0

export class LiassePeer implements Peer {
  readonly archive: Archive
  readonly replicator: Replicator

  constructor(
    readonly name: string,
    dbUrl: string
  ) {
    this.archive = openArchive(`${name}-${++liasseCount}`)
    this.replicator = new Replicator(this.archive.db, new CouchDatabase(dbUrl))
  }

  async local(key: string): Promise<string | undefined> {
    return (await this.archive.db.tags.get(key))?.description
  }

  async write(key: string, description: string): Promise<void> {
    await this.archive.db.tags.put(tagRecord(key, description))
  }

  async remove(key: string): Promise<void> {
    if (!(await this.archive.db.tags.get(key))) throw new Error(`${this.name} has no ${key}`)
    await this.archive.db.tags.delete(key)
  }

  async sync(): Promise<number> {
    const pulled = await this.replicator.pull()
    if (pulled.refused.length > 0)
      throw new Error(`${this.name} refused ${JSON.stringify(pulled.refused)}`)
    const pushed = await this.replicator.push()
    return pulled.received + pushed.sent
  }

  async states(): Promise<Map<string, DocState>> {
    const states = new Map<string, DocState>()
    for (const meta of await this.archive.db.syncDocs.toArray()) {
      const key = meta.id.slice('tag:'.length)
      const row = await this.archive.db.tags.get(key)
      const body = (rev: string): string | null => {
        const held = meta.bodies[rev]
        if (held === undefined) throw new Error(`${this.name} lacks the body of ${meta.id} ${rev}`)
        return held === null ? null : bodyText(held)
      }
      states.set(meta.id, {
        winner: meta.winner,
        deleted: body(meta.winner) === null,
        conflicts: [...meta.conflicts].sort(),
        leaves: leavesOf(meta.tree)
          .map(({ rev, deleted }) => ({ rev, body: deleted ? null : body(rev) }))
          .sort(byRev),
        shown: row ? bodyText(bodyOf('tags', row)) : null
      })
    }
    return states
  }

  async close(): Promise<void> {
    this.archive.db.close()
    await this.archive.db.delete()
  }
}

/** Every peer syncs in turn until a whole round moves nothing; the rounds it took. */
export async function syncUntilQuiet(peers: readonly Peer[], maxRounds = 5): Promise<number> {
  for (let round = 1; round <= maxRounds; round++) {
    let moved = 0
    for (const peer of peers) moved += await peer.sync()
    if (moved === 0) return round
  }
  throw new Error(`still not quiet after ${maxRounds} rounds of sync`)
}

/**
 * What does not depend on how revisions are hashed: whether the document is deleted, and the
 * bodies of its live leaves (the winner and its conflicts), by description.
 */
export function outcome(state: DocState): { deleted: boolean; live: string[] } {
  return {
    deleted: state.deleted,
    live: state.leaves
      .flatMap((leaf) => (leaf.body === null ? [] : [descriptionOf(leaf.body)]))
      .sort()
  }
}

/**
 * CouchDB's rule, checked on a state: the winner is the live leaf of highest generation, ties
 * broken by the higher hash (a deleted leaf only when all are deleted), the conflicts are the
 * other live leaves, and the replica shows the winner's body.
 */
export function ruleViolations(state: DocState): string[] {
  const rank = (rev: string): [number, string] => {
    const dash = rev.indexOf('-')
    return [Number(rev.slice(0, dash)), rev.slice(dash + 1)]
  }
  const higher = (a: string, b: string): boolean => {
    const [ga, ha] = rank(a)
    const [gb, hb] = rank(b)
    return ga !== gb ? ga > gb : ha > hb
  }
  const live = state.leaves.filter((l) => l.body !== null).map((l) => l.rev)
  const pool = live.length > 0 ? live : state.leaves.map((l) => l.rev)
  const expected = pool.reduce((best, rev) => (higher(rev, best) ? rev : best))
  const problems: string[] = []
  if (state.winner !== expected) problems.push(`winner ${state.winner}, CouchDB's ${expected}`)
  const conflicts = live.filter((rev) => rev !== state.winner).sort()
  if (state.conflicts.join() !== conflicts.join())
    problems.push(`conflicts ${state.conflicts.join()} instead of ${conflicts.join()}`)
  const winnerBody = state.leaves.find((l) => l.rev === state.winner)?.body ?? null
  if (state.shown !== winnerBody)
    problems.push(`shows ${state.shown ?? 'nothing'} instead of ${winnerBody ?? 'nothing'}`)
  return problems
}
