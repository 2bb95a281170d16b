// The dossier model: which passages a dossier's scope selects, and how they are grouped, cited and
// counted. Pure: the archive comes in as a snapshot, the resolved document goes out to exporters.
import type { Article } from '../archive/article'
import { resolveAnchor } from '../anchoring/resolve'
import {
  ancestorIds,
  buildTagTree,
  descendantIds,
  flattenTagTree,
  tagPath
} from '../archive/codebook'
import { foldForSearch } from '../archive/library-view'
import type { Passage, Tag } from '../archive/passage'
import { quoteInContext } from '../archive/passages'
import { compareDates } from '../archive/published-date'
import { corroborationMatrix, type RepeatGroup } from '../timeline/corroboration'
import { compareEventDates } from '../timeline/event-dates'
import type { EventLink, TimelineEvent } from '../timeline/types'
import type {
  ArchiveSnapshot,
  Citation,
  Dossier,
  DossierAppendixEntry,
  DossierDocument,
  DossierEvent,
  DossierGroup,
  DossierLabels,
  DossierMatrix,
  DossierOptions,
  DossierQuote,
  DossierScope,
  DossierSectionKind
} from './types'
import { DOSSIER_SECTIONS } from './types'
import { withRedirectsResolved } from '../archive/tag-redirects'

export const EMPTY_SCOPE: DossierScope = {
  eventIds: [],
  tagIds: [],
  articleIds: [],
  outlets: [],
  from: null,
  to: null,
  passageIds: []
}

export const DEFAULT_OPTIONS: DossierOptions = {
  notes: true,
  matrix: true,
  timelineFigure: true,
  appendix: false,
  highlightInAppendix: true
}

/** A new dossier over the whole archive, ordered by the timeline. */
export function newDossier(input: {
  id: string
  stamp: string
  author: string
  title: string
}): Dossier {
  return {
    id: input.id,
    createdAt: input.stamp,
    updatedAt: input.stamp,
    author: input.author,
    title: input.title,
    subtitle: '',
    authors: input.author ? [input.author] : [],
    introduction: '',
    scope: { ...EMPTY_SCOPE },
    order: 'timeline',
    options: { ...DEFAULT_OPTIONS },
    sections: [...DOSSIER_SECTIONS]
  }
}

/** Every section kind exactly once, the user's order first (unknown kinds dropped). */
export function normalizeSections(sections: readonly string[]): DossierSectionKind[] {
  const known = new Set<string>(DOSSIER_SECTIONS)
  const result: DossierSectionKind[] = []
  for (const kind of sections) {
    if (known.has(kind) && !result.includes(kind as DossierSectionKind)) {
      result.push(kind as DossierSectionKind)
    }
  }
  for (const kind of DOSSIER_SECTIONS) if (!result.includes(kind)) result.push(kind)
  return result
}

/** The sections that have something to show with these options, in the dossier's order. */
export function activeSections(dossier: Dossier): DossierSectionKind[] {
  return normalizeSections(dossier.sections).filter((kind) => {
    if (kind === 'introduction') return dossier.introduction.trim() !== ''
    if (kind === 'timeline') return dossier.options.timelineFigure
    if (kind === 'matrix') return dossier.options.matrix
    if (kind === 'appendix') return dossier.options.appendix
    return true
  })
}

/** "2017-11-14" → true when the article's publication falls in [from, to] (by its first day). */
function inDateRange(article: Article, from: string | null, to: string | null): boolean {
  if (!from && !to) return true
  if (!article.published) return false
  const value = article.published.value
  // Compare at the article's precision: a month-precision article is in range if its month is.
  const start = (value + '-01-01').slice(0, 10)
  const end = value.length === 4 ? `${value}-12-31` : value.length === 7 ? `${value}-31` : value
  if (from && end < from) return false
  if (to && start > to) return false
  return true
}

/**
 * The passages a scope selects, in archive order; a passage still carrying a merged tag's redirect
 * is selected, and given back, as carrying the tag it leads to.
 */
