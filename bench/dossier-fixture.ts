// A large archive for the dossier benches: 200 articles (the five samples, each round with its
// letters shifted and a reference line added, so that no two texts are equal), 1,000 passages on whole sentences (5 per
// article), a codebook of 10 themes × 3 sub-tags, 100 dated events and 1,000 links.
import { createHash } from 'node:crypto'
import type { Passage, Tag } from '../src/core/archive/passage'
import { newPassage } from '../src/core/archive/passages'
import { buildDossier, newDossier } from '../src/core/dossier/build'
import { englishLabels, sampleArticles } from '../test/dossier/test-fixture'
import type { ArchiveSnapshot, Dossier, DossierDocument } from '../src/core/dossier/types'
import type { EventLink, TimelineEvent } from '../src/core/timeline/types'

export const ARTICLES = 200
export const PASSAGES = 1_000
const STAMP = '2026-01-15T10:00:00.000Z'
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b']

const rot = (text: string, k: number): string =>
  text.replace(/[a-z]/gi, (ch) => {
    const base = ch <= 'Z' ? 65 : 97
    return String.fromCharCode(((ch.charCodeAt(0) - base + k) % 26) + base)
  })

/** Sentences of 60 to 400 characters: what a researcher typically quotes. */
function sentenceSpans(text: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = []
  for (const match of text.matchAll(/[^.!?\n]+[.!?]/g)) {
    const start = match.index + (match[0].length - match[0].trimStart().length)
    const end = match.index + match[0].length
    if (end - start >= 60 && end - start <= 400) spans.push({ start, end })
  }
  return spans
}

export async function largeSnapshot(): Promise<ArchiveSnapshot> {
  const sample = await sampleArticles()
  const articles: ArchiveSnapshot['articles'] = []
  const texts = new Map<string, string>()
  for (let i = 0; i < ARTICLES; i++) {
    const base = sample.articles[i % sample.articles.length]!
    const round = Math.floor(i / sample.articles.length)
    // ROT-26 is the identity: a closing reference line keeps rounds 26 and on distinct too.
    const text = `${rot(sample.texts.get(base.id)!, round % 26)}\n\nRef. ${i}`
    const id = `bench-article-${i}`
    articles.push({
      ...base,
      id,
      title: `${rot(base.title, round % 26)} (${i})`,
      outlet: `Outlet ${i % 25}`,
      sha256: createHash('sha256').update(text).digest('hex'),
      textLength: text.length
    })
    texts.set(id, text)
  }

  const tags: Tag[] = []
  for (let t = 0; t < 10; t++) {
    const parent = `bench-tag-${t}`
    tags.push(tagRecord(parent, `Theme ${t}`, null, COLORS[t % COLORS.length]!))
    for (let c = 0; c < 3; c++) {
      tags.push(tagRecord(`${parent}-${c}`, `Sub ${t}.${c}`, parent, COLORS[c]!))
    }
  }

  const events: TimelineEvent[] = Array.from({ length: 100 }, (_, e) => ({
    id: `bench-event-${e}`,
    createdAt: STAMP,
    updatedAt: STAMP,
    author: 'Bench',
    title: `Event ${e}: a dated episode told by several sources`,
    date: {
      start: new Date(Date.UTC(2016, 0, 1) + e * 5 * 86_400_000).toISOString().slice(0, 10),
      precision: 'day',
      approximate: false
    },
    place: '',
    participants: [],
    description: '',
    status: e % 7 === 0 ? 'disputed' : 'confirmed'
  }))

  const passages: Passage[] = []
  const links: EventLink[] = []
  const perArticle = PASSAGES / ARTICLES
  for (const [a, article] of articles.entries()) {
    const text = texts.get(article.id)!
    const spans = sentenceSpans(text)
    for (let k = 0; k < perArticle; k++) {
      const span = spans[(k * 7 + a) % spans.length]!
      const n = passages.length
      const id = `bench-passage-${n}`
      passages.push(
        newPassage({
          id,
          stamp: STAMP,
          author: 'Bench',
          articleId: article.id,
          text,
          textSha256: article.sha256,
          start: span.start,
          end: span.end,
          tagIds: [
            tags[n % tags.length]!.id,
            ...(n % 3 === 0 ? [tags[(n * 7) % tags.length]!.id] : [])
          ],
          note: n % 2 === 0 ? `Note ${n}: why this passage matters, in a sentence or two.` : ''
        })
      )
      links.push({
        id: `bench-link-${n}`,
        createdAt: STAMP,
        updatedAt: STAMP,
        author: 'Bench',
        eventId: events[n % events.length]!.id,
        passageId: id,
        role: n % 10 === 0 ? 'contradicts' : 'reports',
        note: ''
      })
    }
  }
  return { articles, texts, passages, tags, events, links }
}

function tagRecord(id: string, name: string, parentId: string | null, color: string): Tag {
  return {
    id,
    createdAt: STAMP,
    updatedAt: STAMP,
    author: 'Bench',
    name,
    parentId,
    color,
    description: ''
  }
}

/** Every passage, by timeline, with notes, matrix and timeline figure; appendix as asked. */
export function largeDossier(appendix: boolean): Dossier {
  return {
    ...newDossier({ id: 'bench-dossier', stamp: STAMP, author: 'Bench', title: 'Bench dossier' }),
    options: {
      notes: true,
      matrix: true,
      timelineFigure: true,
      appendix,
      highlightInAppendix: appendix
    }
  }
}

export function largeDocument(snapshot: ArchiveSnapshot, appendix: boolean): DossierDocument {
  return buildDossier(largeDossier(appendix), snapshot, { labels: englishLabels(), now: STAMP })
}
