// Types for the PouchDB packages the sync tests use as reference clients (they ship none; they
// come with pouchdb-server, which depends on them): only the calls the tests make.
declare module 'pouchdb-core' {
  export interface PouchDoc {
    _id: string
    _rev?: string
    _deleted?: boolean
    _conflicts?: string[]
    [field: string]: unknown
  }
  export interface ReplicationResult {
    ok: boolean
    docs_read: number
    docs_written: number
    doc_write_failures: number
  }
  export interface ChangesResult {
    results: Array<{ id: string; changes: Array<{ rev: string }>; deleted?: boolean }>
  }
  export default class PouchDB {
    constructor(name: string, options?: { adapter?: string })
    static plugin(plugin: unknown): typeof PouchDB
    put(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>
    get(id: string, options?: { conflicts?: boolean }): Promise<PouchDoc>
    get(id: string, options: { open_revs: 'all' }): Promise<Array<{ ok?: PouchDoc }>>
    remove(doc: PouchDoc): Promise<{ ok: boolean; id: string; rev: string }>
    changes(options: { since: number | string; doc_ids?: string[] }): Promise<ChangesResult>
    replicate: {
      from(source: PouchDB | string): Promise<ReplicationResult>
      to(target: PouchDB | string): Promise<ReplicationResult>
    }
    destroy(): Promise<void>
    close(): Promise<void>
  }
}

declare module 'pouchdb-adapter-memory' {
  const plugin: unknown
  export default plugin
}

declare module 'pouchdb-adapter-http' {
  const plugin: unknown
  export default plugin
}

declare module 'pouchdb-replication' {
  const plugin: unknown
  export default plugin
}
