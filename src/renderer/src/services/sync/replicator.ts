// Liasse as a replication peer of a CouchDB database, on the archive's own tables. Push reads the
// durable change log since its checkpoint, makes a revision for each record that changed (child
// of the one it last synced), asks the server which it lacks (_revs_diff) and sends those with
// their histories (_bulk_docs, new_edits false). Pull reads the server's changes feed since its
// checkpoint, fetches the revisions this replica lacks (_bulk_get), merges them into each
// document's revision tree (pouchdb-merge), and writes the winners into the tables, where the
// change log tells the views as it does for local edits. Every document from the server is
// checked against the record schemas first; one that fails is refused with the reason and
// nothing of it is stored. Checkpoints are written, here and in the server's _local documents,
// only once what they cover is committed.
import {
  bodyOf,
  canonicalJson,
  docIdOf,
  isSyncedTable,
  recordOfDoc,
  splitDocId,
  unwireDoc,
  wireBody,
  type DocBody,
  type SyncedTable
} from '@core/sync/documents'
import {
  commonAncestor,
  describeTree,
  hasRev,
  leavesOf,
  mergePath,
  nextRev,
  openDeletions,
  parseRev,
  pathOf,
  REVS_LIMIT,
  revisionsOf,
  type Merged,
  type RevTree
} from '@core/sync/revisions'
import { mergeThreeWay } from '@core/sync/merge'
import type { Article } from '@core/archive/article'
import { lastSeq } from '@renderer/db/change-feed'
import { CHANGES, type ChangeEntry } from '@renderer/db/change-log'
import type { LiasseDatabase, SyncDocRecord } from '@renderer/db/database'
import { TagRepository } from '@renderer/db/tag-repository'
import { reanchorPassages } from '@core/archive/passages'
import { sha256Hex } from '@core/text/hash'
import {
  CouchError,
  type BulkGetResult,
  type ChangeRow,
  type CouchDatabase,
  type FetchedDoc
} from './couch-client'

/** Records per push step, changes per pull step. */
const BATCH = 200

/** A document larger than this (its JSON) is refused: CouchDB's default max_document_size. */
export const MAX_DOC_BYTES = 8_000_000

/** A text attachment's base64 over this (50 MB of UTF-8 text, the import limit) is refused. */
const MAX_ATTACHMENT_BYTES = Math.ceil((50 * 1024 * 1024 * 4) / 3) + 1024

export interface SyncProgress {
  direction: 'push' | 'pull'
  /** Documents handled so far in this run. */
  done: number
  /** What is left: changes to send, or to receive where the server says (else null). */
  left: number | null
}

export interface PushReport {
  /** Revisions the server did not have and now has. */
  sent: number
}

export interface PullReport {
  /** Revisions received and merged. */
  received: number
  /** Passages here that followed a text changed by the team (re-anchored by their quotes). */
  reanchored: number
  /** Documents refused, each with the reason: nothing of them was stored. */
  refused: Array<{ id: string; problem: string }>
  /** Documents in conflict after this pull. */
  conflicts: string[]
}

/** A revision as _bulk_docs takes it with new_edits false: body, _rev and _revisions. */
function docOf(
  id: string,
  rev: string,
  body: DocBody | null,
  revisions: { start: number; ids: string[] }
): FetchedDoc {
  return body
    ? { ...wireBody(body), _id: id, _rev: rev, _revisions: revisions }
    : { _id: id, _rev: rev, _deleted: true, _revisions: revisions }
}

/**
 * A text's winning body is not kept twice (its table holds it, and texts are most of an archive):
 * `syncDocs` keeps this digest in its place, enough to see whether the record changed here. Never
 * sent anywhere: a 106-bit hash of the canonical JSON (two 53-bit cyrb53 passes).
 */
