// Work coming from other tools: a REFI-QDA project and a W3C Web Annotation collection turned
// into Liasse records, passages landing on the very words they coded in the other tool.
import { createHash } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'
import { beforeAll, describe, expect, it } from 'vitest'
import { tagPath } from '../archive/codebook'
import type { ArchiveRecords } from './bundle'
import { recordsFromAnnotations, recordsFromQdpx, type ExternalContext } from './import-external'
import { parseWebAnnotations, renderWebAnnotationsJson } from './render-jsonld'
import { parseQdpx, renderQdpx, stableGuid } from './render-qdpx'
import { sampleDocument, sampleSnapshot } from '../../../test/dossier/test-fixture'
import type { ArchiveSnapshot, DossierDocument } from './types'

const NOW = '2026-03-01T09:00:00.000Z'

function context(): ExternalContext {
  let next = 0
  return {
    now: NOW,
    author: 'Receiver',
    newId: () => `new-${++next}`,
    sha256: async (text) => createHash('sha256').update(text).digest('hex')
  }
}

function spanText(records: ArchiveRecords, passageId: string): string {
  const passage = records.passages.find((p) => p.id === passageId)!
  expect(passage.anchor.status).not.toBe('orphan')
  if (passage.anchor.status === 'orphan') return ''
  return records.texts.get(passage.articleId)!.slice(passage.anchor.start, passage.anchor.end)
}

let doc: DossierDocument
let snapshot: ArchiveSnapshot

beforeAll(async () => {
  doc = await sampleDocument()
  snapshot = await sampleSnapshot()
})

