// REFI-QDA project exchange (.qdpx), the format QDA tools (ATLAS.ti, MAXQDA, NVivo, QualCoder) share:
// writing a dossier's sources, codebook and coded passages, and reading such a project back.
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom'
import { zipSync } from 'fflate'
import { buildTagTree, type TagNode } from '../archive/codebook'
import type { Attribution } from '../archive/attribution'
import type { DossierDocument, DossierLabels, DossierQuote } from './types'
import {
  DEFAULT_ZIP_LIMITS,
  openZip,
  ZipLimitError,
  type ZipErrorCode,
  type ZipLimits
} from '../zip/safe-unzip'

// ——— GUIDs ———

/** Liasse's namespace for name-based (v5) UUIDs; fixed forever, or exported guids would change. */
export const LIASSE_GUID_NAMESPACE = '6f1c4b0e-3d2a-4e57-9b8c-5a7d2e9f1c30'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** SHA-1, for RFC 9562 v5 UUIDs only (not for security); Web Crypto is async, exports are not. */
function sha1(bytes: Uint8Array): Uint8Array {
  const length = (((bytes.length + 8) >> 6) + 1) << 6
  const buffer = new Uint8Array(length)
  buffer.set(bytes)
  buffer[bytes.length] = 0x80
  const view = new DataView(buffer.buffer)
  const bits = bytes.length * 8
  view.setUint32(length - 8, Math.floor(bits / 0x100000000))
  view.setUint32(length - 4, bits >>> 0)
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]
  const w = new Uint32Array(80)
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4)
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!
      w[i] = (x << 1) | (x >>> 31)
    }
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let i = 0; i < 80; i++) {
      const f =
        i < 20
          ? (b & c) | (~b & d)
          : i < 40
            ? b ^ c ^ d
            : i < 60
              ? (b & c) | (b & d) | (c & d)
              : b ^ c ^ d
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]!) >>> 0
      e = d
      d = c
      c = ((b << 30) | (b >>> 2)) >>> 0
      b = a
      a = t
    }
    h[0] = (h[0]! + a) >>> 0
    h[1] = (h[1]! + b) >>> 0
    h[2] = (h[2]! + c) >>> 0
    h[3] = (h[3]! + d) >>> 0
    h[4] = (h[4]! + e) >>> 0
  }
  const out = new Uint8Array(20)
  const outView = new DataView(out.buffer)
  h.forEach((word, i) => outView.setUint32(i * 4, word))
  return out
}

/** A name-based UUID (RFC 9562 version 5): the same namespace and name always give the same id. */
export function uuidV5(namespace: string, name: string): string {
  const ns = namespace.replace(/-/g, '')
  const input = new Uint8Array(16 + new TextEncoder().encode(name).length)
  for (let i = 0; i < 16; i++) input[i] = parseInt(ns.slice(i * 2, i * 2 + 2), 16)
  input.set(new TextEncoder().encode(name), 16)
  const hash = sha1(input).slice(0, 16)
  hash[6] = (hash[6]! & 0x0f) | 0x50
  hash[8] = (hash[8]! & 0x3f) | 0x80
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The REFI-QDA GUID of a Liasse record. Records carry UUIDs, kept as they are (lower case) so
 * that a project re-imported elsewhere still names the same passage; any other id (test fixtures,
 * hand-made bundles) becomes a v5 UUID of it in Liasse's namespace: stable across exports.
 */
export function stableGuid(id: string): string {
  return UUID.test(id) ? id.toLowerCase() : uuidV5(LIASSE_GUID_NAMESPACE, id)
}

// ——— Offsets ———

/**
 * Converts offsets of one text between UTF-16 code units (Liasse) and Unicode code points
 * (REFI-QDA counts characters). Only astral characters (emoji, rare CJK) differ, so the map keeps
 * where their surrogate pairs start and counts them by binary search.
 */
export class CodePointMap {
  /** UTF-16 index of the high surrogate of each well-formed pair, ascending. */
  private readonly pairs: number[] = []
  readonly codePointLength: number

  constructor(readonly text: string) {
    for (let i = 0; i < text.length - 1; i++) {
      const high = text.charCodeAt(i)
      const low = text.charCodeAt(i + 1)
      if (high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
        this.pairs.push(i)
        i++
      }
    }
    this.codePointLength = text.length - this.pairs.length
  }

  /** Pairs that end at or before UTF-16 offset `offset`. */
  private pairsBefore(offset: number): number {
    let low = 0
    let high = this.pairs.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.pairs[mid]! + 2 <= offset) low = mid + 1
      else high = mid
    }
    return low
  }

  toCodePoints(utf16: number): number {
    return utf16 - this.pairsBefore(utf16)
  }

  /** Null when `codePoints` is past the end of the text. */
  toUtf16(codePoints: number): number | null {
    if (!Number.isSafeInteger(codePoints) || codePoints < 0) return null
    if (codePoints > this.codePointLength) return null
    // The k-th pair (0-based) sits at code point index pairs[k] - k.
    let low = 0
    let high = this.pairs.length
    while (low < high) {
      const mid = (low + high) >> 1
      if (this.pairs[mid]! - mid < codePoints) low = mid + 1
      else high = mid
    }
    return codePoints + low
  }
}

