// Work from other tools turned into Liasse records, ready for the same merge as a bundle: a
// REFI-QDA project (its texts, codebook and codings) and W3C Web Annotations on our articles.
import { describeSpan } from '../anchoring/describe'
import { resolveAnchor } from '../anchoring/resolve'
import type { Article } from '../archive/article'
import { isTagColor, nextTagColor, tagPath } from '../archive/codebook'
import type { Passage, Tag } from '../archive/passage'
import { anchorFromResolution } from '../archive/passages'
import { deriveMetadata } from '../import/metadata'
import { normalizeText } from '../text/normalize'
import type { ArchiveRecords } from './bundle'
import { localId, OFFSET_UNIT_UTF16, type ImportedAnnotations } from './render-jsonld'
import { CodePointMap, type ImportedQdpx } from './render-qdpx'

export interface ExternalContext {
  /** ISO timestamp for records the file does not date. */
  now: string
  /** Settings' name, for records the file does not attribute. */
  author: string
  newId: () => string
  sha256: (text: string) => Promise<string>
}

const UUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i

/** A GUID from the file as our id (lower case, no braces): importing again merges, not doubles. */
function idFrom(guid: string, ctx: ExternalContext): string {
  const match = UUID.exec(guid.trim())
  return match ? match[1]!.toLowerCase() : ctx.newId()
}

function isoOr(value: string | null, fallback: string): string {
  return value && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : fallback
}

function emptyRecords(): ArchiveRecords & { texts: Map<string, string> } {
  return {
    articles: [],
    texts: new Map<string, string>(),
    passages: [],
    tags: [],
    events: [],
    links: [],
    dossiers: []
  }
}

export interface QdpxRecords {
  records: ArchiveRecords
  /** Codings whose text could not be placed in the normalized text (kept as orphans). */
  orphaned: number
}

/**
 * A REFI-QDA project as Liasse records: each text source an article (its text normalized as on
 * import; each coding described on the file's text, then anchored in the normalized one, so that
 * normalization never shifts a passage), codes as tags with their hierarchy, codings as passages.
 */
export async function recordsFromQdpx(
  project: ImportedQdpx,
  ctx: ExternalContext
): Promise<QdpxRecords> {
  const records = emptyRecords()
  const userName = new Map(project.users.map((u) => [u.guid, u.name]))
  const tagIds = new Map(project.codes.map((code) => [code.guid, idFrom(code.guid, ctx)]))
  for (const code of project.codes) {
    const color =
      code.color && isTagColor(code.color.toLowerCase())
        ? code.color.toLowerCase()
        : nextTagColor(records.tags)
    records.tags.push({
      id: tagIds.get(code.guid)!,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      author: ctx.author,
      name: code.name.trim() || code.guid,
      parentId: code.parentGuid ? (tagIds.get(code.parentGuid) ?? null) : null,
      color,
      description: code.description
    })
  }
  let orphaned = 0
  const sources = new Map<string, { article: Article; raw: string; text: string }>()
  for (const source of project.sources) {
    const text = normalizeText(source.text)
    if (!text) continue
    const meta = deriveMetadata(text)
    const article: Article = {
      ...meta,
      title: source.name.trim() || meta.title,
      id: idFrom(source.guid, ctx),
      createdAt: ctx.now,
      updatedAt: ctx.now,
      sourceName: `${project.name || 'REFI-QDA'}: ${source.name}`,
      sourceFormat: 'txt',
      importedAt: ctx.now,
      sha256: await ctx.sha256(text),
      textLength: text.length,
      paragraphCount: text.split(/\n{2,}/).filter((p) => p.trim()).length
    }
    records.articles.push(article)
    records.texts.set(article.id, text)
    sources.set(source.guid, { article, raw: source.text, text })
  }
  for (const selection of project.selections) {
    const source = sources.get(selection.sourceGuid)
    if (!source || selection.end <= selection.start) continue
    const described = describeSpan(source.raw, selection.start, selection.end)
    const resolution = resolveAnchor(source.text, described)
    if (resolution.status === 'orphan') orphaned += 1
    const stamp = isoOr(selection.created, ctx.now)
    const passage: Passage = {
      id: idFrom(selection.guid, ctx),
      createdAt: stamp,
      updatedAt: stamp,
      author: (selection.creatingUser && userName.get(selection.creatingUser)) || ctx.author,
      articleId: source.article.id,
      tagIds: selection.codeGuids.flatMap((guid) => (tagIds.has(guid) ? [tagIds.get(guid)!] : [])),
      note: selection.description,
      quote: described.quote,
      position:
        resolution.status === 'orphan'
          ? described.position
          : { type: 'TextPositionSelector', start: resolution.start, end: resolution.end },
      anchor: anchorFromResolution(resolution, source.article.sha256)
    }
    records.passages.push(passage)
  }
  return { records, orphaned }
}

