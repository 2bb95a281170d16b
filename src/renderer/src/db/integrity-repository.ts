// Reads the live tables for the integrity check, page by page (ids and references, never whole
// tables at once, never texts), and applies a repair plan in one transaction. The trash is not
// read: what it holds was deleted on purpose and is not an inconsistency.
import { IntegrityScanner, type Finding, type RepairPlan } from '@core/archive/integrity'
import type { Article } from '@core/archive/article'
import type { Passage, Tag } from '@core/archive/passage'
import type { Dossier } from '@core/dossier/types'
import type { EventLink } from '@core/timeline/types'
import type { LiasseDatabase } from './database'

/** What paging needs of a table, whatever its record and insert types. */
interface Paged<T> {
  orderBy(index: ':id'): PageQuery<T>
  where(index: ':id'): { above(key: string): PageQuery<T> }
}
interface PageQuery<T> {
  limit(n: number): { toArray(): PromiseLike<T[]>; primaryKeys(): PromiseLike<unknown[]> }
}

const PAGE = 2000

export interface IntegrityProgress {
  done: number
  total: number
}

export interface RepairResult {
  articles: number
  texts: number
  passages: number
  links: number
  passagesUntagged: number
  tagsMoved: number
}

export class IntegrityRepository {
  constructor(
    private readonly db: LiasseDatabase,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Reads every live table and returns the findings. */
  async scan(onProgress?: (progress: IntegrityProgress) => void): Promise<Finding[]> {
    const { db } = this
    const scanner = new IntegrityScanner()
    const counts = await Promise.all(
      [db.articles, db.articleTexts, db.passages, db.tags, db.events, db.links, db.dossiers].map(
        (table) => table.count()
      )
    )
    const total = counts.reduce((a, b) => a + b, 0)
    let done = 0
    const step = (n: number): void => {
      done += n
      onProgress?.({ done, total })
    }
    onProgress?.({ done, total })
    for await (const page of this.pages<Article>(db.articles, (a) => a.id)) {
      scanner.addArticles(page)
      step(page.length)
    }
    for await (const keys of this.keyPages(db.articleTexts)) {
      scanner.addTextIds(keys)
      step(keys.length)
    }
    for await (const page of this.pages<Passage>(db.passages, (p) => p.id)) {
      scanner.addPassages(page)
      step(page.length)
    }
    for await (const page of this.pages<Tag>(db.tags, (t) => t.id)) {
      scanner.addTags(page)
      step(page.length)
    }
    for await (const keys of this.keyPages(db.events)) {
      scanner.addEventIds(keys)
      step(keys.length)
    }
    for await (const page of this.pages<EventLink>(db.links, (l) => l.id)) {
      scanner.addLinks(page)
      step(page.length)
    }
    for await (const page of this.pages<Dossier>(db.dossiers, (d) => d.id)) {
      scanner.addDossiers(page)
      step(page.length)
    }
    return scanner.findings()
  }

  /** Records `PAGE` at a time in primary-key order: each read is short. */
  private async *pages<T>(table: Paged<T>, keyOf: (record: T) => string): AsyncGenerator<T[]> {
    let page = await table.orderBy(':id').limit(PAGE).toArray()
    while (page.length > 0) {
      yield page
      if (page.length < PAGE) return
      page = await table
        .where(':id')
        .above(keyOf(page.at(-1)!))
        .limit(PAGE)
        .toArray()
    }
  }

  /** Primary keys only, `PAGE` at a time. */
  private async *keyPages(table: Paged<unknown>): AsyncGenerator<string[]> {
    let keys = (await table.orderBy(':id').limit(PAGE).primaryKeys()) as string[]
    while (keys.length > 0) {
      yield keys
      if (keys.length < PAGE) return
      keys = (await table.where(':id').above(keys.at(-1)!).limit(PAGE).primaryKeys()) as string[]
    }
  }

  /**
   * Applies a plan in one transaction: all of it or nothing. Each change is checked against the
   * records as they are now (something may have changed since the scan). Deleting an article
   * takes its text, passages and their links; deleting a passage takes its links.
   */
  async repair(plan: RepairPlan): Promise<RepairResult> {
    const { db } = this
    const stamp = this.now().toISOString()
    const tables = [db.articles, db.articleTexts, db.passages, db.links, db.tags, db.events]
    return db.transaction('rw', tables, async () => {
      const result: RepairResult = {
        articles: 0,
        texts: 0,
        passages: 0,
        links: 0,
        passagesUntagged: 0,
        tagsMoved: 0
      }
      const passageIds = new Set(plan.deletePassages)
      for (const articleId of plan.deleteArticles) {
        if (await db.articleTexts.get(articleId)) continue
        if (!(await db.articles.get(articleId))) continue
        const keys = await db.passages.where('articleId').equals(articleId).primaryKeys()
        for (const key of keys) passageIds.add(key)
        await db.articles.delete(articleId)
        result.articles++
      }
      for (const articleId of plan.deleteTexts) {
        if (await db.articles.get(articleId)) continue
        await db.articleTexts.delete(articleId)
        result.texts++
      }
      const passages = (await db.passages.bulkGet([...passageIds])).filter((p) => p !== undefined)
      const doomed: string[] = []
      for (const passage of passages) {
        if (await db.articles.get(passage.articleId)) continue
        doomed.push(passage.id)
      }
      await db.passages.bulkDelete(doomed)
      result.passages = doomed.length
      const linkIds = new Set(plan.deleteLinks)
      for (const id of doomed)
        for (const key of await db.links.where('passageId').equals(id).primaryKeys())
          linkIds.add(key)
      const links = (await db.links.bulkGet([...linkIds])).filter((l) => l !== undefined)
      const deadLinks: string[] = []
      for (const link of links) {
        const [event, passage] = await Promise.all([
          db.events.get(link.eventId),
          db.passages.get(link.passageId)
        ])
        if (!event || !passage) deadLinks.push(link.id)
      }
      await db.links.bulkDelete(deadLinks)
      result.links = deadLinks.length
      for (const [passageId, missing] of plan.removeTags) {
        const passage = await db.passages.get(passageId)
        if (!passage) continue
        const stillMissing = new Set<string>()
        for (const tagId of missing) if (!(await db.tags.get(tagId))) stillMissing.add(tagId)
        if (!stillMissing.size) continue
        const tagIds = passage.tagIds.filter((id) => !stillMissing.has(id))
        await db.passages.put({ ...passage, tagIds, updatedAt: stamp })
        result.passagesUntagged++
      }
      for (const tagId of plan.makeTopLevel) {
        const tag = await db.tags.get(tagId)
        if (!tag || tag.parentId === null) continue
        await db.tags.put({ ...tag, parentId: null, updatedAt: stamp })
        result.tagsMoved++
      }
      return result
    })
  }
}
