// TEST ONLY — a dossier over the five sample articles, built through the real import pipeline:
// tags in a hierarchy, passages on known sentences, events with reports and a contradiction, one
// orphaned passage. Exporter tests and benches share it. App code must never import this file.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Article } from '../../src/core/archive/article'
import type { Passage, Tag } from '../../src/core/archive/passage'
import { newPassage } from '../../src/core/archive/passages'
import { importSource } from '../../src/core/import/import'
import { createTestImportEnvironment } from '../import/test-env'
import { sha256Hex } from '../../src/core/text/hash'
import { normalizeText } from '../../src/core/text/normalize'
import type { EventLink, LinkRole, TimelineEvent } from '../../src/core/timeline/types'
import { buildDossier, newDossier } from '../../src/core/dossier/build'
import { dossierLabels } from '../../src/core/dossier/labels'
import type {
  ArchiveSnapshot,
  Dossier,
  DossierDocument,
  DossierLabels
} from '../../src/core/dossier/types'

const STAMP = '2026-01-15T10:00:00.000Z'
const SAMPLE_DIR = join(import.meta.dirname, '../../resources/sample')

/** The app's own messages (read, not imported: core does not depend on the renderer). */
function outMessages(lang: 'en' | 'fr'): Parameters<typeof dossierLabels>[1] {
  const path = join(import.meta.dirname, `../../src/renderer/src/i18n/${lang}.json`)
  return (
    JSON.parse(readFileSync(path, 'utf8')) as {
      dossier: { out: Parameters<typeof dossierLabels>[1] }
    }
  ).dossier.out
}

export function englishLabels(): DossierLabels {
  return dossierLabels('en', outMessages('en'))
}

export function frenchLabels(): DossierLabels {
  return dossierLabels('fr', outMessages('fr'))
}

