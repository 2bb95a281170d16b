// The Liasse bundle (`.liasse`): a zip of JSON tables and article texts carrying a dossier, some
// articles or the whole archive to a colleague's Liasse; read back whole and checked, or refused.
import { zipSync, type Zippable } from 'fflate'
import { ancestorIds } from '../archive/codebook'
import type { Article } from '../archive/article'
import type { Passage } from '../archive/passage'
import { sha256Hex } from '../text/hash'
import { normalizeText } from '../text/normalize'
import { selectPassages } from './build'
import * as v from 'valibot'
import {
  ArticleSchema,
  checkRecord,
  countField,
  DossierSchema,
  EventLinkSchema,
  idField,
  idsField,
  objectField,
  PassageSchema,
  sha256Field,
  stringField,
  TagSchema,
  timestampField,
  TimelineEventSchema
} from '../archive/record-schemas'
import { BundleImportError, badRecord, recordWhere } from './bundle-validate'
import type { ArchiveSnapshot, Dossier, DossierDocument } from './types'
import { DEFAULT_ZIP_LIMITS, safeUnzip, ZipLimitError, type ZipLimits } from '../zip/safe-unzip'
import { withRedirectsResolved } from '../archive/tag-redirects'

export { BundleImportError, type BundleImportErrorCode } from './bundle-validate'

export const BUNDLE_FORMAT = 'liasse-bundle'
export const BUNDLE_VERSION = 1
export const BUNDLE_EXTENSION = '.liasse'

/** An archive as a bundle carries it: the snapshot exporters read, plus the saved dossiers. */
export interface ArchiveRecords extends ArchiveSnapshot {
  dossiers: Dossier[]
}

/** What the sender chose to send, for the receiver's preview. */
export type BundleScope =
  | { kind: 'archive' }
  | { kind: 'articles'; articleIds: string[] }
  | { kind: 'dossier'; dossierId: string; title: string }

/** The JSON tables of a bundle, one file each (`articles.json`…), in this order in the zip. */
export const BUNDLE_TABLES = [
  'articles',
  'tags',
  'passages',
  'events',
  'links',
  'dossiers'
] as const
export type BundleTable = (typeof BUNDLE_TABLES)[number]

export interface BundleTextEntry {
  articleId: string
  /** `texts/<articleId>.txt`, UTF-8. */
  path: string
  /** The article's stored SHA-256 of this text (hashing is async; readers check it apart). */
  sha256: string
  /** In UTF-16 code units, the unit of every offset in the bundle. */
  length: number
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT
  version: number
  exportedAt: string
  appVersion: string
  scope: BundleScope
  /** Offsets in selectors and anchors count UTF-16 code units of the texts. */
  offsets: 'utf-16'
  counts: Record<BundleTable | 'texts', number>
  texts: BundleTextEntry[]
}

/** A reference to a record the bundle does not carry: the merge looks for it in the receiver. */
export interface UnresolvedReference {
  kind: 'passages' | 'tags' | 'links'
  id: string
  field: 'articleId' | 'tagIds' | 'parentId' | 'eventId' | 'passageId'
  targetId: string
}

/** A bundle read and checked: every record valid, every article with its text. */
export interface BundleContents extends ArchiveRecords {
  manifest: BundleManifest
  unresolved: UnresolvedReference[]
}

// Zip entries carry a DOS time in local fields; fixed local fields make the bytes the same on every
// machine, so that exporting the same content twice gives the same file.
const ZIP_MTIME = new Date(2000, 0, 1, 0, 0, 0)

/** JSON with object keys sorted at every level: the same records give the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2)
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]))
}

function byId<T extends { id: string }>(records: readonly T[]): T[] {
  return [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function textPath(articleId: string): string {
  return `texts/${articleId}.txt`
}

/**
 * The records hanging on a set of passages: their articles (and `articleIds`) with texts, the tags
 * they carry and every ancestor of those (so that the hierarchy survives), their links and the
 * events linked (and `eventIds`).
 */
