// The record schemas accept every record of the sample archive as it is, and refuse a broken one
// with a phrase naming the field.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sampleDossier, sampleSnapshot } from '../../../test/dossier/test-fixture'
import {
  RECORD_SCHEMAS,
  ArticleSchema,
  ArticleTextSchema,
  checkRecord,
  DossierSchema,
  EventLinkSchema,
  PassageSchema,
  SettingSchema,
  TagSchema,
  TimelineEventSchema
} from './record-schemas'

function problem(schema: Parameters<typeof checkRecord>[0], value: unknown): string {
  const result = checkRecord(schema, value)
  if (result.ok) throw new Error('accepted')
  return result.problem
}

describe('record schemas', () => {
  it('accept every record of the sample archive unchanged', async () => {
    const snapshot = await sampleSnapshot()
    const pairs: [Parameters<typeof checkRecord>[0], readonly unknown[]][] = [
      [ArticleSchema, snapshot.articles],
      [PassageSchema, snapshot.passages],
      [TagSchema, snapshot.tags],
      [TimelineEventSchema, snapshot.events],
      [EventLinkSchema, snapshot.links],
      [DossierSchema, [sampleDossier()]],
      [
        ArticleTextSchema,
        [...snapshot.texts].map(([articleId, text]) => ({
          articleId,
          text,
          paragraphs: [{ start: 0, end: text.length }]
        }))
      ],
      [
        SettingSchema,
        [
          { key: 'author', value: 'Camille' },
          { key: 'x', value: { a: [1, null] } }
        ]
      ]
    ]
    let count = 0
    for (const [schema, records] of pairs) {
      for (const record of records) {
        const result = checkRecord(schema, structuredClone(record))
        expect(result).toEqual({ ok: true, value: record })
        count++
      }
    }
    expect(count).toBeGreaterThan(20)
  })

  it('refuse with the field and the fault', async () => {
    const snapshot = await sampleSnapshot()
    const passage = snapshot.passages[0]!
    const noNote: Record<string, unknown> = { ...passage }
    delete noNote['note']
    expect(problem(PassageSchema, noNote)).toBe('note is missing')
    expect(problem(PassageSchema, { ...passage, quote: { ...passage.quote, exact: '' } })).toBe(
      'quote.exact is empty'
    )
    expect(problem(PassageSchema, { ...passage, tagIds: ['ok', 3] })).toBe(
      'tagIds[1] is not a string'
    )
    expect(problem(PassageSchema, { ...passage, tagIds: ['a/b'] })).toMatch(
      /^tagIds\[0\] is not a valid id/
    )
    expect(
      problem(PassageSchema, { ...passage, position: { ...passage.position, start: 9, end: 3 } })
    ).toBe('position.end is before start')
    expect(problem(PassageSchema, { ...passage, anchor: { ...passage.anchor, score: 2 } })).toBe(
      'anchor.score is out of range [0, 1]'
    )
    expect(problem(PassageSchema, { ...passage, updatedAt: 'yesterday' })).toBe(
      'updatedAt is not an ISO timestamp ("yesterday")'
    )
    expect(problem(PassageSchema, [passage])).toBe('not an object')
    const article = snapshot.articles[0]!
    expect(problem(ArticleSchema, { ...article, sourceFormat: 'exe' })).toBe(
      'sourceFormat is not one of txt, md, html, pdf, docx, image, paste ("exe")'
    )
    expect(
      problem(ArticleSchema, {
        ...article,
        published: { value: '2017-02-30', precision: 'day', qualifier: 'stated' }
      })
    ).toBe('published.value is not a day-precision ISO date ("2017-02-30")')
    expect(problem(ArticleSchema, { ...article, textLength: 1.5 })).toBe(
      'textLength is not a whole number'
    )
    const tag = snapshot.tags[0]!
    expect(problem(TagSchema, { ...tag, color: 'red' })).toBe('color is not #rrggbb ("red")')
    expect(problem(TagSchema, { ...tag, parentId: tag.id })).toBe('parentId is the tag itself')
    expect(problem(TagSchema, { ...tag, name: '   ' })).toBe('name is blank')
    expect(problem(TagSchema, { ...tag, mergedInto: tag.id })).toBe('mergedInto is the tag itself')
    expect(problem(TagSchema, { ...tag, mergedInto: 'a/b' })).toMatch(
      /^mergedInto is not a valid id/
    )
    const event = snapshot.events[0]!
    expect(
      problem(TimelineEventSchema, {
        ...event,
        date: { start: '2016-13', precision: 'month', approximate: false }
      })
    ).toMatch(/^date\.start makes an invalid date/)
    expect(
      problem(DossierSchema, { ...sampleDossier(), sections: ['introduction', 'cover'] })
    ).toBe('sections[1] is not a section ("cover")')
    expect(problem(SettingSchema, { key: '', value: 1 })).toBe('key is empty')
  })

  it('keep a merged tag’s redirect, and add none to a live tag', () => {
    const tag = {
      id: 't',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      author: '',
      name: 'Acteurs',
      parentId: null,
      color: '#aabbcc',
      description: ''
    }
    const live = checkRecord(TagSchema, tag)
    expect(live.ok && Object.keys(live.value)).not.toContain('mergedInto')
    const redirect = checkRecord(TagSchema, { ...tag, mergedInto: 'u' })
    expect(redirect.ok && redirect.value.mergedInto).toBe('u')
  })

  it('keep who created and who changed each kind of record, and add neither where absent', async () => {
    const snapshot = await sampleSnapshot()
    const records: [Parameters<typeof checkRecord>[0], Record<string, unknown>][] = [
      [ArticleSchema, { ...snapshot.articles[0]! }],
      [PassageSchema, { ...snapshot.passages[0]! }],
      [TagSchema, { ...snapshot.tags[0]! }],
      [TimelineEventSchema, { ...snapshot.events[0]! }],
      [EventLinkSchema, { ...snapshot.links[0]! }],
      [DossierSchema, { ...sampleDossier() }]
    ]
    for (const [schema, record] of records) {
      const old = checkRecord(schema, record)
      expect(old).toEqual({ ok: true, value: record })
      expect(old.ok && Object.keys(old.value as object)).not.toContain('createdBy')
      expect(old.ok && Object.keys(old.value as object)).not.toContain('changedBy')
      const stamped = { ...record, createdBy: 'ana', changedBy: 'Bruno Dupont' }
      expect(checkRecord(schema, structuredClone(stamped))).toEqual({ ok: true, value: stamped })
      expect(problem(schema, { ...record, changedBy: 7 })).toBe('changedBy is not a string')
      expect(problem(schema, { ...record, createdBy: 'x'.repeat(201) })).toBe(
        'createdBy is longer than 200 characters'
      )
    }
  })

  it('keep known fields only, and never let a __proto__ key through', () => {
    const tag = JSON.parse(
      '{"id":"t","createdAt":"2026-01-01T00:00:00.000Z","updatedAt":"2026-01-01T00:00:00.000Z",' +
        '"author":"","name":"Acteurs","parentId":null,"color":"#aabbcc","description":"",' +
        '"extra":1,"__proto__":{"polluted":true}}'
    ) as unknown
    const result = checkRecord(TagSchema, tag)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(Object.keys(result.value)).not.toContain('extra')
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('never throw on hostile input: a record of its type, or a phrase naming the fault', async () => {
    const snapshot = await sampleSnapshot()
    const bases: Record<string, Record<string, unknown>> = {
      articles: snapshot.articles[0]! as never,
      passages: snapshot.passages[0]! as never,
      tags: snapshot.tags[0]! as never,
      events: snapshot.events[0]! as never,
      links: snapshot.links[0]! as never,
      dossiers: sampleDossier() as never,
      settings: { key: 'k', value: 1 },
      articleTexts: { articleId: 'a', text: 'x', paragraphs: [{ start: 0, end: 1 }] },
      scanPages: {
        id: 'a:0',
        articleId: 'a',
        page: 0,
        width: 40,
        height: 20,
        mime: 'image/jpeg',
        image: 'AAAA',
        words: [{ start: 0, end: 1, x: 0, y: 0, w: 4, h: 4, c: 90 }],
        source: 'ocr',
        start: 0
      }
    }
    const tables = Object.keys(RECORD_SCHEMAS) as (keyof typeof RECORD_SCHEMAS)[]
    // A field of a valid record replaced, dropped, or the whole record replaced by anything.
    const hostile = fc.constantFrom(...tables).chain((table) =>
      fc.tuple(
        fc.constant(table),
        fc.oneof(
          fc.anything(),
          fc
            .tuple(fc.constantFrom(...Object.keys(bases[table]!)), fc.anything(), fc.boolean())
            .map(([key, value, drop]) => {
              const record: Record<string, unknown> = { ...bases[table]! }
              if (drop) delete record[key]
              else record[key] = value
              return record
            })
        )
      )
    )
    let refused = 0
    fc.assert(
      fc.property(hostile, ([table, value]) => {
        const result = checkRecord(RECORD_SCHEMAS[table], value)
        if (result.ok) expect(typeof result.value).toBe('object')
        else {
          refused++
          expect(result.problem).toMatch(/^(not an object|[\w.[\]]+ .+)$/)
        }
      }),
      { numRuns: 1000 }
    )
    expect(refused).toBeGreaterThan(500)
  })
})