interface TextDigest {
  type: 'text'
  digest: string
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

function digestOf(body: DocBody | null): string {
  const json = canonicalJson(body)
  return `${json.length}:${cyrb53(json, 1).toString(36)}:${cyrb53(json, 2).toString(36)}`
}

function isDigest(body: DocBody | null | undefined): body is DocBody & TextDigest {
  return !!body && body.type === 'text' && typeof body.digest === 'string' && !('text' in body)
}

const sameBody = (a: DocBody | null | undefined, b: DocBody | null): boolean =>
  a !== undefined &&
  (isDigest(a) ? a.digest === digestOf(b) : canonicalJson(a) === canonicalJson(b))

/**
 * The metadata as stored: a text document's winning body, when it is all there is to it (no
 * conflict, nothing to send), becomes its digest.
 */
function compacted(meta: SyncDocRecord): SyncDocRecord {
  const body = meta.bodies[meta.winner]
  if (
    !body ||
    body.type !== 'text' ||
    isDigest(body) ||
    meta.conflicted === 1 ||
    (meta.unsent ?? []).includes(meta.winner)
  )
    return meta
  const digest: TextDigest = { type: 'text', digest: digestOf(body) }
  return { ...meta, bodies: { ...meta.bodies, [meta.winner]: digest as unknown as DocBody } }
}

/** Bodies of revisions before the leaves kept per document: bases for three-way merges. */
const HISTORY_KEPT = 4

const generationOf = (rev: string): number => parseRev(rev)?.generation ?? 0

/**
 * A document's metadata for its tree: the winner, the live losing leaves, the deletions against
 * the winner's history, the bodies of the leaves, and the last few bodies before them.
 */
function metaOf(
  id: string,
  tree: RevTree,
  bodies: Record<string, DocBody | null>,
  previous: SyncDocRecord | undefined,
  unsent: readonly string[] = []
): SyncDocRecord {
  const { winner, conflicts } = describeTree(tree, id)
  const deletions = openDeletions(tree, winner)
  const leaves = new Set(leavesOf(tree).map((leaf) => leaf.rev))
  const kept: Record<string, DocBody | null> = {}
  const older: Record<string, DocBody> = { ...previous?.history }
  for (const [rev, body] of Object.entries(bodies)) {
    if (leaves.has(rev)) kept[rev] = body
    else if (body && body.type !== 'text' && hasRev(tree, rev)) older[rev] = body
  }
  const history = Object.fromEntries(
    Object.entries(older)
      .filter(([rev]) => !leaves.has(rev))
      .sort(([a], [b]) => generationOf(b) - generationOf(a) || (a < b ? 1 : -1))
      .slice(0, HISTORY_KEPT)
  )
  return {
    id,
    tree,
    winner,
    conflicts,
    ...(deletions.length > 0 ? { deletions } : {}),
    conflicted: conflicts.length + deletions.length > 0 ? 1 : 0,
    bodies: kept,
    ...(Object.keys(history).length > 0 ? { history } : {}),
    ...(unsent.length > 0 ? { unsent: [...unsent] } : {})
  }
}

/**
 * The revision a record as it is here makes (null: deleted): a child of the document's winner
 * (none for a first edit), with its history, merged into the tree.
 */
async function localRevision(
  id: string,
  meta: SyncDocRecord | undefined,
  body: DocBody | null
): Promise<{ rev: string; revisions: { start: number; ids: string[] }; merged: Merged }> {
  const parent = meta?.winner ?? null
  const rev = await nextRev(parent, body)
  const { generation, hash } = parseRev(rev)!
  const history = parent && meta ? (revisionsOf(meta.tree, parent)?.ids ?? []) : []
  const revisions = { start: generation, ids: [hash, ...history].slice(0, REVS_LIMIT) }
  return { rev, revisions, merged: mergePath(meta?.tree ?? [], pathOf(revisions, !body), id) }
}

/** A child of `parent` holding `body` (null: a deletion) grown on the tree. */
async function grow(
  tree: RevTree,
  id: string,
  parent: string,
  body: DocBody | null
): Promise<{ tree: RevTree; rev: string }> {
  const rev = await nextRev(parent, body)
  const history = revisionsOf(tree, parent)?.ids ?? []
  const { generation, hash } = parseRev(rev)!
  const path = pathOf({ start: generation, ids: [hash, ...history].slice(0, REVS_LIMIT) }, !body)
  return { tree: mergePath(tree, path, id).tree, rev }
}

/**
 * A conflict settled on `chosen`: a child of the winner holding it, every other live leaf ended
 * by a deletion, and each deletion against the winner's history closed by a deletion of its own;
 * or, when `chosen` is null (the deletion is kept), every live leaf ended by a deletion. Every
 * replica settling the same way makes the same revisions. They are queued for the next push.
 */
async function settle(meta: SyncDocRecord, chosen: DocBody | null): Promise<SyncDocRecord> {
  let tree = meta.tree
  const made: Record<string, DocBody | null> = {}
  const add = async (parent: string, body: DocBody | null): Promise<void> => {
    const grown = await grow(tree, meta.id, parent, body)
    tree = grown.tree
    made[grown.rev] = body
  }
  if (chosen) {
    await add(meta.winner, chosen)
    for (const leaf of meta.conflicts) await add(leaf, null)
    for (const leaf of meta.deletions ?? []) await add(leaf, null)
  } else for (const leaf of [meta.winner, ...meta.conflicts]) await add(leaf, null)
  return metaOf(meta.id, tree, { ...meta.bodies, ...made }, meta, [
    ...(meta.unsent ?? []),
    ...Object.keys(made)
  ])
}

/**
 * A conflict merged without asking, where it can be: each losing leaf merged field by field into
 * the winner from the revision both come from (its body kept in the history), as long as no field
 * changed differently on both sides and the merge still passes the record schemas. Otherwise the
 * document stays in conflict for the user.
 */
async function mergeQuietly(meta: SyncDocRecord): Promise<SyncDocRecord> {
  if (meta.conflicts.length === 0 || (meta.deletions?.length ?? 0) > 0) return meta
  let merged = meta.bodies[meta.winner]
  if (!merged) return meta
  for (const leaf of [...meta.conflicts].sort()) {
    const theirs = meta.bodies[leaf]
    const fork = commonAncestor(meta.tree, meta.winner, leaf)
    const base = fork ? (meta.bodies[fork] ?? meta.history?.[fork]) : undefined
    if (!theirs || !base) return meta
    const result = mergeThreeWay(base, merged, theirs)
    if (!result.ok) return meta
    merged = result.body
  }
  if (!recordOfDoc(meta.id, merged).ok) return meta
  return settle(meta, merged)
}

/** The records these documents hold here, read table by table. */
async function readRecords(
  db: LiasseDatabase,
  ids: readonly string[]
): Promise<Map<string, object | undefined>> {
  const byTable = new Map<SyncedTable, Array<{ id: string; key: string }>>()
  for (const id of ids) {
    const target = splitDocId(id)
    if (!target) continue
    const list = byTable.get(target.table) ?? []
    list.push({ id, key: target.key })
    byTable.set(target.table, list)
  }
  const found = new Map<string, object | undefined>()
  for (const [table, list] of byTable) {
    const records = await db.table(table).bulkGet(list.map((item) => item.key))
    list.forEach((item, i) => found.set(item.id, records[i] as object | undefined))
  }
  return found
}

/** A record changed here while a pulled page was being merged: the page is merged again. */
class LocalEditDuringPull extends Error {
  constructor() {
    super('a record changed while the server’s changes were merged')
  }
}

export class Replicator {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly remote: CouchDatabase,
    /** Who resolves conflicts here (the name stamped as `changedBy`; '' for no one). */
    private readonly who: () => string = () => '',
    private readonly now: () => Date = () => new Date()
  ) {}

