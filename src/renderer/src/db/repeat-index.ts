// The repeats of the archive (wire copies, near-identical texts), kept as derived tables that
// follow the change log as the search index does: each article's print (its shingles, the wires
// it credits) and the links found between prints. Built once from every text; after that, a
// change reads only the written articles, their texts, and the prints that share a sampled
// shingle with them: never the whole archive again.
import type { Article } from '@core/archive/article'
import {
  compareRepeatPrints,
  groupRepeats,
  repeatCandidatePairs,
  repeatPrint,
  REPEAT_MAX_POSTINGS,
  REPEAT_NEIGHBOURS,
  samePrint,
  type RepeatEdge,
  type RepeatGroup,
  type RepeatPrint
} from '@core/timeline/corroboration'
import { CHANGES, type ChangeEntry } from './change-log'
import { lastSeq } from './change-feed'
import type { LiasseDatabase } from './database'

/**
 * The version of the saved prints and links: raised whenever how texts are printed or compared
 * changes, so that prints saved by an older Liasse are rebuilt rather than trusted.
 */
export const REPEAT_INDEX_VERSION = 1

/** The key of the record saying what the saved prints cover (never an article id). */
export const REPEAT_META = '\u0000meta'

/** Articles read and printed per step of a build. */
const CHUNK = 500

/** More changed articles than this since the last run: a build is quicker than catching up. */
const REBUILD_ABOVE = 5_000

interface RepeatMeta {
  id: typeof REPEAT_META
  version: number
  /** The change-log entry the saved prints and links cover up to. */
  seq: number
}

export interface RepeatProgress {
  phase: 'reading' | 'analysing'
  done: number
  total: number
}

export interface RepeatUpdate {
  /** Whether the groups may differ from the last run's (false: nothing that matters changed). */
  changed: boolean
  groups: RepeatGroup[]
  /** How the prints were brought up to date: built from every text, or caught up from the log. */
  origin: 'built' | 'caught-up'
  /** Articles whose text or fields were read in this run. */
  articlesRead: number
}

/**
 * Brings the saved prints and links up to date with the archive and returns the groups. The
 * first run (or one after a version change) reads every text; later runs read the articles
 * written since, from the change log. A run cut short leaves its meta unsaved: the next one
 * does the same work again, which changes nothing twice.
 */
export async function updateRepeats(
  db: LiasseDatabase,
  options: {
    /** The caller holds the last run's groups: they need not be read when nothing changed. */
    haveGroups?: boolean
    onProgress?: (progress: RepeatProgress) => void
  } = {}
): Promise<RepeatUpdate> {
  const onProgress = options.onProgress ?? (() => undefined)
  const meta = (await db.repeatPrints.get(REPEAT_META)) as unknown as RepeatMeta | undefined
  const head = await lastSeq(db)
  const fresh = meta?.version === REPEAT_INDEX_VERSION
  const pending = fresh
    ? await db.table<ChangeEntry>(CHANGES).where('seq').between(meta.seq, head, false, true).count()
    : Infinity
  if (pending > REBUILD_ABOVE) {
    const articlesRead = await build(db, head, onProgress)
    return { changed: true, groups: await readGroups(db), origin: 'built', articlesRead }
  }
  const entries = await db
    .table<ChangeEntry>(CHANGES)
    .where('seq')
    .between(meta!.seq, head, false, true)
    .toArray()
  const ids = [
    ...new Set(
      entries.filter((e) => e.table === 'articles' || e.table === 'articleTexts').map((e) => e.key)
    )
  ]
  let changed = false
  for (let i = 0; i < ids.length; i += CHUNK) {
    onProgress({ phase: 'reading', done: i, total: ids.length })
    if (await reprint(db, ids.slice(i, i + CHUNK))) changed = true
  }
  await db.repeatPrints.put({ id: REPEAT_META, version: REPEAT_INDEX_VERSION, seq: head } as never)
  return {
    changed,
    groups: changed || !options.haveGroups ? await readGroups(db) : [],
    origin: 'caught-up',
    articlesRead: ids.length
  }
}

