// The Liasse bundle on the sample archive: export and read back record for record, byte-stable
// output, merges that lose nothing of the receiver, and every refusal code with its culprit.
import { unzipSync, zipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import type { Article } from '../archive/article'
import { tagNameKey } from '../archive/codebook'
import type { Passage, Tag } from '../archive/passage'
import { newPassage, reanchorPassages } from '../archive/passages'
import { sha256Hex } from '../text/hash'
import { normalizeText, paragraphSpans } from '../text/normalize'
import type { EventLink, TimelineEvent } from '../timeline/types'
import { buildDossier, EMPTY_SCOPE, newDossier } from './build'
import {
  BundleImportError,
  bundleRecordsForDossier,
  exportBundle,
  readBundle,
  verifyBundleTexts,
  writeBundle,
  type ArchiveRecords
} from './bundle'
import { applyMergePlan, planMerge } from './bundle-merge'
import { receiverFor, recordsSource } from './merge-receiver'
import {
  attributedSnapshot,
  englishLabels,
  sampleDossier,
  sampleSnapshot
} from '../../../test/dossier/test-fixture'

const OPTIONS = { now: '2026-03-01T09:30:00.000Z', appVersion: '0.1.0' }
const OLDER = '2026-01-10T09:00:00.000Z'
const LATER = '2026-02-01T12:00:00.000Z'
const TABLES = ['articles', 'passages', 'tags', 'events', 'links', 'dossiers'] as const

async function archiveA(): Promise<ArchiveRecords> {
  return { ...(await sampleSnapshot()), dossiers: [sampleDossier()] }
}

function emptyArchive(): ArchiveRecords {
  return {
    articles: [],
    texts: new Map(),
    passages: [],
    tags: [],
    events: [],
    links: [],
    dossiers: []
  }
}

function sortedById<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (a.id < b.id ? -1 : 1))
}

function ids(list: readonly { id: string }[]): string[] {
  return list.map((r) => r.id).sort()
}

function expectSameArchive(actual: ArchiveRecords, expected: ArchiveRecords): void {
  for (const table of TABLES) {
    expect(sortedById<{ id: string }>(actual[table]), table).toStrictEqual(
      sortedById<{ id: string }>(expected[table])
    )
  }
  expect([...actual.texts].sort()).toStrictEqual([...expected.texts].sort())
}

function clone(archive: ArchiveRecords): ArchiveRecords {
  return { ...structuredClone({ ...archive, texts: null }), texts: new Map(archive.texts) }
}

/** Every merge planned by a test, checked afterwards against the receiver read in part. */
const planned: { receiver: ArchiveRecords; incoming: ArchiveRecords }[] = []

/** The records in id order, as the archive's tables hand them out. */
function inIdOrder(archive: ArchiveRecords): ArchiveRecords {
  return {
    articles: sortedById(archive.articles),
    texts: archive.texts,
    passages: sortedById(archive.passages),
    tags: sortedById(archive.tags),
    events: sortedById(archive.events),
    links: sortedById(archive.links),
    dossiers: sortedById(archive.dossiers)
  }
}

// The app plans on what receiverFor reads of the receiver, not on the whole archive: every merge
// of these tests gives the same plan both ways.
afterEach(async () => {
  for (const { receiver, incoming } of planned.splice(0)) {
    const part = await receiverFor(recordsSource(receiver), incoming)
    expect(planMerge(part, incoming)).toStrictEqual(planMerge(inIdOrder(receiver), incoming))
  }
})

function merge(receiver: ArchiveRecords, incoming: ArchiveRecords) {
  const contents = readBundle(writeBundle(incoming, OPTIONS))
  planned.push({ receiver: clone(receiver), incoming: contents })
  const plan = planMerge(receiver, contents)
  return { plan, result: applyMergePlan(receiver, plan) }
}

/** Unzips a bundle, lets `edit` change its files, zips it again. */
function rezip(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes)
  edit(files)
  return zipSync(files)
}

function editJson(files: Record<string, Uint8Array>, name: string, edit: (v: never) => void): void {
  const value = JSON.parse(new TextDecoder().decode(files[name])) as never
  edit(value)
  files[name] = new TextEncoder().encode(JSON.stringify(value))
}

