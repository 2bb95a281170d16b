// Types for pouchdb-merge (it ships none): the revision-tree functions Liasse uses, in the shapes
// PouchDB's own adapters give them.
declare module 'pouchdb-merge' {
  /** [id (hash), options ({ status: 'available' | 'missing', deleted? }), children] */
  export type RevNode = [string, { status?: string; deleted?: boolean }, RevNode[]]
  /** A tree whose root is at generation `pos`. */
  export interface RevTreePath {
    pos: number
    ids: RevNode
  }
  export interface RevMetadata {
    id: string
    rev_tree: RevTreePath[]
  }
  export function merge(
    tree: RevTreePath[],
    path: RevTreePath,
    depth: number
  ): {
    tree: RevTreePath[]
    stemmedRevs: string[]
    conflicts: 'new_leaf' | 'new_branch' | 'internal_node'
  }
  export function winningRev(metadata: RevMetadata): string
  export function collectConflicts(metadata: RevMetadata): string[]
  export function collectLeaves(
    tree: RevTreePath[]
  ): Array<{ rev: string; pos: number; opts: { status?: string; deleted?: boolean } }>
  export function revExists(tree: RevTreePath[], rev: string): boolean
  export function isDeleted(metadata: RevMetadata, rev?: string): boolean
  export function rootToLeaf(tree: RevTreePath[]): Array<{
    pos: number
    ids: Array<{ id: string; opts: { status?: string; deleted?: boolean } }>
  }>
  export function removeLeafFromTree(tree: RevTreePath[], leafRev: string): RevTreePath[]
}