function closeOver(
  snapshot: ArchiveSnapshot,
  passages: readonly Passage[],
  extra: {
    articleIds?: readonly string[]
    tagIds?: readonly string[]
    eventIds?: readonly string[]
  }
): Omit<ArchiveRecords, 'dossiers'> {
  const articleIds = new Set([...passages.map((p) => p.articleId), ...(extra.articleIds ?? [])])
  const articles = snapshot.articles.filter((a) => articleIds.has(a.id))
  const passageIds = new Set(passages.map((p) => p.id))
  const eventById = new Map(snapshot.events.map((e) => [e.id, e]))
  const links = snapshot.links.filter(
    (l) => passageIds.has(l.passageId) && eventById.has(l.eventId)
  )
  const eventIds = new Set([...links.map((l) => l.eventId), ...(extra.eventIds ?? [])])
  const tagIds = new Set([...passages.flatMap((p) => p.tagIds), ...(extra.tagIds ?? [])])
  for (const id of [...tagIds]) for (const up of ancestorIds(snapshot.tags, id)) tagIds.add(up)
  return {
    articles,
    texts: textsOf(snapshot, articles),
    passages: [...passages],
    tags: snapshot.tags.filter((t) => tagIds.has(t.id)),
    events: snapshot.events.filter((e) => eventIds.has(e.id)),
    links
  }
}

function textsOf(snapshot: ArchiveSnapshot, articles: readonly Article[]): Map<string, string> {
  const texts = new Map<string, string>()
  for (const article of articles) {
    const text = snapshot.texts.get(article.id)
    // The archive never holds an article without its text; a bundle must not either.
    if (text === undefined) throw new Error(`No text for article ${article.id}`)
    texts.set(article.id, text)
  }
  return texts
}

/**
 * What a dossier bundle holds: the dossier, the passages its scope selects (those of the resolved
 * document when given one), the articles they cite, their tags with ancestors, the tags and events
 * its scope names, and the links and events of those passages.
 */
export function bundleRecordsForDossier(
  source: Dossier | DossierDocument,
  records: ArchiveSnapshot
): ArchiveRecords {
  const snapshot = withRedirectsResolved(records)
  const dossier = 'quotes' in source ? source.dossier : source
  const chosen =
    'quotes' in source
      ? new Set(source.quotes.map((q) => q.passage.id))
      : new Set(selectPassages(dossier.scope, snapshot).map((p) => p.id))
  const passages = snapshot.passages.filter((p) => chosen.has(p.id))
  return {
    ...closeOver(snapshot, passages, {
      tagIds: dossier.scope.tagIds.filter((id) => snapshot.tags.some((t) => t.id === id)),
      eventIds: dossier.scope.eventIds
    }),
    dossiers: [dossier]
  }
}

/** Some articles with every passage on them and what those passages hang on; no dossier. */
export function bundleRecordsForArticles(
  articleIds: readonly string[],
  records: ArchiveSnapshot
): ArchiveRecords {
  const snapshot = withRedirectsResolved(records)
  const wanted = new Set(articleIds)
  const passages = snapshot.passages.filter((p) => wanted.has(p.articleId))
  return {
    ...closeOver(snapshot, passages, {
      articleIds: snapshot.articles.filter((a) => wanted.has(a.id)).map((a) => a.id)
    }),
    dossiers: []
  }
}

/**
 * The whole archive, every record as it is, but for merged tags: a bundle holds no redirect (the
 * archive it goes into maps tag ids its own way), its passages carry the tags they lead to.
 */
export function bundleRecordsForArchive(
  records: ArchiveSnapshot & { dossiers?: readonly Dossier[] }
): ArchiveRecords {
  const snapshot = withRedirectsResolved(records)
  return {
    articles: [...snapshot.articles],
    texts: textsOf(snapshot, snapshot.articles),
    passages: [...snapshot.passages],
    tags: [...snapshot.tags],
    events: [...snapshot.events],
    links: [...snapshot.links],
    dossiers: [...(snapshot.dossiers ?? [])]
  }
}

export interface BundleExportInput {
  /** A dossier: the bundle holds it and what it draws on. Null: `articleIds`, or the archive. */
  dossier: Dossier | DossierDocument | null
  snapshot: ArchiveSnapshot & { dossiers?: readonly Dossier[] }
  /** Without a dossier, only these articles with what hangs on them. */
  articleIds?: readonly string[]
}

export interface BundleExportOptions {
  /** ISO timestamp of the export. */
  now: string
  appVersion: string
}

/** A `.liasse` bundle of a dossier, some articles or the whole archive (see BundleExportInput). */
export function exportBundle(input: BundleExportInput, options: BundleExportOptions): Uint8Array {
  const { dossier, snapshot, articleIds } = input
  if (dossier) {
    const saved = 'quotes' in dossier ? dossier.dossier : dossier
    return writeBundle(bundleRecordsForDossier(dossier, snapshot), options, {
      kind: 'dossier',
      dossierId: saved.id,
      title: saved.title
    })
  }
  if (articleIds) {
    return writeBundle(bundleRecordsForArticles(articleIds, snapshot), options, {
      kind: 'articles',
      articleIds: [...articleIds].sort()
    })
  }
  return writeBundle(bundleRecordsForArchive(snapshot), options, { kind: 'archive' })
}

