// A batch import goes on past failures, reports each file with its reason, and stops on cancel
// keeping what was already imported.
import { describe, expect, it } from 'vitest'
import type { Article } from './article'
import { importBatch, summarize, type BatchProgress } from './import-batch'
import { ImportError, type ImportSource, type ImportedArticle } from '../import/types'

const source = (name: string): ImportSource => ({ name, bytes: new Uint8Array([65]) })

function fakeImported(name: string): ImportedArticle {
  return {
    text: name,
    paragraphs: [],
    meta: { title: name, outlet: '', author: '', published: null, language: 'fr' },
    sourceName: name,
    sourceFormat: 'txt',
    sha256: name
  }
}

describe('importBatch', () => {
  it('imports what it can and reports duplicates and failures with their reasons', async () => {
    const stored: string[] = []
    const progress: BatchProgress[] = []
    const report = await importBatch(
      [source('a.txt'), source('bad.pdf'), source('dup.txt'), source('b.txt')],
      {
        parse: async (s) => {
          if (s.name === 'bad.pdf')
            throw new ImportError('corrupt', s.name, 'Invalid PDF structure')
          return fakeImported(s.name)
        },
        store: async (imported) => {
          if (imported.sourceName === 'dup.txt')
            throw new ImportError('duplicate', 'dup.txt', 'Premier titre')
          stored.push(imported.sourceName)
          return { id: imported.sourceName, title: imported.meta.title } as Article
        },
        onProgress: (p) => progress.push(p)
      }
    )
    expect(stored).toEqual(['a.txt', 'b.txt'])
    expect(summarize(report)).toEqual({ imported: 2, duplicates: 1, failed: 1, newer: 0 })
    expect(report.outcomes[1]).toEqual({
      status: 'failed',
      name: 'bad.pdf',
      code: 'corrupt',
      detail: 'Invalid PDF structure'
    })
    expect(report.outcomes[2]).toEqual({
      status: 'duplicate',
      name: 'dup.txt',
      existingTitle: 'Premier titre'
    })
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4])
    expect(report.cancelled).toBe(false)
  })

  it('stops at the next file when cancelled, keeping the files before', async () => {
    const controller = new AbortController()
    const stored: string[] = []
    const report = await importBatch([source('1.txt'), source('2.txt'), source('3.txt')], {
      parse: async (s) => fakeImported(s.name),
      store: async (imported) => {
        stored.push(imported.sourceName)
        if (stored.length === 1) controller.abort()
        return { id: imported.sourceName } as Article
      },
      signal: controller.signal
    })
    expect(report.cancelled).toBe(true)
    expect(stored).toEqual(['1.txt'])
    expect(report.outcomes).toHaveLength(1)
  })

  it('offers a changed text from a known source as a newer version instead of storing it', async () => {
    const stored: string[] = []
    const report = await importBatch([source('article.html'), source('new.txt')], {
      parse: async (s) => fakeImported(s.name),
      findPrevious: async (imported) =>
        imported.sourceName === 'article.html' ? { id: 'a1', title: 'Ancien titre' } : undefined,
      store: async (imported) => {
        stored.push(imported.sourceName)
        return { id: imported.sourceName } as Article
      }
    })
    expect(stored).toEqual(['new.txt'])
    expect(report.outcomes[0]).toMatchObject({
      status: 'newerVersion',
      articleId: 'a1',
      existingTitle: 'Ancien titre'
    })
    expect(summarize(report)).toMatchObject({ imported: 1, newer: 1 })
  })

  it('reports an unexpected exception as an unknown failure instead of stopping', async () => {
    const report = await importBatch([source('x.txt'), source('y.txt')], {
      parse: async (s) => {
        if (s.name === 'x.txt') throw new TypeError('boom')
        return fakeImported(s.name)
      },
      store: async (imported) => ({ id: imported.sourceName }) as Article
    })
    expect(report.outcomes[0]).toEqual({
      status: 'failed',
      name: 'x.txt',
      code: 'unknown',
      detail: 'boom'
    })
    expect(report.outcomes[1]?.status).toBe('imported')
  })
})