export function selectPassages(scope: DossierScope, records: ArchiveSnapshot): Passage[] {
  const snapshot = withRedirectsResolved(records)
  const articles = new Map(snapshot.articles.map((a) => [a.id, a]))
  const present = snapshot.passages.filter((p) => articles.has(p.articleId))
  if (scope.passageIds.length > 0) {
    const chosen = new Set(scope.passageIds)
    return present.filter((p) => chosen.has(p.id))
  }
  const tagSet = new Set(scope.tagIds.flatMap((id) => descendantIds(snapshot.tags, id)))
  const articleSet = new Set(scope.articleIds)
  const outletSet = new Set(scope.outlets.map((o) => foldForSearch(o.trim())))
  const eventSet = new Set(scope.eventIds)
  const found = scope.search ? new Set(scope.search.passageIds) : null
  const linkedToChosen = new Set(
    snapshot.links.filter((l) => eventSet.has(l.eventId)).map((l) => l.passageId)
  )
  return present.filter((passage) => {
    const article = articles.get(passage.articleId)!
    if (found && !found.has(passage.id)) return false
    if (eventSet.size > 0 && !linkedToChosen.has(passage.id)) return false
    if (tagSet.size > 0 && !passage.tagIds.some((id) => tagSet.has(id))) return false
    if (articleSet.size > 0 && !articleSet.has(article.id)) return false
    if (outletSet.size > 0 && !outletSet.has(foldForSearch(article.outlet.trim()))) return false
    return inDateRange(article, scope.from, scope.to)
  })
}

/** A locator a reader (or Liasse) can follow back to the passage. */
export function passageLocator(passage: Passage): string {
  return `liasse:passage/${passage.id}`
}

function citationOf(article: Article, number: number): Citation {
  return {
    articleId: article.id,
    number,
    title: article.title,
    outlet: article.outlet,
    author: article.author,
    published: article.published?.value ?? '',
    language: article.language,
    sourceName: article.sourceName
  }
}

function byPublicationThenPosition(a: DossierQuote, b: DossierQuote): number {
  return (
    compareDates(a.article.published, b.article.published) ||
    a.article.title.localeCompare(b.article.title) ||
    (a.article.id < b.article.id ? -1 : a.article.id > b.article.id ? 1 : 0) ||
    (a.span?.start ?? Number.MAX_SAFE_INTEGER) - (b.span?.start ?? Number.MAX_SAFE_INTEGER)
  )
}

export interface BuildOptions {
  labels: DossierLabels
  /** ISO timestamp of the export. */
  now: string
  /** Repeats (wire copies, near-duplicates) so that the matrix counts them once. */
  repeats?: readonly RepeatGroup[]
}

/**
 * Resolves a dossier against the archive: the selected passages with their current words, context,
 * tags, events and citation, grouped in the chosen order; the dossier's events with their
 * corroboration; the matrix and the appendix when asked for. Citations are numbered in the order
 * a reader meets them.
 */
