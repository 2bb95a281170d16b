// Merging a bundle into an archive by id: new records added, the newer edit winning a clash (the
// receiver's on a tie), nothing of the receiver deleted, and every decision listed for the user.
import type { Article, ArticleText } from '../archive/article'
import { tagNameKey } from '../archive/codebook'
import type { Passage, Tag } from '../archive/passage'
import { reanchorPassages, type ReanchorSummary } from '../archive/passages'
import { paragraphSpans } from '../text/normalize'
import type { EventLink, TimelineEvent } from '../timeline/types'
import { canonicalJson, type ArchiveRecords } from './bundle'
import type { Dossier } from './types'

export type MergeKind = 'articles' | 'texts' | 'tags' | 'passages' | 'events' | 'links' | 'dossiers'

export const MERGE_KINDS: readonly MergeKind[] = [
  'articles',
  'texts',
  'tags',
  'passages',
  'events',
  'links',
  'dossiers'
]

/** A record both sides hold under one id, with different content: one version stands. */
export interface MergeConflict {
  /** A text clash is reported on its article, with `text` among the fields. */
  kind: Exclude<MergeKind, 'texts'>
  id: string
  /** Title, tag name, quote: what a person recognizes the record by. */
  label: string
  receiverUpdatedAt: string
  incomingUpdatedAt: string
  winner: 'receiver' | 'incoming'
  /**
   * `newer`: the later updatedAt won; `tie`: same updatedAt, the receiver kept its own;
   * `textInUse`: the incoming article was newer, but another article of the receiver already
   * holds its new text (the archive keeps each text once), so the receiver's version stands.
   */
  reason: 'newer' | 'tie' | 'textInUse'
  /** Top-level fields whose values differ (updatedAt aside), plus `text` for an article's text. */
  fields: string[]
}

/** What happened to the incoming records of one kind; the first five add up to `incoming`. */
export interface MergeCounts {
  incoming: number
  /** New ids, written. */
  added: number
  /** Known ids where the incoming version won, written. */
  updated: number
  /** Known ids where the receiver's version stands (identical, or it won a conflict). */
  unchanged: number
  /** Articles (and their texts) the receiver already holds under another id: see sameText. */
  mapped: number
  /** Passages and links that could not be placed: see skipped. */
  skipped: number
  /** Known ids with different content, whoever won (counted in updated or unchanged too). */
  conflicts: number
}

/** An incoming article whose text the receiver has under another id: one article, not two. */
export interface SameTextMatch {
  incomingId: string
  receiverId: string
  incomingTitle: string
  receiverTitle: string
  /** Incoming passages moved onto the receiver's article. */
  passages: number
}

/** An incoming tag renamed because a sibling of the receiver already has its name. */
export interface TagRename {
  id: string
  parentId: string | null
  from: string
  to: string
}

/** An incoming tag whose parent had to change so that the codebook stays a tree. */
export interface TagRepair {
  id: string
  label: string
  /** `missingParent`: on neither side; `cycle`: both sides' moves together made a loop. */
  reason: 'missingParent' | 'cycle'
  from: string | null
  to: string | null
}

/** An incoming record left out, and why. */
export interface MergeSkip {
  kind: 'passages' | 'links'
  id: string
  label: string
  /** `duplicateLink`: the receiver already links this passage and event (targetId: its link). */
  reason: 'missingArticle' | 'missingPassage' | 'missingEvent' | 'duplicateLink'
  targetId: string
}

/** Passages of one article resolved again because the merge gave the article another text. */
export interface ReanchorReport extends ReanchorSummary {
  articleId: string
  title: string
  passageIds: string[]
  orphanIds: string[]
}

export interface MergePlan {
  /** Records to write (add or replace by id), per table: the app puts them in one transaction. */
  put: {
    articles: Article[]
    texts: ArticleText[]
    tags: Tag[]
    passages: Passage[]
    events: TimelineEvent[]
    links: EventLink[]
    dossiers: Dossier[]
  }
  summary: Record<MergeKind, MergeCounts>
  conflicts: MergeConflict[]
  sameText: SameTextMatch[]
  renamedTags: TagRename[]
  repairedTags: TagRepair[]
  skipped: MergeSkip[]
  reanchored: ReanchorReport[]
}

type Stamped = { id: string; updatedAt: string }

function emptyCounts(incoming: number): MergeCounts {
  return { incoming, added: 0, updated: 0, unchanged: 0, mapped: 0, skipped: 0, conflicts: 0 }
}

