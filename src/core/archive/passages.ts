// Passages as the reader and the passages view handle them: creation from a selection, re-anchoring
// after a text edit, filtering, and a quote shown in its context. Pure, so that Node tests cover it.
import { describeSpan } from '../anchoring/describe'
import { resolveAll } from '../anchoring/resolve'
import type { AnchorStatus, Resolution } from '../anchoring/types'
import type { Article } from './article'
import { descendantIds } from './codebook'
import { foldForSearch } from './library-view'
import type { Passage, Tag } from './passage'
import { resolveTagIds, type TagRedirects } from './tag-redirects'

export type PassageAnchor = Passage['anchor']

export interface NewPassageInput {
  id: string
  /** ISO timestamp for createdAt and updatedAt. */
  stamp: string
  author: string
  articleId: string
  /** The article's normalized text and its SHA-256. */
  text: string
  textSha256: string
  start: number
  end: number
  tagIds: readonly string[]
  note: string
}

/** White space is never meaningful at the edges of a passage; a mouse selection often has some. */
export function trimSpan(text: string, start: number, end: number): { start: number; end: number } {
  let from = Math.max(0, Math.min(start, end))
  let to = Math.min(text.length, Math.max(start, end))
  while (from < to && /\s/.test(text.charAt(from))) from += 1
  while (to > from && /\s/.test(text.charAt(to - 1))) to -= 1
  return { start: from, end: to }
}

/**
 * A passage for [start, end) of an article's text, trimmed of surrounding white space, anchored
 * exactly where it was selected. Throws a RangeError for a span that holds no text.
 */
export function newPassage(input: NewPassageInput): Passage {
  const { start, end } = trimSpan(input.text, input.start, input.end)
  if (start >= end) throw new RangeError(`Empty passage span [${input.start}, ${input.end})`)
  const selectors = describeSpan(input.text, start, end)
  return {
    id: input.id,
    createdAt: input.stamp,
    updatedAt: input.stamp,
    author: input.author,
    articleId: input.articleId,
    tagIds: [...new Set(input.tagIds)],
    note: input.note,
    quote: selectors.quote,
    position: selectors.position,
    anchor: { status: 'exact', start, end, score: 1, textSha256: input.textSha256 }
  }
}

/** A resolution as the passage stores it; an orphan keeps an empty span at 0. */
export function anchorFromResolution(resolution: Resolution, textSha256: string): PassageAnchor {
  return resolution.status === 'orphan'
    ? { status: 'orphan', start: 0, end: 0, score: resolution.score, textSha256 }
    : {
        status: resolution.status,
        start: resolution.start,
        end: resolution.end,
        score: resolution.score,
        textSha256
      }
}

export interface AnchorUpdate {
  passageId: string
  anchor: PassageAnchor
}

export interface ReanchorEntry {
  passage: Passage
  before: PassageAnchor
  after: PassageAnchor
  /** What the new text holds at the new anchor ('' for an orphan), to set beside the quote. */
  found: string
}

export interface ReanchorSummary {
  unchanged: number
  moved: number
  fuzzy: number
  orphaned: number
}

export interface ReanchorResult {
  updates: AnchorUpdate[]
  entries: ReanchorEntry[]
  summary: ReanchorSummary
}

/**
 * Resolves every passage against a new text. The last anchor (when it found something) stands in
 * for the stored position: "unchanged" then means untouched by this edit, not by every edit since
 * the passage was made. The selectors themselves are left as they were coded.
 */
export function reanchorPassages(
  text: string,
  textSha256: string,
  passages: readonly Passage[]
): ReanchorResult {
  const summary: ReanchorSummary = { unchanged: 0, moved: 0, fuzzy: 0, orphaned: 0 }
  const entries: ReanchorEntry[] = []
  // All together: the passages found where they were tell how far the text moved around the
  // others, which is where those are then expected.
  const resolutions = resolveAll(
    text,
    passages.map((passage) => {
      const before = passage.anchor
      const position =
        before.status === 'orphan'
          ? passage.position
          : { type: 'TextPositionSelector' as const, start: before.start, end: before.end }
      return { quote: passage.quote, position }
    })
  )
  for (const [i, passage] of passages.entries()) {
    const before = passage.anchor
    const after = anchorFromResolution(resolutions[i]!, textSha256)
    summary[SUMMARY_KEY[after.status]] += 1
    const found = after.status === 'orphan' ? '' : text.slice(after.start, after.end)
    entries.push({ passage, before, after, found })
  }
  const updates = entries.map(({ passage, after }) => ({ passageId: passage.id, anchor: after }))
  return { updates, entries, summary }
}

const SUMMARY_KEY: Record<AnchorStatus, keyof ReanchorSummary> = {
  exact: 'unchanged',
  moved: 'moved',
  fuzzy: 'fuzzy',
  orphan: 'orphaned'
}

/** The conditions of the passages view; an absent field does not filter. */
export interface PassageQuery {
  /** Passages carrying at least one of these tags. */
  tagIds?: readonly string[]
  /** Whether a tag also matches the passages coded with the tags below it. */
  includeDescendants?: boolean
  /** Only passages with no tag left (after a tag was deleted, say). */
  untagged?: boolean
  articleId?: string
  /** An outlet name, compared without case or accents; '' for articles with no outlet. */
  outlet?: string
  anchorStatus?: readonly AnchorStatus[]
  /** Every word must appear in the quote or the note, case and accents ignored. */
  text?: string
}