  /** This replica's own id, made once and kept out of backups (a restored copy gets its own). */
  private async replica(): Promise<string> {
    const stored = await this.db.syncState.get('replica')
    if (typeof stored?.value === 'string') return stored.value
    const id = crypto.randomUUID()
    await this.db.syncState.put({ key: 'replica', value: id })
    return id
  }

  /** The replication's id, as CouchDB's replicator makes one: of both ends and the direction. */
  private async replicationId(direction: 'push' | 'pull'): Promise<string> {
    const hash = await sha256Hex(
      `${await this.replica()}\u0000${this.remote.url}\u0000${direction}`
    )
    return `liasse-${hash.slice(0, 32)}`
  }

  private async checkpoint(id: string): Promise<unknown> {
    return (await this.db.syncState.get(id))?.value
  }

  private async saveCheckpoint(id: string, seq: unknown): Promise<void> {
    await this.remote.putLocal(id, { last_seq: seq, replicator: 'liasse' })
    await this.db.syncState.put({ key: id, value: seq })
  }

  /** Changes made here that the server has not been sent yet (the log since the last push). */
  async toSend(): Promise<number> {
    const since = Number((await this.checkpoint(await this.replicationId('push'))) ?? 0)
    return this.db
      .table<ChangeEntry>(CHANGES)
      .where('seq')
      .above(since)
      .filter((entry) => isSyncedTable(entry.table))
      .count()
  }