// ——— Writing ———

export interface QdpxOptions {
  /** ISO timestamp of the export (project creation time, zip entry times). */
  now: string
  /**
   * Who exports (Settings' name; may be empty): the project's creator, and the creator or editor
   * of any record that does not name its own (see `createdBy`/`changedBy`).
   */
  userName: string
  /** Dates and statuses of the event notes in the dossier's language; ISO dates without it. */
  labels?: DossierLabels
}

// XML 1.0 `Char`: everything else (C0 controls, lone surrogates, U+FFFE/FFFF) cannot be written.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

function xmlText(value: string): string {
  return value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;') // would be read back as \n otherwise (end-of-line handling)
}

function xmlAttr(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;') // attribute values are otherwise normalized to spaces
}

type Attrs = Record<string, string | number | undefined>

function open(name: string, attrs: Attrs, selfClose = false): string {
  const parts = Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttr(String(value))}"`)
  return `<${name}${parts.join('')}${selfClose ? '/>' : '>'}`
}

/** An element with children, indented; an element without children closes itself. */
function element(name: string, attrs: Attrs, children: string[], indent: string): string {
  if (children.length === 0) return `${indent}${open(name, attrs, true)}`
  return `${indent}${open(name, attrs)}\n${children.join('\n')}\n${indent}</${name}>`
}

/** A text-only element, its content exactly as given (no indentation inside). */
function textElement(name: string, text: string, indent: string): string {
  return `${indent}<${name}>${xmlText(text)}</${name}>`
}

const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/

/** An xsd:dateTime, or nothing: a malformed stamp would make the whole project invalid. */
function dateTime(value: string | undefined): string | undefined {
  return value && DATE_TIME.test(value) ? value : undefined
}