/** Every article printed again and every link found again, in chunks, with progress. */
async function build(
  db: LiasseDatabase,
  head: number,
  onProgress: (progress: RepeatProgress) => void
): Promise<number> {
  await db.transaction('rw', db.repeatPrints, db.repeatEdges, async () => {
    await db.repeatPrints.clear()
    await db.repeatEdges.clear()
  })
  const total = await db.articles.count()
  const prints: RepeatPrint[] = []
  let after: string | undefined
  for (;;) {
    const chunk: Article[] = await (
      after === undefined ? db.articles.orderBy(':id') : db.articles.where(':id').above(after)
    )
      .limit(CHUNK)
      .toArray()
    if (chunk.length === 0) break
    after = chunk.at(-1)!.id
    const texts = await db.articleTexts.bulkGet(chunk.map((a) => a.id))
    const printed = chunk.flatMap((article, i) => {
      const text = texts[i]?.text
      return text === undefined ? [] : [repeatPrint(article, text)]
    })
    await db.repeatPrints.bulkPut(printed as never[])
    prints.push(...printed)
    onProgress({ phase: 'reading', done: prints.length, total })
  }
  onProgress({ phase: 'analysing', done: 0, total: prints.length })
  const edges: RepeatEdge[] = []
  for (const [a, b] of repeatCandidatePairs(prints)) {
    const edge = compareRepeatPrints(prints[a]!, prints[b]!)
    if (edge) edges.push(edge)
  }
  await db.repeatEdges.bulkPut(edges)
  await db.repeatPrints.put({ id: REPEAT_META, version: REPEAT_INDEX_VERSION, seq: head } as never)
  return prints.length
}

/**
 * These articles printed again from their current text. A print that says what it said before
 * keeps its links; a changed one has its links found again among the prints sharing a sampled
 * shingle with it; a deleted article loses its print and links. Returns whether a link may have
 * changed.
 */
async function reprint(db: LiasseDatabase, ids: string[]): Promise<boolean> {
  const [articles, texts, before] = await Promise.all([
    db.articles.bulkGet(ids),
    db.articleTexts.bulkGet(ids),
    db.repeatPrints.bulkGet(ids) as Promise<Array<RepeatPrint | undefined>>
  ])
  let changed = false
  for (const [i, id] of ids.entries()) {
    const article = articles[i]
    const text = texts[i]?.text
    const print = article && text !== undefined ? repeatPrint(article, text) : undefined
    const old = before[i]
    if (print && old && samePrint(print, old)) continue
    if (!print && !old) continue
    changed = true
    const edges = await linksOf(db, print)
    await db.transaction('rw', db.repeatPrints, db.repeatEdges, async () => {
      await db.repeatEdges.where('a').equals(id).delete()
      await db.repeatEdges.where('b').equals(id).delete()
      if (print) {
        await db.repeatPrints.put(print as never)
        await db.repeatEdges.bulkPut(edges)
      } else await db.repeatPrints.delete(id)
    })
  }
  return changed
}

/**
 * The links of a print with the saved prints sharing one of its sampled shingles: every one of
 * a short list; only a few of a list longer than REPEAT_MAX_POSTINGS (a story copied
 * everywhere), since grouping is transitive and one link into a group is enough.
 */
async function linksOf(db: LiasseDatabase, print: RepeatPrint | undefined): Promise<RepeatEdge[]> {
  if (!print || print.sample.length === 0) return []
  const candidates = new Set<string>()
  for (const hash of print.sample) {
    const keys = (await db.repeatPrints
      .where('sample')
      .equals(hash)
      .limit(REPEAT_MAX_POSTINGS + 1)
      .primaryKeys()) as string[]
    const others = keys.filter((key) => key !== print.id)
    for (const key of others.length > REPEAT_MAX_POSTINGS
      ? others.slice(0, REPEAT_NEIGHBOURS)
      : others)
      candidates.add(key)
  }
  const ids = [...candidates]
  const edges: RepeatEdge[] = []
  for (let i = 0; i < ids.length; i += CHUNK) {
    const prints = (await db.repeatPrints.bulkGet(ids.slice(i, i + CHUNK))) as Array<
      RepeatPrint | undefined
    >
    for (const other of prints) {
      const edge = other && compareRepeatPrints(print, other)
      if (edge) edges.push(edge)
    }
  }
  return edges
}

/** The groups of the saved links, with the articles they join (only those are read). */
async function readGroups(db: LiasseDatabase): Promise<RepeatGroup[]> {
  const edges = await db.repeatEdges.toArray()
  const ids = [...new Set(edges.flatMap((edge) => [edge.a, edge.b]))]
  const articles = new Map<string, Article>()
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = await db.articles.bulkGet(ids.slice(i, i + CHUNK))
    for (const article of chunk) if (article) articles.set(article.id, article)
  }
  return groupRepeats(edges, articles)
}
