// Who did what, through the archive as the app opens it: every record a person creates or changes
// names them (the sync account, else the author name), and automatic writes name no one new.
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { reanchorPassages } from '@core/archive/passages'
import { reattachPassage } from '@core/archive/reattach'
import type { ImportedArticle } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { openArchive, type Archive } from './index'

const sample = normalizeText(
  readFileSync(
    fileURLToPath(
      new URL('../../../../resources/sample/003_94c777c597bd5d81.txt', import.meta.url)
    ),
    'utf8'
  )
)
const QUOTE = 'WikiLeaks contacte Trump Jr. via un message direct sur Twitter.'

async function imported(text: string): Promise<ImportedArticle> {
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: { title: 'Titre', outlet: 'AFP', author: 'Jean Byline', published: null, language: 'fr' },
    sourceName: 'titre.txt',
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  }
}

let archive: Archive

/** Signs in as `name` the way Settings do: the author name, or the sync account. */
async function signIn(name: { author?: string; sync?: string }): Promise<void> {
  await archive.settings.set('authorName', name.author ?? '')
  await archive.settings.set('syncConfig', {
    server: 'https://team.example',
    database: 'd',
    user: name.sync ?? ''
  })
  await archive.identity.refresh()
}

beforeEach(() => {
  archive = openArchive(`attribution-${Math.random()}`)
})
afterEach(async () => {
  await archive.db.delete()
})

async function codedArticle() {
  const article = await archive.articles.add(await imported(sample))
  const start = sample.indexOf(QUOTE)
  const passage = await archive.passages.create({
    articleId: article.id,
    start,
    end: start + QUOTE.length,
    tagIds: [],
    note: '',
    author: 'Camille'
  })
  return { article, passage }
}