/** `#rrggbb` (a `#rgb` expanded), or nothing for any other CSS colour. */
function rgb(color: string): string | undefined {
  const value = color.trim().toLowerCase()
  if (/^#[0-9a-f]{6}$/.test(value)) return value
  if (/^#[0-9a-f]{3}$/.test(value)) return '#' + [...value.slice(1)].map((c) => c + c).join('')
  return undefined
}

function codeElement(node: TagNode, indent: string): string {
  const children: string[] = []
  if (node.tag.description.trim()) {
    children.push(textElement('Description', node.tag.description, indent + '  '))
  }
  for (const child of node.children) children.push(codeElement(child, indent + '  '))
  return element(
    'Code',
    {
      guid: stableGuid(node.tag.id),
      name: node.tag.name,
      isCodable: 'true',
      color: rgb(node.tag.color)
    },
    children,
    indent
  )
}

function eventNoteText(entry: DossierDocument['events'][number], labels?: DossierLabels): string {
  const { event } = entry
  let date = ''
  if (labels) date = labels.formatEventDate(event.date)
  else if (event.date) {
    date = event.date.end ? `${event.date.start}/${event.date.end}` : event.date.start
    if (event.date.time) date += ` ${event.date.time}`
    if (event.date.approximate) date = `~${date}`
  }
  const lines = [
    event.title,
    date,
    labels ? labels.statuses[event.status] : event.status,
    event.place ? (labels ? `${labels.place}: ${event.place}` : event.place) : '',
    event.participants.length > 0
      ? (labels ? `${labels.participants}: ` : '') + event.participants.join(', ')
      : '',
    event.description
  ]
  return lines.filter((line) => line.trim() !== '').join('\n')
}

/**
 * The dossier as a REFI-QDA project: `project.qde` (QDA-XML 1.0, validated against the 2019 XSD)
 * and one `sources/<guid>.txt` per cited article. Tags become the codebook (nested as in Liasse,
 * with their colours), each anchored passage a `PlainTextSelection` coded with its tags and
 * described by its note, each event a `Note` the passages refer to, each event link a `Link` named
 * by its role. Positions count Unicode code points, as the standard requires; orphaned passages
 * have no position and are left out.
 */
export function renderQdpx(
  doc: DossierDocument,
  texts: ReadonlyMap<string, string>,
  options: QdpxOptions
): Uint8Array {
  const userGuid = uuidV5(LIASSE_GUID_NAMESPACE, `user:${options.userName}`)
  // Every person the project names, the exporter first: a record's creator and last editor where
  // it names them (`createdBy`/`changedBy`; a passage's or event's `author` was its creator's name
  // before those existed), else the exporter. The same name is always the same GUID.
  const users = new Map<string, string>([[userGuid, options.userName.trim()]])
  const userOf = (name: string | undefined): string => {
    const trimmed = name?.trim()
    if (!trimmed) return userGuid
    const guid = uuidV5(LIASSE_GUID_NAMESPACE, `user:${trimmed}`)
    if (!users.has(guid)) users.set(guid, trimmed)
    return guid
  }
  const creatorOf = (record: Attribution & { author?: string }): string =>
    userOf(record.createdBy ?? record.author)
  const editorOf = (record: Attribution): string => userOf(record.changedBy)
  const appendixTexts = new Map(doc.appendix.map((entry) => [entry.citation.articleId, entry.text]))
  const articles = new Map(doc.articles.map((article) => [article.id, article]))
  const eventIds = new Set(doc.events.map((entry) => entry.event.id))
  const files: Record<string, Uint8Array> = {}
  const encoder = new TextEncoder()
  const exported = new Map<string, string>() // passage id → selection guid

  const sources: string[] = []
  for (const citation of doc.citations) {
    const article = articles.get(citation.articleId)
    if (!article) continue
    const text = texts.get(article.id) ?? appendixTexts.get(article.id)
    if (text === undefined) throw new Error(`No text for article ${article.id}`)
    const guid = stableGuid(article.id)
    files[`${guid}.txt`] = encoder.encode(text)
    const map = new CodePointMap(text)
    const quotes = doc.quotes
      .filter((q): q is DossierQuote & { span: { start: number; end: number } } => {
        // Only passages whose words are where the span says: a stale span would code wrong text.
        if (q.article.id !== article.id || !q.span) return false
        return text.slice(q.span.start, q.span.end) === q.text
      })
      .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    const selections = quotes.map((quote) => {
      const { passage } = quote
      const creator = creatorOf(passage)
      const selectionGuid = stableGuid(passage.id)
      exported.set(passage.id, selectionGuid)
      const children: string[] = []
      if (passage.note.trim()) children.push(textElement('Description', passage.note, '        '))
      for (const tag of quote.tags) {
        children.push(
          element(
            'Coding',
            {
              guid: uuidV5(LIASSE_GUID_NAMESPACE, `coding:${passage.id}:${tag.id}`),
              creatingUser: creator,
              creationDateTime: dateTime(passage.createdAt)
            },
            [element('CodeRef', { targetGUID: stableGuid(tag.id) }, [], '          ')],
            '        '
          )
        )
      }
      for (const link of quote.events) {
        if (!eventIds.has(link.eventId)) continue
        children.push(element('NoteRef', { targetGUID: stableGuid(link.eventId) }, [], '        '))
      }
      return element(
        'PlainTextSelection',
        {
          guid: selectionGuid,
          startPosition: map.toCodePoints(quote.span.start),
          endPosition: map.toCodePoints(quote.span.end),
          creatingUser: creator,
          creationDateTime: dateTime(passage.createdAt),
          modifyingUser: editorOf(passage),
          modifiedDateTime: dateTime(passage.updatedAt)
        },
        children,
        '      '
      )
    })
    const published = options.labels
      ? options.labels.formatPublished(article.published)
      : citation.published
    const description = [citation.outlet, citation.author, published, citation.sourceName]
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' · ')
    sources.push(
      element(
        'TextSource',
        {
          guid,
          name: citation.title.trim() || citation.sourceName,
          plainTextPath: `internal://${guid}.txt`,
          // An article's `author` is its byline, never who imported it.
          creatingUser: userOf(article.createdBy),
          creationDateTime: dateTime(article.importedAt),
          modifyingUser: editorOf(article),
          modifiedDateTime: dateTime(article.updatedAt)
        },
        [
          ...(description ? [textElement('Description', description, '      ')] : []),
          ...selections
        ],
        '    '
      )
    )
  }

  const notes = doc.events.map((entry) =>
    element(
      'Note',
      {
        guid: stableGuid(entry.event.id),
        name: entry.event.title,
        creatingUser: creatorOf(entry.event),
        creationDateTime: dateTime(entry.event.createdAt),
        modifyingUser: editorOf(entry.event),
        modifiedDateTime: dateTime(entry.event.updatedAt)
      },
      [textElement('PlainTextContent', eventNoteText(entry, options.labels), '      ')],
      '    '
    )
  )

  const links = doc.links
    .filter((link) => exported.has(link.passageId) && eventIds.has(link.eventId))
    .map((link) =>
      element(
        'Link',
        {
          guid: stableGuid(link.id),
          name: link.role,
          direction: 'OneWay',
          originGUID: exported.get(link.passageId)!,
          targetGUID: stableGuid(link.eventId)
        },
        [],
        '    '
      )
    )

  // The XSD wants at least one child in each list: empty lists are left out, not written empty.
  const tree = buildTagTree(doc.tags)
  const body: string[] = [
    element(
      'Users',
      {},
      [...users].map(([guid, name]) =>
        element('User', { guid, name: name || undefined }, [], '    ')
      ),
      '  '
    )
  ]
  if (tree.length > 0) {
    body.push(
      element(
        'CodeBook',
        {},
        [
          element(
            'Codes',
            {},
            tree.map((node) => codeElement(node, '      ')),
            '    '
          )
        ],
        '  '
      )
    )
  }
  if (sources.length > 0) body.push(element('Sources', {}, sources, '  '))
  if (notes.length > 0) body.push(element('Notes', {}, notes, '  '))
  if (links.length > 0) body.push(element('Links', {}, links, '  '))
  const summary = [doc.dossier.subtitle, doc.dossier.introduction]
    .filter((part) => part.trim())
    .join('\n\n')
  if (summary) body.push(textElement('Description', summary, '  '))

  const project =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    element(
      'Project',
      {
        xmlns: 'urn:QDA-XML:project:1.0',
        name: doc.dossier.title,
        origin: 'Liasse',
        creatingUserGUID: userGuid,
        creationDateTime: dateTime(options.now),
        modifyingUserGUID: userGuid,
        modifiedDateTime: dateTime(options.now)
      },
      body,
      ''
    ) +
    '\n'

  const stamp = new Date(options.now)
  // Zip times are DOS dates (1980–2107): a fixed stamp keeps two exports of a dossier identical.
  const mtime =
    Number.isFinite(stamp.getTime()) && stamp.getUTCFullYear() >= 1980 ? stamp : undefined
  return zipSync({ 'project.qde': encoder.encode(project), sources: files }, mtime ? { mtime } : {})
}

// ——— Reading ———

export type QdpxImportErrorCode =
  | 'notZip'
  | 'noProject'
  | 'badXml'
  /** A DOCTYPE declaring entities: refused, never expanded (billion laughs, external files). */
  | 'unsafeXml'
  | 'missingSource'
  // The zip itself refused by safeUnzip (a bomb, too many entries, a climbing name…).
  | Exclude<ZipErrorCode, 'notZip'>

export class QdpxImportError extends Error {
  override readonly name = 'QdpxImportError'
  constructor(
    readonly code: QdpxImportErrorCode,
    /** A technical detail for the log (a path, a line), never the message shown. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export interface ImportedQdpxCode {
  guid: string
  name: string
  /** `#rrggbb` (or `#rgb`) as written, or null. */
  color: string | null
  parentGuid: string | null
  description: string
  isCodable: boolean
}

export interface ImportedQdpxSource {
  guid: string
  name: string
  text: string
  description: string
}

export interface ImportedQdpxSelection {
  guid: string
  name: string
  sourceGuid: string
  /** UTF-16 offsets into the source's text, converted from the file's code points. */
  start: number
  end: number
  codeGuids: string[]
  noteGuids: string[]
  description: string
  creatingUser: string | null
  created: string | null
}

export interface ImportedQdpx {
  name: string
  users: { guid: string; name: string }[]
  codes: ImportedQdpxCode[]
  sources: ImportedQdpxSource[]
  selections: ImportedQdpxSelection[]
  notes: { guid: string; name: string; text: string }[]
  /** Selections left out because their positions fall outside their source's text. */
  skippedSelections: number
}

/** A parsed element: local name (namespace prefix dropped), attributes, children, direct text. */
interface XmlNode {
  name: string
  attrs: Map<string, string>
  children: XmlNode[]
  text: string
}

/**
 * QDA-XML read with xmldom (core has no DOM of its own): any error, not only fatal ones, refuses
 * the file rather than guessing at it; warnings pass. The tree is reduced to what the importer
 * reads.
 */
function parseXml(source: string): XmlNode {
  // Entities are never expanded (xmldom leaves them unresolved), but a project that declares any
  // is refused by name: no REFI-QDA tool writes a DOCTYPE, an attacker does (billion laughs, XXE).
  const first = source.search(/<[A-Za-z_:]/)
  const prolog = first < 0 ? source : source.slice(0, first)
  if (/<!ENTITY/i.test(prolog) || /<!DOCTYPE[^>]*\[/i.test(prolog)) {
    throw new QdpxImportError('unsafeXml', 'DOCTYPE with entity declarations')
  }
  const problems: string[] = []
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') problems.push(message)
      if (level === 'fatalError') throw new Error(message)
    }
  })
  const document = parser.parseFromString(source.replace(/^\uFEFF/, ''), 'text/xml')
  if (problems.length > 0) throw new Error(problems[0])
  const root = document.documentElement
  if (!root) throw new Error('no root element')
  return toNode(root)
}

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4