function importError(run: () => unknown): BundleImportError {
  try {
    run()
  } catch (error) {
    if (error instanceof BundleImportError) return error
    throw error
  }
  throw new Error('no BundleImportError')
}

describe('exportBundle and readBundle', () => {
  it('round trip: archive A into an empty archive B gives A record for record, and the same bytes again', async () => {
    const a = await archiveA()
    const bytes = exportBundle({ dossier: null, snapshot: a }, OPTIONS)
    const contents = readBundle(bytes)
    await verifyBundleTexts(contents)
    expect(contents.manifest).toMatchObject({
      format: 'liasse-bundle',
      version: 1,
      exportedAt: OPTIONS.now,
      appVersion: '0.1.0',
      scope: { kind: 'archive' },
      counts: { articles: 5, texts: 5, tags: 3, passages: 7, events: 4, links: 6, dossiers: 1 }
    })
    expect(contents.manifest.texts[0]).toEqual({
      articleId: 'article-1',
      path: 'texts/article-1.txt',
      sha256: a.articles[0]!.sha256,
      length: a.texts.get('article-1')!.length
    })
    expect(contents.unresolved).toEqual([])

    const empty = emptyArchive()
    const plan = planMerge(empty, contents)
    const b = applyMergePlan(empty, plan)
    expectSameArchive(b, a)
    expect(plan.conflicts).toEqual([])
    expect(plan.summary.passages).toMatchObject({ incoming: 7, added: 7, unchanged: 0 })
    expect(plan.put.texts.map((t) => t.paragraphs)).toEqual(
      plan.put.texts.map((t) => paragraphSpans(t.text))
    )

    expect(exportBundle({ dossier: null, snapshot: b }, OPTIONS)).toEqual(bytes)
  })

  it('carries who created and who changed each record, and adds neither where there was none', async () => {
    const snapshot = await attributedSnapshot()
    const a: ArchiveRecords = {
      ...snapshot,
      tags: snapshot.tags.map((t) => ({ ...t, createdBy: 'ana', changedBy: 'bruno' })),
      dossiers: [{ ...sampleDossier(), createdBy: 'bruno', changedBy: 'ana' }]
    }
    const contents = readBundle(exportBundle({ dossier: null, snapshot: a }, OPTIONS))
    await verifyBundleTexts(contents)
    const empty = emptyArchive()
    const b = applyMergePlan(empty, planMerge(empty, contents))
    expectSameArchive(b, a)
    for (const table of TABLES) {
      expect(b[table].length, table).toBeGreaterThan(0)
      for (const record of b[table]) {
        expect(record, table).toMatchObject({
          createdBy: expect.any(String),
          changedBy: expect.any(String)
        })
      }
    }
    // A bundle of records written before carries no such field, and none appears on reading.
    const plain = readBundle(exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS))
    for (const table of TABLES) {
      for (const record of plain[table]) {
        expect(Object.keys(record), table).not.toContain('createdBy')
        expect(Object.keys(record), table).not.toContain('changedBy')
      }
    }
  })

  it('writes the same bytes whatever the order of records and of their keys', async () => {
    const a = await archiveA()
    const shuffled: ArchiveRecords = {
      ...a,
      articles: [...a.articles].reverse(),
      passages: a.passages.map((p) => Object.fromEntries(Object.entries(p).reverse()) as Passage),
      tags: [...a.tags].reverse()
    }
    expect(writeBundle(shuffled, OPTIONS)).toEqual(writeBundle(a, OPTIONS))
    const files = unzipSync(writeBundle(a, OPTIONS))
    expect(Object.keys(files)[0]).toBe('manifest.json')
    expect(new TextDecoder().decode(files['texts/article-2.txt'])).toBe(a.texts.get('article-2'))
  })

  it('a dossier bundle holds the dossier, its passages, cited articles, tags with ancestors, links and events', async () => {
    const snapshot = await sampleSnapshot()
    const dossier = sampleDossier({ scope: { ...EMPTY_SCOPE, tagIds: ['t-wikileaks'] } })
    const contents = readBundle(exportBundle({ dossier, snapshot }, OPTIONS))
    expect(ids(contents.passages)).toEqual(['p-atlantic3', 'p-son'])
    expect(ids(contents.articles)).toEqual(['article-2', 'article-4'])
    expect([...contents.texts.keys()].sort()).toEqual(['article-2', 'article-4'])
    // t-actors is on no selected passage: it comes as the parent of t-wikileaks.
    expect(ids(contents.tags)).toEqual(['t-actors', 't-wikileaks'])
    expect(ids(contents.links)).toEqual(['l-2', 'l-4'])
    expect(ids(contents.events)).toEqual(['e-atlantic', 'e-campaign'])
    expect(contents.dossiers).toEqual([dossier])
    expect(contents.manifest.scope).toEqual({
      kind: 'dossier',
      dossierId: 'd-1',
      title: dossier.title
    })
    expect(contents.unresolved).toEqual([])

    // A scope's saved search travels with the dossier, checked like the rest.
    const searching = sampleDossier({
      scope: {
        ...EMPTY_SCOPE,
        search: {
          name: 'Fils',
          text: '"fils aîné" -clinton',
          filter: { outlets: [''], from: '2017', annotated: true },
          passageIds: ['p-son']
        }
      }
    })
    const withSearch = readBundle(exportBundle({ dossier: searching, snapshot }, OPTIONS))
    expect(withSearch.dossiers).toEqual([searching])
    expect(ids(withSearch.passages)).toEqual(['p-son'])

    // From the resolved document, the same records.
    const doc = buildDossier(dossier, snapshot, { labels: englishLabels(), now: OPTIONS.now })
    const fromDoc = bundleRecordsForDossier(doc, snapshot)
    expect(ids(fromDoc.passages)).toEqual(['p-atlantic3', 'p-son'])
    expect(ids(fromDoc.tags)).toEqual(['t-actors', 't-wikileaks'])
  })

  it('an articles bundle holds those articles with their passages, tags, links and events', async () => {
    const snapshot = await sampleSnapshot()
    const contents = readBundle(
      exportBundle({ dossier: null, snapshot, articleIds: ['article-1'] }, OPTIONS)
    )
    expect(ids(contents.articles)).toEqual(['article-1'])
    expect(ids(contents.passages)).toEqual(['p-clinton', 'p-father', 'p-orphan'])
    expect(ids(contents.tags)).toEqual(['t-actors', 't-requests'])
    expect(ids(contents.links)).toEqual(['l-5', 'l-6'])
    expect(ids(contents.events)).toEqual(['e-campaign', 'e-undated'])
    expect(contents.dossiers).toEqual([])
  })
})

