// What a dossier of one scope draws on, found by id and by index rather than by reading the whole
// archive: the passages its criteria can select, their articles and texts, the links from them and
// to the scope's events, those events, and the tags the passages use with their ancestors.
import { foldForSearch } from '../archive/library-view'
import type { Article } from '../archive/article'
import type { Passage, Tag } from '../archive/passage'
import type { EventLink, TimelineEvent } from '../timeline/types'
import { selectPassages } from './build'
import type { ArchiveSnapshot, DossierScope } from './types'

/** How the archive's records are found for a scope. Missing ids are left out. */
export interface ScopeSource {
  articles(ids: readonly string[]): Promise<Article[]>
  /**
   * Ids of the articles that may match these criteria (selectPassages decides): of these outlets,
   * compared folded, and published in the range; no outlet: any outlet.
   */
  articleIdsOf(criteria: {
    outlets: readonly string[]
    from: string | null
    to: string | null
  }): Promise<string[]>
  texts(articleIds: readonly string[]): Promise<Map<string, string>>
  passages(ids: readonly string[]): Promise<Passage[]>
  passagesOn(articleIds: readonly string[]): Promise<Passage[]>
  passagesTagged(tagIds: readonly string[]): Promise<Passage[]>
  /** Every passage (a scope with no criterion: the whole archive), read in pages. */
  everyPassage(): Promise<Passage[]>
  tags(ids: readonly string[]): Promise<Tag[]>
  /** The children of these tags. */
  tagsUnder(parentIds: readonly string[]): Promise<Tag[]>
  events(ids: readonly string[]): Promise<TimelineEvent[]>
  linksTo(eventIds: readonly string[]): Promise<EventLink[]>
  linksFrom(passageIds: readonly string[]): Promise<EventLink[]>
}