/** Deeper than any QDA-XML project (codes nest a few levels): past it, the file is hostile. */
const MAX_XML_DEPTH = 256

function toNode(element: XmlElement, depth = 0): XmlNode {
  if (depth > MAX_XML_DEPTH) throw new Error(`elements nested deeper than ${MAX_XML_DEPTH}`)
  const node: XmlNode = {
    name: element.localName ?? element.nodeName,
    attrs: new Map(),
    children: [],
    text: ''
  }
  for (let i = 0; i < element.attributes.length; i++) {
    const attr = element.attributes.item(i)!
    node.attrs.set(attr.name, attr.value)
  }
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      node.children.push(toNode(child as XmlElement, depth + 1))
    } else if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      node.text += child.nodeValue ?? ''
    }
  }
  return node
}

function children(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.children.filter((child) => child.name === name) : []
}

function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name)
}

/** GUIDs compared as the XSD allows them: with or without braces, any case. */
function guidOf(value: string | undefined): string {
  return (value ?? '')
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase()
}

function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes)
}

/**
 * Caps for a .qdpx: the defaults (see DEFAULT_ZIP_LIMITS); only the project and the text files it
 * names are inflated, so these bound the work a hostile project can force.
 */
export const QDPX_ZIP_LIMITS: ZipLimits = DEFAULT_ZIP_LIMITS