function short(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

function differingFields(a: object, b: object, ignore: ReadonlySet<string>): string[] {
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  const keys = new Set([...Object.keys(left), ...Object.keys(right)])
  return [...keys]
    .filter((key) => !ignore.has(key) && canonicalJson(left[key]) !== canonicalJson(right[key]))
    .sort()
}

/** The later updatedAt wins; on a tie the receiver keeps its own: nothing says the other is better. */
function newer(
  receiver: Stamped,
  incoming: Stamped
): { winner: MergeConflict['winner']; reason: MergeConflict['reason'] } {
  const r = Date.parse(receiver.updatedAt)
  const i = Date.parse(incoming.updatedAt)
  if (i > r) return { winner: 'incoming', reason: 'newer' }
  return { winner: 'receiver', reason: i === r ? 'tie' : 'newer' }
}

class Planner {
  readonly summary: Record<MergeKind, MergeCounts>
  readonly conflicts: MergeConflict[] = []
  readonly skipped: MergeSkip[] = []

  constructor(incoming: ArchiveRecords) {
    this.summary = {
      articles: emptyCounts(incoming.articles.length),
      texts: emptyCounts(incoming.articles.length),
      tags: emptyCounts(incoming.tags.length),
      passages: emptyCounts(incoming.passages.length),
      events: emptyCounts(incoming.events.length),
      links: emptyCounts(incoming.links.length),
      dossiers: emptyCounts(incoming.dossiers.length)
    }
  }

  /**
   * One incoming record against the receiver's of the same id. Equal up to updatedAt (and the
   * `ignore`d fields) is unchanged; otherwise a conflict that the newer side wins.
   */
  settle<T extends Stamped>(
    kind: MergeConflict['kind'],
    current: T,
    next: T,
    label: string,
    options: { ignore?: readonly string[]; extraFields?: readonly string[]; veto?: boolean } = {}
  ): 'unchanged' | 'incoming' | 'receiver' {
    const ignore = new Set(['updatedAt', ...(options.ignore ?? [])])
    const fields = [...differingFields(current, next, ignore), ...(options.extraFields ?? [])]
    const counts = this.summary[kind]
    if (fields.length === 0) {
      counts.unchanged += 1
      return 'unchanged'
    }
    let { winner, reason } = newer(current, next)
    if (winner === 'incoming' && options.veto) {
      winner = 'receiver'
      reason = 'textInUse'
    }
    this.conflicts.push({
      kind,
      id: current.id,
      label,
      receiverUpdatedAt: current.updatedAt,
      incomingUpdatedAt: next.updatedAt,
      winner,
      reason,
      fields
    })
    counts.conflicts += 1
    if (winner === 'incoming') counts.updated += 1
    else counts.unchanged += 1
    return winner
  }

  skip(entry: MergeSkip): void {
    this.skipped.push(entry)
    this.summary[entry.kind].skipped += 1
  }
}

/** Events and dossiers: nothing refers into them that the merge must rewrite. */
function mergePlain<T extends Stamped>(
  planner: Planner,
  kind: 'events' | 'dossiers',
  receiver: readonly T[],
  incoming: readonly T[],
  label: (record: T) => string
): { final: Map<string, T>; put: T[] } {
  const current = new Map(receiver.map((r) => [r.id, r]))
  const final = new Map(current)
  const put: T[] = []
  for (const record of incoming) {
    const mine = current.get(record.id)
    if (!mine) {
      planner.summary[kind].added += 1
    } else if (planner.settle(kind, mine, record, label(record)) !== 'incoming') {
      continue
    }
    final.set(record.id, record)
    put.push(record)
  }
  return { final, put }
}

function articleText(articleId: string, text: string): ArticleText {
  return { articleId, text, paragraphs: paragraphSpans(text) }
}

/**
 * How an incoming bundle (readBundle, then verifyBundleTexts) goes into the receiver's archive.
 * By id, table by table: a new id is added; the same id with equal content (updatedAt aside) is
 * left alone; the same id with other content is a conflict, which the later updatedAt wins (the
 * receiver on a tie), each one listed. The receiver loses nothing: its records are only ever
 * replaced by a newer version of themselves, or re-anchored. Besides:
 * - an incoming article whose text the receiver holds under another id is mapped onto that
 *   article, its passages (and dossier scopes) rewritten to it, rather than stored twice;
 * - passages anchored on a text that lost are re-anchored on the winning text;
 * - an incoming tag whose name a sibling already has is renamed `Name (2)`, and one whose parent
 *   is on neither side goes to the top of the codebook;
 * - passages and links whose article, passage or event is on neither side are skipped, and so is
 *   a link for a passage and event the receiver already links.
 * Pure: the plan says what to write and what happened; applyMergePlan shows the result.
 */
export function planMerge(receiver: ArchiveRecords, incoming: ArchiveRecords): MergePlan {
  const planner = new Planner(incoming)
  const { summary } = planner

  // Articles and their texts.
  const receiverArticles = new Map(receiver.articles.map((a) => [a.id, a]))
  const textHolder = new Map(receiver.articles.map((a) => [a.sha256, a]))
  const articles = new Map(receiverArticles)
  const texts = new Map(receiver.texts)
  const articleIdMap = new Map<string, string>()
  const putArticles: Article[] = []
  const putTexts: ArticleText[] = []
  const sameText: SameTextMatch[] = []
  for (const article of incoming.articles) {
    const text = incoming.texts.get(article.id) ?? ''
    const mine = receiverArticles.get(article.id)
    if (!mine) {
      const holder = textHolder.get(article.sha256)
      if (holder) {
        articleIdMap.set(article.id, holder.id)
        summary.articles.mapped += 1
        summary.texts.mapped += 1
        sameText.push({
          incomingId: article.id,
          receiverId: holder.id,
          incomingTitle: article.title,
          receiverTitle: holder.title,
          passages: 0
        })
        continue
      }
      articles.set(article.id, article)
      texts.set(article.id, text)
      putArticles.push(article)
      putTexts.push(articleText(article.id, text))
      summary.articles.added += 1
      summary.texts.added += 1
      continue
    }
    const textDiffers = (receiver.texts.get(article.id) ?? '') !== text
    const holder = textHolder.get(article.sha256)
    const outcome = planner.settle('articles', mine, article, article.title || article.id, {
      extraFields: textDiffers ? ['text'] : [],
      veto: textDiffers && holder !== undefined && holder.id !== article.id
    })
    if (outcome === 'incoming') {
      articles.set(article.id, article)
      putArticles.push(article)
      if (textDiffers) {
        texts.set(article.id, text)
        putTexts.push(articleText(article.id, text))
        summary.texts.updated += 1
        continue
      }
    }
    summary.texts.unchanged += 1
  }

  const tags = mergeTags(planner, receiver.tags, incoming.tags)

  // Passages, each with the text its anchor was computed on, to tell which need re-anchoring.
  const receiverPassages = new Map(receiver.passages.map((p) => [p.id, p]))
  const passages = new Map<string, Standing>(
    receiver.passages.map((p) => [
      p.id,
      { passage: p, anchoredOn: receiver.texts.get(p.articleId), write: false }
    ])
  )
  const movedOnto = new Map<string, number>()
  for (const passage of incoming.passages) {
    const articleId = articleIdMap.get(passage.articleId) ?? passage.articleId
    const label = short(passage.quote.exact)
    if (!articles.has(articleId)) {
      planner.skip({
        kind: 'passages',
        id: passage.id,
        label,
        reason: 'missingArticle',
        targetId: articleId
      })
      continue
    }
    const next = articleId === passage.articleId ? passage : { ...passage, articleId }
    const standing = {
      passage: next,
      anchoredOn: incoming.texts.get(passage.articleId),
      write: true
    }
    const mine = receiverPassages.get(passage.id)
    if (mine) {
      // The anchor is derived (where the selectors resolve in the current text), not an edit.
      if (planner.settle('passages', mine, next, label, { ignore: ['anchor'] }) !== 'incoming') {
        continue
      }
    } else {
      summary.passages.added += 1
    }
    passages.set(passage.id, standing)
    if (next !== passage)
      movedOnto.set(passage.articleId, (movedOnto.get(passage.articleId) ?? 0) + 1)
  }
  for (const match of sameText) match.passages = movedOnto.get(match.incomingId) ?? 0

  const reanchored = reanchor([...passages.values()], articles, texts)

  const events = mergePlain(planner, 'events', receiver.events, incoming.events, (e) => e.title)

  // Links: both ends must stand after the merge, and one link per passage and event.
  const receiverLinks = new Map(receiver.links.map((l) => [l.id, l]))
  const pairKey = (link: EventLink): string => `${link.eventId}\u0000${link.passageId}`
  const pairs = new Map(receiver.links.map((l) => [pairKey(l), l.id]))
  const putLinks: EventLink[] = []
  for (const link of incoming.links) {
    const event = events.final.get(link.eventId)
    const passage = passages.get(link.passageId)?.passage
    const quote = passage ? short(passage.quote.exact, 40) : link.passageId
    const label = `${event?.title ?? link.eventId} ← ${quote}`
    const skip = (reason: MergeSkip['reason'], targetId: string): void =>
      planner.skip({ kind: 'links', id: link.id, label, reason, targetId })
    if (!passage) {
      skip('missingPassage', link.passageId)
      continue
    }
    if (!event) {
      skip('missingEvent', link.eventId)
      continue
    }
    const mine = receiverLinks.get(link.id)
    if (mine) {
      if (planner.settle('links', mine, link, label) === 'incoming') putLinks.push(link)
      continue
    }
    const holder = pairs.get(pairKey(link))
    if (holder !== undefined) {
      skip('duplicateLink', holder)
      continue
    }
    pairs.set(pairKey(link), link.id)
    summary.links.added += 1
    putLinks.push(link)
  }

  // Dossiers: scopes follow articles mapped onto the receiver's.
  const dossiers = mergePlain(
    planner,
    'dossiers',
    receiver.dossiers,
    incoming.dossiers.map((d) => remapScope(d, articleIdMap)),
    (d) => d.title
  )

  return {
    put: {
      articles: putArticles,
      texts: putTexts,
      tags: tags.put,
      passages: [...passages.values()].filter((s) => s.write).map((s) => s.passage),
      events: events.put,
      links: putLinks,
      dossiers: dossiers.put
    },
    summary,
    conflicts: planner.conflicts,
    sameText,
    renamedTags: tags.renamed,
    repairedTags: tags.repaired,
    skipped: planner.skipped,
    reanchored
  }
}

/** A passage that stands after the merge, with the text its anchor was computed on. */
interface Standing {
  passage: Passage
  anchoredOn: string | undefined
  write: boolean
}

/**
 * Re-anchors, on its article's text after the merge, every standing passage whose anchor was
 * computed on another text (the losing side's), grouped by article. updatedAt is left alone:
 * the anchor is derived from the selectors, which nobody edited.
 */
function reanchor(
  standing: Standing[],
  finalArticles: ReadonlyMap<string, Article>,
  finalTexts: ReadonlyMap<string, string>
): ReanchorReport[] {
  const stale = new Map<string, Standing[]>()
  for (const entry of standing) {
    const article = finalArticles.get(entry.passage.articleId)
    const text = article ? finalTexts.get(article.id) : undefined
    if (!article || text === undefined) continue
    const moved =
      entry.anchoredOn !== undefined
        ? entry.anchoredOn !== text
        : entry.passage.anchor.textSha256 !== article.sha256
    if (!moved) continue
    const list = stale.get(article.id) ?? []
    list.push(entry)
    stale.set(article.id, list)
  }
  const reports: ReanchorReport[] = []
  for (const [articleId, entries] of stale) {
    const article = finalArticles.get(articleId)!
    const result = reanchorPassages(
      finalTexts.get(articleId)!,
      article.sha256,
      entries.map((e) => e.passage)
    )
    result.updates.forEach((update, index) => {
      const entry = entries[index]!
      entry.passage = { ...entry.passage, anchor: update.anchor }
      entry.anchoredOn = finalTexts.get(articleId)
      entry.write = true
    })
    reports.push({
      articleId,
      title: article.title,
      ...result.summary,
      passageIds: entries.map((e) => e.passage.id),
      orphanIds: result.updates.filter((u) => u.anchor.status === 'orphan').map((u) => u.passageId)
    })
  }
  return reports
}

function remapScope(dossier: Dossier, articleIdMap: ReadonlyMap<string, string>): Dossier {
  if (!dossier.scope.articleIds.some((id) => articleIdMap.has(id))) return dossier
  const articleIds = [...new Set(dossier.scope.articleIds.map((id) => articleIdMap.get(id) ?? id))]
  return { ...dossier, scope: { ...dossier.scope, articleIds } }
}

const RENAMED = /^(.*) \((\d+)\)$/

/**
 * The receiver's tag is this incoming tag as an earlier merge renamed it (`Name (2)`): compare
 * with that name, so that importing the same bundle again is no conflict and keeps the rename.
 */
function asRenamedBefore(mine: Tag, next: Tag): Tag {
  const match = RENAMED.exec(mine.name)
  return match && match[1] === next.name && Number(match[2]) >= 2
    ? { ...next, name: mine.name }
    : next
}

function mergeTags(
  planner: Planner,
  receiver: readonly Tag[],
  incoming: readonly Tag[]
): { put: Tag[]; renamed: TagRename[]; repaired: TagRepair[] } {
  const current = new Map(receiver.map((t) => [t.id, t]))
  const final = new Map(current)
  const written: Tag[] = []
  for (const tag of incoming) {
    const mine = current.get(tag.id)
    const next = mine ? asRenamedBefore(mine, tag) : tag
    if (!mine) planner.summary.tags.added += 1
    else if (planner.settle('tags', mine, next, tag.name) !== 'incoming') continue
    final.set(tag.id, next)
    written.push(next)
  }

  // A parent on neither side: the tag goes to the top rather than hang from nothing.
  const repaired: TagRepair[] = []
  const setParent = (index: number, parentId: string | null, reason: TagRepair['reason']): void => {
    const tag = written[index]!
    repaired.push({ id: tag.id, label: tag.name, reason, from: tag.parentId, to: parentId })
    written[index] = { ...tag, parentId }
    final.set(tag.id, written[index])
  }
  written.forEach((tag, index) => {
    if (tag.parentId !== null && !final.has(tag.parentId)) setParent(index, null, 'missingParent')
  })
  // A loop can only come from two sides' moves put together (A under B here, B under A there):
  // the incoming tag goes back under the receiver's parent, or to the top if that loops too.
  const loops = (id: string): boolean => {
    const seen = new Set<string>()
    for (
      let up = final.get(id)?.parentId ?? null;
      up !== null;
      up = final.get(up)?.parentId ?? null
    ) {
      if (up === id) return true
      if (seen.has(up)) return false
      seen.add(up)
    }
    return false
  }
  written.forEach((tag, index) => {
    if (!loops(tag.id)) return
    const before = current.get(tag.id)?.parentId ?? null
    setParent(index, before, 'cycle')
    if (loops(tag.id)) {
      written[index] = { ...written[index]!, parentId: null }
      final.set(tag.id, written[index])
      repaired[repaired.length - 1]!.to = null
    }
  })

  // Sibling names must differ (tagNameKey): the receiver's tags keep theirs; an incoming tag
  // meeting a taken name becomes `Name (2)`, `Name (3)`… in bundle order.
  const writtenIds = new Set(written.map((t) => t.id))
  const taken = new Map<string | null, Set<string>>()
  const keysUnder = (parentId: string | null): Set<string> => {
    let keys = taken.get(parentId)
    if (!keys) taken.set(parentId, (keys = new Set()))
    return keys
  }
  for (const tag of final.values()) {
    if (!writtenIds.has(tag.id)) keysUnder(tag.parentId).add(tagNameKey(tag.name))
  }
  const renamed: TagRename[] = []
  written.forEach((tag, index) => {
    const keys = keysUnder(tag.parentId)
    let name = tag.name
    for (let n = 2; keys.has(tagNameKey(name)); n += 1) name = `${tag.name} (${n})`
    keys.add(tagNameKey(name))
    if (name === tag.name) return
    renamed.push({ id: tag.id, parentId: tag.parentId, from: tag.name, to: name })
    written[index] = { ...tag, name }
  })
  return { put: written, renamed, repaired }
}

function upsert<T extends { id: string }>(list: readonly T[], put: readonly T[]): T[] {
  const replacement = new Map(put.map((r) => [r.id, r]))
  const present = new Set(list.map((r) => r.id))
  return [...list.map((r) => replacement.get(r.id) ?? r), ...put.filter((r) => !present.has(r.id))]
}

/** The archive after the plan: what the app's transaction writes, as plain records (pure). */
export function applyMergePlan(receiver: ArchiveRecords, plan: MergePlan): ArchiveRecords {
  const texts = new Map(receiver.texts)
  for (const entry of plan.put.texts) texts.set(entry.articleId, entry.text)
  return {
    articles: upsert(receiver.articles, plan.put.articles),
    texts,
    passages: upsert(receiver.passages, plan.put.passages),
    tags: upsert(receiver.tags, plan.put.tags),
    events: upsert(receiver.events, plan.put.events),
    links: upsert(receiver.links, plan.put.links),
    dossiers: upsert(receiver.dossiers, plan.put.dossiers)
  }
}