  /**
   * Waits until the server has something this replica has not pulled yet, at most `timeoutMs`
   * (or until `signal` aborts). True when something came.
   */
  async waitForRemote(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const since = (await this.checkpoint(await this.replicationId('pull'))) ?? 0
    return this.remote.waitForChanges(since, timeoutMs, signal)
  }

  /** Sends every change of the log since the last push. */
  async push(onProgress: (progress: SyncProgress) => void = () => undefined): Promise<PushReport> {
    const id = await this.replicationId('push')
    let since = Number((await this.checkpoint(id)) ?? 0)
    const head = await lastSeq(this.db)
    let sent = 0
    let done = 0
    while (since < head) {
      const entries = (await this.db
        .table<ChangeEntry>(CHANGES)
        .where('seq')
        .between(since, head, false, true)
        .limit(BATCH)
        .toArray()) as ChangeEntry[]
      if (entries.length === 0) break
      const last = entries.at(-1)!.seq
      const { outgoing, updates, promoted } = await this.revisionsFor(
        entries.filter((e) => isSyncedTable(e.table))
      )
      const asked: Record<string, string[]> = {}
      for (const doc of outgoing) (asked[doc._id as string] ??= []).push(doc._rev as string)
      const missing = await this.remote.revsDiff(asked)
      const toSend = outgoing.filter((doc) =>
        missing[doc._id as string]?.includes(doc._rev as string)
      )
      const errors = await this.remote.bulkDocs(toSend)
      if (errors.length > 0)
        throw new CouchError(`the server refused ${errors[0]!.id}: ${errors[0]!.error}`, 403)
      // Only now is the revision ours to build on: a push cut short before here makes the same
      // revision again (same parent, same body), which the server then says it has.
      // A deletion of the version shown while another was in conflict leaves that other the
      // winner (CouchDB: a live leaf beats a deleted one): the table shows it, as a pull would.
      await this.db.syncDocs.bulkPut(
        updates.filter((meta) => !promoted.has(meta.id)).map(compacted)
      )
      await this.writeWinners(updates.filter((meta) => promoted.has(meta.id)))
      await this.saveCheckpoint(id, last)
      sent += toSend.length
      done += entries.length
      since = last
      onProgress({ direction: 'push', done, left: Math.max(0, head - last) })
    }
    return { sent }
  }

  /** The new revision of each changed record, and what the documents' metadata becomes. */
  private async revisionsFor(
    entries: ChangeEntry[]
  ): Promise<{ outgoing: FetchedDoc[]; updates: SyncDocRecord[]; promoted: Set<string> }> {
    const ids = [...new Set(entries.map(({ table, key }) => docIdOf(table as SyncedTable, key)))]
    const records = await readRecords(this.db, ids)
    const current = ids.map((id) => ({ ...splitDocId(id)!, record: records.get(id) }))
    const metas = await this.db.syncDocs.bulkGet(ids)
    const outgoing: FetchedDoc[] = []
    const updates: SyncDocRecord[] = []
    /** Documents whose new revision did not win: another version is now the one to show. */
    const promoted = new Set<string>()
    for (const [i, { table, key, record }] of current.entries()) {
      const docId = docIdOf(table, key)
      const meta = metas[i]
      const body = record ? bodyOf(table, record) : null
      // Revisions made here outside an edit (a resolved conflict's) go with this push.
      for (const rev of meta?.unsent ?? []) {
        const revisions = revisionsOf(meta!.tree, rev)
        if (revisions) outgoing.push(docOf(docId, rev, meta!.bodies[rev] ?? null, revisions))
      }
      if (meta ? sameBody(meta.bodies[meta.winner], body) : body === null) {
        if (meta?.unsent?.length) updates.push({ ...meta, unsent: [] })
        continue
      }
      const { rev, revisions, merged } = await localRevision(docId, meta, body)
      updates.push(metaOf(docId, merged.tree, { ...meta?.bodies, [rev]: body }, meta))
      if (merged.winner !== rev) promoted.add(docId)
      outgoing.push(docOf(docId, rev, body, revisions))
    }
    return { outgoing, updates, promoted }
  }

