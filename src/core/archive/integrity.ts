// The archive's integrity check: which live records point at records that are not there (a
// passage without its article, a link without its event…), what can be repaired safely, what not.
// Pure: the renderer feeds it the tables page by page (ids and references only) and applies the plan.
import type { Article } from './article'
import type { Passage, Tag } from './passage'
import type { EventLink } from '../timeline/types'
import type { Dossier } from '../dossier/types'

export type FindingKind =
  /** An article whose text is missing: it cannot be opened. Not repaired on its own (deleting it is offered). */
  | 'articleWithoutText'
  /** A text whose article is missing: invisible, only takes space. Repair: delete it. */
  | 'textWithoutArticle'
  /** A passage whose article is missing. Repair: delete it (with its links). */
  | 'passageWithoutArticle'
  /** A link whose event or passage is missing. Repair: delete it. */
  | 'linkWithoutEnds'
  /** A passage coded with tags that do not exist. Repair: remove those tag ids. */
  | 'passageMissingTags'
  /** A tag whose parent does not exist. Repair: make it a top-level tag. */
  | 'tagMissingParent'
  /** Tags that are each other's ancestors. Repair: make this one top-level, which breaks the loop. */
  | 'tagParentCycle'
  /** A dossier whose scope names records that are gone. Listed: the dossier ignores them. */
  | 'dossierMissingRecords'
  /** Two articles with the same text (the archive's unique index forbids it). Listed. */
  | 'duplicateText'

export type RepairAction = 'delete' | 'removeMissingTags' | 'makeTopLevel'

export type FindingTable = 'articles' | 'articleTexts' | 'passages' | 'links' | 'tags' | 'dossiers'

export interface Finding {
  kind: FindingKind
  table: FindingTable
  /** The record the finding is about. */
  id: string
  /** A title or name to show the record by (empty when it has none, e.g. a text). */
  label: string
  /** The ids it refers to that are missing (or, for duplicateText, the other article). */
  related: string[]
  /** What a repair would do to the record; null when nothing is done to it. */
  repair: RepairAction | null
  /** Repaired by "Repair" without further choice. articleWithoutText is offered apart. */
  repairable: boolean
}

/** What the check reads of each table: ids and references, never texts. */
export type ArticleRef = Pick<Article, 'id' | 'title' | 'sha256'>
export type PassageRef = Pick<Passage, 'id' | 'articleId' | 'tagIds'>
export type TagRef = Pick<Tag, 'id' | 'name' | 'parentId'>
export type LinkRef = Pick<EventLink, 'id' | 'eventId' | 'passageId'>
export type DossierRef = Pick<Dossier, 'id' | 'title'> & {
  scope: Pick<Dossier['scope'], 'eventIds' | 'tagIds' | 'articleIds' | 'passageIds'>
}

/**
 * Collects the tables page by page (any order), then tells what is inconsistent. Holds ids and
 * references only, so that 100,000 articles fit comfortably.
 */
export class IntegrityScanner {
  private readonly articles = new Map<string, { title: string; sha256: string }>()
  private readonly textIds = new Set<string>()
  private readonly passages: PassageRef[] = []
  private readonly tags = new Map<string, TagRef>()
  private readonly eventIds = new Set<string>()
  private readonly links: LinkRef[] = []
  private readonly dossiers: DossierRef[] = []

  addArticles(page: readonly ArticleRef[]): void {
    for (const a of page) this.articles.set(a.id, { title: a.title, sha256: a.sha256 })
  }
  addTextIds(ids: readonly string[]): void {
    for (const id of ids) this.textIds.add(id)
  }
  addPassages(page: readonly PassageRef[]): void {
    for (const p of page) this.passages.push({ id: p.id, articleId: p.articleId, tagIds: p.tagIds })
  }
  addTags(page: readonly TagRef[]): void {
    for (const t of page) this.tags.set(t.id, { id: t.id, name: t.name, parentId: t.parentId })
  }
  addEventIds(ids: readonly string[]): void {
    for (const id of ids) this.eventIds.add(id)
  }
  addLinks(page: readonly LinkRef[]): void {
    for (const l of page) this.links.push({ id: l.id, eventId: l.eventId, passageId: l.passageId })
  }
  addDossiers(page: readonly DossierRef[]): void {
    for (const d of page) this.dossiers.push(d)
  }

