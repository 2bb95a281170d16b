// Schemas of every record the archive stores, for whatever comes from outside (bundles, backups):
// each field checked for its type and shape, the record rebuilt from known fields only, so that
// nothing malformed reaches the archive. A refusal names the field and what is wrong with it.
import * as v from 'valibot'
import type { AnchorStatus, TextPositionSelector } from '../anchoring/types'
import type { Dossier, DossierOrder, DossierSearch } from '../dossier/types'
import { DOSSIER_SECTIONS } from '../dossier/types'
import { validateEventDate } from '../timeline/event-dates'
import type { EventDate, EventLink, EventStatus, LinkRole, TimelineEvent } from '../timeline/types'
import type { Article, ArticleText, PublishedDate, SourceFormat } from './article'
import { MAX_ATTRIBUTION_LENGTH } from './attribution'
import { isTagColor, tagNameKey } from './codebook'
import type { Passage, Tag } from './passage'
import { parseUserDate } from './published-date'
import type { ScanPage } from '../scan/types'

// What `Date.prototype.toISOString` writes, and the same with an offset: anything else may sort
// or compare wrongly, and updatedAt decides who wins a merge.
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/
const SHA256 = /^[0-9a-f]{64}$/
// Ids become zip entry names (`texts/<id>.txt`): no separators, no control characters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const ID = /^[^/\\\u0000-\u001f\u007f]{1,200}$/

const shown = (value: unknown): string => {
  const json = JSON.stringify(value)
  return json === undefined ? String(value) : json.length > 80 ? `${json.slice(0, 77)}…` : json
}

// ---------------------------------------------------------------------------------------------
// Fields

export const stringField = () => v.string('is not a string')

export const nonEmptyField = () => v.pipe(stringField(), v.nonEmpty('is empty'))

export const booleanField = () => v.boolean('is not true or false')

export const numberField = (min: number, max: number) =>
  v.pipe(
    v.number('is not a number'),
    v.check((n) => Number.isFinite(n) && n >= min && n <= max, `is out of range [${min}, ${max}]`)
  )

/** A whole number from 0 (lengths, offsets, counts). */
export const countField = () =>
  v.pipe(numberField(0, Number.MAX_SAFE_INTEGER), v.integer('is not a whole number'))

export const idField = () =>
  v.pipe(
    stringField(),
    v.regex(ID, (issue) => `is not a valid id (${shown(issue.input)})`)
  )

export const timestampField = () =>
  v.pipe(
    stringField(),
    v.check(
      (s) => TIMESTAMP.test(s) && !Number.isNaN(Date.parse(s)),
      (issue) => `is not an ISO timestamp (${shown(issue.input)})`
    )
  )

export const sha256Field = () =>
  v.pipe(stringField(), v.regex(SHA256, 'is not a SHA-256 (64 lowercase hex digits)'))

export const oneOfField = <const T extends readonly string[]>(values: T) =>
  v.picklist(values, (issue) => `is not one of ${values.join(', ')} (${shown(issue.input)})`)

export const listField = <T extends v.GenericSchema>(item: T) => v.array(item, 'is not a list')

export const stringsField = () => listField(stringField())

export const idsField = () => listField(idField())

export const objectField = <T extends v.ObjectEntries>(entries: T) =>
  v.object(entries, 'is not an object')

/** `2017`, `2017-11` or `2017-11-14`, a real date; null allowed. */
export const nullableDayField = () =>
  v.nullable(
    v.pipe(
      stringField(),
      v.check((s) => parseUserDate(s) !== null && s === s.trim(), 'is not an ISO date')
    )
  )

/** A check on a whole object whose failure names one of its fields. */
const fieldCheck = <T extends object>(
  key: keyof T & string,
  test: (value: T) => boolean,
  message: string | ((value: T) => string)
) =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed || test(dataset.value)) return
    const input = dataset.value as Record<string, unknown>
    addIssue({
      message: typeof message === 'string' ? message : message(dataset.value),
      path: [{ type: 'object', origin: 'value', input, key, value: input[key] }]
    })
  })

