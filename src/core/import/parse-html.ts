// HTML pages: sanitized first, parsed inert, reduced by Readability to the article, then read as
// text with block elements as paragraphs; page metadata (title, byline, site, date, lang) kept.
import { Readability } from '@mozilla/readability'
import type { ArticleMeta } from '../archive/article'
import { decodeText } from '../text/decode'
import { findDateMentions, mentionValue, parseMachineDate } from './dates'
import { isJunkTitle } from './junk-title'
import { normalizeLanguageTag } from './language'
import type { ParsedDocument } from './parsed'
import type { ImportEnvironment } from './types'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const DOCUMENT_NODE = 9
const FRAGMENT_NODE = 11

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul'
])
/** Never text, even if a sanitizer were configured to let them through. */
const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'head',
  'title',
  'meta',
  'link',
  'button',
  'select',
  'textarea',
  'input'
])
/** Attributes of <meta> that carry metadata; the rest (http-equiv, charset…) is left behind. */
const META_ATTRIBUTES = ['name', 'property', 'itemprop', 'content']

/** HTML bytes to a string, honouring a `<meta charset>` when the bytes are not UTF-8. */
export function decodeHtml(bytes: Uint8Array): string {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024))
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head)?.[1]
  return decodeText(bytes, declared).text
}

/**
 * Readability's time grows steeply with nesting (300 nested divs: seconds; 1,000: half a minute)
 * and with size; real pages nest a few dozen levels and hold a few thousand elements. Past these,
 * the page is read whole as text, without Readability, rather than hang the import.
 */
export const READABILITY_MAX_DEPTH = 128
export const READABILITY_MAX_ELEMENTS = 30_000

/**
 * Past this nesting (counted on the raw tags), even a browser's parser takes minutes: Chromium
 * spends 36 s on 100,000 nested divs, and the importer parses a page three times. Real pages
 * nest a few dozen levels; a page past this is refused (HtmlTooDeepError) rather than parsed.
 */
export const HTML_MAX_NESTING = 10_000

/** A page nested too deeply to parse in reasonable time. */
export class HtmlTooDeepError extends Error {
  override readonly name = 'HtmlTooDeepError'
}

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr'
])

/** Open tags minus closed ones at the deepest point: a linear scan, before any parser runs. */
export function rawNesting(html: string): number {
  let depth = 0
  let deepest = 0
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][^\s/>]*)[^>]*?(\/?)>/g)) {
    if (match[1]) depth = Math.max(0, depth - 1)
    else if (!match[3] && !VOID_ELEMENTS.has(match[2]!.toLowerCase())) {
      depth++
      if (depth > deepest) deepest = depth
    }
  }
  return deepest
}

export function parseHtmlPage(html: string, env: ImportEnvironment): ParsedDocument {
  const nesting = rawNesting(html)
  if (nesting > HTML_MAX_NESTING) {
    throw new HtmlTooDeepError(`nested ${nesting} levels deep, limit ${HTML_MAX_NESTING}`)
  }
  const page = env.parseHtml(env.sanitize(html))
  copyHeadMetadata(env.parseHtml(html), page)
  const shape = treeShape(page)
  const article =
    shape.depth <= READABILITY_MAX_DEPTH && shape.elements <= READABILITY_MAX_ELEMENTS
      ? readArticle(page)
      : null
  const root = article?.content ?? page.body
  return { text: root ? blockText(root) : '', meta: article ? articleMeta(article) : {} }
}

function readArticle(page: Document): (ReadabilityArticle & { content?: Node | null }) | null {
  try {
    const reader = new Readability<Node>(page, {
      serializer: (node) => node,
      maxElemsToParse: READABILITY_MAX_ELEMENTS
    })
    return reader.parse()
  } catch {
    // Readability gives up on some pages (too many elements); the page is then read whole.
    return null
  }
}

/** How deep and how many elements, walked without recursion (a hostile page nests 100,000 deep). */
function treeShape(root: Node): { depth: number; elements: number } {
  let depth = 0
  let elements = 0
  const stack: Array<[Node, number]> = [[root, 0]]
  while (stack.length > 0) {
    const [node, level] = stack.pop()!
    if (node.nodeType === ELEMENT_NODE) elements++
    if (level > depth) depth = level
    for (let child = node.firstChild; child; child = child.nextSibling) {
      stack.push([child, level + 1])
    }
  }
  return { depth, elements }
}