function readZip<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof ZipLimitError) throw new QdpxImportError(error.code, error.detail)
    throw new QdpxImportError('notZip', error instanceof Error ? error.message : String(error))
  }
}

/**
 * Reads a .qdpx back: codebook (with parents), text sources and their coded selections, users
 * and notes. Positions are converted from code points to UTF-16 offsets of the source's text.
 * Sources must carry their text (`PlainTextContent` or an `internal://` file); other kinds of
 * source (PDF, pictures, media) are ignored.
 */
export function parseQdpx(bytes: Uint8Array): ImportedQdpx {
  // "PK\3\4": a local file header; every zip starts with one (an empty zip holds no project).
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new QdpxImportError('notZip')
  }
  // Only the project is inflated now; source files are inflated once the project names them,
  // and media or PDFs it carries never are. Names are looked up in lower case, so they must differ
  // in more than case.
  const zip = readZip(() => openZip(bytes, { ...QDPX_ZIP_LIMITS, foldCase: true }))
  const names = new Map(
    zip.entries.filter((e) => !e.directory).map((e) => [e.name.toLowerCase(), e])
  )
  const projectPath =
    (names.has('project.qde') ? 'project.qde' : undefined) ??
    [...names.keys()].find((path) => !path.includes('/') && path.endsWith('.qde'))
  if (!projectPath) throw new QdpxImportError('noProject')
  const files = new Map<string, Uint8Array>()
  const inflate = (path: string): Uint8Array | undefined => {
    const entry = names.get(path)
    if (!entry) return undefined
    let data = files.get(path)
    if (!data) {
      data = readZip(() => zip.read(entry))
      files.set(path, data)
    }
    return data
  }

  let root: XmlNode
  try {
    const data = inflate(projectPath)!
    const xml =
      data[0] === 0xff && data[1] === 0xfe
        ? new TextDecoder('utf-16le').decode(data)
        : new TextDecoder('utf-8', { fatal: true }).decode(data)
    root = parseXml(xml)
  } catch (error) {
    if (error instanceof QdpxImportError) throw error
    throw new QdpxImportError('badXml', error instanceof Error ? error.message : '')
  }
  if (root.name !== 'Project') throw new QdpxImportError('badXml', `root <${root.name}>`)

  const users = children(child(root, 'Users'), 'User').map((user) => ({
    guid: guidOf(user.attrs.get('guid')),
    name: user.attrs.get('name') ?? ''
  }))

  const codes: ImportedQdpxCode[] = []
  const walk = (node: XmlNode, parentGuid: string | null): void => {
    const guid = guidOf(node.attrs.get('guid'))
    codes.push({
      guid,
      name: node.attrs.get('name') ?? '',
      color: node.attrs.get('color')?.trim() || null,
      parentGuid,
      description: child(node, 'Description')?.text ?? '',
      isCodable: node.attrs.get('isCodable')?.trim() !== 'false'
    })
    for (const sub of children(node, 'Code')) walk(sub, guid)
  }
  for (const code of children(child(child(root, 'CodeBook'), 'Codes'), 'Code')) walk(code, null)

  /** A TextSource-typed element's text: inline content, or its file in the archive. */
  const textOf = (node: XmlNode): string => {
    const inline = child(node, 'PlainTextContent')
    if (inline) return inline.text
    const path = node.attrs.get('plainTextPath')?.trim() ?? ''
    const name = node.attrs.get('name') ?? node.attrs.get('guid') ?? ''
    const internal = /^internal:\/\/(.+)$/i.exec(path)
    if (!internal) throw new QdpxImportError('missingSource', path || name)
    const file = internal[1]!.toLowerCase()
    const data = inflate(`sources/${file}`) ?? inflate(file)
    if (!data) throw new QdpxImportError('missingSource', path)
    return decodeUtf8(data)
  }

  const sources: ImportedQdpxSource[] = []
  const selections: ImportedQdpxSelection[] = []
  let skippedSelections = 0
  for (const node of children(child(root, 'Sources'), 'TextSource')) {
    const guid = guidOf(node.attrs.get('guid'))
    const text = textOf(node)
    sources.push({
      guid,
      name: node.attrs.get('name') ?? '',
      text,
      description: child(node, 'Description')?.text ?? ''
    })
    const map = new CodePointMap(text)
    for (const selection of children(node, 'PlainTextSelection')) {
      const from = Number(selection.attrs.get('startPosition'))
      const to = Number(selection.attrs.get('endPosition'))
      const start = map.toUtf16(Math.min(from, to))
      const end = map.toUtf16(Math.max(from, to))
      if (start === null || end === null) {
        skippedSelections++
        continue
      }
      selections.push({
        guid: guidOf(selection.attrs.get('guid')),
        name: selection.attrs.get('name') ?? '',
        sourceGuid: guid,
        start,
        end,
        codeGuids: children(selection, 'Coding')
          .map((coding) => guidOf(child(coding, 'CodeRef')?.attrs.get('targetGUID')))
          .filter(Boolean),
        noteGuids: children(selection, 'NoteRef')
          .map((ref) => guidOf(ref.attrs.get('targetGUID')))
          .filter(Boolean),
        description: child(selection, 'Description')?.text ?? '',
        creatingUser: selection.attrs.has('creatingUser')
          ? guidOf(selection.attrs.get('creatingUser'))
          : null,
        created: selection.attrs.get('creationDateTime') ?? null
      })
    }
  }

  const notes = children(child(root, 'Notes'), 'Note').map((note) => ({
    guid: guidOf(note.attrs.get('guid')),
    name: note.attrs.get('name') ?? '',
    text: textOf(note)
  }))

  return {
    name: root.attrs.get('name') ?? '',
    users,
    codes,
    sources,
    selections,
    notes,
    skippedSelections
  }
}