/** The five sample articles as the archive stores them, ids `article-1`… in file order. */
export async function sampleArticles(): Promise<{
  articles: Article[]
  texts: Map<string, string>
}> {
  const env = createTestImportEnvironment()
  const files = readdirSync(SAMPLE_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
  const articles: Article[] = []
  const texts = new Map<string, string>()
  for (const [index, name] of files.entries()) {
    const imported = await importSource(
      { name, bytes: new Uint8Array(readFileSync(join(SAMPLE_DIR, name))) },
      env
    )
    const id = `article-${index + 1}`
    articles.push({
      id,
      createdAt: STAMP,
      updatedAt: STAMP,
      ...imported.meta,
      sourceName: imported.sourceName,
      sourceFormat: imported.sourceFormat,
      importedAt: STAMP,
      sha256: imported.sha256,
      textLength: imported.text.length,
      paragraphCount: imported.paragraphs.length
    })
    texts.set(id, imported.text)
  }
  return { articles, texts }
}

function tag(id: string, name: string, parentId: string | null, color: string): Tag {
  return {
    id,
    createdAt: STAMP,
    updatedAt: STAMP,
    author: 'Camille',
    name,
    parentId,
    color,
    description: ''
  }
}

/** The passages of the fixture: article index, words, tags. */
export const FIXTURE_QUOTES: ReadonlyArray<{
  id: string
  article: number
  quote: string
  tags: string[]
  note: string
}> = [
  {
    id: 'p-father',
    article: 1,
    quote: "Quand ce n'est pas le père, c'est le fils.",
    tags: ['t-actors'],
    note: 'Opening line.'
  },
  {
    id: 'p-clinton',
    article: 1,
    quote: 'Hillary Clinton, la candidate démocrate',
    tags: ['t-actors', 't-requests'],
    note: ''
  },
  {
    id: 'p-son',
    article: 2,
    quote:
      'Le fils aîné de Donald Trump a entretenu pendant et après la campagne présidentielle des liens avec l’organisation WikiLeaks.',
    tags: ['t-wikileaks'],
    note: 'Summary <b>not</b> HTML & "quoted".'
  },
  { id: 'p-oct3', article: 3, quote: 'demande, le 3 octobre 2016', tags: ['t-requests'], note: '' },
  {
    id: 'p-atlantic3',
    article: 4,
    quote: 'révélé ce 13 novembre 2017 le magazine',
    tags: ['t-wikileaks'],
    note: ''
  },
  {
    id: 'p-atlantic5',
    article: 5,
    quote: 'Le magazine The Atlantic a révélé, lundi 13 novembre',
    tags: [],
    note: 'Untagged on purpose.'
  }
]

function event(
  id: string,
  title: string,
  date: TimelineEvent['date'],
  status: TimelineEvent['status']
): TimelineEvent {
  return {
    id,
    createdAt: STAMP,
    updatedAt: STAMP,
    author: 'Camille',
    title,
    date,
    place: '',
    participants: [],
    description: '',
    status
  }
}

function link(
  id: string,
  eventId: string,
  passageId: string,
  role: LinkRole,
  note = ''
): EventLink {
  return {
    id,
    createdAt: STAMP,
    updatedAt: STAMP,
    author: 'Camille',
    eventId,
    passageId,
    role,
    note
  }
}

/** The whole fixture archive, with one orphaned passage (`p-orphan`) whose words are gone. */
export async function sampleSnapshot(): Promise<ArchiveSnapshot> {
  const { articles, texts } = await sampleArticles()
  const tags = [
    tag('t-actors', 'Acteurs', null, '#1f77b4'),
    tag('t-wikileaks', 'WikiLeaks', 't-actors', '#d62728'),
    tag('t-requests', 'Demandes', null, '#2ca02c')
  ]
  const passages: Passage[] = FIXTURE_QUOTES.map((q) => {
    const articleId = `article-${q.article}`
    const text = texts.get(articleId)!
    const start = text.indexOf(q.quote)
    if (start < 0) throw new Error(`Fixture quote not found: ${q.quote}`)
    return newPassage({
      id: q.id,
      stamp: STAMP,
      author: 'Camille',
      articleId,
      text,
      textSha256: articles.find((a) => a.id === articleId)!.sha256,
      start,
      end: start + q.quote.length,
      tagIds: q.tags,
      note: q.note
    })
  })
  const orphanBase = passages[0]!
  passages.push({
    ...orphanBase,
    id: 'p-orphan',
    quote: { ...orphanBase.quote, exact: 'des mots qui ne sont plus là', prefix: '', suffix: '' },
    anchor: { ...orphanBase.anchor, status: 'orphan', start: 0, end: 0, score: 0.2 },
    tagIds: ['t-actors'],
    note: 'Lost after a correction.'
  })
  const events = [
    event(
      'e-oct3',
      'WikiLeaks asks about a leak',
      { start: '2016-10-03', precision: 'day', approximate: false },
      'confirmed'
    ),
    event(
      'e-atlantic',
      'The Atlantic publishes the messages',
      { start: '2017-11-13', precision: 'day', approximate: false },
      'confirmed'
    ),
    event(
      'e-campaign',
      'Contacts during the campaign',
      { start: '2016-09', end: '2017-07', precision: 'month', approximate: true },
      'disputed'
    ),
    event('e-undated', 'A meeting nobody dated', null, 'unverified')
  ]
  const links = [
    link('l-1', 'e-oct3', 'p-oct3', 'reports'),
    link('l-2', 'e-atlantic', 'p-atlantic3', 'reports'),
    link('l-3', 'e-atlantic', 'p-atlantic5', 'reports', 'Says Monday.'),
    link('l-4', 'e-campaign', 'p-son', 'reports'),
    link('l-5', 'e-campaign', 'p-father', 'contradicts', 'Only the son is named.'),
    link('l-6', 'e-undated', 'p-clinton', 'mentions')
  ]
  return { articles, texts, passages, tags, events, links }
}

export function sampleDossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    ...newDossier({ id: 'd-1', stamp: STAMP, author: 'Camille', title: 'WikiLeaks et Trump Jr' }),
    subtitle: 'Ce que disent les sources',
    authors: ['Camille', 'Dominique'],
    introduction:
      'Five articles, **one story**. See <script>alert(1)</script> [the list](#sources).',
    options: {
      notes: true,
      matrix: true,
      timelineFigure: true,
      appendix: true,
      highlightInAppendix: true
    },
    ...overrides
  }
}

/** The sample dossier resolved against the fixture archive, in English. */
export async function sampleDocument(overrides: Partial<Dossier> = {}): Promise<DossierDocument> {
  const snapshot = await sampleSnapshot()
  return buildDossier(sampleDossier(overrides), snapshot, { labels: englishLabels(), now: STAMP })
}

/** When the attributed fixture's records were last changed (after their creation). */
export const CHANGED_STAMP = '2026-02-20T09:30:00.000Z'