describe('readBundle refuses, whole, with a code and the culprit', () => {
  it('notZip: truncated bytes, or no zip at all', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    expect(importError(() => readBundle(bytes.slice(0, bytes.length / 2))).code).toBe('notZip')
    expect(importError(() => readBundle(new TextEncoder().encode('hello'))).code).toBe('notZip')
    expect(importError(() => readBundle(new Uint8Array(0))).code).toBe('notZip')
  })

  it('notBundle: no manifest, or a manifest of another format', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    const noManifest = importError(() =>
      readBundle(rezip(bytes, (files) => delete files['manifest.json']))
    )
    expect(noManifest.code).toBe('notBundle')
    expect(noManifest.detail).toContain('manifest.json')
    const other = importError(() =>
      readBundle(
        rezip(bytes, (files) =>
          editJson(files, 'manifest.json', (m: { format: string }) => (m.format = 'other'))
        )
      )
    )
    expect(other.code).toBe('notBundle')
    expect(other.detail).toContain('"other"')
  })

  it('newerVersion: a bundle from a later Liasse', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    const error = importError(() =>
      readBundle(
        rezip(bytes, (files) =>
          editJson(files, 'manifest.json', (m: { version: number }) => (m.version = 99))
        )
      )
    )
    expect(error.code).toBe('newerVersion')
    expect(error.detail).toContain('99')
  })

  it('missingText: an article without its text file', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    const error = importError(() =>
      readBundle(rezip(bytes, (files) => delete files['texts/article-3.txt']))
    )
    expect(error.code).toBe('missingText')
    expect(error.detail).toContain('texts/article-3.txt')
  })

  it('badRecord: a passage with a missing field, a wrong type, a bad date, a count that lies', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    const passageEdit = (edit: (p: Record<string, unknown>) => void) =>
      importError(() =>
        readBundle(
          rezip(bytes, (files) =>
            editJson(files, 'passages.json', (list: Record<string, unknown>[]) =>
              edit(list.find((p) => p['id'] === 'p-son')!)
            )
          )
        )
      )
    const missing = passageEdit((p) => delete p['note'])
    expect(missing.code).toBe('badRecord')
    expect(missing.detail).toMatch(/passages\.json\[\d+\] "p-son": note is missing/)
    const nested = passageEdit((p) => delete (p['quote'] as Record<string, unknown>)['exact'])
    expect(nested.detail).toMatch(/"p-son": quote\.exact is missing/)
    const typed = passageEdit((p) => (p['tagIds'] = 't-actors'))
    expect(typed.detail).toMatch(/"p-son": tagIds is not a list/)
    const stamp = passageEdit((p) => (p['updatedAt'] = 'yesterday'))
    expect(stamp.detail).toMatch(/"p-son": updatedAt is not an ISO timestamp/)
    const anchor = passageEdit((p) => ((p['anchor'] as Record<string, unknown>)['end'] = 999999))
    expect(anchor.detail).toMatch(/"p-son": anchor\.end 999999 is past the end/)

    const badTag = importError(() =>
      readBundle(
        rezip(bytes, (files) =>
          editJson(files, 'tags.json', (list: Tag[]) => (list[0]!.color = 'red'))
        )
      )
    )
    expect(badTag.detail).toMatch(/tags\.json\[0\] "t-actors": color is not #rrggbb/)
    const counts = importError(() =>
      readBundle(
        rezip(bytes, (files) => editJson(files, 'links.json', (list: EventLink[]) => list.pop()))
      )
    )
    expect(counts.code).toBe('badRecord')
    expect(counts.detail).toContain('counts.links')
    const notJson = importError(() =>
      readBundle(rezip(bytes, (files) => (files['events.json'] = new Uint8Array([123, 44]))))
    )
    expect(notJson.detail).toContain('events.json: is not JSON')
    const unnormalized = importError(() =>
      readBundle(
        rezip(bytes, (files) => {
          const text = new TextDecoder().decode(files['texts/article-1.txt'])
          files['texts/article-1.txt'] = new TextEncoder().encode(text.replace('\n\n', '\r\n\r\n'))
        })
      )
    )
    expect(unnormalized.detail).toContain('texts/article-1.txt: is not normalized text')
  })

  it('badRecord from verifyBundleTexts: a text that is not the one its article hashed', async () => {
    const bytes = exportBundle({ dossier: null, snapshot: await archiveA() }, OPTIONS)
    const altered = readBundle(
      rezip(bytes, (files) => {
        const text = new TextDecoder().decode(files['texts/article-1.txt'])
        files['texts/article-1.txt'] = new TextEncoder().encode(text.replace('père', 'mère'))
      })
    )
    const error = await verifyBundleTexts(altered).then(
      () => null,
      (e: unknown) => e as BundleImportError
    )
    expect(error?.code).toBe('badRecord')
    expect(error?.detail).toContain('texts/article-1.txt')
  })
})