const stamps = {
  id: idField(),
  createdAt: timestampField(),
  updatedAt: timestampField()
}

/** A person's name as a record names them: a short string, never a place to store data. */
const nameField = () =>
  v.pipe(
    stringField(),
    v.maxLength(MAX_ATTRIBUTION_LENGTH, `is longer than ${MAX_ATTRIBUTION_LENGTH} characters`)
  )

/**
 * Who created a record and who last changed it (see attribution.ts): optional, absent in records
 * written before and where the name is unknown; an absent field stays absent (no key is added).
 */
const attribution = {
  createdBy: v.optional(nameField()),
  changedBy: v.optional(nameField())
}

const PRECISIONS = ['year', 'month', 'day'] as const

// ---------------------------------------------------------------------------------------------
// Records

const SOURCE_FORMATS = [
  'txt',
  'md',
  'html',
  'pdf',
  'docx',
  'image',
  'paste'
] as const satisfies readonly SourceFormat[]
const QUALIFIERS = [
  'stated',
  'inferred',
  'notBefore'
] as const satisfies readonly PublishedDate['qualifier'][]

const publishedDateSchema = v.pipe(
  objectField({
    value: stringField(),
    precision: oneOfField(PRECISIONS),
    qualifier: oneOfField(QUALIFIERS)
  }),
  fieldCheck<PublishedDate>(
    'value',
    (d) => {
      const parsed = parseUserDate(d.value)
      return parsed !== null && parsed.value === d.value && parsed.precision === d.precision
    },
    (d) => `is not a ${d.precision}-precision ISO date (${shown(d.value)})`
  )
)

export const ArticleSchema = objectField({
  ...stamps,
  ...attribution,
  title: stringField(),
  outlet: stringField(),
  author: stringField(),
  published: v.nullable(publishedDateSchema),
  language: nonEmptyField(),
  sourceName: stringField(),
  sourceFormat: oneOfField(SOURCE_FORMATS),
  importedAt: timestampField(),
  sha256: sha256Field(),
  textLength: countField(),
  paragraphCount: countField(),
  scan: v.optional(
    objectField({
      pages: countField(),
      recognisedPages: countField(),
      language: stringField(),
      confidence: countField()
    })
  )
})

const spanSchema = v.pipe(
  objectField({ start: countField(), end: countField() }),
  fieldCheck<{ start: number; end: number }>('end', (s) => s.end >= s.start, 'is before start')
)

export const ArticleTextSchema = objectField({
  articleId: idField(),
  text: stringField(),
  paragraphs: listField(spanSchema)
})

const ANCHOR_STATUSES = [
  'exact',
  'moved',
  'fuzzy',
  'orphan'
] as const satisfies readonly AnchorStatus[]

export const PassageSchema = objectField({
  ...stamps,
  ...attribution,
  author: stringField(),
  articleId: idField(),
  tagIds: idsField(),
  note: stringField(),
  quote: objectField({
    type: v.literal('TextQuoteSelector', 'is not TextQuoteSelector'),
    exact: nonEmptyField(),
    prefix: stringField(),
    suffix: stringField()
  }),
  position: v.pipe(
    objectField({
      type: v.literal('TextPositionSelector', 'is not TextPositionSelector'),
      start: countField(),
      end: countField()
    }),
    fieldCheck<TextPositionSelector>('end', (s) => s.end >= s.start, 'is before start')
  ),
  anchor: v.pipe(
    objectField({
      status: oneOfField(ANCHOR_STATUSES),
      start: countField(),
      end: countField(),
      score: numberField(0, 1),
      textSha256: sha256Field()
    }),
    fieldCheck<Passage['anchor']>('end', (s) => s.end >= s.start, 'is before start')
  )
})