/**
 * Zips records as they are: tables sorted by id, canonical JSON, texts in UTF-8, every entry with
 * the same time. The same records and options give the same bytes.
 */
export function writeBundle(
  records: ArchiveRecords,
  options: BundleExportOptions,
  scope: BundleScope = { kind: 'archive' }
): Uint8Array {
  const encoder = new TextEncoder()
  const json = (value: unknown): Uint8Array => encoder.encode(canonicalJson(value) + '\n')
  const articles = byId(records.articles)
  const tables: Record<BundleTable, readonly { id: string }[]> = {
    articles,
    tags: byId(records.tags),
    passages: byId(records.passages),
    events: byId(records.events),
    links: byId(records.links),
    dossiers: byId(records.dossiers)
  }
  const texts = articles.map((article) => {
    const text = records.texts.get(article.id)
    if (text === undefined) throw new Error(`No text for article ${article.id}`)
    return { article, text }
  })
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    exportedAt: options.now,
    appVersion: options.appVersion,
    scope,
    offsets: 'utf-16',
    counts: {
      articles: articles.length,
      texts: texts.length,
      tags: tables.tags.length,
      passages: tables.passages.length,
      events: tables.events.length,
      links: tables.links.length,
      dossiers: tables.dossiers.length
    },
    texts: texts.map(({ article, text }) => ({
      articleId: article.id,
      path: textPath(article.id),
      sha256: article.sha256,
      length: text.length
    }))
  }
  // The manifest first, so that a reader (or a person listing the zip) meets it first.
  const files: Zippable = { 'manifest.json': json(manifest) }
  for (const table of BUNDLE_TABLES) files[`${table}.json`] = json(tables[table])
  for (const { article, text } of texts) files[textPath(article.id)] = encoder.encode(text)
  return zipSync(files, { level: 6, mtime: ZIP_MTIME })
}

// ---------------------------------------------------------------------------------------------
// Reading

const TABLE_FILES = new Set<string>(BUNDLE_TABLES.map((t) => `${t}.json`))
const TEXT_FILE = /^texts\/(.+)\.txt$/

/**
 * Caps for a bundle's zip: DEFAULT_ZIP_LIMITS (a 100,000-article archive fits); a bundle past them
 * is refused with `zipBomb` after at most that much inflating, whatever its entries declare.
 */
export const BUNDLE_ZIP_LIMITS: ZipLimits = DEFAULT_ZIP_LIMITS

function unzipBundle(bytes: Uint8Array): Record<string, Uint8Array> {
  // 22 bytes is the smallest zip (an empty one): anything shorter cannot be one.
  if (bytes.byteLength < 22) throw new BundleImportError('notZip', `${bytes.byteLength} bytes`)
  try {
    // Only the entries a bundle defines are inflated; anything else (`__MACOSX/`) is left alone.
    const files = safeUnzip(bytes, {
      ...BUNDLE_ZIP_LIMITS,
      filter: (file) =>
        file.name === 'manifest.json' || TABLE_FILES.has(file.name) || TEXT_FILE.test(file.name)
    })
    // fromEntries defines own properties: no entry name can reach the prototype.
    return Object.fromEntries(files)
  } catch (error) {
    if (error instanceof ZipLimitError) throw new BundleImportError(error.code, error.detail)
    throw new BundleImportError('notZip', error instanceof Error ? error.message : String(error))
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return decoder.decode(bytes)
  } catch {
    return badRecord(file, 'is not UTF-8')
  }
}

function parseJson(bytes: Uint8Array, file: string): unknown {
  const text = decodeUtf8(bytes, file)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    return badRecord(file, `is not JSON (${error instanceof Error ? error.message : ''})`)
  }
}

function readManifest(files: Record<string, Uint8Array>): BundleManifest {
  const bytes = files['manifest.json']
  if (!bytes) throw new BundleImportError('notBundle', 'manifest.json is missing')
  let value: unknown
  try {
    value = parseJson(bytes, 'manifest.json')
  } catch (error) {
    if (error instanceof BundleImportError) throw new BundleImportError('notBundle', error.detail)
    throw error
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BundleImportError('notBundle', 'manifest.json is not an object')
  }
  const head = value as Record<string, unknown>
  if (head['format'] !== BUNDLE_FORMAT) {
    throw new BundleImportError(
      'notBundle',
      `manifest.json: format ${JSON.stringify(head['format'])}`
    )
  }
  const version = head['version']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BundleImportError('notBundle', `manifest.json: version ${JSON.stringify(version)}`)
  }
  if (version > BUNDLE_VERSION) {
    throw new BundleImportError(
      'newerVersion',
      `manifest.json: version ${version}, this Liasse reads up to ${BUNDLE_VERSION}`
    )
  }
  const checked = checkRecord(manifestSchema, value)
  if (!checked.ok) return badRecord('manifest.json', checked.problem)
  const manifest = checked.value
  return { ...manifest, format: BUNDLE_FORMAT, version, offsets: 'utf-16' }
}