describe('who did what', () => {
  it('names the sync account when sync is set up, else the author name, else no one', async () => {
    expect(await archive.identity.refresh()).toBe('')
    await signIn({ author: 'Camille Martin' })
    expect(archive.identity.who()).toBe('Camille Martin')
    await signIn({ author: 'Camille Martin', sync: 'camille' })
    expect(archive.identity.who()).toBe('camille')
  })

  it('follows the settings when a store saves them (the change log tells)', async () => {
    await archive.identity.refresh()
    await archive.settings.set('syncConfig', { server: 's', database: 'd', user: 'ana' })
    await vi.waitFor(() => expect(archive.identity.who()).toBe('ana'))
  })

  it('stamps who created and who changed each record a person writes', async () => {
    await signIn({ author: 'Camille', sync: 'ana' })
    const { article, passage } = await codedArticle()
    // The byline stays the byline; who imported it is apart.
    expect(article).toMatchObject({ author: 'Jean Byline', createdBy: 'ana', changedBy: 'ana' })
    expect(passage).toMatchObject({ author: 'Camille', createdBy: 'ana', changedBy: 'ana' })
    const tag = await archive.tags.create({ name: 'Acteurs', author: 'Camille' })
    expect(tag).toMatchObject({ createdBy: 'ana', changedBy: 'ana' })
    const event = await archive.events.createEvent({
      author: 'Camille',
      title: 'Message',
      date: null,
      place: '',
      participants: [],
      description: '',
      status: 'confirmed'
    })
    expect(event).toMatchObject({ createdBy: 'ana', changedBy: 'ana' })
    const [link] = await archive.events.link(event.id, [passage.id], 'reports', 'Camille')
    expect(link).toMatchObject({ createdBy: 'ana', changedBy: 'ana' })
    const dossier = await archive.dossiers.create('Dossier', 'Camille')
    expect(dossier).toMatchObject({ createdBy: 'ana', changedBy: 'ana' })

    await signIn({ author: 'Camille', sync: 'bruno' })
    const changed = { createdBy: 'ana', changedBy: 'bruno' }
    expect(await archive.articles.updateMeta(article.id, { title: 'Autre' })).toMatchObject(changed)
    expect((await archive.passages.update(passage.id, { note: 'vu' })).passage).toMatchObject(
      changed
    )
    expect((await archive.tags.update(tag.id, { name: 'Gens' })).tag).toMatchObject(changed)
    expect((await archive.events.updateEvent(event.id, { place: 'Paris' })).event).toMatchObject(
      changed
    )
    expect((await archive.events.updateLink(link!.id, { role: 'mentions' })).link).toMatchObject(
      changed
    )
    expect((await archive.dossiers.update(dossier.id, { subtitle: 's' })).next).toMatchObject(
      changed
    )
    // What the repositories return is what they stored.
    expect(await archive.passages.get(passage.id)).toMatchObject(changed)
    expect(await archive.db.links.get(link!.id)).toMatchObject(changed)
  })

  it('names the user on tagging by merge and on a passage placed again by hand', async () => {
    await signIn({ sync: 'ana' })
    const { passage } = await codedArticle()
    const a = await archive.tags.create({ name: 'A', author: '' })
    const b = await archive.tags.create({ name: 'B', author: '' })
    await archive.passages.update(passage.id, { tagIds: [a.id] })
    await signIn({ sync: 'bruno' })
    await archive.tags.merge(a.id, b.id)
    expect(await archive.passages.get(passage.id)).toMatchObject({
      tagIds: [b.id],
      changedBy: 'bruno'
    })
    expect(await archive.tags.get(a.id)).toMatchObject({ mergedInto: b.id, changedBy: 'bruno' })

    await signIn({ sync: 'carla' })
    const text = (await archive.articles.text(passage.articleId))!.text
    const start = text.indexOf('Trump Jr.')
    const stored = (await archive.passages.get(passage.id))!
    const next = reattachPassage(
      stored,
      text,
      stored.anchor.textSha256,
      start,
      start + 'Trump Jr.'.length,
      '2026-03-01T00:00:00.000Z'
    )
    expect(await archive.passages.reattach(next)).toMatchObject({
      createdBy: 'ana',
      changedBy: 'carla'
    })
  })

  it('adds no names when none is known, and drops a previous editor’s on an unnamed change', async () => {
    const { article, passage } = await codedArticle()
    expect(Object.keys(article)).not.toContain('createdBy')
    expect(Object.keys(passage)).not.toContain('changedBy')
    await signIn({ author: 'Camille' })
    await archive.passages.update(passage.id, { note: 'un' })
    await signIn({})
    const { passage: unnamed } = await archive.passages.update(passage.id, { note: 'deux' })
    expect(Object.keys(unnamed)).not.toContain('changedBy')
    expect(Object.keys(unnamed)).not.toContain('createdBy')
  })

  it('leaves the last editor as it was on automatic writes every replica makes the same', async () => {
    await signIn({ sync: 'ana' })
    const { article, passage } = await codedArticle()
    const tag = await archive.tags.create({ name: 'A', author: '' })
    const into = await archive.tags.create({ name: 'B', author: '' })
    await archive.tags.merge(tag.id, into.id)
    await signIn({ sync: 'bruno' })

    // Anchors resolved again on opening.
    await archive.passages.saveAnchors([
      { passageId: passage.id, anchor: { ...passage.anchor, status: 'fuzzy', score: 0.9 } }
    ])
    expect(await archive.passages.get(passage.id)).toMatchObject({
      anchor: { status: 'fuzzy' },
      changedBy: 'ana'
    })

    // A teammate's passage arriving with the merged tag, folded onto the tag it leads to.
    await archive.passages.restore([
      { ...(await archive.passages.get(passage.id))!, tagIds: [tag.id] }
    ])
    expect(await archive.tags.foldRedirects()).toEqual({ passages: 1, tags: 0 })
    expect(await archive.passages.get(passage.id)).toMatchObject({
      tagIds: [into.id],
      changedBy: 'ana'
    })

    // The text edited by the user: the article names them, its passages follow without it.
    const edited = sample.replace('3 octobre 2016:', 'Mis à jour.\n\n3 octobre 2016:')
    const sha256 = await sha256Hex(edited)
    const { updates } = reanchorPassages(
      edited,
      sha256,
      await archive.passages.listByArticle(article.id)
    )
    const { article: next } = await archive.passages.replaceArticleText(
      article.id,
      edited,
      paragraphSpans(edited),
      sha256,
      updates
    )
    expect(next).toMatchObject({ createdBy: 'ana', changedBy: 'bruno' })
    expect(await archive.passages.get(passage.id)).toMatchObject({ changedBy: 'ana' })
  })
})