export const TagSchema = v.pipe(
  objectField({
    ...stamps,
    ...attribution,
    author: stringField(),
    name: stringField(),
    parentId: v.nullable(idField()),
    color: stringField(),
    description: stringField(),
    // A tag merged into another stays as a redirect (see tag-redirects.ts); absent on live tags.
    mergedInto: v.optional(idField())
  }),
  fieldCheck<Tag>('name', (t) => tagNameKey(t.name) !== '', 'is blank'),
  fieldCheck<Tag>(
    'color',
    (t) => isTagColor(t.color),
    (t) => `is not #rrggbb (${shown(t.color)})`
  ),
  fieldCheck<Tag>('parentId', (t) => t.parentId !== t.id, 'is the tag itself'),
  fieldCheck<Tag>('mergedInto', (t) => t.mergedInto !== t.id, 'is the tag itself')
)

const eventDateSchema = v.pipe(
  objectField({
    start: stringField(),
    end: v.optional(stringField()),
    precision: oneOfField(PRECISIONS),
    approximate: booleanField(),
    time: v.optional(stringField()),
    timeZone: v.optional(stringField())
  }),
  fieldCheck<EventDate>(
    'start',
    (d) => validateEventDate(d).length === 0,
    (d) => `makes an invalid date (${validateEventDate(d).join(', ')})`
  )
)

const EVENT_STATUSES = [
  'confirmed',
  'disputed',
  'unverified'
] as const satisfies readonly EventStatus[]

export const TimelineEventSchema = objectField({
  ...stamps,
  ...attribution,
  author: stringField(),
  title: stringField(),
  date: v.nullable(eventDateSchema),
  place: stringField(),
  participants: stringsField(),
  description: stringField(),
  status: oneOfField(EVENT_STATUSES)
})

const LINK_ROLES = ['reports', 'contradicts', 'mentions'] as const satisfies readonly LinkRole[]

export const EventLinkSchema = objectField({
  ...stamps,
  ...attribution,
  author: stringField(),
  eventId: idField(),
  passageId: idField(),
  role: oneOfField(LINK_ROLES),
  note: stringField()
})

const ORDERS = ['timeline', 'tag', 'source'] as const satisfies readonly DossierOrder[]

/** A dossier scope's saved search (absent in records written before it existed). */
const dossierSearchSchema = objectField({
  name: stringField(),
  text: stringField(),
  filter: objectField({
    kinds: v.optional(stringsField()),
    outlets: v.optional(stringsField()),
    languages: v.optional(stringsField()),
    tagIds: v.optional(idsField()),
    eventIds: v.optional(idsField()),
    from: v.optional(nullableDayField()),
    to: v.optional(nullableDayField()),
    annotated: v.optional(booleanField())
  }),
  passageIds: idsField()
})

export const DossierSchema = objectField({
  ...stamps,
  ...attribution,
  author: stringField(),
  title: stringField(),
  subtitle: stringField(),
  authors: stringsField(),
  introduction: stringField(),
  scope: objectField({
    eventIds: idsField(),
    tagIds: idsField(),
    articleIds: idsField(),
    outlets: stringsField(),
    from: nullableDayField(),
    to: nullableDayField(),
    passageIds: idsField(),
    search: v.optional(v.nullable(dossierSearchSchema))
  }),
  order: oneOfField(ORDERS),
  options: objectField({
    notes: booleanField(),
    matrix: booleanField(),
    timelineFigure: booleanField(),
    appendix: booleanField(),
    highlightInAppendix: booleanField()
  }),
  sections: listField(
    v.picklist(DOSSIER_SECTIONS, (issue) => `is not a section (${shown(issue.input)})`)
  ),
  language: v.optional(oneOfField(['fr', 'en'] as const))
})