export function buildDossier(
  dossier: Dossier,
  records: ArchiveSnapshot,
  options: BuildOptions
): DossierDocument {
  // No redirect tag in a document: passages carry the tags they lead to (exports, REFI-QDA).
  const snapshot = withRedirectsResolved(records)
  const { labels } = options
  const articleById = new Map(snapshot.articles.map((a) => [a.id, a]))
  const eventById = new Map(snapshot.events.map((e) => [e.id, e]))
  const tagById = new Map(snapshot.tags.map((t) => [t.id, t]))
  const passages = selectPassages(dossier.scope, snapshot)
  const passageIds = new Set(passages.map((p) => p.id))
  const links = snapshot.links.filter(
    (l) => passageIds.has(l.passageId) && eventById.has(l.eventId)
  )
  const linksByPassage = new Map<string, EventLink[]>()
  for (const link of links) {
    const list = linksByPassage.get(link.passageId) ?? []
    list.push(link)
    linksByPassage.set(link.passageId, list)
  }

  // Quotes, before citation numbers are known (numbered below, in reading order).
  const quotes: DossierQuote[] = passages.map((passage) => {
    const article = articleById.get(passage.articleId)!
    const text = snapshot.texts.get(article.id) ?? ''
    const span = currentSpan(passage, article, text)
    const context = span ? quoteInContext(text, span.start, span.end, 80) : null
    return {
      passage,
      article,
      citation: citationOf(article, 0),
      text: context ? context.quote : passage.quote.exact,
      span,
      before: context ? context.before : passage.quote.prefix,
      after: context ? context.after : passage.quote.suffix,
      tags: passage.tagIds
        .filter((id) => tagById.has(id))
        .map((id) => {
          const tag = tagById.get(id)!
          return { id, name: tag.name, path: tagPath(snapshot.tags, id), color: tag.color }
        }),
      events: (linksByPassage.get(passage.id) ?? [])
        .map((link) => ({ link, event: eventById.get(link.eventId)! }))
        .sort((a, b) => compareEventDates(a.event.date, b.event.date))
        .map(({ link, event }) => ({
          eventId: event.id,
          title: event.title,
          role: link.role,
          note: link.note
        })),
      locator: passageLocator(passage)
    }
  })
  quotes.sort(byPublicationThenPosition)

  // Events: those linked from the dossier's passages, and those chosen in the scope.
  const eventIds = new Set([...links.map((l) => l.eventId), ...dossier.scope.eventIds])
  const events = snapshot.events
    .filter((e) => eventIds.has(e.id))
    .sort((a, b) => compareEventDates(a.date, b.date) || a.title.localeCompare(b.title))

  const groups = groupQuotes(dossier, quotes, events, snapshot.tags, labels)

  // Citation numbers in reading order: the first group's quotes first.
  const numbers = new Map<string, number>()
  for (const group of groups) {
    for (const quote of group.quotes) {
      if (!numbers.has(quote.article.id)) numbers.set(quote.article.id, numbers.size + 1)
    }
  }
  const citations = [...numbers.entries()].map(([id, n]) => citationOf(articleById.get(id)!, n))
  const citationById = new Map(citations.map((c) => [c.articleId, c]))
  for (const quote of quotes) quote.citation = citationById.get(quote.article.id)!

  const matrix = corroborationMatrix(events, links, passages, snapshot.articles, {
    by: 'outlet',
    ...(options.repeats ? { repeats: options.repeats } : {})
  })
  const dossierEvents: DossierEvent[] = events.map((event) => {
    const row = matrix.byEvent.get(event.id)
    return {
      event,
      supporting: row?.supporting ?? 0,
      contradicting: row?.contradicting ?? 0,
      singleSource: row?.singleSource ?? false,
      quoteIds: links.filter((l) => l.eventId === event.id).map((l) => l.passageId)
    }
  })

  let table: DossierMatrix | null = null
  if (dossier.options.matrix && events.length > 0) {
    table = {
      // An article without an outlet is its own column, said to be of an unknown outlet.
      columns: matrix.sources.map((s) => ({
        key: s.key,
        label: s.unknownOutlet ? labels.unknownOutlet(s.label) : s.label
      })),
      rows: matrix.rows.map((row) => ({
        eventId: row.eventId,
        title: eventById.get(row.eventId)?.title ?? '',
        cells: matrix.sources.map((source) => {
          const cell = row.cells.get(source.key)
          return cell
            ? { reports: cell.reports, contradicts: cell.contradicts, mentions: cell.mentions }
            : null
        }),
        supporting: row.supporting,
        contradicting: row.contradicting,
        singleSource: row.singleSource
      }))
    }
  }

  const appendix: DossierAppendixEntry[] = dossier.options.appendix
    ? citations.map((citation) => {
        const text = snapshot.texts.get(citation.articleId) ?? ''
        return {
          citation,
          text,
          paragraphs: paragraphSpans(text),
          marks: dossier.options.highlightInAppendix
            ? quotes
                .filter((q) => q.article.id === citation.articleId && q.span)
                .map((q) => ({ start: q.span!.start, end: q.span!.end, passageId: q.passage.id }))
                .sort((a, b) => a.start - b.start || b.end - a.end)
            : []
        }
      })
    : []

  return {
    dossier,
    generatedAt: options.now,
    sections: activeSections(dossier),
    quotes,
    groups,
    events: dossierEvents,
    citations,
    tags: tagsWithAncestors(snapshot.tags, quotes),
    matrix: table,
    appendix,
    articles: citations.map((c) => articleById.get(c.articleId)!),
    links
  }
}