const manifestSchema = objectField({
  exportedAt: timestampField(),
  appVersion: stringField(),
  scope: v.variant(
    'kind',
    [
      objectField({ kind: v.literal('archive') }),
      objectField({ kind: v.literal('articles'), articleIds: idsField() }),
      objectField({ kind: v.literal('dossier'), dossierId: idField(), title: stringField() })
    ],
    (issue) => `is not one of archive, articles, dossier (${JSON.stringify(issue.input)})`
  ),
  offsets: v.literal('utf-16', 'is not utf-16'),
  counts: objectField({
    articles: countField(),
    texts: countField(),
    tags: countField(),
    passages: countField(),
    events: countField(),
    links: countField(),
    dossiers: countField()
  }),
  texts: v.array(
    objectField({
      articleId: idField(),
      path: stringField(),
      sha256: sha256Field(),
      length: countField()
    }),
    'is missing or not a list'
  )
})

function readTable<T extends { id: string }>(
  files: Record<string, Uint8Array>,
  table: BundleTable,
  schema: v.GenericSchema<unknown, T>
): T[] {
  const file = `${table}.json`
  const bytes = files[file]
  if (!bytes) return badRecord(file, 'is missing')
  const value = parseJson(bytes, file)
  if (!Array.isArray(value)) return badRecord(file, 'is not a list')
  const seen = new Set<string>()
  return value.map((item: unknown, index) => {
    const where = recordWhere(file, index, item)
    const checked = checkRecord(schema, item)
    if (!checked.ok) return badRecord(where, checked.problem)
    const record = checked.value
    if (seen.has(record.id)) badRecord(where, 'has the id of an earlier record')
    seen.add(record.id)
    return record
  })
}

/**
 * Reads a `.liasse` bundle whole: the zip, the manifest (format, version), every record field by
 * field, every article's text (UTF-8, normalized, of the stored length), the counts. Any fault is
 * one BundleImportError naming the file and record; there is never a partial result. References to
 * records the bundle does not carry are listed in `unresolved` for the merge to settle.
 */
export function readBundle(bytes: Uint8Array): BundleContents {
  const files = unzipBundle(bytes)
  const manifest = readManifest(files)
  const articles = readTable(files, 'articles', ArticleSchema)
  const tags = readTable(files, 'tags', TagSchema)
  const passages = readTable(files, 'passages', PassageSchema)
  const events = readTable(files, 'events', TimelineEventSchema)
  const links = readTable(files, 'links', EventLinkSchema)
  const dossiers = readTable(files, 'dossiers', DossierSchema)
  const texts = readTexts(files, articles)
  checkManifest(manifest, { articles, tags, passages, events, links, dossiers }, texts.size)
  checkAnchors(passages, texts)
  checkTagCycles(tags)
  return {
    manifest,
    articles,
    texts,
    passages,
    tags,
    events,
    links,
    dossiers,
    unresolved: unresolvedReferences({ articles, passages, tags, events, links })
  }
}

function readTexts(files: Record<string, Uint8Array>, articles: Article[]): Map<string, string> {
  const texts = new Map<string, string>()
  const shas = new Map<string, string>()
  for (const article of articles) {
    const where = `articles.json "${article.id}"`
    const path = textPath(article.id)
    const bytes = files[path]
    if (!bytes) {
      throw new BundleImportError(
        'missingText',
        `${path} (article "${article.id}" ${article.title})`
      )
    }
    const text = decodeUtf8(bytes, path)
    if (text === '') badRecord(path, 'is empty')
    // Offsets count code units of the normalized text; another form would misplace every anchor.
    if (normalizeText(text) !== text) badRecord(path, 'is not normalized text')
    if (text.length !== article.textLength) {
      badRecord(where, `textLength ${article.textLength} but ${path} holds ${text.length}`)
    }
    const holder = shas.get(article.sha256)
    if (holder !== undefined) badRecord(where, `has the same text (sha256) as "${holder}"`)
    shas.set(article.sha256, article.id)
    texts.set(article.id, text)
  }
  for (const name of Object.keys(files)) {
    const match = TEXT_FILE.exec(name)
    if (match && !texts.has(match[1]!)) badRecord(name, 'belongs to no article of articles.json')
  }
  return texts
}

