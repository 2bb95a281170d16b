// The dossier's passages as a W3C Web Annotation collection (JSON-LD), and the reverse: reading
// annotations from other tools (Hypothesis exports, annotation servers, our own files).
import { describeSpan } from '../anchoring/describe'
import type { TextPositionSelector, TextQuoteSelector } from '../anchoring/types'
import type { Article } from '../archive/article'
import { splitAuthors } from './render-csl'
import { CodePointMap } from './render-qdpx'
import { passageRegions, type ExportScans } from './scan-regions'
import type { DossierDocument, DossierEvent, DossierQuote } from './types'

export const ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
/** Liasse's own terms. `.invalid` is reserved (RFC 2606): a namespace that never resolves. */
export const LIASSE_NAMESPACE = 'https://liasse.invalid/ns#'

/**
 * The W3C context, then ours: the `liasse:` prefix and the Dublin Core terms for the source's
 * metadata and the events, which the annotation vocabulary does not have.
 */
export const WEB_ANNOTATION_CONTEXT = [
  ANNOTATION_CONTEXT,
  {
    liasse: LIASSE_NAMESPACE,
    title: 'dcterms:title',
    publisher: 'dcterms:publisher',
    issued: 'dcterms:issued',
    description: 'dcterms:description',
    date: 'liasse:date',
    status: 'liasse:status'
  }
] as const

/** `liasse:offsetUnit` values: what we write now, and what files written before say. */
export const OFFSET_UNIT_CODE_POINT = 'codePoint'
export const OFFSET_UNIT_UTF16 = 'utf16CodeUnit'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The IRI of a Liasse record. Records carry UUIDs, hence `urn:uuid:`; an id that is not one (test
 * fixtures, hand-made bundles) gets an informal `urn:liasse:` URN rather than a fake UUID, so that
 * `localId` can always give the id back.
 */
export function recordIri(id: string): string {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `urn:liasse:${encodeURIComponent(id)}`
}

/** The record id inside one of our IRIs; any other IRI (a web page, a server's id) as it is. */
export function localId(iri: string): string {
  if (/^urn:uuid:/i.test(iri)) return iri.slice('urn:uuid:'.length)
  if (iri.startsWith('urn:liasse:')) {
    try {
      return decodeURIComponent(iri.slice('urn:liasse:'.length))
    } catch {
      return iri
    }
  }
  return iri
}

export interface WebAnnotationOptions {
  /**
   * Current normalized texts by article id: the context (prefix, suffix) is then taken around the
   * passage where it sits now. Without it, the context stored with the passage is used (and the
   * appendix texts, when the dossier has them).
   */
  articleTexts?: ReadonlyMap<string, string>
  /**
   * Scanned articles' pages (word boxes), by article id: a passage on a scan then also selects
   * the region of each page image its words cover.
   */
  scans?: ExportScans
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json }
type JsonObject = { [key: string]: Json }

function agent(name: string): JsonObject {
  return { type: 'Person', name }
}

function sourceResource(article: Article): JsonObject {
  const source: JsonObject = { id: recordIri(article.id), type: 'Text', format: 'text/plain' }
  if (article.title.trim()) source.title = article.title.trim()
  const creators = splitAuthors(article.author).map((name): JsonObject =>
    'literal' in name ? { name: name.literal } : agent(`${name.given} ${name.family}`)
  )
  if (creators.length === 1) source.creator = creators[0]!
  else if (creators.length > 1) source.creator = creators
  if (article.outlet.trim()) source.publisher = article.outlet.trim()
  if (article.published) {
    source.issued = article.published.value
    // "Published after", "read from the text": said, so that nobody takes it for a stated date.
    if (article.published.qualifier !== 'stated') {
      source['liasse:dateQualifier'] = article.published.qualifier
    }
  }
  if (/^[a-z]{2,3}(-|$)/.test(article.language)) source.language = article.language
  source['liasse:sourceFile'] = article.sourceName
  return source
}

/** An article's text and its code point map, built once per article for all its passages. */
interface SourceText {
  text: string
  codePoints: CodePointMap
}

/**
 * The passage's selectors. The position counts Unicode code points, as the W3C model requires
 * (Liasse keeps UTF-16 offsets, converted here); without the text to convert against, no
 * position is written rather than one in the wrong unit: the quote alone still finds the passage.
 */
