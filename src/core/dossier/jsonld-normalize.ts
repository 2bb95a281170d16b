// Any JSON-LD serialization of Web Annotations (compact, expanded, another prefix) brought to the
// one compact form the reader knows, by jsonld.js with the shipped W3C context and no network.
import * as jsonldModule from 'jsonld'
import { ANNO_CONTEXT_DOCUMENT, ANNO_CONTEXT_URLS } from './anno-context'
import { AnnotationImportError, WEB_ANNOTATION_CONTEXT } from './render-jsonld'

// jsonld.js is CommonJS: bundlers and Node give its API either as the namespace or as `default`.
const jsonld =
  (jsonldModule as unknown as { default?: typeof jsonldModule }).default ?? jsonldModule

interface RemoteDocument {
  contextUrl: null
  documentUrl: string
  document: unknown
}

/**
 * Serves the shipped W3C context for its URLs and refuses every other one: a file never makes
 * Liasse fetch anything, nor tell a server that it was opened.
 */
export async function offlineDocumentLoader(url: string): Promise<RemoteDocument> {
  if ((ANNO_CONTEXT_URLS as readonly string[]).includes(url)) {
    return { contextUrl: null, documentUrl: url, document: ANNO_CONTEXT_DOCUMENT }
  }
  throw new AnnotationImportError('remoteContext', url)
}

type Obj = Record<string, unknown>

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

const IRI_KEY = /^(?:@|[a-z][a-z0-9+.-]*:\/\/)/i

/**
 * True when the file speaks JSON-LD: a `@context`, or keywords and full IRIs as keys (expanded
 * form) on the top object or the items of a top array. Plain JSON (a Hypothesis export, an
 * annotation written without context) is left to the reader as it is.
 */
function isJsonLd(value: unknown): boolean {
  const tops = Array.isArray(value) ? value.slice(0, 1000) : [value]
  return tops.some(
    (top) =>
      isObject(top) &&
      ('@context' in top ||
        Object.keys(top)
          .slice(0, 1000)
          .some((key) => IRI_KEY.test(key)))
  )
}

const INTEGER_TERMS = new Set(['start', 'end', 'total', 'startIndex'])

/**
 * Compaction leaves a value as the file typed it: `"start": "12"` stays a string when a tool
 * wrote its integers as typed literals. Those become numbers, as the model means them.
 */
function integersAsNumbers(root: unknown): void {
  const pending: unknown[] = [root]
  for (let visited = 0; pending.length > 0 && visited < 1_000_000; visited++) {
    const value = pending.pop()
    if (Array.isArray(value)) {
      for (const item of value) pending.push(item)
      continue
    }
    if (!isObject(value)) continue
    for (const [key, item] of Object.entries(value)) {
      if (INTEGER_TERMS.has(key) && typeof item === 'string' && /^\d{1,15}$/.test(item)) {
        value[key] = Number(item)
      } else if (typeof item === 'object' && item !== null) pending.push(item)
    }
  }
}

/** Deeper than any annotation needs (a collection, page, annotation, target, selector, refinement). */
const MAX_DEPTH = 64

/** How deeply objects and arrays nest, counted without recursion; stops past `limit`. */
function depthOf(root: unknown, limit: number): number {
  let deepest = 0
  const pending: Array<[unknown, number]> = [[root, 1]]
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!
    if (typeof value !== 'object' || value === null) continue
    deepest = Math.max(deepest, depth)
    if (deepest > limit) return deepest
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      if (typeof item === 'object' && item !== null) pending.push([item, depth + 1])
    }
  }
  return deepest
}

function cause(error: unknown): AnnotationImportError | null {
  // jsonld.js wraps the loader's error (in `details.cause`, sometimes twice).
  let current: unknown = error
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof AnnotationImportError) return current
    const details = (current as { details?: unknown }).details
    current = isObject(details) && 'cause' in details ? details.cause : undefined
  }
  return null
}

/**
 * A parsed annotations file in the compact form of `WEB_ANNOTATION_CONTEXT` (W3C terms, `liasse:`
 * prefix): JSON-LD is compacted (several top nodes come as an array), plain JSON returned as is.
 * Throws AnnotationImportError `remoteContext` for a context Liasse does not ship, `badJsonLd`
 * for JSON-LD the processor refuses.
 */
export async function normalizeAnnotationsJsonLd(value: unknown): Promise<unknown> {
  if (!isJsonLd(value)) return value
  // The processor recurses: a hostile depth would exhaust the stack, so it is refused by name.
  if (depthOf(value, MAX_DEPTH) > MAX_DEPTH) {
    throw new AnnotationImportError('badJsonLd', `nested deeper than ${MAX_DEPTH} levels`)
  }
  let compacted: Obj
  try {
    compacted = (await jsonld.compact(
      value as jsonldModule.JsonLdDocument,
      WEB_ANNOTATION_CONTEXT as unknown as jsonldModule.ContextDefinition,
      {
        documentLoader: offlineDocumentLoader as never,
        // Relative ids stay as written; no base URL is invented for them.
        base: '',
        compactToRelative: true
      } as jsonldModule.Options.Compact
    )) as Obj
  } catch (error) {
    const own = cause(error)
    if (own) throw own
    const message = error instanceof Error ? error.message : String(error)
    throw new AnnotationImportError('badJsonLd', message)
  }
  // Several top nodes come as a `@graph`; one node is the document itself, its context dropped.
  const node: Obj = { ...compacted }
  delete node['@context']
  const result = node['@graph'] !== undefined ? node['@graph'] : node
  integersAsNumbers(result)
  return result
}

/** The text of an annotations file parsed and normalized (a BOM is ignored). */
export async function readAnnotationsJson(text: string): Promise<unknown> {
  let value: unknown
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, '')) as unknown
  } catch (error) {
    throw new AnnotationImportError('notJson', error instanceof Error ? error.message : '')
  }
  return normalizeAnnotationsJsonLd(value)
}
