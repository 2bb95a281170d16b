// Strict readers for the records of a Liasse bundle: every field checked for its type and shape and
// the record rebuilt from known fields only, so that nothing malformed reaches the archive.
import type { Article, PublishedDate, SourceFormat } from '../archive/article'
import { isTagColor, tagNameKey } from '../archive/codebook'
import type { Passage, Tag } from '../archive/passage'
import { parseUserDate } from '../archive/published-date'
import type { AnchorStatus } from '../anchoring/types'
import { validateEventDate } from '../timeline/event-dates'
import type { EventDate, EventLink, EventStatus, LinkRole, TimelineEvent } from '../timeline/types'
import type { Dossier, DossierOrder, DossierSearch, DossierSectionKind } from './types'
import { DOSSIER_SECTIONS } from './types'

/** Why a bundle was refused; the UI translates the code (`bundle.error.<code>`). */
export type BundleImportErrorCode =
  'notZip' | 'notBundle' | 'newerVersion' | 'missingText' | 'badRecord'

export class BundleImportError extends Error {
  override readonly name = 'BundleImportError'
  constructor(
    readonly code: BundleImportErrorCode,
    /** Which file, record and field, for the log and the details pane; never the message shown. */
    readonly detail = ''
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`)
  }
}

export function badRecord(where: string, problem: string): never {
  throw new BundleImportError('badRecord', `${where}: ${problem}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// What `Date.prototype.toISOString` writes, and the same with an offset: anything else may sort
// or compare wrongly, and updatedAt decides who wins a merge.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/
const SHA256 = /^[0-9a-f]{64}$/
// Ids become zip entry names (`texts/<id>.txt`): no separators, no control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const ID = /^[^/\\\u0000-\u001f\u007f]{1,200}$/

/** A JSON object being read, and where it sits (`passages.json[3] "p-1"`) for error details. */
export class RecordReader {
  private constructor(
    private readonly value: Record<string, unknown>,
    private readonly where: string,
    private readonly prefix: string
  ) {}

  static of(value: unknown, where: string): RecordReader {
    if (!isObject(value)) badRecord(where, 'not an object')
    return new RecordReader(value, where, '')
  }

  fail(key: string, problem: string): never {
    badRecord(this.where, `${this.prefix}${key} ${problem}`)
  }

  has(key: string): boolean {
    return Object.hasOwn(this.value, key) && this.value[key] !== undefined
  }

  private raw(key: string): unknown {
    return Object.hasOwn(this.value, key) ? this.value[key] : undefined
  }

  private typed<T>(key: string, test: (v: unknown) => v is T, what: string): T {
    const value = this.raw(key)
    if (value === undefined) this.fail(key, 'is missing')
    if (!test(value)) this.fail(key, `is not ${what}`)
    return value
  }

  object(key: string): RecordReader {
    const value = this.typed(key, isObject, 'an object')
    return new RecordReader(value, this.where, `${this.prefix}${key}.`)
  }

  nullableObject(key: string): RecordReader | null {
    return this.raw(key) === null ? null : this.object(key)
  }

  string(key: string): string {
    return this.typed(key, (v): v is string => typeof v === 'string', 'a string')
  }

  nonEmpty(key: string): string {
    const value = this.string(key)
    if (value === '') this.fail(key, 'is empty')
    return value
  }

  boolean(key: string): boolean {
    return this.typed(key, (v): v is boolean => typeof v === 'boolean', 'true or false')
  }

  number(key: string, min: number, max: number): number {
    const value = this.typed(key, (v): v is number => typeof v === 'number', 'a number')
    if (!Number.isFinite(value) || value < min || value > max) {
      this.fail(key, `is out of range [${min}, ${max}]`)
    }
    return value
  }

  count(key: string): number {
    const value = this.number(key, 0, Number.MAX_SAFE_INTEGER)
    if (!Number.isInteger(value)) this.fail(key, 'is not a whole number')
    return value
  }

  id(key: string): string {
    const value = this.string(key)
    if (!ID.test(value)) this.fail(key, `is not a valid id (${JSON.stringify(value)})`)
    return value
  }

  nullableId(key: string): string | null {
    return this.raw(key) === null ? null : this.id(key)
  }

  timestamp(key: string): string {
    const value = this.string(key)
    if (!TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
      this.fail(key, `is not an ISO timestamp (${JSON.stringify(value)})`)
    }
    return value
  }

  sha256(key: string): string {
    const value = this.string(key)
    if (!SHA256.test(value)) this.fail(key, 'is not a SHA-256 (64 lowercase hex digits)')
    return value
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T {
    const value = this.string(key)
    if (!(values as readonly string[]).includes(value)) {
      this.fail(key, `is not one of ${values.join(', ')} (${JSON.stringify(value)})`)
    }
    return value as T
  }

  strings(key: string): string[] {
    const list = this.typed(key, Array.isArray, 'a list')
    list.forEach((item, index) => {
      if (typeof item !== 'string') this.fail(`${key}[${index}]`, 'is not a string')
    })
    return [...(list as string[])]
  }

  ids(key: string): string[] {
    const list = this.strings(key)
    list.forEach((item, index) => {
      if (!ID.test(item)) this.fail(`${key}[${index}]`, 'is not a valid id')
    })
    return list
  }

  /** `2017`, `2017-11` or `2017-11-14`, a real date; null allowed. */
  nullableDay(key: string): string | null {
    if (this.raw(key) === null) return null
    const value = this.string(key)
    if (!parseUserDate(value) || value !== value.trim()) this.fail(key, 'is not an ISO date')
    return value
  }
}

/** The id of a raw record, for error details before it is validated. */
export function recordWhere(file: string, index: number, value: unknown): string {
  const id = isObject(value) && typeof value['id'] === 'string' ? ` "${value['id']}"` : ''
  return `${file}[${index}]${id}`
}

const SOURCE_FORMATS: readonly SourceFormat[] = ['txt', 'md', 'html', 'pdf', 'docx', 'paste']
const QUALIFIERS: readonly PublishedDate['qualifier'][] = ['stated', 'inferred', 'notBefore']
const PRECISIONS = ['year', 'month', 'day'] as const
const ANCHOR_STATUSES: readonly AnchorStatus[] = ['exact', 'moved', 'fuzzy', 'orphan']
const EVENT_STATUSES: readonly EventStatus[] = ['confirmed', 'disputed', 'unverified']
const LINK_ROLES: readonly LinkRole[] = ['reports', 'contradicts', 'mentions']
const ORDERS: readonly DossierOrder[] = ['timeline', 'tag', 'source']

function stamps(r: RecordReader): { id: string; createdAt: string; updatedAt: string } {
  return {
    id: r.id('id'),
    createdAt: r.timestamp('createdAt'),
    updatedAt: r.timestamp('updatedAt')
  }
}

function publishedDate(r: RecordReader): PublishedDate {
  const value = r.string('value')
  const precision = r.oneOf('precision', PRECISIONS)
  const parsed = parseUserDate(value)
  if (!parsed || parsed.value !== value || parsed.precision !== precision) {
    r.fail('value', `is not a ${precision}-precision ISO date (${JSON.stringify(value)})`)
  }
  return { value, precision, qualifier: r.oneOf('qualifier', QUALIFIERS) }
}

export function readArticle(r: RecordReader): Article {
  const published = r.nullableObject('published')
  return {
    ...stamps(r),
    title: r.string('title'),
    outlet: r.string('outlet'),
    author: r.string('author'),
    published: published ? publishedDate(published) : null,
    language: r.nonEmpty('language'),
    sourceName: r.string('sourceName'),
    sourceFormat: r.oneOf('sourceFormat', SOURCE_FORMATS),
    importedAt: r.timestamp('importedAt'),
    sha256: r.sha256('sha256'),
    textLength: r.count('textLength'),
    paragraphCount: r.count('paragraphCount')
  }
}

export function readPassage(r: RecordReader): Passage {
  const quote = r.object('quote')
  if (quote.string('type') !== 'TextQuoteSelector') quote.fail('type', 'is not TextQuoteSelector')
  const position = r.object('position')
  if (position.string('type') !== 'TextPositionSelector') {
    position.fail('type', 'is not TextPositionSelector')
  }
  const start = position.count('start')
  const end = position.count('end')
  if (end < start) position.fail('end', 'is before start')
  const anchor = r.object('anchor')
  const anchorStart = anchor.count('start')
  const anchorEnd = anchor.count('end')
  if (anchorEnd < anchorStart) anchor.fail('end', 'is before start')
  return {
    ...stamps(r),
    author: r.string('author'),
    articleId: r.id('articleId'),
    tagIds: r.ids('tagIds'),
    note: r.string('note'),
    quote: {
      type: 'TextQuoteSelector',
      exact: quote.nonEmpty('exact'),
      prefix: quote.string('prefix'),
      suffix: quote.string('suffix')
    },
    position: { type: 'TextPositionSelector', start, end },
    anchor: {
      status: anchor.oneOf('status', ANCHOR_STATUSES),
      start: anchorStart,
      end: anchorEnd,
      score: anchor.number('score', 0, 1),
      textSha256: anchor.sha256('textSha256')
    }
  }
}

export function readTag(r: RecordReader): Tag {
  const tag: Tag = {
    ...stamps(r),
    author: r.string('author'),
    name: r.string('name'),
    parentId: r.nullableId('parentId'),
    color: r.string('color'),
    description: r.string('description')
  }
  if (tagNameKey(tag.name) === '') r.fail('name', 'is blank')
  if (!isTagColor(tag.color)) r.fail('color', `is not #rrggbb (${JSON.stringify(tag.color)})`)
  if (tag.parentId === tag.id) r.fail('parentId', 'is the tag itself')
  return tag
}

function eventDate(r: RecordReader): EventDate {
  const date: EventDate = {
    start: r.string('start'),
    precision: r.oneOf('precision', PRECISIONS),
    approximate: r.boolean('approximate')
  }
  if (r.has('end')) date.end = r.string('end')
  if (r.has('time')) date.time = r.string('time')
  if (r.has('timeZone')) date.timeZone = r.string('timeZone')
  const problems = validateEventDate(date)
  if (problems.length > 0) r.fail('start', `makes an invalid date (${problems.join(', ')})`)
  return date
}

export function readEvent(r: RecordReader): TimelineEvent {
  const date = r.nullableObject('date')
  return {
    ...stamps(r),
    author: r.string('author'),
    title: r.string('title'),
    date: date ? eventDate(date) : null,
    place: r.string('place'),
    participants: r.strings('participants'),
    description: r.string('description'),
    status: r.oneOf('status', EVENT_STATUSES)
  }
}

export function readLink(r: RecordReader): EventLink {
  return {
    ...stamps(r),
    author: r.string('author'),
    eventId: r.id('eventId'),
    passageId: r.id('passageId'),
    role: r.oneOf('role', LINK_ROLES),
    note: r.string('note')
  }
}

/** A dossier scope's saved search (absent in bundles written before it existed). */
function readSearch(scope: RecordReader): { search?: DossierSearch | null } {
  if (!scope.has('search')) return {}
  const search = scope.nullableObject('search')
  if (!search) return { search: null }
  const raw = search.object('filter')
  const filter: Record<string, unknown> = {}
  for (const key of ['kinds', 'outlets', 'languages'] as const) {
    if (raw.has(key)) filter[key] = raw.strings(key)
  }
  for (const key of ['tagIds', 'eventIds'] as const) if (raw.has(key)) filter[key] = raw.ids(key)
  for (const key of ['from', 'to'] as const) if (raw.has(key)) filter[key] = raw.nullableDay(key)
  if (raw.has('annotated')) filter['annotated'] = raw.boolean('annotated')
  return {
    search: {
      name: search.string('name'),
      text: search.string('text'),
      filter,
      passageIds: search.ids('passageIds')
    }
  }
}

export function readDossier(r: RecordReader): Dossier {
  const scope = r.object('scope')
  const options = r.object('options')
  const sections = r.strings('sections')
  sections.forEach((kind, index) => {
    if (!(DOSSIER_SECTIONS as readonly string[]).includes(kind)) {
      r.fail(`sections[${index}]`, `is not a section (${JSON.stringify(kind)})`)
    }
  })
  const dossier: Dossier = {
    ...stamps(r),
    author: r.string('author'),
    title: r.string('title'),
    subtitle: r.string('subtitle'),
    authors: r.strings('authors'),
    introduction: r.string('introduction'),
    scope: {
      eventIds: scope.ids('eventIds'),
      tagIds: scope.ids('tagIds'),
      articleIds: scope.ids('articleIds'),
      outlets: scope.strings('outlets'),
      from: scope.nullableDay('from'),
      to: scope.nullableDay('to'),
      passageIds: scope.ids('passageIds'),
      ...readSearch(scope)
    },
    order: r.oneOf('order', ORDERS),
    options: {
      notes: options.boolean('notes'),
      matrix: options.boolean('matrix'),
      timelineFigure: options.boolean('timelineFigure'),
      appendix: options.boolean('appendix'),
      highlightInAppendix: options.boolean('highlightInAppendix')
    },
    sections: sections as DossierSectionKind[]
  }
  if (r.has('language')) dossier.language = r.oneOf('language', ['fr', 'en'] as const)
  return dossier
}