function selectors(
  quote: DossierQuote,
  source: SourceText | undefined
): { quote: TextQuoteSelector; position: TextPositionSelector | null } {
  const { span, passage } = quote
  if (span && source && span.end <= source.text.length) {
    try {
      const described = describeSpan(source.text, span.start, span.end)
      const { start, end } = described.position
      return {
        quote: described.quote,
        position: {
          type: 'TextPositionSelector',
          start: source.codePoints.toCodePoints(start),
          end: source.codePoints.toCodePoints(end)
        }
      }
    } catch {
      // A span that no longer fits the text (a stale map): fall back to what was stored.
    }
  }
  return { quote: { ...passage.quote, exact: quote.text }, position: null }
}

/** RFC 3778 (the `application/pdf` fragment): `page=N`, pages counted from 1. */
export const PAGE_FRAGMENT = 'http://tools.ietf.org/rfc/rfc3778'
/** Media Fragments URI 1.0: `xywh=pixel:x,y,w,h`. */
export const MEDIA_FRAGMENT = 'http://www.w3.org/TR/media-frags/'

/**
 * A passage on a scan, on its pages: one FragmentSelector per page its words are on, `page=N` as
 * RFC 3778 counts a paged document's pages (from 1), refined by the media fragment of the region
 * its words cover, `xywh=pixel:…`. Those pixels are the stored page image's (the scan as Liasse
 * keeps it, possibly scaled down on import, not the original file's): the refinement says that
 * image's size (`liasse:imageWidth`, `liasse:imageHeight`), for a reader to scale the region to
 * another copy. The model's selectors of one target are alternatives for the same segment: a tool
 * reading the text uses the quote and position, one showing the pages uses these.
 */
function pageSelectors(quote: DossierQuote, scans: ExportScans | undefined): JsonObject[] {
  const pages = scans?.get(quote.article.id)
  if (!pages || !quote.span) return []
  return passageRegions(pages, quote.span).map(({ page, width, height, box }) => ({
    type: 'FragmentSelector',
    conformsTo: PAGE_FRAGMENT,
    value: `page=${page + 1}`,
    refinedBy: {
      type: 'FragmentSelector',
      conformsTo: MEDIA_FRAGMENT,
      value: `xywh=pixel:${box.x},${box.y},${box.w},${box.h}`,
      'liasse:imageWidth': width,
      'liasse:imageHeight': height
    }
  }))
}