  /**
   * Resolves a conflict: the chosen version (a leaf's body, or one merged field by field) becomes
   * a new revision on the winning branch and every other branch ends; or, with `chosen` null, the
   * deletion is kept and every live branch ends in one. The record takes the chosen version (or
   * leaves the table). The new revisions go to the server with the next push.
   */
  async resolveConflict(docId: string, chosen: DocBody | null): Promise<void> {
    const target = splitDocId(docId)
    if (!target) throw new Error(`${docId} is not a Liasse document`)
    const db = this.db
    if (chosen) {
      const checked = recordOfDoc(docId, chosen)
      if (!checked.ok) throw new Error(checked.problem)
      // A choice is an edit like any other: who made it and when (records that say so).
      if (typeof chosen.updatedAt === 'string') {
        const who = this.who()
        const { changedBy: _previous, ...rest } = chosen
        void _previous
        chosen = {
          ...rest,
          updatedAt: this.now().toISOString(),
          ...(who !== '' ? { changedBy: who } : {})
        } as DocBody
      }
    }
    const meta = await db.syncDocs.get(docId)
    if (!meta || meta.conflicted === 0) return
    // Revisions are hashed (Web Crypto) before the transaction, which must not wait on anything
    // but IndexedDB; it then checks that nothing changed meanwhile.
    const resolved = await settle(meta, chosen)
    await db.transaction('rw', [target.table, 'syncDocs'], async () => {
      const now = await db.syncDocs.get(docId)
      if (
        !now ||
        now.winner !== meta.winner ||
        now.conflicts.join() !== meta.conflicts.join() ||
        (now.deletions ?? []).join() !== (meta.deletions ?? []).join()
      )
        throw new Error(`${docId} changed while its conflict was being resolved: try again`)
      if (chosen) {
        const { type: _type, ...record } = chosen
        void _type
        await db.table(target.table).put(record)
      } else await db.table(target.table).delete(target.key)
      await db.syncDocs.put(compacted(resolved))
    })
  }

