// Markdown to readable text: syntax stripped, paragraphs kept and soft-wrapped lines joined; YAML
// front matter (title, author, date, lang) and a leading "# Title" become metadata.
import type { ArticleMeta } from '../archive/article'
import { decodeText } from '../text/decode'
import { findDateMentions, mentionValue, parseMachineDate } from './dates'
import { normalizeLanguageTag } from './language'
import type { ParsedDocument } from './parsed'

type Fields = Record<string, string>

export function parseMarkdown(bytes: Uint8Array): ParsedDocument {
  const source = decodeText(bytes).text.replace(/\r\n?/g, '\n')
  const { fields, body } = splitFrontMatter(source)
  const meta = frontMatterMeta(fields)
  const title = meta.title ?? leadingHeading(body)
  return { text: markdownToText(body), meta: title ? { ...meta, title } : meta }
}

const FRONT_MATTER = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/

/** YAML front matter read as flat `key: value` pairs (lists of scalars joined with ", "). */
export function splitFrontMatter(source: string): { fields: Fields; body: string } {
  const match = FRONT_MATTER.exec(source)
  if (!match) return { fields: {}, body: source }
  const fields: Fields = {}
  let listKey: string | null = null
  for (const line of (match[1] ?? '').split('\n')) {
    const pair = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line)
    const item = /^\s+-\s+(.*)$/.exec(line)
    if (pair?.[1] !== undefined) {
      listKey = pair[1].toLowerCase()
      fields[listKey] = unquote(pair[2] ?? '').replace(/^\[(.*)\]$/, '$1')
    } else if (item?.[1] !== undefined && listKey !== null) {
      const previous = fields[listKey]
      fields[listKey] = previous ? `${previous}, ${unquote(item[1])}` : unquote(item[1])
    }
  }
  return { fields, body: source.slice(match[0].length) }
}

function unquote(value: string): string {
  return value
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .trim()
}

function frontMatterMeta(fields: Fields): Partial<ArticleMeta> {
  const pick = (...keys: string[]): string =>
    keys.map((key) => fields[key] ?? '').find((value) => value !== '') ?? ''
  const meta: Partial<ArticleMeta> = {}
  const title = pick('title')
  const author = pick('author', 'authors', 'creator', 'byline')
  const outlet = pick('outlet', 'publisher', 'site_name', 'sitename', 'publication')
  const date = pick('date', 'published', 'pubdate', 'published_at', 'created')
  const language = pick('lang', 'language', 'locale')
  if (title) meta.title = inline(title)
  if (author) meta.author = author
  if (outlet) meta.outlet = outlet
  const published = date ? readDate(date) : null
  if (published) meta.published = published
  if (language && normalizeLanguageTag(language) !== 'und') {
    meta.language = normalizeLanguageTag(language)
  }
  return meta
}

function readDate(raw: string): ArticleMeta['published'] {
  const machine = parseMachineDate(raw)
  if (machine) return { ...machine, qualifier: 'stated' }
  const written = findDateMentions(raw).find((m) => m.year !== null)
  const value = written ? mentionValue(written) : null
  return value ? { ...value, qualifier: 'stated' } : null
}

/** "# Title" (or a setext "Title\n=====") on the first line of the body. */
function leadingHeading(body: string): string | undefined {
  const lines = body.replace(/^\s*\n/, '').split('\n')
  const atx = /^\s{0,3}#\s+(.*?)(?:\s+#+)?\s*$/.exec(lines[0] ?? '')?.[1]
  const setext = /^\s{0,3}=+\s*$/.test(lines[1] ?? '') ? lines[0]?.trim() : undefined
  const heading = atx ?? setext
  return heading ? restoreEscapes(inline(protectEscapes(heading))).trim() : undefined
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/
const SETEXT_UNDERLINE = /^\s{0,3}(?:=+|-+)\s*$/
const THEMATIC_BREAK = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/
const LINK_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*\S/
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/
const TABLE_ROW = /^\s*\|.*\|\s*$/
const LIST_ITEM = /^\s*(?:[-*+]|(\d{1,9}[.)]))\s+(.*)$/
const QUOTE_MARKERS = /^(?:\s{0,3}>\s?)+/

/** Markdown body → text: one line per heading, list item or table row, paragraphs joined. */
export function markdownToText(markdown: string): string {
  const out: string[] = []
  let paragraph: string[] = []
  let fence: string | null = null
  const flush = (): void => {
    if (paragraph.length > 0) out.push(inline(paragraph.join(' ')))
    paragraph = []
  }
  for (const line of removeHtmlBlocks(protectEscapes(markdown)).split('\n')) {
    const fenceMark = FENCE.exec(line)?.[1]
    if (fence !== null) {
      if (fenceMark?.startsWith(fence)) fence = null
      out.push(fence === null ? '' : line)
      continue
    }
    if (fenceMark) {
      flush()
      fence = fenceMark
      out.push('')
      continue
    }
    const content = line.replace(QUOTE_MARKERS, '')
    if (content.trim() === '' || THEMATIC_BREAK.test(line)) {
      flush()
      out.push('')
    } else if (SETEXT_UNDERLINE.test(line) && paragraph.length > 0) {
      flush()
      out.push('')
    } else if (LINK_DEFINITION.test(line) || TABLE_RULE.test(line)) {
      continue
    } else if (HEADING.test(content)) {
      flush()
      out.push(inline(HEADING.exec(content)?.[1] ?? ''), '')
    } else if (TABLE_ROW.test(content)) {
      flush()
      out.push(inline(tableCells(content).join('  ')))
    } else if (LIST_ITEM.test(content)) {
      flush()
      const [, number, rest] = LIST_ITEM.exec(content) ?? []
      out.push(`${number ?? '•'} ${inline(rest ?? '')}`)
    } else {
      // Two trailing spaces or a backslash: a hard line break the author asked for.
      const hardBreak = /(?: {2}|\\)$/.test(content)
      paragraph.push(content.trim().replace(/\\$/, ''))
      if (hardBreak) flush()
    }
  }
  flush()
  return restoreEscapes(out.join('\n'))
}

function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim())
}

/** Blocks whose content is not prose (scripts, styles, comments) go with their tags. */
function removeHtmlBlocks(markdown: string): string {
  return markdown
    .replace(/<(script|style|iframe|noscript|template|object)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
}

/** Inline syntax → its visible text: links keep their label, images their alt text. */
function inline(text: string): string {
  return decodeEntities(
    text
      .replace(/!\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
      .replace(/<((?:https?|mailto|ftp):[^>\s]+)>/g, '$1')
      .replace(/<\/?[A-Za-z][^>]*>/g, '')
      .replace(/(`+)(.+?)\1/g, '$2')
      .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
      .replace(/~~(?=\S)(.+?)(?<=\S)~~/g, '$1')
      .replace(/(?<![\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, '$1')
      .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, '$1')
  )
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0'
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/**
 * Backslash-escaped punctuation ("\*", "\#") is parked in the Private Use Area while syntax is
 * stripped, so that it is never read as syntax, then restored as the plain character.
 */
const ESCAPED = /\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g
const PARKED = /[\uE000-\uE07F]/g

function protectEscapes(text: string): string {
  return text.replace(ESCAPED, (_, char: string) =>
    String.fromCharCode(0xe000 + char.charCodeAt(0))
  )
}

function restoreEscapes(text: string): string {
  return text.replace(PARKED, (char) => String.fromCharCode(char.charCodeAt(0) - 0xe000))
}
