// HTML pages: sanitized first, parsed inert, reduced by Readability to the article, then read as
// text with block elements as paragraphs; page metadata (title, byline, site, date, lang) kept.
import { Readability } from '@mozilla/readability'
import type { ArticleMeta } from '../archive/article'
import { decodeText } from '../text/decode'
import { findDateMentions, mentionValue, parseMachineDate } from './dates'
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

export function parseHtmlPage(html: string, env: ImportEnvironment): ParsedDocument {
  const page = env.parseHtml(env.sanitize(html))
  copyHeadMetadata(env.parseHtml(html), page)
  const article = new Readability<Node>(page, { serializer: (node) => node }).parse()
  const root = article?.content ?? page.body
  return { text: root ? blockText(root) : '', meta: article ? articleMeta(article) : {} }
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
  if (title) meta.title = title
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
  appendText(root, out, false)
  return out.join('')
}

function appendText(node: Node, out: string[], preformatted: boolean): void {
  if (node.nodeType === TEXT_NODE) {
    // HTML collapses ASCII white space only: no-break spaces are the author's and stay.
    const text = node.nodeValue ?? ''
    out.push(preformatted ? text : text.replace(/[ \t\n\r\f]+/g, ' '))
    return
  }
  if (node.nodeType === DOCUMENT_NODE || node.nodeType === FRAGMENT_NODE) {
    for (const child of Array.from(node.childNodes)) appendText(child, out, preformatted)
    return
  }
  if (node.nodeType !== ELEMENT_NODE) return
  const tag = (node as Element).localName
  if (SKIPPED_ELEMENTS.has(tag)) return
  if (tag === 'br') {
    out.push('\n')
    return
  }
  const block = BLOCK_ELEMENTS.has(tag)
  if (block) out.push('\n\n')
  for (const child of Array.from(node.childNodes))
    appendText(child, out, preformatted || tag === 'pre')
  if (tag === 'td' || tag === 'th') out.push(' ')
  if (block) out.push('\n\n')
}
