// The schema of a trash entry, for backups read back in: each record it holds is checked with the
// schema of its own table, so that nothing malformed reaches the archive through a restore.
import * as v from 'valibot'
import {
  ArticleSchema,
  ArticleTextSchema,
  DossierSchema,
  EventLinkSchema,
  PassageSchema,
  TagSchema,
  TimelineEventSchema,
  idField,
  idsField,
  listField,
  objectField,
  oneOfField,
  stringField,
  timestampField
} from './record-schemas'
import type { TrashEntry } from './trash'

const KINDS = ['article', 'passage', 'tag', 'event', 'dossier'] as const

export const TrashEntrySchema = objectField({
  id: idField(),
  kind: oneOfField(KINDS),
  label: stringField(),
  deletedAt: timestampField(),
  records: objectField({
    articles: listField(ArticleSchema),
    articleTexts: listField(ArticleTextSchema),
    passages: listField(PassageSchema),
    tags: listField(TagSchema),
    events: listField(TimelineEventSchema),
    links: listField(EventLinkSchema),
    dossiers: listField(DossierSchema)
  }),
  patches: objectField({
    passageTagIds: listField(objectField({ passageId: idField(), tagIds: idsField() })),
    tagParents: listField(objectField({ tagId: idField(), parentId: v.nullable(idField()) }))
  })
})

// The schema's output is a TrashEntry: a field added to one and not the other fails to compile.
const entryFits: (e: v.InferOutput<typeof TrashEntrySchema>) => TrashEntry = (e) => e
void entryFits
