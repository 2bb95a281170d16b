// Revisions as CouchDB makes them: `<generation>-<hash>`, the hash of the parent revision, the
// deleted flag and the body's canonical JSON, so that two replicas making the same edit from the
// same revision make the same revision (no conflict). The revision tree of each document is
// pouchdb-merge's, PouchDB's own: merge, the winner by CouchDB's rule, the conflicts.
import {
  collectConflicts,
  collectLeaves,
  merge,
  revExists,
  winningRev,
  type RevNode,
  type RevTreePath
} from 'pouchdb-merge'
import { sha256Hex } from '../text/hash'
import { canonicalJson, type DocBody } from './documents'

/** Revisions kept per document, as CouchDB's default `_revs_limit`. */
export const REVS_LIMIT = 1000

export type RevTree = RevTreePath[]

const REV = /^([1-9]\d{0,8})-([0-9a-f]{32})$/

/** The generation and hash of a revision, or null when it is not one CouchDB could have made. */
export function parseRev(rev: unknown): { generation: number; hash: string } | null {
  if (typeof rev !== 'string') return null
  const match = REV.exec(rev)
  return match ? { generation: Number(match[1]), hash: match[2]! } : null
}

/** The revision an edit makes: child of `parent` (none for a first edit), holding `body`. */
export async function nextRev(
  parent: string | null,
  body: DocBody | null,
  deleted = body === null
): Promise<string> {
  const generation = parent ? (parseRev(parent)?.generation ?? 0) + 1 : 1
  const hash = await sha256Hex(
    `${parent ?? ''}\u0000${deleted ? 1 : 0}\u0000${canonicalJson(body)}`
  )
  return `${generation}-${hash.slice(0, 32)}`
}

/**
 * A path of revisions as `_revisions` gives it (newest first), made a tree path whose leaf is
 * available (and deleted if so) and whose ancestors are missing bodies.
 */
export function pathOf(revisions: { start: number; ids: string[] }, deleted: boolean): RevTreePath {
  const ids = revisions.ids
  let node: RevNode = [ids[0]!, { status: 'available', ...(deleted ? { deleted: true } : {}) }, []]
  for (const id of ids.slice(1)) node = [id, { status: 'missing' }, [node]]
  return { pos: revisions.start - ids.length + 1, ids: node }
}

/** `_revisions` of a leaf: its ancestors as far as the tree knows them, newest first. */
export function revisionsOf(tree: RevTree, rev: string): { start: number; ids: string[] } | null {
  const parsed = parseRev(rev)
  if (!parsed) return null
  for (const root of tree) {
    const found = walk(root.ids, root.pos, rev, [])
    if (found) return { start: parsed.generation, ids: found.reverse() }
  }
  return null
}

function walk(node: RevNode, pos: number, rev: string, trail: string[]): string[] | null {
  const here = [...trail, node[0]]
  if (`${pos}-${node[0]}` === rev) return here
  for (const child of node[2]) {
    const found = walk(child, pos + 1, rev, here)
    if (found) return found
  }
  return null
}

export interface Merged {
  tree: RevTree
  winner: string
  /** The non-deleted leaves that lost to the winner. */
  conflicts: string[]
}

/** The tree with one more path merged in, its winner and conflicts. */
export function mergePath(tree: RevTree, path: RevTreePath, id: string): Merged {
  return describeTree(merge(tree, path, REVS_LIMIT).tree, id)
}

/** A tree's winner by CouchDB's rule, and its live losing leaves. */
export function describeTree(tree: RevTree, id: string): Merged {
  const metadata = { id, rev_tree: tree }
  return { tree, winner: winningRev(metadata), conflicts: collectConflicts(metadata) }
}

/** Whether the tree knows this revision (with or without its body). */
export function hasRev(tree: RevTree, rev: string): boolean {
  return revExists(tree, rev)
}

/** The leaves of the tree, deleted ones included. */
export function leavesOf(tree: RevTree): Array<{ rev: string; deleted: boolean }> {
  return collectLeaves(tree).map((leaf) => ({ rev: leaf.rev, deleted: leaf.opts.deleted === true }))
}

/** The revisions from the root to `rev`, as full revision ids, oldest first; empty if unknown. */
export function ancestryOf(tree: RevTree, rev: string): string[] {
  const path = revisionsOf(tree, rev)
  if (!path) return []
  return path.ids.map((hash, i) => `${path.start - i}-${hash}`).reverse()
}

/** The newest revision both `a` and `b` come from (themselves included), or null. */
export function commonAncestor(tree: RevTree, a: string, b: string): string | null {
  const theirs = new Set(ancestryOf(tree, b))
  const ours = ancestryOf(tree, a)
  for (let i = ours.length - 1; i >= 0; i--) if (theirs.has(ours[i]!)) return ours[i]!
  return null
}

/**
 * The deletions that branch off the live winner's own history: a record deleted (moved to the
 * trash) on one replica while another edited it. CouchDB lets the edit win; Liasse shows them as
 * a conflict until someone chooses. A deletion that extends another deletion (how a choice for
 * the edit closes it) or a branch that was already a conflict is not one of them.
 */
export function openDeletions(tree: RevTree, winner: string): string[] {
  const leaves = leavesOf(tree)
  if (leaves.find((leaf) => leaf.rev === winner)?.deleted !== false) return []
  const history = new Set(ancestryOf(tree, winner))
  return leaves
    .filter((leaf) => leaf.deleted && leaf.rev !== winner)
    .filter((leaf) => {
      const line = ancestryOf(tree, leaf.rev)
      const parent = line.at(-2)
      return parent !== undefined && history.has(parent)
    })
    .map((leaf) => leaf.rev)
    .sort()
}