  /** Receives every change of the server since the last pull. */
  async pull(onProgress: (progress: SyncProgress) => void = () => undefined): Promise<PullReport> {
    const id = await this.replicationId('pull')
    let since: unknown = (await this.checkpoint(id)) ?? 0
    const report: PullReport = { received: 0, reanchored: 0, refused: [], conflicts: [] }
    const conflicts = new Set<string>()
    let done = 0
    // The next page is fetched while this one is merged and written: the network and the local
    // work overlap. What it asks for is worked out from the metadata as it was then; a revision
    // the page before brought is then fetched twice, and merging it again changes nothing.
    let next = this.fetchPage(since)
    for (;;) {
      const { rows, pageEnd, pending, ours, fetched, invalid } = await next
      if (rows.length === 0) break
      if (rows.length >= BATCH) {
        next = this.fetchPage(pageEnd)
        // Heard when awaited; until then its failure must not count as unhandled.
        next.catch(() => undefined)
      }
      report.refused.push(...invalid)
      const metas = await this.db.syncDocs.bulkGet(ours.map((row) => row.id))
      const known = new Map<string, SyncDocRecord | undefined>(
        ours.map((row, i) => [row.id, metas[i]])
      )
      for (const error of fetched.errors)
        report.refused.push({ id: error.id, problem: `not sent by the server: ${error.reason}` })
      const arriving = [...new Set(fetched.docs.map((doc) => String(doc._id)))]
      // An edit made here while this page is merged is not overwritten: the page is merged again
      // from the tables as they are now (the check is in the transaction that writes them).
      let updated: Map<string, SyncDocRecord>
      for (let attempt = 1; ; attempt++) {
        const now = new Map(known)
        // Edits made here and not pushed yet become revisions before anything from the server
        // is merged: otherwise a newer revision from the server would simply replace them.
        const { made, seen } = await this.unpushedRevisions(arriving, now)
        for (const local of made) now.set(local.id, local)
        updated = new Map()
        const refused: PullReport['refused'] = []
        for (const doc of fetched.docs) {
          const merged = this.mergeFetched(
            doc,
            updated.get(String(doc._id)) ?? now.get(String(doc._id))
          )
          if ('problem' in merged) refused.push(merged)
          else updated.set(merged.id, merged)
        }
        for (const [docId, meta] of updated) updated.set(docId, await mergeQuietly(meta))
        try {
          await this.writeWinners([...updated.values()], seen)
        } catch (error) {
          if (error instanceof LocalEditDuringPull && attempt < 5) continue
          throw error
        }
        report.refused.push(...refused)
        report.received += fetched.docs.length - refused.length
        break
      }
      await this.foldMergedTags([...updated.keys()])
      report.reanchored += await this.followTexts([...updated.keys()])
      for (const meta of updated.values()) {
        if (meta.conflicted) conflicts.add(meta.id)
        else conflicts.delete(meta.id)
      }
      since = pageEnd
      await this.saveCheckpoint(id, since)
      done += rows.length
      onProgress({ direction: 'pull', done, left: pending })
      if (rows.length < BATCH) break
    }
    report.conflicts = [...conflicts]
    return report
  }

  /** One page of the server's changes, and the revisions of it this replica lacks. */
  private async fetchPage(since: unknown): Promise<{
    rows: ChangeRow[]
    pageEnd: unknown
    pending: number | null
    ours: ChangeRow[]
    fetched: BulkGetResult
    invalid: PullReport['refused']
  }> {
    const { rows, lastSeq: pageEnd, pending } = await this.remote.changes(since, BATCH)
    const ours = rows.filter((row) => splitDocId(row.id) !== null)
    const metas = await this.db.syncDocs.bulkGet(ours.map((row) => row.id))
    const wanted = ours.flatMap((row, i) =>
      row.revs
        .filter((rev) => parseRev(rev) !== null)
        .filter((rev) => !metas[i] || !hasRev(metas[i].tree, rev))
        .map((rev) => ({ id: row.id, rev }))
    )
    const invalid = ours.flatMap((row) =>
      row.revs
        .filter((rev) => parseRev(rev) === null)
        .map((rev) => ({
          id: row.id,
          problem: `invalid revision ${JSON.stringify(rev).slice(0, 40)} in the changes feed`
        }))
    )
    const fetched = await this.remote.bulkGet(wanted)
    return { rows, pageEnd, pending, ours, fetched, invalid }
  }

  /**
   * Texts never merge: when the team changed an article's text, this replica's passages on it
   * that were anchored on another text follow through their quotes (as a text replaced here
   * does). Only once the article and its text agree (the same SHA-256): they may arrive in
   * different pages. The anchors are written as they resolve, `updatedAt` kept, so that every
   * replica re-anchoring alike makes the same revision. Returns the passages re-anchored.
   */
  private async followTexts(docIds: readonly string[]): Promise<number> {
    const db = this.db
    const articleIds = new Set(
      docIds
        .map(splitDocId)
        .filter((t) => t?.table === 'articles' || t?.table === 'articleTexts')
        .map((t) => t!.key)
    )
    let moved = 0
    for (const articleId of articleIds) {
      const [article, text] = await Promise.all([
        db.articles.get(articleId),
        db.articleTexts.get(articleId)
      ])
      if (!article || !text) continue
      const stale = (await db.passages.where('articleId').equals(articleId).toArray()).filter(
        (passage) => passage.anchor.textSha256 !== article.sha256
      )
      // Hashed only when some passage has to move: most arriving texts have none.
      if (stale.length === 0 || (await sha256Hex(text.text)) !== article.sha256) continue
      const { entries } = reanchorPassages(text.text, article.sha256, stale)
      moved += await db.transaction('rw', db.passages, async () => {
        let written = 0
        for (const { passage, after } of entries) {
          const now = await db.passages.get(passage.id)
          // Changed meanwhile (by an edit here, or by the team): left for the next round.
          if (!now || canonicalJson(now) !== canonicalJson(passage)) continue
          await db.passages.put({ ...now, anchor: after })
          written++
        }
        return written
      })
    }
    return moved
  }