describe('planMerge', () => {
  it('into an archive holding older and newer versions: the newer wins, nothing is lost or doubled', async () => {
    const a = await archiveA()
    const pick = <T extends { id: string }>(list: readonly T[], wanted: string[]): T[] =>
      structuredClone(list.filter((r) => wanted.includes(r.id)))
    const cText = "Un article que seul C possède.\n\nIl parle d'autre chose."
    const cArticle: Article = {
      ...a.articles[0]!,
      id: 'c-article',
      title: 'Only in C',
      sha256: await sha256Hex(cText),
      textLength: cText.length,
      paragraphCount: 2
    }
    const cPassage = newPassage({
      id: 'c-passage',
      stamp: LATER,
      author: 'Dominique',
      articleId: 'c-article',
      text: cText,
      textSha256: cArticle.sha256,
      start: 0,
      end: 30,
      tagIds: ['c-tag'],
      note: ''
    })
    const [father, clinton] = pick(a.passages, ['p-father', 'p-clinton'])
    const [actors, requests] = pick(a.tags, ['t-actors', 't-requests'])
    const cTag: Tag = { ...actors!, id: 'c-tag', name: 'Sources', updatedAt: LATER }
    const cEvent: TimelineEvent = { ...a.events[0]!, id: 'c-event', title: 'Only in C' }
    const cLink: EventLink = {
      ...a.links[0]!,
      id: 'c-link',
      eventId: 'c-event',
      passageId: 'c-passage'
    }
    const cDossier = newDossier({ id: 'c-dossier', stamp: LATER, author: 'Dominique', title: 'C' })
    const c: ArchiveRecords = {
      articles: [...pick(a.articles, ['article-1', 'article-2']), cArticle],
      texts: new Map([
        ['article-1', a.texts.get('article-1')!],
        ['article-2', a.texts.get('article-2')!],
        ['c-article', cText]
      ]),
      // C's p-father is older than A's, with another note; C recoloured t-requests after A.
      passages: [{ ...father!, note: 'My older note', updatedAt: OLDER }, clinton!, cPassage],
      tags: [actors!, { ...requests!, color: '#000000', updatedAt: LATER }, cTag],
      events: [...pick(a.events, ['e-oct3']), cEvent],
      links: [cLink],
      dossiers: [cDossier]
    }
    const before = clone(c)
    const { plan, result } = merge(c, a)

    expect(plan.conflicts).toEqual([
      {
        kind: 'tags',
        id: 't-requests',
        label: 'Demandes',
        receiverUpdatedAt: LATER,
        incomingUpdatedAt: requests!.updatedAt,
        winner: 'receiver',
        reason: 'newer',
        fields: ['color']
      },
      {
        kind: 'passages',
        id: 'p-father',
        label: "Quand ce n'est pas le père, c'est le fils.",
        receiverUpdatedAt: OLDER,
        incomingUpdatedAt: father!.updatedAt,
        winner: 'incoming',
        reason: 'newer',
        fields: ['note']
      }
    ])
    // Nothing of C lost: its own records as they were, its newer edit kept.
    for (const table of TABLES) {
      const kept = new Set(ids(result[table]))
      for (const record of before[table]) expect(kept.has(record.id), record.id).toBe(true)
      expect(new Set(ids(result[table])).size, table).toBe(result[table].length)
    }
    expect(result.articles.find((x) => x.id === 'c-article')).toStrictEqual(cArticle)
    expect(result.texts.get('c-article')).toBe(cText)
    expect(result.passages.find((x) => x.id === 'c-passage')).toStrictEqual(cPassage)
    expect(result.tags.find((x) => x.id === 'c-tag')).toStrictEqual(cTag)
    expect(result.events.find((x) => x.id === 'c-event')).toStrictEqual(cEvent)
    expect(result.links.find((x) => x.id === 'c-link')).toStrictEqual(cLink)
    expect(result.dossiers.find((x) => x.id === 'c-dossier')).toStrictEqual(cDossier)
    expect(result.tags.find((x) => x.id === 't-requests')!.color).toBe('#000000')
    expect(result.passages.find((x) => x.id === 'p-father')!.note).toBe('Opening line.')
    // Nothing doubled: the union of both sides.
    expect(result.articles).toHaveLength(6)
    expect(result.passages).toHaveLength(8)
    expect(result.tags).toHaveLength(4)
    expect(result.events).toHaveLength(5)
    expect(result.links).toHaveLength(7)
    expect(result.dossiers).toHaveLength(2)
    expect(plan.summary.articles).toEqual({
      incoming: 5,
      added: 3,
      updated: 0,
      unchanged: 2,
      mapped: 0,
      skipped: 0,
      conflicts: 0
    })
    expect(plan.summary.passages).toMatchObject({
      added: 5,
      updated: 1,
      unchanged: 1,
      conflicts: 1
    })
    expect(plan.summary.tags).toMatchObject({ added: 1, updated: 0, unchanged: 2, conflicts: 1 })
    // Only what changes is written.
    expect(ids(plan.put.tags)).toEqual(['t-wikileaks'])
    expect(plan.put.passages.map((p) => p.id)).not.toContain('p-clinton')
    expect(plan.reanchored).toEqual([])
  })

  it('on a tie the receiver keeps its version, and says so', async () => {
    const a = await archiveA()
    const receiver = clone(a)
    receiver.passages = receiver.passages.map((p) =>
      p.id === 'p-son' ? { ...p, note: 'Mine' } : p
    )
    const { plan, result } = merge(receiver, a)
    expect(plan.conflicts).toMatchObject([{ id: 'p-son', winner: 'receiver', reason: 'tie' }])
    expect(result.passages.find((p) => p.id === 'p-son')!.note).toBe('Mine')
  })

  it('maps an article the receiver already has under another id (same text): passages follow', async () => {
    const a = await archiveA()
    a.dossiers = [sampleDossier({ scope: { ...EMPTY_SCOPE, articleIds: ['article-2'] } })]
    const theirs: Article = {
      ...a.articles.find((x) => x.id === 'article-2')!,
      id: 'their-2',
      title: 'Imported by Dominique'
    }
    const receiver: ArchiveRecords = {
      ...emptyArchive(),
      articles: [theirs],
      texts: new Map([['their-2', a.texts.get('article-2')!]])
    }
    const { plan, result } = merge(receiver, a)
    expect(plan.sameText).toEqual([
      {
        incomingId: 'article-2',
        receiverId: 'their-2',
        incomingTitle: a.articles[1]!.title,
        receiverTitle: 'Imported by Dominique',
        passages: 1
      }
    ])
    expect(plan.summary.articles).toMatchObject({ added: 4, mapped: 1 })
    expect(ids(result.articles)).toEqual([
      'article-1',
      'article-3',
      'article-4',
      'article-5',
      'their-2'
    ])
    expect(result.articles.find((x) => x.id === 'their-2')).toStrictEqual(theirs)
    const son = result.passages.find((p) => p.id === 'p-son')!
    expect(son.articleId).toBe('their-2')
    expect(result.texts.get('their-2')!.slice(son.anchor.start, son.anchor.end)).toBe(
      son.quote.exact
    )
    expect(result.links.find((l) => l.id === 'l-4')!.passageId).toBe('p-son')
    expect(result.dossiers[0]!.scope.articleIds).toEqual(['their-2'])
    expect(plan.reanchored).toEqual([])
  })

  it("renames an incoming tag whose name a receiver's sibling has, and keeps the rename next time", async () => {
    const a = await archiveA()
    const mine = (id: string, name: string): Tag => ({ ...a.tags[0]!, id, name, color: '#000000' })
    const receiverTags = [
      mine('r-actors', ' ACTEURS'),
      mine('r-2', 'Acteurs (2)'),
      mine('r-wl', 'wikileaks')
    ]
    const receiver: ArchiveRecords = { ...emptyArchive(), tags: receiverTags }
    const { plan, result } = merge(receiver, a)
    expect(plan.renamedTags).toEqual([
      { id: 't-actors', parentId: null, from: 'Acteurs', to: 'Acteurs (3)' }
    ])
    const byId = new Map(result.tags.map((t) => [t.id, t]))
    expect(byId.get('t-actors')!.name).toBe('Acteurs (3)')
    // Under another parent, the same name is no clash.
    expect(byId.get('t-wikileaks')).toMatchObject({ name: 'WikiLeaks', parentId: 't-actors' })
    for (const tag of receiverTags) expect(byId.get(tag.id)).toStrictEqual(tag)
    const keys = result.tags.map((t) => `${t.parentId}/${tagNameKey(t.name)}`)
    expect(new Set(keys).size).toBe(keys.length)

    const again = merge(result, a)
    expect(again.plan.conflicts).toEqual([])
    expect(again.plan.renamedTags).toEqual([])
    expect(again.plan.summary.tags).toMatchObject({ unchanged: 3, added: 0 })
  })

  it('keeps the codebook a tree: a parent on neither side, or a loop made by two moves', async () => {
    const a = await archiveA()
    const incoming = clone(a)
    incoming.tags.push({ ...a.tags[0]!, id: 't-stray', name: 'Stray', parentId: 't-ghost' })
    // The receiver put Acteurs under WikiLeaks after A's edit; A's WikiLeaks (under Acteurs) is
    // newer than the receiver's: each side wins one, and together they would loop.
    const receiver = clone(a)
    receiver.tags = receiver.tags.map((t) =>
      t.id === 't-actors'
        ? { ...t, parentId: 't-wikileaks', updatedAt: LATER }
        : t.id === 't-wikileaks'
          ? { ...t, parentId: null, updatedAt: OLDER }
          : t
    )
    const { plan, result } = merge(receiver, incoming)
    expect(plan.repairedTags).toEqual([
      { id: 't-stray', label: 'Stray', reason: 'missingParent', from: 't-ghost', to: null },
      { id: 't-wikileaks', label: 'WikiLeaks', reason: 'cycle', from: 't-actors', to: null }
    ])
    const byId = new Map(result.tags.map((t) => [t.id, t]))
    expect(byId.get('t-actors')!.parentId).toBe('t-wikileaks')
    expect(byId.get('t-wikileaks')!.parentId).toBeNull()
    expect(byId.get('t-stray')!.parentId).toBeNull()
  })

  it('skips links whose passage or event is on neither side, and a second link for the same pair', async () => {
    const a = await archiveA()
    const incoming = clone(a)
    const link = (id: string, eventId: string, passageId: string): EventLink => ({
      ...a.links[0]!,
      id,
      eventId,
      passageId
    })
    incoming.links.push(
      link('l-ghost', 'e-oct3', 'p-ghost'),
      link('l-nowhere', 'e-ghost', 'p-son'),
      link('l-dup', 'e-campaign', 'p-father')
    )
    const contents = readBundle(writeBundle(incoming, OPTIONS))
    expect(contents.unresolved).toEqual([
      { kind: 'links', id: 'l-ghost', field: 'passageId', targetId: 'p-ghost' },
      { kind: 'links', id: 'l-nowhere', field: 'eventId', targetId: 'e-ghost' }
    ])
    planned.push({ receiver: clone(a), incoming: contents })
    const plan = planMerge(a, contents)
    expect(plan.skipped.map(({ id, reason, targetId }) => ({ id, reason, targetId }))).toEqual([
      { id: 'l-dup', reason: 'duplicateLink', targetId: 'l-5' },
      { id: 'l-ghost', reason: 'missingPassage', targetId: 'p-ghost' },
      { id: 'l-nowhere', reason: 'missingEvent', targetId: 'e-ghost' }
    ])
    expect(plan.summary.links).toMatchObject({ incoming: 9, unchanged: 6, skipped: 3 })
    expect(plan.put.links).toEqual([])

    // A reference the bundle lacks but the receiver holds is kept.
    const partial = clone(a)
    partial.links = [link('l-new', 'e-oct3', 'p-son')]
    partial.events = []
    partial.passages = []
    const kept = merge(a, partial)
    expect(kept.plan.skipped).toEqual([])
    expect(ids(kept.plan.put.links)).toEqual(['l-new'])
  })
})