export interface AnnotationRecords {
  records: ArchiveRecords
  /** Annotations on documents this archive does not hold (their ids or URLs). */
  unknownSources: string[]
  /** Annotations placed nowhere in their article's text (kept as orphans, listed for re-attaching). */
  orphaned: number
}

/**
 * Web Annotations on articles of this archive as passages: found by the target's id (ours) and
 * anchored from their selectors like any passage; tags matched by path ("Parent › Child") or
 * created; links kept when their event exists here. Annotations on other documents are counted.
 */
export function recordsFromAnnotations(
  imported: ImportedAnnotations,
  receiver: ArchiveRecords,
  ctx: Omit<ExternalContext, 'sha256'>
): AnnotationRecords {
  const records = emptyRecords()
  const articles = new Map(receiver.articles.map((a) => [a.id, a]))
  const events = new Set(receiver.events.map((e) => e.id))
  const tagsByPath = new Map(receiver.tags.map((t) => [tagPath(receiver.tags, t.id), t]))
  const unknownSources: string[] = []
  let orphaned = 0

  const tagFor = (path: string): string => {
    const names = path
      .split('›')
      .map((n) => n.trim())
      .filter(Boolean)
    let parent = null as Tag | null
    let sofar = ''
    for (const name of names) {
      sofar = sofar ? `${sofar} › ${name}` : name
      let tag = tagsByPath.get(sofar)
      if (!tag) {
        tag = {
          id: ctx.newId(),
          createdAt: ctx.now,
          updatedAt: ctx.now,
          author: ctx.author,
          name,
          parentId: parent?.id ?? null,
          color: nextTagColor([...receiver.tags, ...records.tags]),
          description: ''
        }
        records.tags.push(tag)
        tagsByPath.set(sofar, tag)
      }
      parent = tag
    }
    return parent!.id
  }

  const inUtf16 = imported.offsetUnit === OFFSET_UNIT_UTF16
  const maps = new Map<string, CodePointMap>()
  /**
   * The file's position in the text's UTF-16 offsets: as it is in our earlier files, converted
   * from code points otherwise. Past the text's end it stays as given: the quote decides then.
   */
  const toUtf16 = (articleId: string, text: string, start: number, end: number) => {
    if (inUtf16) return { type: 'TextPositionSelector' as const, start, end }
    let map = maps.get(articleId)
    if (!map) maps.set(articleId, (map = new CodePointMap(text)))
    return {
      type: 'TextPositionSelector' as const,
      start: map.toUtf16(start) ?? start,
      end: map.toUtf16(end) ?? end
    }
  }

  for (const annotation of imported.annotations) {
    const article = articles.get(localId(annotation.source))
    const text = article ? receiver.texts.get(article.id) : undefined
    if (!article || text === undefined) {
      unknownSources.push(annotation.source)
      continue
    }
    const position = annotation.position
      ? toUtf16(article.id, text, annotation.position.start, annotation.position.end)
      : null
    const quote =
      annotation.quote ??
      (position
        ? describeSpan(text, Math.max(0, position.start), Math.min(text.length, position.end)).quote
        : null)
    if (!quote) {
      unknownSources.push(annotation.source)
      continue
    }
    const selectors = {
      quote,
      position: position ?? { type: 'TextPositionSelector' as const, start: 0, end: 0 }
    }
    const resolution = resolveAnchor(text, selectors)
    if (resolution.status === 'orphan') orphaned += 1
    const created = isoOr(annotation.created, ctx.now)
    const id = annotation.id ? localId(annotation.id) : ''
    const passage: Passage = {
      id: id && !/[:/]/.test(id) ? id : ctx.newId(),
      createdAt: created,
      updatedAt: isoOr(annotation.modified, created),
      author: annotation.creator ?? ctx.author,
      articleId: article.id,
      tagIds: [...new Set(annotation.tags.filter((t) => t.trim()).map(tagFor))],
      note: annotation.notes.join('\n\n'),
      quote: selectors.quote,
      position: selectors.position,
      anchor: anchorFromResolution(resolution, article.sha256)
    }
    records.passages.push(passage)
    for (const link of annotation.links) {
      const eventId = localId(link.target)
      if (!events.has(eventId)) continue
      const role = link.role === 'contradicts' || link.role === 'mentions' ? link.role : 'reports'
      records.links.push({
        id: ctx.newId(),
        createdAt: created,
        updatedAt: created,
        author: passage.author,
        eventId,
        passageId: passage.id,
        role,
        note: link.note ?? ''
      })
    }
  }
  return { records, unknownSources, orphaned }
}
