// The archive's records as CouchDB documents: one document per record, `_id` `<type>:<key>` with a
// `type` field; an article's text is a document of its own, so that a metadata edit does not
// resend the text. What comes from a server is checked against the record schemas like any file:
// a document that fails them is refused with the reason, and nothing of it is stored.
import * as v from 'valibot'
import { checkRecord, RECORD_SCHEMAS } from '../archive/record-schemas'
import { TrashEntrySchema } from '../archive/trash-schema'

/** The tables a team shares, with each one's document type. Settings and caches stay local. */
export const SYNCED_TABLES = {
  articles: 'article',
  articleTexts: 'text',
  passages: 'passage',
  tags: 'tag',
  events: 'event',
  links: 'link',
  dossiers: 'dossier',
  trash: 'trash'
} as const

export type SyncedTable = keyof typeof SYNCED_TABLES
export type DocType = (typeof SYNCED_TABLES)[SyncedTable]

const TABLE_OF = new Map(
  Object.entries(SYNCED_TABLES).map(([table, type]) => [type, table as SyncedTable])
)

const SCHEMA_OF: Record<SyncedTable, v.GenericSchema> = {
  articles: RECORD_SCHEMAS.articles,
  articleTexts: RECORD_SCHEMAS.articleTexts,
  passages: RECORD_SCHEMAS.passages,
  tags: RECORD_SCHEMAS.tags,
  events: RECORD_SCHEMAS.events,
  links: RECORD_SCHEMAS.links,
  dossiers: RECORD_SCHEMAS.dossiers,
  trash: TrashEntrySchema
}

/** The primary key field of each synced table's records. */
export const KEY_FIELD: Record<SyncedTable, string> = {
  articles: 'id',
  articleTexts: 'articleId',
  passages: 'id',
  tags: 'id',
  events: 'id',
  links: 'id',
  dossiers: 'id',
  trash: 'id'
}

export function isSyncedTable(table: string): table is SyncedTable {
  return Object.hasOwn(SYNCED_TABLES, table)
}

/** The document id of a record. */
export function docIdOf(table: SyncedTable, key: string): string {
  return `${SYNCED_TABLES[table]}:${key}`
}

/** The table and key a document id names; null for any other id (design, local, foreign). */
export function splitDocId(id: string): { table: SyncedTable; key: string } | null {
  const colon = id.indexOf(':')
  if (colon <= 0) return null
  const table = TABLE_OF.get(id.slice(0, colon) as DocType)
  const key = id.slice(colon + 1)
  return table && key !== '' ? { table, key } : null
}

/** A document's body: the record's fields and its type, without `_id`, `_rev` or the like. */
export type DocBody = Record<string, unknown> & { type: DocType }

export function bodyOf(table: SyncedTable, record: object): DocBody {
  return { ...(record as Record<string, unknown>), type: SYNCED_TABLES[table] }
}

/** CouchDB's own fields, and fields no record has: what a body read from a server loses. */
const RESERVED = /^_/

export type DocCheck =
  | { ok: true; table: SyncedTable; key: string; record: Record<string, unknown> }
  | { ok: false; problem: string }

/**
 * A document read from a server, as the record it holds: its id must name a synced table, its
 * `type` agree, its body pass that table's schema and its key field match the id. Never throws.
 */
export function recordOfDoc(id: unknown, body: unknown): DocCheck {
  if (typeof id !== 'string') return { ok: false, problem: 'the document has no id' }
  const target = splitDocId(id)
  if (!target) return { ok: false, problem: `${shorten(id)} is not a Liasse document id` }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problem: `${shorten(id)}: not an object` }
  const fields = Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([name]) => !RESERVED.test(name))
  )
  const { type, ...record } = fields
  if (type !== SYNCED_TABLES[target.table])
    return { ok: false, problem: `${shorten(id)}: its type is not ${SYNCED_TABLES[target.table]}` }
  const checked = checkRecord(SCHEMA_OF[target.table], record)
  if (!checked.ok) return { ok: false, problem: `${shorten(id)}: ${checked.problem}` }
  const value = checked.value as Record<string, unknown>
  if (value[KEY_FIELD[target.table]] !== target.key)
    return {
      ok: false,
      problem: `${shorten(id)}: its ${KEY_FIELD[target.table]} does not match the document id`
    }
  return { ok: true, table: target.table, key: target.key, record: value }
}

function shorten(id: string): string {
  return id.length > 60 ? `${id.slice(0, 57)}…` : id
}

/** JSON with every object's keys sorted: the same record always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item as object)
            .sort()
            .map((k) => [k, (item as Record<string, unknown>)[k]])
        )
      : item
  )
}

/**
 * An article's text longer than this travels as the text document's attachment (`text`), not
 * in its JSON: CouchDB refuses documents over 8 MB by default (max_document_size), while Liasse
 * imports texts up to 50 MB; attachments have no such limit.
 */
export const TEXT_INLINE_MAX = 1_000_000

/** The name of the attachment that holds a long text. */
export const TEXT_ATTACHMENT = 'text'

/** Bytes as base64, in chunks (no call gets more arguments than an engine takes). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(data: string): Uint8Array {
  const binary = atob(data)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** A text document's body as sent: a long text moved into its attachment, UTF-8, inline. */
export function wireBody(body: DocBody): Record<string, unknown> {
  if (body.type !== 'text' || typeof body.text !== 'string' || body.text.length <= TEXT_INLINE_MAX)
    return body
  const { text, ...rest } = body
  return {
    ...rest,
    _attachments: {
      [TEXT_ATTACHMENT]: {
        content_type: 'text/plain;charset=utf-8',
        data: toBase64(new TextEncoder().encode(text as string))
      }
    }
  }
}

/**
 * A document as received, its long text taken back from the attachment (as `_bulk_get` with
 * `attachments=true` inlines it). An attachment that is not valid base64 UTF-8 is an error.
 */
export function unwireDoc(doc: Record<string, unknown>): Record<string, unknown> {
  const attachments = doc._attachments as Record<string, { data?: unknown }> | undefined
  const attached = attachments?.[TEXT_ATTACHMENT]
  if (!attached || typeof attached.data !== 'string' || 'text' in doc) return doc
  const text = new TextDecoder('utf-8', { fatal: true }).decode(fromBase64(attached.data))
  return { ...doc, text }
}
