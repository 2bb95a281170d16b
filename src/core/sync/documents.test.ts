// Records as CouchDB documents: ids, bodies, and what a server sends checked like any file.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { article, sampleArticles } from '../../../test/timeline/test-fixture'
import {
  bodyOf,
  canonicalJson,
  docIdOf,
  recordOfDoc,
  splitDocId,
  TEXT_ATTACHMENT,
  TEXT_INLINE_MAX,
  unwireDoc,
  wireBody
} from './documents'

describe('document ids', () => {
  it('are <type>:<key>, and only those name a record', () => {
    expect(docIdOf('articles', 'a1')).toBe('article:a1')
    expect(docIdOf('articleTexts', 'a1')).toBe('text:a1')
    expect(splitDocId('passage:p:1')).toEqual({ table: 'passages', key: 'p:1' })
    expect(splitDocId('_design/liasse')).toBeNull()
    expect(splitDocId('_local/abc')).toBeNull()
    expect(splitDocId('setting:theme')).toBeNull()
    expect(splitDocId('article:')).toBeNull()
  })
})

describe('documents from a server', () => {
  const record = article('a1', { outlet: 'Le Monde', sha256: 'a'.repeat(64) })

  it('give back the record they were made from, without CouchDB fields', () => {
    const body = { ...bodyOf('articles', record), _id: 'article:a1', _rev: '1-x', _revisions: {} }
    const checked = recordOfDoc('article:a1', body)
    expect(checked).toEqual({ ok: true, table: 'articles', key: 'a1', record })
  })

  it('are refused with the reason when their type, key or fields are wrong', () => {
    const body = bodyOf('articles', record)
    expect(recordOfDoc('article:a2', body)).toEqual({
      ok: false,
      problem: 'article:a2: its id does not match the document id'
    })
    expect(recordOfDoc('passage:a1', body)).toMatchObject({
      ok: false,
      problem: 'passage:a1: its type is not passage'
    })
    expect(recordOfDoc('article:a1', { ...body, title: 42 })).toMatchObject({
      ok: false,
      problem: 'article:a1: title is not a string'
    })
    expect(recordOfDoc('_design/x', body)).toMatchObject({ ok: false })
    expect(recordOfDoc('article:a1', null)).toMatchObject({ ok: false })
    expect(recordOfDoc(7, body)).toMatchObject({ ok: false })
  })

  it('never throw, and whatever passes is a valid record of its table', () => {
    const id = fc.oneof(
      fc.constantFrom('article:a1', 'text:a1', 'passage:p', 'tag:t', 'link:l', '_local/x'),
      fc.string()
    )
    fc.assert(
      fc.property(id, fc.jsonValue(), (docId, body) => {
        const checked = recordOfDoc(docId, body)
        if (checked.ok) expect(splitDocId(docId as string)?.table).toBe(checked.table)
        else expect(checked.problem.length).toBeGreaterThan(0)
      }),
      { numRuns: 500 }
    )
    // Real records survive the trip, mangled ones do not.
    for (const { article: sample } of sampleArticles()) {
      const a = { ...sample, sha256: 'b'.repeat(64) }
      expect(recordOfDoc(docIdOf('articles', a.id), bodyOf('articles', a)).ok).toBe(true)
      const mangled = { ...bodyOf('articles', a), importedAt: 'yesterday' }
      expect(recordOfDoc(docIdOf('articles', a.id), mangled).ok).toBe(false)
    }
  })
})

describe('canonical JSON', () => {
  it('does not depend on the order fields were written in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}'
    )
  })
})

describe('long texts on the wire', () => {
  it('travel as an attachment past TEXT_INLINE_MAX, and come back exactly', () => {
    const short = bodyOf('articleTexts', { articleId: 'a1', text: 'Court.', paragraphs: [] })
    expect(wireBody(short)).toBe(short)
    const text = 'É🇺🇸 '.repeat(Math.ceil((TEXT_INLINE_MAX + 1) / 5))
    const long = bodyOf('articleTexts', { articleId: 'a1', text, paragraphs: [] })
    const sent = wireBody(long)
    expect(sent.text).toBeUndefined()
    expect(sent._attachments).toMatchObject({
      [TEXT_ATTACHMENT]: { content_type: 'text/plain;charset=utf-8' }
    })
    expect(unwireDoc(sent as Record<string, unknown>)).toMatchObject({ text })
    const broken = { ...sent, _attachments: { [TEXT_ATTACHMENT]: { data: btoa('\xff\xfe\xfd') } } }
    expect(() => unwireDoc(broken)).toThrow()
  })
})