  /**
   * Passages tagged, on a replica that had not heard of it yet, with a tag since merged into
   * another land on the merged tag (the merge left a redirect). A tag arriving may be that
   * redirect, so every passage carrying one is looked at (by index); else only those that came.
   */
  private async foldMergedTags(docIds: readonly string[]): Promise<void> {
    const targets = docIds.map(splitDocId)
    const passages = targets.flatMap((t) => (t?.table === 'passages' ? [t.key] : []))
    const tagsCame = targets.some((t) => t?.table === 'tags')
    if (!tagsCame && passages.length === 0) return
    await new TagRepository(this.db).foldRedirects(tagsCame ? undefined : passages)
  }

  /**
   * For the documents about to receive revisions from the server, this replica's own changes
   * that no revision holds yet (edited or deleted since the last sync, or created here with an id
   * the team also made), each made a revision of its own and queued for the next push.
   */
  private async unpushedRevisions(
    ids: readonly string[],
    known: ReadonlyMap<string, SyncDocRecord | undefined>
  ): Promise<{ made: SyncDocRecord[]; seen: Map<string, string> }> {
    const made: SyncDocRecord[] = []
    const seen = new Map<string, string>()
    const records = await readRecords(this.db, ids)
    for (const id of ids) {
      const target = splitDocId(id)
      if (!target) continue
      const record = records.get(id)
      const body = record ? bodyOf(target.table, record) : null
      seen.set(id, canonicalJson(body))
      const meta = known.get(id)
      if (meta ? sameBody(meta.bodies[meta.winner], body) : body === null) {
        // About to meet the server's revisions, a text's winner is its whole body again (it may
        // lose and be shown as a version in conflict): the table holds it, unchanged.
        if (meta && isDigest(meta.bodies[meta.winner]))
          made.push({ ...meta, bodies: { ...meta.bodies, [meta.winner]: body } })
        continue
      }
      const { rev, merged } = await localRevision(id, meta, body)
      made.push(
        metaOf(id, merged.tree, { ...meta?.bodies, [rev]: body }, meta, [
          ...(meta?.unsent ?? []),
          rev
        ])
      )
    }
    return { made, seen }
  }

  /** One fetched revision checked and merged into its document's tree; or why it is refused. */
  private mergeFetched(
    doc: FetchedDoc,
    meta: SyncDocRecord | undefined
  ): SyncDocRecord | { id: string; problem: string } {
    const id = typeof doc._id === 'string' ? doc._id : '(no id)'
    const refuse = (problem: string) => ({ id, problem })
    const target = splitDocId(id)
    if (!target) return refuse('not a Liasse document')
    const rev = parseRev(doc._rev)
    if (!rev) return refuse(`invalid revision ${JSON.stringify(doc._rev)?.slice(0, 40)}`)
    const revisions = doc._revisions as { start?: unknown; ids?: unknown } | undefined
    if (
      !revisions ||
      revisions.start !== rev.generation ||
      !Array.isArray(revisions.ids) ||
      revisions.ids.length === 0 ||
      revisions.ids.length > REVS_LIMIT ||
      revisions.ids[0] !== rev.hash ||
      !revisions.ids.every((h) => typeof h === 'string' && /^[0-9a-f]{32}$/.test(h)) ||
      revisions.ids.length > rev.generation
    )
      return refuse('its revision history is malformed')
    const { _attachments: attachments, ...json } = doc
    if (JSON.stringify(json).length > MAX_DOC_BYTES) return refuse('larger than 8 MB')
    if (attachments !== undefined && JSON.stringify(attachments).length > MAX_ATTACHMENT_BYTES)
      return refuse('its attachment is larger than the largest text Liasse imports')
    const deleted = doc._deleted === true
    let body: DocBody | null = null
    if (!deleted) {
      let unwired: FetchedDoc
      try {
        unwired = unwireDoc(doc)
      } catch {
        return refuse('its text attachment is not UTF-8 text')
      }
      const checked = recordOfDoc(id, unwired)
      if (!checked.ok) return refuse(checked.problem)
      body = bodyOf(checked.table, checked.record)
    }
    const path = pathOf({ start: rev.generation, ids: revisions.ids as string[] }, deleted)
    const merged = mergePath(meta?.tree ?? [], path, id)
    const fullRev = `${rev.generation}-${rev.hash}`
    return metaOf(id, merged.tree, { ...meta?.bodies, [fullRev]: body }, meta, meta?.unsent)
  }

