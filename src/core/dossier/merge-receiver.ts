// The receiver side of a merge, read for what the incoming records can touch only: planMerge
// compares each incoming record with the receiver's of the same id, looks up articles by their
// text's hash, checks that links' ends exist and that a passage and event are linked once, and
// re-anchors the passages of articles whose text changes. Nothing else of the receiver matters to
// the plan, so an archive of 100,000 articles is not read (texts: 300 MB) to merge three.
import type { Article } from '../archive/article'
import type { Passage, Tag } from '../archive/passage'
import type { EventLink, TimelineEvent } from '../timeline/types'
import type { ArchiveRecords } from './bundle'
import type { Dossier } from './types'

/** How the receiver's records are found: by id, or by an index. Missing ids are left out. */
export interface ReceiverSource {
  articles(ids: readonly string[]): Promise<Article[]>
  /** Articles holding a text of one of these hashes (sha256 is unique in the archive). */
  articlesBySha256(hashes: readonly string[]): Promise<Article[]>
  texts(articleIds: readonly string[]): Promise<Map<string, string>>
  /**
   * The whole codebook: sibling names are compared folded (tagNameKey), which no index holds,
   * and a tag tree must stay a tree. The codebook is small, and does not grow with the articles.
   */
  codebook(): Promise<Tag[]>
  passages(ids: readonly string[]): Promise<Passage[]>
  /** Every passage on these articles. */
  passagesOn(articleIds: readonly string[]): Promise<Passage[]>
  events(ids: readonly string[]): Promise<TimelineEvent[]>
  links(ids: readonly string[]): Promise<EventLink[]>
  /** Every link from these passages. */
  linksFrom(passageIds: readonly string[]): Promise<EventLink[]>
  dossiers(ids: readonly string[]): Promise<Dossier[]>
}

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)]
}

/** One record per id, in id order: the order the archive's tables hand records out in. */
function mergeById<T extends { id: string }>(...lists: T[][]): T[] {
  const byId = new Map<string, T>()
  for (const list of lists) for (const record of list) byId.set(record.id, record)
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * What of the receiver planMerge(receiver, incoming) reads, and nothing more: planMerge gives
 * the same plan with these records as with the whole archive (bundle-merge.test.ts checks it).
 * - articles of the incoming ids, of the passages' articles, and of the incoming texts' hashes;
 * - texts of the articles both sides hold under one id (compared), and of receiver articles an
 *   incoming passage was anchored on another text of (re-anchored);
 * - the passages of the incoming ids and links' passages, and every passage of an article whose
 *   text the incoming side changes (they may need re-anchoring);
 * - events of the incoming ids and links' events; links of the incoming ids and every link from
 *   the incoming links' passages (one link per passage and event); dossiers of the incoming ids;
 * - the codebook, when tags come in.
 */
export async function receiverFor(
  source: ReceiverSource,
  incoming: ArchiveRecords
): Promise<ArchiveRecords> {
  const incomingArticles = new Set(incoming.articles.map((a) => a.id))
  const [byId, byHash] = await Promise.all([
    source.articles(unique([...incomingArticles, ...incoming.passages.map((p) => p.articleId)])),
    source.articlesBySha256(unique(incoming.articles.map((a) => a.sha256)))
  ])
  const articles = mergeById(byId, byHash)
  const receiverArticle = new Map(byId.map((a) => [a.id, a]))

  // Texts: those compared (same id on both sides), and those a passage must be re-anchored on.
  const compared = byId.filter((a) => incomingArticles.has(a.id)).map((a) => a.id)
  const reanchoredOn = incoming.passages
    .filter((p) => !incomingArticles.has(p.articleId))
    .filter((p) => {
      const article = receiverArticle.get(p.articleId)
      return article !== undefined && p.anchor.textSha256 !== article.sha256
    })
    .map((p) => p.articleId)
  const texts = await source.texts(unique([...compared, ...reanchoredOn]))
  const textChanged = compared.filter(
    (id) => (texts.get(id) ?? '') !== (incoming.texts.get(id) ?? '')
  )

  const linkedPassages = unique(incoming.links.map((l) => l.passageId))
  const [passagesById, passagesOn, events, linksById, linksFrom, dossiers, tags] =
    await Promise.all([
      source.passages(unique([...incoming.passages.map((p) => p.id), ...linkedPassages])),
      source.passagesOn(textChanged),
      source.events(
        unique([...incoming.events.map((e) => e.id), ...incoming.links.map((l) => l.eventId)])
      ),
      source.links(incoming.links.map((l) => l.id)),
      source.linksFrom(linkedPassages),
      source.dossiers(incoming.dossiers.map((d) => d.id)),
      incoming.tags.length > 0 ? source.codebook() : Promise.resolve([])
    ])
  return {
    articles,
    texts,
    passages: mergeById(passagesById, passagesOn),
    tags: mergeById(tags),
    events: mergeById(events),
    links: mergeById(linksById, linksFrom),
    dossiers: mergeById(dossiers)
  }
}

/** A source over records in memory (tests, and a receiver already read whole). */
export function recordsSource(records: ArchiveRecords): ReceiverSource {
  const pick = <T extends { id: string }>(list: readonly T[], ids: readonly string[]): T[] => {
    const wanted = new Set(ids)
    return list.filter((r) => wanted.has(r.id))
  }
  return {
    articles: async (ids) => pick(records.articles, ids),
    articlesBySha256: async (hashes) => {
      const wanted = new Set(hashes)
      return records.articles.filter((a) => wanted.has(a.sha256))
    },
    texts: async (ids) => {
      const texts = new Map<string, string>()
      for (const id of ids) {
        const text = records.texts.get(id)
        if (text !== undefined) texts.set(id, text)
      }
      return texts
    },
    codebook: async () => [...records.tags],
    passages: async (ids) => pick(records.passages, ids),
    passagesOn: async (articleIds) => {
      const wanted = new Set(articleIds)
      return records.passages.filter((p) => wanted.has(p.articleId))
    },
    events: async (ids) => pick(records.events, ids),
    links: async (ids) => pick(records.links, ids),
    linksFrom: async (passageIds) => {
      const wanted = new Set(passageIds)
      return records.links.filter((l) => wanted.has(l.passageId))
    },
    dossiers: async (ids) => pick(records.dossiers, ids)
  }
}