/**
 * The fixture archive as a team makes it: every article imported by `camille`, every passage
 * created by `ana` and changed since by `bruno`, every event created and changed by `ana`.
 */
export async function attributedSnapshot(): Promise<ArchiveSnapshot> {
  const snapshot = await sampleSnapshot()
  return {
    ...snapshot,
    articles: snapshot.articles.map((a) => ({ ...a, createdBy: 'camille', changedBy: 'camille' })),
    passages: snapshot.passages.map((p) => ({
      ...p,
      updatedAt: CHANGED_STAMP,
      createdBy: 'ana',
      changedBy: 'bruno'
    })),
    events: snapshot.events.map((e) => ({ ...e, createdBy: 'ana', changedBy: 'ana' })),
    links: snapshot.links.map((l) => ({ ...l, createdBy: 'ana', changedBy: 'ana' }))
  }
}

/** The sample dossier resolved against the attributed archive, in English. */
export async function attributedDocument(): Promise<DossierDocument> {
  return buildDossier(sampleDossier(), await attributedSnapshot(), {
    labels: englishLabels(),
    now: STAMP
  })
}

// ——— Emoji, astral CJK and combining characters (code points and UTF-16 part ways) ———

/**
 * Before every article: a ZWJ family, a skin tone, a flag, astral CJK (𠮷) and mathematical (𝒳)
 * letters, and combining marks NFC cannot fold (q́, q̣̈). Already NFC (marks in canonical order), as imports leave texts.
 */
export const ASTRAL_HEAD = '👩‍👩‍👧 Famille 👍🏽 🇫🇷 𠮷 q\u0301 q\u0323\u0308 𝒳 🎉\n\n'

/** The quote with a grinning face and a combining mark after its first word. */
export function withAstral(quote: string): string {
  const space = quote.indexOf(' ')
  if (space < 0) return quote
  return `${quote.slice(0, space)} 😀 q\u0301${quote.slice(space)}`
}

/**
 * The sample archive rewritten: each article opens with ASTRAL_HEAD and each passage's words carry
 * `withAstral`'s insert where the text allows (overlapping quotes keep their own words).
 */
export async function astralSnapshot(): Promise<ArchiveSnapshot> {
  const base = await sampleSnapshot()
  const texts = new Map<string, string>()
  for (const article of base.articles) {
    let text = ASTRAL_HEAD + base.texts.get(article.id)!
    for (const passage of base.passages) {
      if (passage.articleId !== article.id || passage.anchor.status === 'orphan') continue
      const at = text.indexOf(passage.quote.exact)
      if (at < 0) continue
      const astral = withAstral(passage.quote.exact)
      text = text.slice(0, at) + astral + text.slice(at + passage.quote.exact.length)
    }
    texts.set(article.id, normalizeText(text))
  }
  const articles = await Promise.all(
    base.articles.map(async (article) => {
      const text = texts.get(article.id)!
      return { ...article, sha256: await sha256Hex(text), textLength: text.length }
    })
  )
  const shaOf = new Map(articles.map((a) => [a.id, a.sha256]))
  const passages = base.passages.map((passage) => {
    const text = texts.get(passage.articleId)!
    if (passage.anchor.status === 'orphan') {
      return {
        ...passage,
        anchor: { ...passage.anchor, textSha256: shaOf.get(passage.articleId)! }
      }
    }
    const astral = withAstral(passage.quote.exact)
    let start = text.indexOf(astral)
    let length = astral.length
    if (start < 0) {
      start = text.indexOf(passage.quote.exact)
      length = passage.quote.exact.length
    }
    if (start < 0) throw new Error(`Astral fixture: quote not found: ${passage.quote.exact}`)
    return newPassage({
      id: passage.id,
      stamp: passage.createdAt,
      author: passage.author,
      articleId: passage.articleId,
      text,
      textSha256: shaOf.get(passage.articleId)!,
      start,
      end: start + length,
      tagIds: passage.tagIds,
      note: passage.note
    })
  })
  return { ...base, articles, texts, passages }
}

/** The sample dossier resolved against the astral archive. */
export async function astralDocument(): Promise<{
  doc: DossierDocument
  snapshot: ArchiveSnapshot
}> {
  const snapshot = await astralSnapshot()
  const doc = buildDossier(sampleDossier(), snapshot, {
    labels: englishLabels(),
    now: '2026-01-01T00:00:00.000Z'
  })
  return { doc, snapshot }
}
