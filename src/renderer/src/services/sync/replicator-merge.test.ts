// Records two members changed apart, through a CouchDB-compatible server started for the test:
// changes to different fields merge without asking, the same on both replicas and on the server;
// a passage's tags merge as sets; an edit against a move to the trash is a conflict both see,
// settled by either choice on every replica.
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { openArchive, type Archive } from '@renderer/db'
import { startCouchServer, type CouchServer } from '../../../../../test/sync/couch-server'
import { CouchDatabase } from './couch-client'
import { Replicator } from './replicator'

let server: CouchServer
let n = 0
let dbUrl: string

beforeAll(async () => {
  server = await startCouchServer()
}, 30_000)
afterAll(async () => server?.stop())

beforeEach(async () => {
  dbUrl = `${server.url}/merge-${++n}`
  expect((await fetch(dbUrl, { method: 'PUT' })).status).toBe(201)
})

interface Replica {
  archive: Archive
  sync: Replicator
}

function replica(name: string): Replica {
  const archive = openArchive(`merge-${name}-${n}`)
  return { archive, sync: new Replicator(archive.db, new CouchDatabase(dbUrl)) }
}

/** Both replicas pull and push until neither has anything to send. */
async function settle(...replicas: Replica[]): Promise<void> {
  for (let round = 0; round < 3; round++)
    for (const side of replicas) {
      await side.sync.pull()
      await side.sync.push()
    }
}

async function serverDoc(id: string): Promise<Record<string, unknown>> {
  return (await fetch(`${dbUrl}/${id}?conflicts=true&deleted_conflicts=true`)).json()
}

async function anArticle(archive: Archive): Promise<string> {
  const text = normalizeText('WikiLeaks écrit à Donald Trump Jr pendant la campagne.')
  const article = await archive.articles.add({
    text,
    paragraphs: paragraphSpans(text),
    meta: {
      title: 'Les échanges',
      outlet: 'Le Monde',
      author: '',
      published: null,
      language: 'fr'
    },
    sourceName: 'echanges.txt',
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  })
  return article.id
}

describe('changes made apart', () => {
  it('to different fields merge, with no conflict and the same revision everywhere', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.tags.update(tag.id, { name: 'Fiscalité' })
    await ben.archive.tags.update(tag.id, { color: '#1b7f3b' })
    // Both send before either receives: the server holds both branches.
    await ana.sync.push()
    await ben.sync.push()
    expect((await serverDoc(`tag:${tag.id}`))._conflicts).toHaveLength(1)

    expect((await ana.sync.pull()).conflicts).toEqual([])
    expect((await ben.sync.pull()).conflicts).toEqual([])
    await settle(ana, ben)
    for (const side of [ana, ben]) {
      const stored = await side.archive.db.tags.get(tag.id)
      expect(stored).toMatchObject({ name: 'Fiscalité', color: '#1b7f3b' })
      expect(await side.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
    }
    const onServer = await serverDoc(`tag:${tag.id}`)
    expect(onServer).toMatchObject({ name: 'Fiscalité', color: '#1b7f3b' })
    expect(onServer._conflicts).toBeUndefined()
    const [anaMeta, benMeta] = await Promise.all([
      ana.archive.db.syncDocs.get(`tag:${tag.id}`),
      ben.archive.db.syncDocs.get(`tag:${tag.id}`)
    ])
    expect(anaMeta?.winner).toBe(onServer._rev)
    expect(benMeta?.winner).toBe(onServer._rev)
  })

  it('when one receives the other’s edit before sending its own', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.tags.update(tag.id, { description: 'Les finances du candidat' })
    await ben.archive.tags.update(tag.id, { name: 'Fiscalité' })
    await ana.sync.push()
    expect((await ben.sync.pull()).conflicts).toEqual([])
    expect(await ben.archive.db.tags.get(tag.id)).toMatchObject({
      name: 'Fiscalité',
      description: 'Les finances du candidat'
    })
    await settle(ana, ben)
    expect(await ana.archive.db.tags.get(tag.id)).toEqual(await ben.archive.db.tags.get(tag.id))
    expect((await serverDoc(`tag:${tag.id}`))._conflicts).toBeUndefined()
  })

  it('a passage’s tags merge as sets; the same field changed on both sides stays a conflict', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    const [a, b, c] = await Promise.all(
      ['Russie', 'Campagne', 'Messages'].map((name) =>
        ana.archive.tags.create({ name, author: 'Ana' })
      )
    )
    const passage = await ana.archive.passages.create({
      articleId,
      start: 0,
      end: 9,
      tagIds: [a!.id],
      note: '',
      author: 'Ana'
    })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.passages.update(passage.id, { tagIds: [a!.id, b!.id] })
    await ben.archive.passages.update(passage.id, { tagIds: [c!.id] }) // removed a, added c
    await ana.sync.push()
    await ben.sync.pull()
    await settle(ana, ben)
    const [anas, bens] = await Promise.all([
      ana.archive.db.passages.get(passage.id),
      ben.archive.db.passages.get(passage.id)
    ])
    expect([...anas!.tagIds].sort()).toEqual([b!.id, c!.id].sort())
    expect(bens?.tagIds).toEqual(anas?.tagIds)

    // Now both write a different note: that is for a person to decide.
    await ana.archive.passages.update(passage.id, { note: 'Source : Ana' })
    await ben.archive.passages.update(passage.id, { note: 'Source : Ben' })
    await ana.sync.push()
    await ben.sync.push()
    expect((await ana.sync.pull()).conflicts).toEqual([`passage:${passage.id}`])
    expect((await ben.sync.pull()).conflicts).toEqual([`passage:${passage.id}`])
  })
})