function checkManifest(
  manifest: BundleManifest,
  tables: Record<BundleTable, readonly unknown[]>,
  textCount: number
): void {
  for (const table of BUNDLE_TABLES) {
    if (manifest.counts[table] !== tables[table].length) {
      badRecord(
        'manifest.json',
        `counts.${table} is ${manifest.counts[table]}, ${table}.json holds ${tables[table].length}`
      )
    }
  }
  if (manifest.counts.texts !== textCount) {
    badRecord(
      'manifest.json',
      `counts.texts is ${manifest.counts.texts}, the zip holds ${textCount}`
    )
  }
  const articles = tables.articles as readonly Article[]
  const entries = new Map(manifest.texts.map((entry) => [entry.articleId, entry]))
  if (entries.size !== manifest.texts.length || entries.size !== articles.length) {
    badRecord('manifest.json', 'texts does not list each article once')
  }
  for (const article of articles) {
    const entry = entries.get(article.id)
    if (
      !entry ||
      entry.path !== textPath(article.id) ||
      entry.sha256 !== article.sha256 ||
      entry.length !== article.textLength
    ) {
      badRecord('manifest.json', `texts entry of "${article.id}" does not match articles.json`)
    }
  }
}

/** A placed anchor must lie inside its article's text (when the bundle carries the article). */
function checkAnchors(passages: readonly Passage[], texts: ReadonlyMap<string, string>): void {
  passages.forEach((passage, index) => {
    const text = texts.get(passage.articleId)
    if (text === undefined || passage.anchor.status === 'orphan') return
    if (passage.anchor.end > text.length) {
      badRecord(
        recordWhere('passages.json', index, passage),
        `anchor.end ${passage.anchor.end} is past the end of its text (${text.length})`
      )
    }
  })
}

function checkTagCycles(tags: readonly { id: string; parentId: string | null }[]): void {
  const parentOf = new Map(tags.map((t) => [t.id, t.parentId]))
  for (const tag of tags) {
    const seen = new Set([tag.id])
    for (let up = tag.parentId; up !== null && parentOf.has(up); up = parentOf.get(up) ?? null) {
      if (seen.has(up)) badRecord(`tags.json "${tag.id}"`, 'is in a parent cycle')
      seen.add(up)
    }
  }
}

function unresolvedReferences(
  records: Pick<ArchiveRecords, 'articles' | 'passages' | 'tags' | 'events' | 'links'>
): UnresolvedReference[] {
  const has = (list: readonly { id: string }[]): Set<string> => new Set(list.map((r) => r.id))
  const articles = has(records.articles)
  const passages = has(records.passages)
  const tags = has(records.tags)
  const events = has(records.events)
  const found: UnresolvedReference[] = []
  for (const p of records.passages) {
    if (!articles.has(p.articleId)) {
      found.push({ kind: 'passages', id: p.id, field: 'articleId', targetId: p.articleId })
    }
    for (const tagId of p.tagIds) {
      if (!tags.has(tagId))
        found.push({ kind: 'passages', id: p.id, field: 'tagIds', targetId: tagId })
    }
  }
  for (const t of records.tags) {
    if (t.parentId !== null && !tags.has(t.parentId)) {
      found.push({ kind: 'tags', id: t.id, field: 'parentId', targetId: t.parentId })
    }
  }
  for (const l of records.links) {
    if (!passages.has(l.passageId)) {
      found.push({ kind: 'links', id: l.id, field: 'passageId', targetId: l.passageId })
    }
    if (!events.has(l.eventId)) {
      found.push({ kind: 'links', id: l.id, field: 'eventId', targetId: l.eventId })
    }
  }
  return found
}

/**
 * Checks each text against its article's SHA-256, which readBundle cannot (hashing is async).
 * Run it before planMerge: the merge trusts the hash to recognize a text the receiver already has.
 */
export async function verifyBundleTexts(contents: BundleContents): Promise<void> {
  for (const article of contents.articles) {
    const text = contents.texts.get(article.id) ?? ''
    if ((await sha256Hex(text)) !== article.sha256) {
      throw new BundleImportError(
        'badRecord',
        `${textPath(article.id)}: does not match the sha256 of article "${article.id}"`
      )
    }
  }
}