describe('planMerge when an article text differs', () => {
  const OLD_WORDS = 'Hillary Clinton, la candidate démocrate'

  /** A with article-1 corrected later: a paragraph added on top, p-clinton's words removed. */
  async function corrected(a: ArchiveRecords): Promise<{ archive: ArchiveRecords; sha: string }> {
    const text = `Note de la rédaction : cet article a été corrigé le 20 janvier.\n\n${a.texts
      .get('article-1')!
      .replace(OLD_WORDS, 'la candidate')}`
    expect(normalizeText(text)).toBe(text)
    const sha = await sha256Hex(text)
    const archive = clone(a)
    archive.articles = archive.articles.map((x) =>
      x.id === 'article-1'
        ? {
            ...x,
            sha256: sha,
            textLength: text.length,
            paragraphCount: paragraphSpans(text).length,
            updatedAt: LATER
          }
        : x
    )
    archive.texts = new Map(a.texts).set('article-1', text)
    // As the app's text correction does: every passage re-anchored and stamped.
    const onArticle = archive.passages.filter((p) => p.articleId === 'article-1')
    const { updates } = reanchorPassages(text, sha, onArticle)
    const anchors = new Map(updates.map((u) => [u.passageId, u.anchor]))
    archive.passages = archive.passages.map((p) =>
      anchors.has(p.id) ? { ...p, anchor: anchors.get(p.id)!, updatedAt: LATER } : p
    )
    return { archive, sha }
  }

  function extraPassage(a: ArchiveRecords, id: string): Passage {
    const text = a.texts.get('article-1')!
    const words = "Il a lui-même confirmé l'existence de cette correspondance"
    const start = text.indexOf(words)
    return newPassage({
      id,
      stamp: OLDER,
      author: 'Dominique',
      articleId: 'article-1',
      text,
      textSha256: a.articles[0]!.sha256,
      start,
      end: start + words.length,
      tagIds: [],
      note: ''
    })
  }

  function expectAnchoredOn(result: ArchiveRecords, sha: string): void {
    const text = result.texts.get('article-1')!
    for (const passage of result.passages.filter((p) => p.articleId === 'article-1')) {
      expect(passage.anchor.textSha256, passage.id).toBe(sha)
      if (passage.anchor.status !== 'orphan') {
        expect(text.slice(passage.anchor.start, passage.anchor.end)).toBe(passage.quote.exact)
      }
    }
  }

  it("newer on the incoming side: the new text wins, the receiver's passages are re-anchored on it", async () => {
    const a = await archiveA()
    const { archive: incoming, sha } = await corrected(a)
    const receiver = clone(a)
    receiver.passages.push(extraPassage(a, 'r-extra'))
    const { plan, result } = merge(receiver, incoming)

    expect(plan.conflicts).toHaveLength(1)
    expect(plan.conflicts[0]).toMatchObject({
      kind: 'articles',
      id: 'article-1',
      winner: 'incoming'
    })
    expect(plan.conflicts[0]!.fields).toEqual(['paragraphCount', 'sha256', 'textLength', 'text'])
    expect(plan.summary.texts).toMatchObject({ updated: 1, unchanged: 4 })
    expect(result.texts.get('article-1')).toBe(incoming.texts.get('article-1'))
    expect(plan.reanchored).toEqual([
      {
        articleId: 'article-1',
        title: a.articles[0]!.title,
        unchanged: 0,
        moved: 2,
        fuzzy: 0,
        orphaned: 2,
        passageIds: ['p-father', 'p-clinton', 'p-orphan', 'r-extra'],
        orphanIds: ['p-clinton', 'p-orphan']
      }
    ])
    expectAnchoredOn(result, sha)
    // Re-anchoring is not an edit: the receiver's passage keeps its stamp and words.
    const extra = result.passages.find((p) => p.id === 'r-extra')!
    expect(extra).toMatchObject({ updatedAt: OLDER, anchor: { status: 'moved' } })
    expect(ids(plan.put.passages)).toEqual(['p-clinton', 'p-father', 'p-orphan', 'r-extra'])
  })

  it("keeps the receiver's version when the new text is already held by another of its articles", async () => {
    const a = await archiveA()
    const { archive: incoming } = await corrected(a)
    const receiver = clone(a)
    const holder = { ...incoming.articles[0]!, id: 'their-copy', title: 'Corrected copy' }
    receiver.articles.push(holder)
    receiver.texts = new Map(receiver.texts).set('their-copy', incoming.texts.get('article-1')!)
    const { plan, result } = merge(receiver, incoming)
    expect(plan.conflicts).toMatchObject([
      { id: 'article-1', winner: 'receiver', reason: 'textInUse' }
    ])
    expect(result.texts.get('article-1')).toBe(a.texts.get('article-1'))
    expect(new Set(result.articles.map((x) => x.sha256)).size).toBe(result.articles.length)
  })

  it("newer on the receiver's side: its text stays, the incoming passages are re-anchored on it", async () => {
    const a = await archiveA()
    const { archive: receiver, sha } = await corrected(a)
    const incoming = clone(a)
    incoming.passages.push(extraPassage(a, 'i-extra'))
    const { plan, result } = merge(receiver, incoming)

    expect(plan.conflicts).toMatchObject([{ id: 'article-1', winner: 'receiver', reason: 'newer' }])
    expect(result.texts.get('article-1')).toBe(receiver.texts.get('article-1'))
    expect(plan.reanchored).toMatchObject([
      { articleId: 'article-1', moved: 1, orphaned: 0, passageIds: ['i-extra'] }
    ])
    expectAnchoredOn(result, sha)
    // The receiver's passages were already on its text: untouched.
    for (const id of ['p-father', 'p-clinton', 'p-orphan']) {
      expect(result.passages.find((p) => p.id === id)).toStrictEqual(
        receiver.passages.find((p) => p.id === id)
      )
    }
    expect(ids(plan.put.passages)).toEqual(['i-extra'])
  })
})