function annotation(
  quote: DossierQuote,
  source: SourceText | undefined,
  scans: ExportScans | undefined
): JsonObject {
  const { passage } = quote
  const note = passage.note.trim()
  const body: JsonObject[] = quote.tags.map((tag) => ({
    type: 'TextualBody',
    purpose: 'tagging',
    value: tag.path
  }))
  if (note) {
    body.push({ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' })
  }
  for (const link of quote.events) {
    const linked: JsonObject = {
      type: 'SpecificResource',
      purpose: 'linking',
      source: recordIri(link.eventId),
      'liasse:role': link.role
    }
    if (link.note.trim()) linked['liasse:note'] = link.note.trim()
    body.push(linked)
  }
  const found = selectors(quote, source)
  const selector: JsonObject[] = [{ ...found.quote }]
  if (found.position) selector.push({ ...found.position })
  selector.push(...pageSelectors(quote, scans))
  const result: JsonObject = {
    '@context': WEB_ANNOTATION_CONTEXT as unknown as Json,
    id: recordIri(passage.id),
    type: 'Annotation',
    // One motivation, the strongest; each body says its own purpose.
    motivation: quote.tags.length > 0 ? 'tagging' : note ? 'commenting' : 'highlighting',
    created: passage.createdAt,
    modified: passage.updatedAt
  }
  // The model's `creator` made the annotation: the passage's creator where it names them, else
  // its author (what older records say). It has no term for who changed it last; `modified`
  // says when.
  const creator = (passage.createdBy ?? passage.author).trim()
  if (creator) result.creator = agent(creator)
  if (body.length > 0) result.body = body
  result.target = {
    type: 'SpecificResource',
    source: sourceResource(quote.article),
    selector
  }
  result['liasse:anchor'] = quote.span ? passage.anchor.status : 'orphan'
  return result
}

function eventResource(entry: DossierEvent): JsonObject {
  const { event } = entry
  const resource: JsonObject = {
    id: recordIri(event.id),
    type: 'liasse:Event',
    title: event.title,
    status: event.status
  }
  if (event.date) {
    // ISO 8601 at its precision; a range as an ISO interval (`2016-09/2017-07`).
    let date = event.date.start
    if (event.date.time && !event.date.end) date += `T${event.date.time}`
    if (event.date.end) date += `/${event.date.end}`
    resource.date = date
    if (event.date.approximate) resource['liasse:approximate'] = true
    if (event.date.timeZone) resource['liasse:timeZone'] = event.date.timeZone
  }
  if (event.description.trim()) resource.description = event.description.trim()
  return resource
}

/**
 * The dossier as an `AnnotationCollection`: one annotation per passage (tags and note as textual
 * bodies, event links as `linking` bodies), targeting the article's normalized text with a quote
 * and, when the passage is anchored, a position. Positions count Unicode code points of that text
 * (the W3C model's unit; Liasse's UTF-16 offsets are converted); the collection says so
 * (`liasse:offsetUnit`), as files written before did for their UTF-16 offsets. A passage on a
 * scan also selects its regions of the page images (`pageSelectors`), given `options.scans`.
 */
export function renderWebAnnotations(
  doc: DossierDocument,
  options: WebAnnotationOptions = {}
): JsonObject {
  const appendixTexts = new Map(doc.appendix.map((entry) => [entry.citation.articleId, entry.text]))
  const sources = new Map<string, SourceText | undefined>()
  const sourceOf = (articleId: string): SourceText | undefined => {
    if (!sources.has(articleId)) {
      const text = options.articleTexts?.get(articleId) ?? appendixTexts.get(articleId)
      sources.set(
        articleId,
        text === undefined ? undefined : { text, codePoints: new CodePointMap(text) }
      )
    }
    return sources.get(articleId)
  }
  const items = doc.quotes.map((quote) =>
    annotation(quote, sourceOf(quote.article.id), options.scans)
  )
  const id = recordIri(doc.dossier.id)
  const collection: JsonObject = {
    '@context': WEB_ANNOTATION_CONTEXT as unknown as Json,
    id,
    type: 'AnnotationCollection',
    label: doc.dossier.title,
    total: items.length,
    generated: doc.generatedAt,
    generator: { type: 'Software', name: 'Liasse' },
    'liasse:offsetUnit': OFFSET_UNIT_CODE_POINT,
    'liasse:offsetText': 'normalized',
    'liasse:events': doc.events.map(eventResource)
  }
  // An empty dossier has no page: the model wants a first page only when there are annotations.
  if (items.length > 0) {
    collection.first = { id: `${id}#page1`, type: 'AnnotationPage', startIndex: 0, items }
  }
  return collection
}

export function renderWebAnnotationsJson(
  doc: DossierDocument,
  options: WebAnnotationOptions = {}
): string {
  return JSON.stringify(renderWebAnnotations(doc, options), null, 2) + '\n'
}

// ——— Import ———

/** Why a file could not be read as annotations; the UI translates the code. */
export type AnnotationImportErrorCode =
  | 'notJson'
  | 'notAnnotations'
  | 'noTextTarget'
  | 'emptyExact'
  /** A JSON-LD `@context` names a document other than the W3C annotation context. */
  | 'remoteContext'
  /** JSON-LD the processor refuses (an invalid context, keyword or IRI). */
  | 'badJsonLd'

export class AnnotationImportError extends Error {
  override readonly name = 'AnnotationImportError'
  constructor(
    readonly code: AnnotationImportErrorCode,
    /** A technical detail for the log, never the message shown. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

/** One annotation on a text, as far as Liasse can use it. */
export interface ImportedAnnotation {
  /** The annotation's id (IRI) in the file, or null. */
  id: string | null
  /** The annotated document: its IRI or URL (`localId` turns ours back into an article id). */
  source: string
  /** The document's title when the file gives one. */
  sourceTitle: string | null
  quote: TextQuoteSelector | null
  /** Offsets as the file gives them, in the collection's `offsetUnit`. */
  position: TextPositionSelector | null
  /** Tag values (`Parent › Child` paths in our files). */
  tags: string[]
  notes: string[]
  /** `linking` bodies: the linked resource and, in our files, the role. */
  links: { target: string; role: string | null; note: string | null }[]
  created: string | null
  modified: string | null
  creator: string | null
}

export interface ImportedAnnotations {
  /** The collection's label, when the file is a collection. */
  label: string | null
  annotations: ImportedAnnotation[]
  /** Annotations left out because they target no text passage (page notes, images, replies). */
  skipped: number
  /**
   * What the positions count: code points (the W3C model's unit, and what any other tool means),
   * or UTF-16 code units when the file is one of ours written before, whose note says so.
   */
  offsetUnit: OffsetUnit
}

export type OffsetUnit = typeof OFFSET_UNIT_CODE_POINT | typeof OFFSET_UNIT_UTF16

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asArray(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]
}

function str(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return null
}

/** `type` values without an `oa:` / `as:` prefix, since some tools write them expanded. */
function types(value: Obj): string[] {
  return asArray(value.type ?? value['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^(?:oa|as):/, '').replace(/^http:\/\/www\.w3\.org\/ns\/oa#/, ''))
}

function purposes(value: Obj): string[] {
  return asArray(value.purpose)
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.replace(/^oa:/, ''))
}

const MAX_PAGES = 10_000

/**
 * Our `liasse:offsetUnit` note, compacted with our context or spelled out in full (a file passed
 * through a JSON-LD processor), its value plain or as a value object.
 */
function offsetUnitNote(value: Obj): string | null {
  const note = value['liasse:offsetUnit'] ?? value[`${LIASSE_NAMESPACE}offsetUnit`]
  const first = Array.isArray(note) ? (note[0] as unknown) : note
  if (typeof first === 'string') return first
  if (isObject(first) && typeof first['@value'] === 'string') return first['@value']
  return null
}

interface Collected {
  label: string | null
  items: Obj[]
  /** The first `liasse:offsetUnit` note met on a collection, page or annotation. */
  unit: string | null
}

/** The annotation objects of a parsed file, whatever wraps them. */
function collect(value: unknown, out: Collected, depth = 0): void {
  if (depth > 8) return
  if (Array.isArray(value)) {
    for (const item of value) collect(item, out, depth + 1)
    return
  }
  if (!isObject(value)) return
  out.unit ??= offsetUnitNote(value)
  const kinds = types(value)
  if (kinds.includes('Annotation') || (kinds.length === 0 && 'target' in value)) {
    out.items.push(value)
    return
  }
  if (kinds.includes('AnnotationCollection')) {
    out.label ??= str(value.label)
    collect(value.items, out, depth + 1)
    // Embedded pages, followed along `next` when a server inlined them.
    let page: unknown = value.first
    for (let n = 0; isObject(page) && n < MAX_PAGES; n++) {
      collect(page.items, out, depth + 1)
      page = page.next
    }
    return
  }
  if (kinds.includes('AnnotationPage')) {
    collect(value.items, out, depth + 1)
    return
  }
  // Hypothesis: the client's export (`annotations`) and the search API (`rows`).
  if (Array.isArray(value.annotations)) collect(value.annotations, out, depth + 1)
  else if (Array.isArray(value.rows)) collect(value.rows, out, depth + 1)
}

function creatorName(value: unknown): string | null {
  const first = Array.isArray(value) ? value[0] : value
  if (typeof first === 'string') return accountName(first)
  if (isObject(first)) return str(first.name) ?? str(first.nickname) ?? null
  return null
}

/** Hypothesis user ids look like `acct:alice@hypothes.is`: the name is the part before `@`. */
function accountName(value: string): string {
  const match = /^acct:([^@]+)@/.exec(value)
  return match ? match[1]! : value
}

function textSelectors(target: Obj): {
  quote: TextQuoteSelector | null
  position: TextPositionSelector | null
} {
  let quote: TextQuoteSelector | null = null
  let position: TextPositionSelector | null = null
  const pending = asArray(target.selector)
  // Selectors may be refined (`refinedBy`); a few levels are plenty for text.
  for (let i = 0; i < pending.length && i < 64; i++) {
    const selector = pending[i]
    if (!isObject(selector)) continue
    const kinds = types(selector)
    if (!quote && kinds.includes('TextQuoteSelector') && typeof selector.exact === 'string') {
      // A quote of nothing selects nothing: refused, not turned into an empty orphan passage.
      if (selector.exact === '') throw new EmptyExactSignal()
      quote = {
        type: 'TextQuoteSelector',
        exact: selector.exact,
        prefix: typeof selector.prefix === 'string' ? selector.prefix : '',
        suffix: typeof selector.suffix === 'string' ? selector.suffix : ''
      }
    }
    const { start, end } = selector
    if (
      !position &&
      kinds.includes('TextPositionSelector') &&
      Number.isSafeInteger(start) &&
      Number.isSafeInteger(end) &&
      (start as number) >= 0 &&
      (end as number) >= (start as number)
    ) {
      position = { type: 'TextPositionSelector', start: start as number, end: end as number }
    }
    // One at a time: spreading a hostile list of a million would overflow the argument stack.
    for (const refined of asArray(selector.refinedBy))
      if (pending.length < 64) pending.push(refined)
  }
  return { quote, position }
}

/** Thrown by `textSelectors`, caught by `parseAnnotation`, which knows the annotation's id. */
class EmptyExactSignal extends Error {}

function parseAnnotation(value: Obj): ImportedAnnotation | null {
  const id = str(value.id) ?? str(value['@id'])
  try {
    return parseTextAnnotation(value, id)
  } catch (error) {
    if (error instanceof EmptyExactSignal) {
      throw new AnnotationImportError('emptyExact', id ?? '(no id)')
    }
    throw error
  }
}

function parseTextAnnotation(value: Obj, id: string | null): ImportedAnnotation | null {
  let found: { source: string; title: string | null } & ReturnType<typeof textSelectors> = {
    source: '',
    title: null,
    quote: null,
    position: null
  }
  for (const target of asArray(value.target)) {
    if (!isObject(target)) continue
    const selected = textSelectors(target)
    if (!selected.quote && !selected.position) continue
    const source = target.source
    found = {
      ...selected,
      source:
        str(source) ?? (isObject(source) ? (str(source.id) ?? str(source['@id'])) : null) ?? '',
      title: isObject(source) ? str(source.title) : null
    }
    break
  }
  if (!found.quote && !found.position) return null
  // Hypothesis' own format puts the page in `uri` and its title in `document.title`.
  const source = found.source || str(value.uri) || ''
  const title = found.title ?? (isObject(value.document) ? str(value.document.title) : null) ?? null

  // Strings only: String() of a hostile object (`{"toString": 1}`) throws.
  const motivations = asArray(value.motivation)
    .filter((m): m is string => typeof m === 'string')
    .map((m) => m.replace(/^oa:/, ''))
  const tags: string[] = []
  const notes: string[] = []
  const links: ImportedAnnotation['links'] = []
  const addText = (text: string, purpose: string[]): void => {
    if (!text.trim()) return
    const tagging =
      purpose.includes('tagging') || (purpose.length === 0 && motivations.includes('tagging'))
    if (tagging) tags.push(text.trim())
    else notes.push(text)
  }
  for (const body of asArray(value.body)) {
    if (!isObject(body)) continue
    const purpose = purposes(body)
    const kinds = types(body)
    if (typeof body.value === 'string' && !kinds.includes('SpecificResource')) {
      addText(body.value, purpose)
      continue
    }
    const linked = str(body.source) ?? (isObject(body.source) ? str(body.source.id) : null)
    if (linked && (purpose.includes('linking') || motivations.includes('linking'))) {
      links.push({
        target: linked,
        role: str(body['liasse:role']),
        note: str(body['liasse:note'])
      })
    }
  }
  if (typeof value.bodyValue === 'string') addText(value.bodyValue, [])
  // Hypothesis' own format: `text` is the note, `tags` the tags.
  if (typeof value.text === 'string') addText(value.text, [])
  for (const tag of asArray(value.tags)) if (typeof tag === 'string') addText(tag, ['tagging'])

  const userInfo = isObject(value.user_info) ? str(value.user_info.display_name) : null
  return {
    id,
    source,
    sourceTitle: title,
    quote: found.quote,
    position: found.position,
    tags,
    notes,
    links,
    created: str(value.created),
    modified: str(value.modified) ?? str(value.updated),
    creator:
      creatorName(value.creator) ??
      userInfo ??
      (typeof value.user === 'string' ? accountName(value.user) : null)
  }
}

/**
 * Annotations on text from a JSON file (its text or already parsed): a W3C collection (embedded
 * pages or `items`), a page, one annotation or an array of them, or a Hypothesis export. Each
 * annotation gives its target's quote and position selectors, tags, notes, links, dates and
 * creator; annotations without a text selector are counted in `skipped`.
 */
export function parseWebAnnotations(json: unknown): ImportedAnnotations {
  let value = json
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json.replace(/^\uFEFF/, '')) as unknown
    } catch (error) {
      throw new AnnotationImportError('notJson', error instanceof Error ? error.message : '')
    }
  }
  const out: Collected = { label: null, items: [], unit: null }
  collect(value, out)
  if (out.items.length === 0) throw new AnnotationImportError('notAnnotations')
  const annotations: ImportedAnnotation[] = []
  for (const item of out.items) {
    const parsed = parseAnnotation(item)
    if (parsed) annotations.push(parsed)
  }
  if (annotations.length === 0) {
    throw new AnnotationImportError('noTextTarget', `${out.items.length} annotation(s)`)
  }
  return {
    label: out.label,
    annotations,
    skipped: out.items.length - annotations.length,
    // Only our own earlier files say UTF-16; anything else counts as the model says.
    offsetUnit: out.unit === OFFSET_UNIT_UTF16 ? OFFSET_UNIT_UTF16 : OFFSET_UNIT_CODE_POINT
  }
}