export interface PassageFilterContext {
  /** The codebook (live tags). */
  tags: readonly Tag[]
  /** Merged tags still on passages not folded yet, followed to the tag they lead to. */
  redirects?: TagRedirects
  /** Needed for the outlet condition only. */
  articles?: readonly Article[]
}

/** A predicate for the query; the sets it needs are built once, not per passage. */
export function passageFilter(
  query: PassageQuery,
  context: PassageFilterContext
): (passage: Passage) => boolean {
  const knownTags = new Set(context.tags.map((tag) => tag.id))
  const redirects = context.redirects?.size ? context.redirects : null
  let wanted: Set<string> | null = null
  if (query.tagIds && query.tagIds.length > 0) {
    wanted = new Set(
      query.includeDescendants
        ? query.tagIds.flatMap((id) => descendantIds(context.tags, id))
        : query.tagIds
    )
  }
  let outletArticles: Set<string> | null = null
  if (query.outlet !== undefined) {
    const key = foldForSearch(query.outlet.trim())
    outletArticles = new Set(
      (context.articles ?? [])
        .filter((article) => foldForSearch(article.outlet.trim()) === key)
        .map((article) => article.id)
    )
  }
  const statuses = query.anchorStatus ? new Set(query.anchorStatus) : null
  const words = foldForSearch(query.text ?? '')
    .split(/\s+/)
    .filter(Boolean)
  return (passage) => {
    if (query.articleId !== undefined && passage.articleId !== query.articleId) return false
    if (outletArticles && !outletArticles.has(passage.articleId)) return false
    if (statuses && !statuses.has(passage.anchor.status)) return false
    const tagIds = redirects ? resolveTagIds(passage.tagIds, redirects) : passage.tagIds
    if (query.untagged && tagIds.some((id) => knownTags.has(id))) return false
    if (wanted && !tagIds.some((id) => wanted.has(id))) return false
    if (words.length > 0) {
      const haystack = foldForSearch(`${passage.quote.exact}\n${passage.note}`)
      if (!words.every((word) => haystack.includes(word))) return false
    }
    return true
  }
}

export function filterPassages(
  passages: readonly Passage[],
  query: PassageQuery,
  context: PassageFilterContext
): Passage[] {
  return passages.filter(passageFilter(query, context))
}

export interface QuoteInContext {
  /** Text before the quote, with a leading "…" when cut. */
  before: string
  quote: string
  /** Text after the quote, with a trailing "…" when cut. */
  after: string
}

const ELLIPSIS = '…'

/**
 * A quote with up to `chars` characters of context on each side. Context is cut at a word boundary
 * (never mid-word, marked "…") and stops at a paragraph break, since the next paragraph is another
 * thought; single line breaks inside the context become spaces so that it reads as one line.
 */
export function quoteInContext(
  text: string,
  start: number,
  end: number,
  chars = 80
): QuoteInContext {
  const from = Math.max(0, Math.min(start, end, text.length))
  const to = Math.min(text.length, Math.max(start, end, 0))
  return {
    before: contextBefore(text, from, chars),
    quote: text.slice(from, to),
    after: contextAfter(text, to, chars)
  }
}

function isWordChar(char: string): boolean {
  return char !== '' && !/\s/.test(char)
}

/** A hard cut must not split a surrogate pair (an emoji, a rare ideograph). */
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

function oneLine(context: string): string {
  return context.replace(/\s*\n\s*/g, ' ')
}

function contextBefore(text: string, at: number, chars: number): string {
  const paragraph = at >= 2 ? text.lastIndexOf('\n\n', at - 2) : -1
  const paragraphStart = paragraph >= 0 ? paragraph + 2 : 0
  const from = Math.max(paragraphStart, at - chars)
  const cut = from > paragraphStart
  let window = text.slice(from, at)
  if (cut && isWordChar(text.charAt(from - 1)) && isWordChar(text.charAt(from))) {
    const space = window.search(/\s/)
    if (space >= 0) window = window.slice(space)
    else if (isLowSurrogate(window.charCodeAt(0))) window = window.slice(1)
  }
  return (cut ? ELLIPSIS : '') + oneLine(window.trimStart())
}

function contextAfter(text: string, at: number, chars: number): string {
  const paragraph = text.indexOf('\n\n', at)
  const paragraphEnd = paragraph >= 0 ? paragraph : text.length
  const to = Math.min(paragraphEnd, at + chars)
  const cut = to < paragraphEnd
  let window = text.slice(at, to)
  if (cut && isWordChar(text.charAt(to - 1)) && isWordChar(text.charAt(to))) {
    const space = window.search(/\s\S*$/)
    if (space >= 0) window = window.slice(0, space)
    else if (isLowSurrogate(text.charCodeAt(to))) window = window.slice(0, -1)
  }
  return oneLine(window.trimEnd()) + (cut ? ELLIPSIS : '')
}