/**
 * Sanitizing keeps the body only, so the head's metadata is carried over from an inert parse of
 * the original: the title, whitelisted <meta> attributes, the language and JSON-LD re-serialized
 * from parsed JSON (data only). Readability reads them, then drops every script before extraction.
 */
function copyHeadMetadata(original: Document, page: Document): void {
  const lang = original.documentElement.getAttribute('lang')
  if (lang) page.documentElement.setAttribute('lang', lang)
  page.title = original.title
  for (const meta of Array.from(original.querySelectorAll('meta[content]'))) {
    const copy = page.createElement('meta')
    for (const name of META_ATTRIBUTES) {
      const value = meta.getAttribute(name)
      if (value !== null) copy.setAttribute(name, value)
    }
    page.head.append(copy)
  }
  for (const script of Array.from(
    original.querySelectorAll('script[type="application/ld+json"]')
  )) {
    const data = parseJson(script.textContent ?? '')
    if (data === undefined) continue
    const copy = page.createElement('script')
    copy.setAttribute('type', 'application/ld+json')
    copy.textContent = JSON.stringify(data)
    page.head.append(copy)
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

interface ReadabilityArticle {
  title?: string | null
  byline?: string | null
  siteName?: string | null
  publishedTime?: string | null
  lang?: string | null
}

function articleMeta(article: ReadabilityArticle): Partial<ArticleMeta> {
  const meta: Partial<ArticleMeta> = {}
  const title = article.title?.trim()
  const author = cleanByline(article.byline ?? '')
  const outlet = article.siteName?.trim()
  const published = article.publishedTime ? readPublished(article.publishedTime) : null
  const language = article.lang ? normalizeLanguageTag(article.lang) : 'und'
  // A page saved from a blank tab or a local file is titled "about:blank" or with its path: no
  // title, so the importer derives one from the text.
  if (title && !isJunkTitle(title)) meta.title = title
  if (author) meta.author = author
  if (outlet) meta.outlet = outlet
  if (published) meta.published = published
  if (language !== 'und') meta.language = language
  return meta
}

/** "Par Jean Dupont, publié le …" → "Jean Dupont"; profile URLs and long blurbs are no byline. */
function cleanByline(byline: string): string {
  const name = byline
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:par|by)\s+/i, '')
    .replace(
      /\s*(?:[|,–—-]\s*)?(?:publié|published|mis à jour|updated|le \d|on \p{L}+ \d).*$/iu,
      ''
    )
    .trim()
  return name.length > 80 || /https?:|www\./i.test(name) ? '' : name
}

function readPublished(raw: string): ArticleMeta['published'] {
  const machine = parseMachineDate(raw)
  if (machine) return { ...machine, qualifier: 'stated' }
  const written = findDateMentions(raw).find((m) => m.year !== null)
  const value = written ? mentionValue(written) : null
  return value ? { ...value, qualifier: 'stated' } : null
}

/** Text of a DOM subtree with block elements as paragraphs and <br> as line breaks. */
export function blockText(root: Node): string {
  const out: string[] = []
  // An explicit stack, not recursion: a hostile page may nest deeper than the call stack allows.
  // A string on the stack is text to write once the element's children are done.
  const stack: Array<{ node: Node; preformatted: boolean } | string> = [
    { node: root, preformatted: false }
  ]
  while (stack.length > 0) {
    const frame = stack.pop()!
    if (typeof frame === 'string') {
      out.push(frame)
      continue
    }
    const { node, preformatted } = frame
    if (node.nodeType === TEXT_NODE) {
      // HTML collapses ASCII white space only: no-break spaces are the author's and stay.
      const text = node.nodeValue ?? ''
      out.push(preformatted ? text : text.replace(/[ \t\n\r\f]+/g, ' '))
      continue
    }
    let inner = preformatted
    if (node.nodeType === ELEMENT_NODE) {
      const tag = (node as Element).localName
      if (SKIPPED_ELEMENTS.has(tag)) continue
      if (tag === 'br') {
        out.push('\n')
        continue
      }
      const block = BLOCK_ELEMENTS.has(tag)
      if (block) out.push('\n\n')
      const after = (tag === 'td' || tag === 'th' ? ' ' : '') + (block ? '\n\n' : '')
      if (after) stack.push(after)
      inner = preformatted || tag === 'pre'
    } else if (node.nodeType !== DOCUMENT_NODE && node.nodeType !== FRAGMENT_NODE) {
      continue
    }
    const children: Node[] = []
    for (let child = node.firstChild; child; child = child.nextSibling) children.push(child)
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i]!, preformatted: inner })
    }
  }
  return out.join('')
}