/**
 * Where a passage sits in the article's current text. Its stored anchor is trusted only if it was
 * resolved against this very text (same SHA-256); otherwise it is resolved again now, so that a
 * stale offset never quotes whatever words happen to sit there.
 */
function currentSpan(
  passage: Passage,
  article: Article,
  text: string
): { start: number; end: number } | null {
  const { anchor } = passage
  if (anchor.textSha256 === article.sha256) {
    return anchor.status !== 'orphan' && anchor.end <= text.length
      ? { start: anchor.start, end: anchor.end }
      : null
  }
  const resolution = resolveAnchor(text, passage)
  return resolution.status === 'orphan' ? null : { start: resolution.start, end: resolution.end }
}

/** The tags the quotes use, and their ancestors, so that the hierarchy survives in exports. */
function tagsWithAncestors(tags: readonly Tag[], quotes: readonly DossierQuote[]): Tag[] {
  const used = new Set(quotes.flatMap((q) => q.passage.tagIds))
  for (const id of [...used]) for (const ancestor of ancestorIds(tags, id)) used.add(ancestor)
  return tags.filter((t) => used.has(t.id))
}

/** Paragraphs of a normalized text: runs separated by blank lines. */
function paragraphSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = []
  const pattern = /[^\n]+(?:\n(?!\n)[^\n]*)*/g
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (m[0].trim()) spans.push({ start: m.index, end: m.index + m[0].length })
  }
  return spans
}

function groupQuotes(
  dossier: Dossier,
  quotes: readonly DossierQuote[],
  events: readonly TimelineEvent[],
  tags: readonly Tag[],
  labels: DossierLabels
): DossierGroup[] {
  if (dossier.order === 'timeline') {
    const groups: DossierGroup[] = events.map((event) => ({
      key: `event:${event.id}`,
      heading: event.title,
      detail: event.date ? labels.formatEventDate(event.date) : labels.undated,
      quotes: quotes.filter((q) => q.events.some((e) => e.eventId === event.id))
    }))
    const rest = quotes.filter((q) => q.events.length === 0)
    if (rest.length > 0)
      groups.push({ key: 'unlinked', heading: labels.unlinked, detail: '', quotes: rest })
    return groups.filter((g) => g.quotes.length > 0 || dossier.scope.eventIds.length > 0)
  }
  if (dossier.order === 'tag') {
    const used = new Set(quotes.flatMap((q) => q.passage.tagIds))
    const groups: DossierGroup[] = flattenTagTree(buildTagTree(tags))
      .filter((node) => used.has(node.tag.id))
      .map((node) => ({
        key: `tag:${node.tag.id}`,
        heading: tagPath(tags, node.tag.id),
        detail: node.tag.description,
        quotes: quotes.filter((q) => q.passage.tagIds.includes(node.tag.id))
      }))
    const rest = quotes.filter((q) => !q.passage.tagIds.some((id) => tags.some((t) => t.id === id)))
    if (rest.length > 0)
      groups.push({ key: 'untagged', heading: labels.untagged, detail: '', quotes: rest })
    return groups
  }
  // By source: one group per article, in publication order.
  const groups = new Map<string, DossierGroup>()
  for (const quote of quotes) {
    const article = quote.article
    let group = groups.get(article.id)
    if (!group) {
      group = {
        key: `source:${article.id}`,
        heading: article.title,
        detail: [article.outlet, labels.formatPublished(article.published)]
          .filter((part) => part.trim() !== '')
          .join(', '),
        quotes: []
      }
      groups.set(article.id, group)
    }
    group.quotes.push(quote)
  }
  return [...groups.values()]
}