  /**
   * The winners written into the archive's tables with their metadata, in one transaction. An
   * article the team has under another id with the same text (SHA-256: the same file imported
   * by two members, or two first-run sample archives) is not duplicated: this replica's copy
   * gives way to the team's, and its passages and text move onto the team's id.
   */
  private async writeWinners(
    metas: SyncDocRecord[],
    /** The records as they were read before merging (canonical JSON): none may have changed. */
    seen?: ReadonlyMap<string, string>
  ): Promise<void> {
    if (metas.length === 0) return
    const db = this.db
    const names = new Set(['articles', 'articleTexts', 'passages', 'syncDocs'])
    for (const meta of metas) names.add(splitDocId(meta.id)!.table)
    await db.transaction('rw', [...names], async () => {
      if (seen) {
        const ids = metas.map((meta) => meta.id).filter((id) => seen.has(id))
        const records = await readRecords(db, ids)
        for (const id of ids) {
          const record = records.get(id)
          const now = canonicalJson(record ? bodyOf(splitDocId(id)!.table, record) : null)
          if (seen.get(id) !== now) throw new LocalEditDuringPull()
        }
      }
      // Table by table, in bulk: one request per table and page rather than one per record.
      const puts = new Map<SyncedTable, object[]>()
      const deletes = new Map<SyncedTable, string[]>()
      for (const meta of metas) {
        const { table, key } = splitDocId(meta.id)!
        const body = meta.bodies[meta.winner]
        // A digest: the table already holds that version.
        if (body === undefined || isDigest(body)) continue
        if (body === null) {
          deletes.set(table, [...(deletes.get(table) ?? []), key])
          continue
        }
        const { type: _type, ...record } = body
        void _type
        const list = puts.get(table) ?? []
        list.push(record)
        puts.set(table, list)
      }
      const articles = (puts.get('articles') ?? []) as Article[]
      if (articles.length > 0) await this.giveWay(articles)
      for (const [table, keys] of deletes) await db.table(table).bulkDelete(keys)
      for (const [table, records] of puts) await db.table(table).bulkPut(records)
      await db.syncDocs.bulkPut(metas.map(compacted))
    })
  }

  /**
   * This replica's own copies of the team's articles (the same text under another id) folded
   * into them: their passages and text move onto the team's id, and they go.
   */
  private async giveWay(team: readonly Article[]): Promise<void> {
    const db = this.db
    // One lookup per article: an `anyOf` over the index costs far more (the sync bench measured
    // 1-2 s for 200 keys over 10,000 articles, against 20 ms for 200 lookups).
    for (const { sha256, id: teamId } of team) {
      const article = await db.articles.where('sha256').equals(sha256).first()
      if (!article || article.id === teamId) continue
      await db.passages.where('articleId').equals(article.id).modify({ articleId: teamId })
      const text = await db.articleTexts.get(article.id)
      if (text && !(await db.articleTexts.get(teamId)))
        await db.articleTexts.put({ ...text, articleId: teamId })
      await db.articleTexts.delete(article.id)
      await db.articles.delete(article.id)
    }
  }
}