  findings(): Finding[] {
    const out: Finding[] = []
    const bySha = new Map<string, string>()
    for (const [id, { title, sha256 }] of this.articles) {
      if (!this.textIds.has(id))
        out.push(finding('articleWithoutText', 'articles', id, title, [], 'delete', false))
      const other = bySha.get(sha256)
      if (other !== undefined)
        out.push(finding('duplicateText', 'articles', id, title, [other], null, false))
      else bySha.set(sha256, id)
    }
    for (const id of this.textIds)
      if (!this.articles.has(id))
        out.push(finding('textWithoutArticle', 'articleTexts', id, '', [id], 'delete', true))

    const livePassages = new Set<string>()
    for (const p of this.passages) {
      if (!this.articles.has(p.articleId)) {
        out.push(
          finding('passageWithoutArticle', 'passages', p.id, '', [p.articleId], 'delete', true)
        )
        continue
      }
      livePassages.add(p.id)
      const missing = p.tagIds.filter((tagId) => !this.tags.has(tagId))
      if (missing.length)
        out.push(
          finding('passageMissingTags', 'passages', p.id, '', missing, 'removeMissingTags', true)
        )
    }
    for (const l of this.links) {
      const missing = [
        ...(this.eventIds.has(l.eventId) ? [] : [l.eventId]),
        // A link to a passage about to be deleted goes with it: it is not kept dangling.
        ...(livePassages.has(l.passageId) ? [] : [l.passageId])
      ]
      if (missing.length)
        out.push(finding('linkWithoutEnds', 'links', l.id, '', missing, 'delete', true))
    }
    out.push(...this.tagFindings())
    const allPassages = new Set(this.passages.map((p) => p.id))
    for (const d of this.dossiers) {
      const { eventIds, tagIds, articleIds, passageIds } = d.scope
      const missing = [
        ...eventIds.filter((id) => !this.eventIds.has(id)),
        ...tagIds.filter((id) => !this.tags.has(id)),
        ...articleIds.filter((id) => !this.articles.has(id)),
        ...passageIds.filter((id) => !allPassages.has(id))
      ]
      if (missing.length)
        out.push(finding('dossierMissingRecords', 'dossiers', d.id, d.title, missing, null, false))
    }
    return out
  }

  private tagFindings(): Finding[] {
    const out: Finding[] = []
    for (const tag of this.tags.values())
      if (tag.parentId !== null && !this.tags.has(tag.parentId))
        out.push(
          finding(
            'tagMissingParent',
            'tags',
            tag.id,
            tag.name,
            [tag.parentId],
            'makeTopLevel',
            true
          )
        )
    // A loop of parents: walk up from each tag; a tag met twice closes a loop. The loop is
    // reported once, on its smallest id, so that one repair breaks it.
    const settled = new Set<string>()
    for (const start of this.tags.values()) {
      const path: string[] = []
      const onPath = new Set<string>()
      let current: TagRef | undefined = start
      while (current && !settled.has(current.id) && !onPath.has(current.id)) {
        path.push(current.id)
        onPath.add(current.id)
        current = current.parentId === null ? undefined : this.tags.get(current.parentId)
      }
      if (current && onPath.has(current.id)) {
        const loop = path.slice(path.indexOf(current.id))
        const breakAt = [...loop].sort()[0]!
        const tag = this.tags.get(breakAt)!
        out.push(
          finding(
            'tagParentCycle',
            'tags',
            breakAt,
            tag.name,
            loop.filter((id) => id !== breakAt),
            'makeTopLevel',
            true
          )
        )
      }
      for (const id of path) settled.add(id)
    }
    return out
  }
}

function finding(
  kind: FindingKind,
  table: FindingTable,
  id: string,
  label: string,
  related: string[],
  repair: RepairAction | null,
  repairable: boolean
): Finding {
  return { kind, table, id, label, related, repair, repairable }
}

/** The whole check on records held in memory (tests, small archives). */
export function checkIntegrity(records: {
  articles: readonly ArticleRef[]
  textIds: readonly string[]
  passages: readonly PassageRef[]
  tags: readonly TagRef[]
  eventIds: readonly string[]
  links: readonly LinkRef[]
  dossiers: readonly DossierRef[]
}): Finding[] {
  const scanner = new IntegrityScanner()
  scanner.addArticles(records.articles)
  scanner.addTextIds(records.textIds)
  scanner.addPassages(records.passages)
  scanner.addTags(records.tags)
  scanner.addEventIds(records.eventIds)
  scanner.addLinks(records.links)
  scanner.addDossiers(records.dossiers)
  return scanner.findings()
}

/** The writes that repair a set of findings, table by table. */
export interface RepairPlan {
  deleteArticles: string[]
  deleteTexts: string[]
  deletePassages: string[]
  deleteLinks: string[]
  /** Passage id → the tag ids to take off it. */
  removeTags: Map<string, string[]>
  makeTopLevel: string[]
}

/**
 * The plan for the repairable findings, plus the articles without text when `deleteArticles` is
 * set (the user chose it). Deleting an article takes its passages, and their links, along.
 */
export function repairPlan(
  findings: readonly Finding[],
  { deleteArticles = false } = {}
): RepairPlan {
  const plan: RepairPlan = {
    deleteArticles: [],
    deleteTexts: [],
    deletePassages: [],
    deleteLinks: [],
    removeTags: new Map(),
    makeTopLevel: []
  }
  for (const f of findings) {
    if (f.kind === 'articleWithoutText' && deleteArticles) plan.deleteArticles.push(f.id)
    if (!f.repairable) continue
    if (f.kind === 'textWithoutArticle') plan.deleteTexts.push(f.id)
    else if (f.kind === 'passageWithoutArticle') plan.deletePassages.push(f.id)
    else if (f.kind === 'linkWithoutEnds') plan.deleteLinks.push(f.id)
    else if (f.kind === 'passageMissingTags') plan.removeTags.set(f.id, f.related)
    else if (f.repair === 'makeTopLevel') plan.makeTopLevel.push(f.id)
  }
  return plan
}

/** How many findings of each kind, for the summary line. */
export function countFindings(findings: readonly Finding[]): Partial<Record<FindingKind, number>> {
  const counts: Partial<Record<FindingKind, number>> = {}
  for (const f of findings) counts[f.kind] = (counts[f.kind] ?? 0) + 1
  return counts
}