describe('recordsFromQdpx', () => {
  it('turns our own REFI-QDA export back into the same articles, codebook and passages', async () => {
    const bytes = renderQdpx(doc, snapshot.texts, { now: NOW, userName: 'Camille' })
    const { records, orphaned } = await recordsFromQdpx(parseQdpx(bytes), context())

    expect(orphaned).toBe(0)
    expect(records.articles).toHaveLength(doc.citations.length)
    for (const citation of doc.citations) {
      const article = records.articles.find((a) => a.id === stableGuid(citation.articleId))!
      expect(article.title).toBe(citation.title)
      expect(records.texts.get(article.id)).toBe(snapshot.texts.get(citation.articleId))
    }

    // The codebook keeps its hierarchy and colours.
    const paths = records.tags.map((t) => tagPath(records.tags, t.id)).sort()
    const expected = snapshot.tags.map((t) => tagPath(snapshot.tags, t.id)).sort()
    expect(paths).toEqual(expected)
    for (const tag of snapshot.tags) {
      expect(records.tags.find((t) => t.id === stableGuid(tag.id))?.color).toBe(tag.color)
    }

    // Every anchored passage of the dossier comes back on the same words, with its codes.
    const anchored = doc.quotes.filter((q) => q.span)
    expect(anchored.length).toBeGreaterThan(3)
    for (const { passage, tags } of anchored) {
      const id = stableGuid(passage.id)
      expect(spanText(records, id)).toBe(passage.quote.exact)
      const back = records.passages.find((p) => p.id === id)!
      const names = back.tagIds.map((tagId) => records.tags.find((t) => t.id === tagId)!.name)
      expect(names.sort()).toEqual(tags.map((t) => t.name).sort())
    }
  })

  it('gives the same ids when the same project is imported twice (a merge, not a copy)', async () => {
    const bytes = renderQdpx(doc, snapshot.texts, { now: NOW, userName: 'Camille' })
    const first = await recordsFromQdpx(parseQdpx(bytes), context())
    const second = await recordsFromQdpx(parseQdpx(bytes), context())
    expect(second.records.passages.map((p) => p.id)).toEqual(
      first.records.passages.map((p) => p.id)
    )
    expect(second.records.tags.map((t) => t.id)).toEqual(first.records.tags.map((t) => t.id))
  })

  it("places another tool's codings on the right words although the text is normalized", async () => {
    // Windows line ends, double spaces and a tab: offsets count the file's text, code points.
    const raw = 'Titre\r\n\r\nLe  fils   du candidat\ta répondu 🙂 le 3 octobre.\r\nFin.'
    const codedWord = 'répondu'
    const start = [...raw.slice(0, raw.indexOf(codedWord))].length
    const end = start + [...codedWord].length
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Projet QualCoder">
  <Users><User guid="{AAAAAAAA-1111-4111-8111-111111111111}" name="Alex"/></Users>
  <CodeBook><Codes>
    <Code guid="{BBBBBBBB-2222-4222-8222-222222222222}" name="Réponses" isCodable="true" color="#FF7F0E">
      <Code guid="{CCCCCCCC-3333-4333-8333-333333333333}" name="Directes" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="DDDDDDDD-4444-4444-8444-444444444444" name="Entretien 1" plainTextPath="internal://entretien.txt">
      <PlainTextSelection guid="EEEEEEEE-5555-4555-8555-555555555555" startPosition="${start}" endPosition="${end}" creatingUser="AAAAAAAA-1111-4111-8111-111111111111" creationDateTime="2025-05-04T10:00:00Z">
        <Description>Une réponse</Description>
        <Coding guid="FFFFFFFF-6666-4666-8666-666666666666"><CodeRef targetGUID="CCCCCCCC-3333-4333-8333-333333333333"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`
    const bytes = zipSync({ 'project.qde': strToU8(xml), 'sources/entretien.txt': strToU8(raw) })
    const { records, orphaned } = await recordsFromQdpx(parseQdpx(bytes), context())

    expect(orphaned).toBe(0)
    const [article] = records.articles
    expect(article!.title).toBe('Entretien 1')
    expect(records.texts.get(article!.id)).toBe(
      'Titre\n\nLe fils du candidat a répondu 🙂 le 3 octobre.\nFin.'
    )
    const passage = records.passages[0]!
    expect(passage.id).toBe('eeeeeeee-5555-4555-8555-555555555555')
    expect(spanText(records, passage.id)).toBe(codedWord)
    expect(passage.author).toBe('Alex')
    expect(passage.note).toBe('Une réponse')
    expect(passage.createdAt).toBe('2025-05-04T10:00:00.000Z')
    const [parent, childTag] = [
      'bbbbbbbb-2222-4222-8222-222222222222',
      'cccccccc-3333-4333-8333-333333333333'
    ]
    expect(passage.tagIds).toEqual([childTag])
    expect(records.tags.find((t) => t.id === childTag)!.parentId).toBe(parent)
    expect(records.tags.find((t) => t.id === parent)!.color).toBe('#ff7f0e')
  })
})

describe('recordsFromAnnotations', () => {
  function receiver(): ArchiveRecords {
    // The same articles and events, none of the annotations yet, one tag already there.
    const actors = snapshot.tags.find((t) => t.parentId === null && t.name === 'Acteurs')!
    return {
      articles: snapshot.articles,
      texts: snapshot.texts,
      passages: [],
      tags: [actors],
      events: snapshot.events,
      links: [],
      dossiers: []
    }
  }

  it('anchors every annotation on the receiving archive, with its tags, note and event links', () => {
    const json = renderWebAnnotationsJson(doc, { articleTexts: snapshot.texts })
    const imported = parseWebAnnotations(JSON.parse(json))
    const target = receiver()
    const { records, unknownSources, orphaned } = recordsFromAnnotations(
      imported,
      target,
      context()
    )

    expect(unknownSources).toEqual([])
    const anchored = doc.quotes.filter((q) => q.span)
    expect(orphaned).toBe(doc.quotes.length - anchored.length)
    const all = { ...target, ...records, texts: snapshot.texts }
    for (const { passage, tags } of anchored) {
      expect(spanText(all, passage.id)).toBe(passage.quote.exact)
      const back = records.passages.find((p) => p.id === passage.id)!
      expect(back.note).toBe(passage.note)
      const paths = back.tagIds.map((id) => tagPath([...target.tags, ...records.tags], id)).sort()
      expect(paths).toEqual(tags.map((t) => t.path).sort())
    }
    // The existing parent tag is reused, not created twice.
    const actors = target.tags[0]!
    expect(records.tags.some((t) => t.name === 'Acteurs')).toBe(false)
    expect(records.tags.some((t) => t.parentId === actors.id)).toBe(true)
    // Links to events the receiver holds come along with their roles.
    const contradicting = snapshot.links.filter((l) => l.role === 'contradicts')
    expect(contradicting.length).toBeGreaterThan(0)
    for (const link of snapshot.links.filter((l) =>
      doc.quotes.some((q) => q.passage.id === l.passageId && q.span)
    )) {
      expect(
        records.links.some(
          (l) =>
            l.passageId === link.passageId && l.eventId === link.eventId && l.role === link.role
        )
      ).toBe(true)
    }
  })

  it('counts annotations on documents the archive does not hold and imports none of them', () => {
    const json = renderWebAnnotationsJson(doc, { articleTexts: snapshot.texts })
    const imported = parseWebAnnotations(JSON.parse(json))
    const missing = doc.quotes[0]!.article.id
    const target = receiver()
    target.articles = target.articles.filter((a) => a.id !== missing)
    const { records, unknownSources } = recordsFromAnnotations(imported, target, context())
    const onMissing = doc.quotes.filter((q) => q.article.id === missing).length
    expect(unknownSources).toHaveLength(onMissing)
    expect(records.passages.some((p) => p.articleId === missing)).toBe(false)
    expect(records.passages).toHaveLength(doc.quotes.length - onMissing)
  })
})