describe('an edit against a move to the trash', () => {
  async function trashedAndEdited(): Promise<{ ana: Replica; ben: Replica; id: string }> {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    const passage = await ana.archive.passages.create({
      articleId,
      start: 0,
      end: 9,
      tagIds: [],
      note: '',
      author: 'Ana'
    })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.passages.moveToTrash(passage.id)
    await ben.archive.passages.update(passage.id, { note: 'À vérifier' })
    await ana.sync.push()
    await ben.sync.push()
    await settle(ana, ben)
    return { ana, ben, id: passage.id }
  }

  it('is a conflict both see, with the trashing as one version', async () => {
    const { ana, ben, id } = await trashedAndEdited()
    for (const side of [ana, ben]) {
      const meta = await side.archive.db.syncDocs.get(`passage:${id}`)
      expect(meta?.conflicted).toBe(1)
      expect(meta?.deletions).toHaveLength(1)
      expect(meta?.bodies[meta.deletions![0]!]).toBeNull()
      // CouchDB's rule: the edit is what the archive shows meanwhile, the trash still lists it.
      expect((await side.archive.db.passages.get(id))?.note).toBe('À vérifier')
      expect(await side.archive.db.trash.count()).toBe(1)
    }
  })

  it('keeping the edit settles it on both replicas, stamped with who chose', async () => {
    const { ana, ben, id } = await trashedAndEdited()
    const meta = await ana.archive.db.syncDocs.get(`passage:${id}`)
    const chooser = new Replicator(ana.archive.db, new CouchDatabase(dbUrl), () => 'Carla')
    await chooser.resolveConflict(`passage:${id}`, meta!.bodies[meta!.winner]!)
    await settle(ana, ben)
    for (const side of [ana, ben]) {
      expect(await side.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
      expect(await side.archive.db.passages.get(id)).toMatchObject({
        note: 'À vérifier',
        changedBy: 'Carla'
      })
    }
  })

  it('keeping the deletion removes it on both replicas, and the trash still has it', async () => {
    const { ana, ben, id } = await trashedAndEdited()
    await ben.sync.resolveConflict(`passage:${id}`, null)
    await settle(ana, ben)
    for (const side of [ana, ben]) {
      expect(await side.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
      expect(await side.archive.db.passages.get(id)).toBeUndefined()
      expect(await side.archive.db.trash.count()).toBe(1)
    }
    expect((await serverDoc(`passage:${id}`)).error).toBe('not_found')
  })
})

describe('a tag merged while a teammate was offline', () => {
  it('stays a redirect: the passages tagged with it offline land on the merged tag', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    const wikileaks = await ana.archive.tags.create({ name: 'WikiLeaks', author: 'Ana' })
    const leaks = await ana.archive.tags.create({ name: 'Fuites', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    // Ana merges "Fuites" into "WikiLeaks" while Ben, offline, codes a passage with "Fuites".
    await ana.archive.tags.merge(leaks.id, wikileaks.id)
    const passage = await ben.archive.passages.create({
      articleId,
      start: 0,
      end: 9,
      tagIds: [leaks.id],
      note: '',
      author: 'Ben'
    })
    await ana.sync.push()
    await settle(ben, ana)
    for (const side of [ana, ben]) {
      expect((await side.archive.db.passages.get(passage.id))?.tagIds).toEqual([wikileaks.id])
      expect((await side.archive.tags.list()).map((t) => t.name)).toEqual(['WikiLeaks'])
      expect(await side.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
    }
  })
})

describe('an edit made here while a pull is merging', () => {
  it('is not overwritten: the page is merged again with it', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const tag = await ana.archive.tags.create({ name: 'Impôts', author: 'Ana' })
    await ana.sync.push()
    await ben.sync.pull()
    await ana.archive.tags.update(tag.id, { name: 'Fiscalité' })
    await ana.sync.push()
    // Ben changes the colour just after the pull has read his records, before it writes.
    const inner = ben.sync as unknown as {
      unpushedRevisions: (...args: unknown[]) => Promise<unknown>
    }
    const read = inner.unpushedRevisions.bind(ben.sync)
    let edited = false
    inner.unpushedRevisions = async (...args: unknown[]) => {
      const result = await read(...args)
      if (!edited) {
        edited = true
        await ben.archive.tags.update(tag.id, { color: '#1b7f3b' })
      }
      return result
    }
    await ben.sync.pull()
    expect(edited).toBe(true)
    expect(await ben.archive.db.tags.get(tag.id)).toMatchObject({
      name: 'Fiscalité',
      color: '#1b7f3b'
    })
    await settle(ana, ben)
    expect(await ana.archive.db.tags.get(tag.id)).toMatchObject({
      name: 'Fiscalité',
      color: '#1b7f3b'
    })
  })
})

describe('a text the team changed', () => {
  it('is never merged: the passages made here follow it through their quotes', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    await ana.sync.push()
    await ben.sync.pull()
    const original = (await ben.archive.db.articleTexts.get(articleId))!.text
    const start = original.indexOf('Donald Trump Jr')
    const passage = await ben.archive.passages.create({
      articleId,
      start,
      end: start + 'Donald Trump Jr'.length,
      tagIds: [],
      note: 'Ben, hors ligne',
      author: 'Ben'
    })
    // Ana rewrites the text meanwhile: a sentence before, the rest as it was.
    const text = normalizeText(`Selon The Atlantic, ${original}`)
    await ana.archive.passages.replaceArticleText(
      articleId,
      text,
      paragraphSpans(text),
      await sha256Hex(text),
      []
    )
    await ana.sync.push()
    const report = await ben.sync.pull()
    expect(report.reanchored).toBe(1)
    const moved = (await ben.archive.db.passages.get(passage.id))!
    expect(text.slice(moved.anchor.start, moved.anchor.end)).toBe('Donald Trump Jr')
    expect(moved.anchor.textSha256).toBe(await sha256Hex(text))
    expect(moved.updatedAt).toBe(passage.updatedAt)
    // Ben's passage reaches Ana anchored on the new text.
    await settle(ben, ana)
    expect((await ana.archive.db.passages.get(passage.id))?.anchor).toEqual(moved.anchor)
  })
})

describe('the trash, shared', () => {
  it('a move to the trash reaches the team’s trash; a purge writes tombstones everywhere', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    const passage = await ana.archive.passages.create({
      articleId,
      start: 0,
      end: 9,
      tagIds: [],
      note: 'À jeter',
      author: 'Ana'
    })
    await settle(ana, ben)
    const moved = await ana.archive.passages.moveToTrash(passage.id)
    await settle(ana, ben)
    expect(await ben.archive.db.passages.get(passage.id)).toBeUndefined()
    const [entry] = await ben.archive.trash.list()
    expect(entry?.id).toBe(moved!.trashId)
    expect(entry?.records.passages?.[0]?.note).toBe('À jeter')

    // Ben empties his trash: the entry's document ends in a tombstone, and Ana's trash follows.
    await ben.archive.trash.remove(entry!.id)
    await settle(ben, ana)
    expect(await ana.archive.trash.count()).toBe(0)
    const onServer = await (
      await fetch(`${dbUrl}/trash:${entry!.id}?revs_info=true&open_revs=all`, {
        headers: { Accept: 'application/json' }
      })
    ).json()
    expect(onServer.map((leaf: { ok?: { _deleted?: boolean } }) => leaf.ok?._deleted)).toEqual([
      true
    ])
    expect(await ana.archive.db.syncDocs.where('conflicted').equals(1).count()).toBe(0)
  })
})

describe('a text’s sync metadata', () => {
  it('keeps a digest of its winning body, not the text again; edits and conflicts still work', async () => {
    const ana = replica('ana')
    const ben = replica('ben')
    const articleId = await anArticle(ana.archive)
    await ana.sync.push()
    await ben.sync.pull()
    for (const side of [ana, ben]) {
      const meta = await side.archive.db.syncDocs.get(`text:${articleId}`)
      const stored = meta!.bodies[meta!.winner] as Record<string, unknown>
      expect(stored.text).toBeUndefined()
      expect(JSON.stringify(meta).length).toBeLessThan(1_000)
    }
    const original = (await ben.archive.db.articleTexts.get(articleId))!.text
    const replace = async (archive: Archive, text: string): Promise<void> => {
      const normal = normalizeText(text)
      await archive.passages.replaceArticleText(
        articleId,
        normal,
        paragraphSpans(normal),
        await sha256Hex(normal),
        []
      )
    }
    // An edit here is seen against the digest, and sent.
    await replace(ben.archive, `${original} Mis à jour par Ben.`)
    expect((await ben.sync.push()).sent).toBe(2)
    await ana.sync.pull()
    expect((await ana.archive.db.articleTexts.get(articleId))?.text).toContain('par Ben')
    // Both change it apart: a conflict whose versions are both whole texts.
    await replace(ana.archive, `${original} Version d’Ana.`)
    await replace(ben.archive, `${original} Version de Ben.`)
    await ana.sync.push()
    await ben.sync.push()
    await ana.sync.pull()
    await ben.sync.pull()
    for (const side of [ana, ben]) {
      const meta = await side.archive.db.syncDocs.get(`text:${articleId}`)
      expect(meta?.conflicted).toBe(1)
      const texts = [meta!.winner, ...meta!.conflicts].map(
        (rev) => (meta!.bodies[rev] as { text?: string } | null)?.text ?? ''
      )
      expect(texts.some((t) => t.endsWith('Version d’Ana.'))).toBe(true)
      expect(texts.some((t) => t.endsWith('Version de Ben.'))).toBe(true)
    }
    // Ben keeps Ana's: both end with it, and the metadata is a digest again.
    const meta = await ben.archive.db.syncDocs.get(`text:${articleId}`)
    const anas = [meta!.winner, ...meta!.conflicts]
      .map((rev) => meta!.bodies[rev]!)
      .find((body) => String(body.text).endsWith('Version d’Ana.'))!
    await ben.sync.resolveConflict(`text:${articleId}`, anas)
    await settle(ben, ana)
    for (const side of [ana, ben]) {
      expect((await side.archive.db.articleTexts.get(articleId))?.text).toMatch(/Version d’Ana\.$/)
      const after = await side.archive.db.syncDocs.get(`text:${articleId}`)
      expect(after?.conflicted).toBe(0)
      expect((after!.bodies[after!.winner] as Record<string, unknown>).text).toBeUndefined()
    }
  })
})
