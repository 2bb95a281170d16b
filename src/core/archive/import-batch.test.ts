// A batch import goes on past failures, reports each file with its reason, and stops on cancel
// keeping what was already imported.
import { describe, expect, it } from 'vitest'
import type { Article } from './article'
import {
  GROUP_FILES,
  importBatch,
  summarize,
  type BatchProgress,
  type GroupResult
} from './import-batch'
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

  describe('in groups (storeGroup)', () => {
    const stored = (imported: ImportedArticle): GroupResult => ({
      status: 'stored',
      article: { id: imported.sourceName, title: imported.meta.title } as Article
    })

    it('writes parsed files in groups, outcomes in file order, progress counting stored files', async () => {
      const groups: number[][] = []
      const progress: number[] = []
      const names = Array.from({ length: GROUP_FILES + 5 }, (_, i) => `${i}.txt`)
      const report = await importBatch(
        names.map((name) => source(name)),
        {
          parse: async (s) => {
            if (s.name === '3.txt') throw new ImportError('corrupt', s.name, 'bad')
            return fakeImported(s.name)
          },
          store: async () => {
            throw new Error('not one by one')
          },
          storeGroup: async (items) => {
            groups.push(items.map((item) => item.index))
            return items.map((item) =>
              item.index === 7
                ? { status: 'duplicate', existingTitle: 'Sept' }
                : stored(item.imported)
            )
          },
          onProgress: (p) => progress.push(p.done)
        }
      )
      expect(groups.length).toBeGreaterThanOrEqual(2)
      expect(groups.flat()).toEqual(names.map((_, i) => i).filter((i) => i !== 3))
      expect(report.outcomes.map((o) => o.name)).toEqual(names)
      expect(report.outcomes[3]).toMatchObject({ status: 'failed', code: 'corrupt' })
      expect(report.outcomes[7]).toEqual({
        status: 'duplicate',
        name: '7.txt',
        existingTitle: 'Sept'
      })
      expect(summarize(report)).toEqual({
        imported: names.length - 2,
        duplicates: 1,
        failed: 1,
        newer: 0
      })
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(progress.at(-1)).toBe(names.length)
    })

    it('a group refused whole is stored file by file: the bad file reported alone, the others kept', async () => {
      const alone: string[] = []
      const report = await importBatch([source('a.txt'), source('bad.txt'), source('c.txt')], {
        parse: async (s) => fakeImported(s.name),
        storeGroup: async (items) => {
          if (items.some((item) => item.imported.sourceName === 'bad.txt'))
            throw new Error('ConstraintError')
          return items.map((item) => stored(item.imported))
        },
        store: async (imported) => {
          if (imported.sourceName === 'bad.txt') throw new Error('ConstraintError')
          alone.push(imported.sourceName)
          return { id: imported.sourceName } as Article
        },
        findPrevious: async () => undefined
      })
      expect(alone).toEqual(['a.txt', 'c.txt'])
      expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'failed', 'imported'])
      expect(report.outcomes[1]).toMatchObject({ code: 'unknown', detail: 'ConstraintError' })
    })

    it('a full disk in a group: the files before it kept, the rest listed as not imported', async () => {
      const quota = new DOMException('full', 'QuotaExceededError')
      const report = await importBatch(
        ['a', 'b', 'c', 'd'].map((n) => source(`${n}.txt`)),
        {
          parse: async (s) => fakeImported(s.name),
          storeGroup: async () => {
            throw quota
          },
          store: async (imported) => {
            if (imported.sourceName === 'b.txt') throw quota
            return { id: imported.sourceName } as Article
          }
        }
      )
      expect(report.stopped).toBe('quota')
      expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'failed'])
      expect(report.notImported).toEqual(['c.txt', 'd.txt'])
    })

    it('cancelled: the files parsed before are stored, the next ones not tried', async () => {
      const controller = new AbortController()
      const parsed: string[] = []
      const report = await importBatch([source('1.txt'), source('2.txt'), source('3.txt')], {
        parse: async (s) => {
          parsed.push(s.name)
          if (parsed.length === 2) controller.abort()
          return fakeImported(s.name)
        },
        store: async () => {
          throw new Error('not one by one')
        },
        storeGroup: async (items) => items.map((item) => stored(item.imported)),
        signal: controller.signal
      })
      expect(report.cancelled).toBe(true)
      expect(parsed).toEqual(['1.txt', '2.txt'])
      expect(report.outcomes.map((o) => o.status)).toEqual(['imported', 'imported'])
    })
  })
})
