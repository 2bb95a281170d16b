// Reading Web Annotation positions in both units: code points (the W3C model, our files now, any
// other tool) and UTF-16 code units (our files written before, whose note says so); empty quotes refused.
import { describe, expect, it } from 'vitest'
import { astralDocument } from '../../../test/dossier/test-fixture'
import type { ArchiveRecords } from './bundle'
import { recordsFromAnnotations } from './import-external'
import { readIncomingFile } from './read-incoming'
import { AnnotationImportError, parseWebAnnotations, renderWebAnnotations } from './render-jsonld'
import type { ArchiveSnapshot } from './types'

type Json = Record<string, unknown>

const context = { now: '2026-02-02T00:00:00.000Z', author: 'Receiver', newId: nextId() }

function nextId(): () => string {
  let n = 0
  return () => `new-${++n}`
}

/** The archive that receives the file: the articles and events, no passage, tag or link. */
function receiverOf(snapshot: ArchiveSnapshot): ArchiveRecords {
  return { ...snapshot, passages: [], tags: [], links: [], dossiers: [] }
}

function items(collection: Json): Json[] {
  return (collection.first as { items: Json[] }).items
}

/** The collection as a file written before this change: UTF-16 offsets, and the note saying so. */
function inUtf16(collection: Json, snapshot: ArchiveSnapshot): Json {
  const copy = structuredClone(collection)
  copy['liasse:offsetUnit'] = 'utf16CodeUnit'
  for (const annotation of items(copy)) {
    const target = annotation.target as { source: Json; selector: Json[] }
    const passage = snapshot.passages.find((p) => annotation.id === `urn:liasse:${p.id}`)!
    for (const selector of target.selector) {
      if (selector.type !== 'TextPositionSelector') continue
      selector.start = passage.anchor.start
      selector.end = passage.anchor.end
    }
  }
  return copy
}

describe('Web Annotation positions on import', () => {
  it('reads our code point positions and our older UTF-16 ones onto the same words', async () => {
    const { doc, snapshot } = await astralDocument()
    const current = renderWebAnnotations(doc, { articleTexts: snapshot.texts })
    const older = inUtf16(current, snapshot)
    expect(parseWebAnnotations(current).offsetUnit).toBe('codePoint')
    expect(parseWebAnnotations(older).offsetUnit).toBe('utf16CodeUnit')
    for (const file of [current, older]) {
      const { records, orphaned } = recordsFromAnnotations(
        parseWebAnnotations(JSON.stringify(file)),
        receiverOf(snapshot),
        context
      )
      expect(orphaned).toBe(1) // the fixture's orphan, and only it
      for (const original of snapshot.passages) {
        const back = records.passages.find((p) => p.id === original.id)!
        expect(back.quote.exact).toBe(original.quote.exact)
        if (original.anchor.status === 'orphan') continue
        // The position kept with the passage is in the archive's own unit, on the same words.
        expect(back.anchor).toMatchObject({ status: 'exact', start: original.anchor.start })
        expect(back.position).toEqual({
          type: 'TextPositionSelector',
          start: original.anchor.start,
          end: original.anchor.end
        })
      }
    }
  })

  it("reads another tool's positions as code points, the note's UTF-16 only from our files", async () => {
    const { doc, snapshot } = await astralDocument()
    const current = renderWebAnnotations(doc, { articleTexts: snapshot.texts })
    // Another tool: no note, or a note in the full IRI after a JSON-LD processor expanded it.
    const foreign = structuredClone(current)
    delete foreign['liasse:offsetUnit']
    expect(parseWebAnnotations(foreign).offsetUnit).toBe('codePoint')
    const expandedNote = structuredClone(inUtf16(current, snapshot))
    delete expandedNote['liasse:offsetUnit']
    expandedNote['https://liasse.invalid/ns#offsetUnit'] = [{ '@value': 'utf16CodeUnit' }]
    expect(parseWebAnnotations(expandedNote).offsetUnit).toBe('utf16CodeUnit')

    // Positions alone (no quote): only the right unit lands on the right words.
    const positionsOnly = (file: Json): Json => {
      const copy = structuredClone(file)
      for (const annotation of items(copy)) {
        const target = annotation.target as { selector: Json[] }
        target.selector = target.selector.filter((s) => s.type === 'TextPositionSelector')
      }
      copy.first = {
        ...(copy.first as Json),
        items: items(copy).filter((a) => (a.target as { selector: Json[] }).selector.length > 0)
      }
      return copy
    }
    for (const file of [foreign, inUtf16(current, snapshot)]) {
      const { records } = recordsFromAnnotations(
        parseWebAnnotations(positionsOnly(file)),
        receiverOf(snapshot),
        context
      )
      expect(records.passages.length).toBe(snapshot.passages.length - 1)
      for (const back of records.passages) {
        const original = snapshot.passages.find((p) => p.id === back.id)!
        expect(back.quote.exact).toBe(original.quote.exact)
        expect(back.anchor.start).toBe(original.anchor.start)
      }
    }
  })

  it('refuses an annotation quoting nothing (empty exact) with its own error, naming it', async () => {
    const { doc, snapshot } = await astralDocument()
    const file = renderWebAnnotations(doc, { articleTexts: snapshot.texts })
    const victim = items(file)[2]!
    const selector = (victim.target as { selector: Json[] }).selector
    selector.find((s) => s.type === 'TextQuoteSelector')!.exact = ''
    const read = (): unknown => parseWebAnnotations(JSON.stringify(file))
    expect(read).toThrow(AnnotationImportError)
    try {
      read()
    } catch (error) {
      expect((error as AnnotationImportError).code).toBe('emptyExact')
      expect((error as AnnotationImportError).detail).toBe(victim.id)
    }
    // Through the same door as the app: refused whole, not an empty orphan passage.
    const bytes = new TextEncoder().encode(JSON.stringify(file))
    await expect(
      readIncomingFile({ fileName: 'a.jsonld', bytes }, receiverOf(snapshot), context)
    ).rejects.toMatchObject({ name: 'AnnotationImportError', code: 'emptyExact' })
  })
})