/** A JSON value: what a setting may hold (anything `JSON.stringify` writes back the same). */
const jsonValue: v.GenericSchema<unknown> = v.lazy(() =>
  v.union(
    [
      v.null(),
      v.string(),
      v.boolean(),
      v.pipe(v.number(), v.finite()),
      v.array(jsonValue),
      v.record(v.string(), jsonValue)
    ],
    'is not a JSON value'
  )
)

const scanWordSchema = objectField({
  start: countField(),
  end: countField(),
  x: countField(),
  y: countField(),
  w: countField(),
  h: countField(),
  c: v.pipe(countField(), v.maxValue(100, 'is over 100'))
})

export const ScanPageSchema = objectField({
  id: nonEmptyField(),
  articleId: idField(),
  page: countField(),
  width: countField(),
  height: countField(),
  mime: v.pipe(
    stringField(),
    v.regex(/^(?:image\/(?:jpeg|png|webp))?$/, 'is not a page image type')
  ),
  image: v.pipe(stringField(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64')),
  words: listField(scanWordSchema),
  source: v.picklist(['ocr', 'text'], 'is neither ocr nor text'),
  start: v.optional(countField())
})

export const SettingSchema = objectField({
  key: v.pipe(nonEmptyField(), v.maxLength(200, 'is longer than 200 characters')),
  value: jsonValue
})

// Each schema gives exactly the stored type (checked at compile time).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const sameTypes: [
  Same<v.InferOutput<typeof ArticleSchema>, Article>,
  Same<v.InferOutput<typeof ArticleTextSchema>, ArticleText>,
  Same<v.InferOutput<typeof PassageSchema>, Passage>,
  Same<v.InferOutput<typeof TagSchema>, Tag>,
  Same<v.InferOutput<typeof TimelineEventSchema>, TimelineEvent>,
  Same<v.InferOutput<typeof EventLinkSchema>, EventLink>,
  Same<v.InferOutput<typeof ScanPageSchema>, ScanPage>,
  Same<NonNullable<v.InferOutput<typeof dossierSearchSchema>>, DossierSearch>
] = [true, true, true, true, true, true, true, true]
void sameTypes
// The dossier's search filter is a typed object where the record says Record<string, unknown>.
const dossierFits: (d: v.InferOutput<typeof DossierSchema>) => Dossier = (d) => d
void dossierFits

/** The schema of each archive table's records, by Dexie table name. */
export const RECORD_SCHEMAS = {
  articles: ArticleSchema,
  articleTexts: ArticleTextSchema,
  settings: SettingSchema,
  passages: PassageSchema,
  tags: TagSchema,
  events: TimelineEventSchema,
  links: EventLinkSchema,
  dossiers: DossierSchema,
  scanPages: ScanPageSchema
} as const satisfies Record<string, v.GenericSchema>

export type RecordTable = keyof typeof RECORD_SCHEMAS

// ---------------------------------------------------------------------------------------------
// Checking

/** One issue as a phrase naming its field: `quote.exact is missing`, `tagIds[2] is not a string`. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  let path = ''
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key
    path += typeof key === 'number' ? `[${key}]` : path === '' ? String(key) : `.${String(key)}`
  }
  const missing =
    issue.kind === 'schema' &&
    issue.type === 'object' &&
    (issue.path?.at(-1) as { origin?: string } | undefined)?.origin === 'key'
  const problem = missing ? 'is missing' : issue.message
  return path === '' ? problem : `${path} ${problem}`
}

export type RecordCheck<T> = { ok: true; value: T } | { ok: false; problem: string }

/**
 * Checks one record against its schema: the record rebuilt from known fields only, or the first
 * problem found as a phrase naming its field. Never throws on any input.
 */
export function checkRecord<S extends v.GenericSchema>(
  schema: S,
  value: unknown
): RecordCheck<v.InferOutput<S>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, problem: 'not an object' }
  }
  const result = v.safeParse(schema, value, { abortEarly: true, abortPipeEarly: true })
  if (result.success) return { ok: true, value: result.output }
  return { ok: false, problem: describeIssue(result.issues[0]) }
}