function byId<T extends { id: string }>(list: Iterable<T>): T[] {
  const unique = new Map<string, T>()
  for (const record of list) unique.set(record.id, record)
  return [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** These tags and every tag under them, level by level. */
async function subtrees(source: ScopeSource, ids: readonly string[]): Promise<Tag[]> {
  const found = new Map((await source.tags(ids)).map((t) => [t.id, t]))
  for (let level = [...found.keys()]; level.length > 0;) {
    const children = (await source.tagsUnder(level)).filter((t) => !found.has(t.id))
    for (const child of children) found.set(child.id, child)
    level = children.map((t) => t.id)
  }
  return [...found.values()]
}

/** These tags and their ancestors, and the tags merged tags among them lead to. */
async function withAncestors(
  source: ScopeSource,
  known: Tag[],
  ids: Iterable<string>
): Promise<Tag[]> {
  const found = new Map(known.map((t) => [t.id, t]))
  const asked = new Set<string>()
  const next = (candidates: Iterable<string | null>): string[] =>
    [...new Set(candidates)].filter(
      (id): id is string => id !== null && !found.has(id) && !asked.has(id)
    )
  for (
    let wanted = next([...ids, ...known.flatMap((t) => [t.parentId, t.mergedInto ?? null])]);
    wanted.length > 0;
  ) {
    for (const id of wanted) asked.add(id)
    for (const tag of await source.tags(wanted)) found.set(tag.id, tag)
    wanted = next([...found.values()].flatMap((t) => [t.parentId, t.mergedInto ?? null]))
  }
  return [...found.values()]
}

/**
 * The records a dossier of this scope draws on (buildDossier and the exporters give the same
 * document as on the whole archive), every list in id order. The passages the scope may select
 * come from its most selective criterion that an index answers: hand-picked passages, the saved
 * search's, the links to its events, its articles, its tags (with their children), its outlets or
 * dates; selectPassages then applies every criterion. No criterion: every passage, in pages.
 */
export async function snapshotForScope(
  source: ScopeSource,
  scope: DossierScope
): Promise<ArchiveSnapshot> {
  const tagged = scope.tagIds.length > 0 ? await subtrees(source, scope.tagIds) : []
  const toEvents = scope.eventIds.length > 0 ? await source.linksTo(scope.eventIds) : []
  let candidates: Passage[]
  if (scope.passageIds.length > 0) candidates = await source.passages(scope.passageIds)
  else if (scope.search) candidates = await source.passages(scope.search.passageIds)
  else if (scope.eventIds.length > 0)
    candidates = await source.passages([...new Set(toEvents.map((l) => l.passageId))])
  else if (scope.articleIds.length > 0) candidates = await source.passagesOn(scope.articleIds)
  // Tags none of which exists narrow nothing: selectPassages ignores them.
  else if (tagged.length > 0) candidates = await source.passagesTagged(tagged.map((t) => t.id))
  else if (scope.outlets.length > 0 || scope.from || scope.to)
    candidates = await source.passagesOn(
      await source.articleIdsOf({ outlets: scope.outlets, from: scope.from, to: scope.to })
    )
  else candidates = await source.everyPassage()
  candidates = byId(candidates)

  const candidateArticles = await source.articles([...new Set(candidates.map((p) => p.articleId))])
  const passages = selectPassages(scope, {
    articles: candidateArticles,
    texts: new Map(),
    passages: candidates,
    tags: tagged,
    events: [],
    links: toEvents
  })
  const articleIds = new Set(passages.map((p) => p.articleId))
  const links = byId([...toEvents, ...(await source.linksFrom(passages.map((p) => p.id)))])
  const [events, texts, tags] = await Promise.all([
    source.events([...new Set([...links.map((l) => l.eventId), ...scope.eventIds])]),
    source.texts([...articleIds]),
    withAncestors(source, tagged, [...passages.flatMap((p) => p.tagIds), ...scope.tagIds])
  ])
  return {
    articles: byId(candidateArticles.filter((a) => articleIds.has(a.id))),
    texts,
    passages,
    tags: byId(tags),
    events: byId(events),
    links
  }
}

/** A source over a snapshot in memory (tests). */
export function snapshotSource(snapshot: ArchiveSnapshot): ScopeSource {
  const pick = <T extends { id: string }>(list: readonly T[], ids: readonly string[]): T[] => {
    const wanted = new Set(ids)
    return list.filter((r) => wanted.has(r.id))
  }
  const where = <T>(list: readonly T[], test: (record: T) => boolean): Promise<T[]> =>
    Promise.resolve(list.filter(test))
  return {
    articles: async (ids) => pick(snapshot.articles, ids),
    articleIdsOf: async ({ outlets, from, to }) => {
      const folded = new Set(outlets.map((o) => foldForSearch(o.trim())))
      return snapshot.articles
        .filter((a) => folded.size === 0 || folded.has(foldForSearch(a.outlet.trim())))
        .filter((a) => (!from && !to) || Boolean(a.published))
        .map((a) => a.id)
    },
    texts: async (ids) =>
      new Map(ids.flatMap((id) => (snapshot.texts.has(id) ? [[id, snapshot.texts.get(id)!]] : []))),
    passages: async (ids) => pick(snapshot.passages, ids),
    passagesOn: (ids) => where(snapshot.passages, (p) => ids.includes(p.articleId)),
    passagesTagged: (ids) => where(snapshot.passages, (p) => p.tagIds.some((t) => ids.includes(t))),
    everyPassage: async () => [...snapshot.passages],
    tags: async (ids) => pick(snapshot.tags, ids),
    tagsUnder: (ids) =>
      where(snapshot.tags, (t) => t.parentId !== null && ids.includes(t.parentId)),
    events: async (ids) => pick(snapshot.events, ids),
    linksTo: (ids) => where(snapshot.links, (l) => ids.includes(l.eventId)),
    linksFrom: (ids) => where(snapshot.links, (l) => ids.includes(l.passageId))
  }
}
