// The saved repeats against fake-indexeddb: built once from every text, then caught up from the
// change log reading only the written articles; always the groups a fresh detection finds.
import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedArticle } from '@core/import/types'
import { sha256Hex } from '@core/text/hash'
import { normalizeText, paragraphSpans } from '@core/text/normalize'
import { detectRepeats, type ArticleWithText } from '@core/timeline/corroboration'
import { countReads, type ReadCounter } from '../../../../test/db/read-counter'
import { openArchive, type Archive } from './index'
import { REPEAT_META, updateRepeats } from './repeat-index'

const DISPATCH = [
  'WASHINGTON (AFP) - Le fils aîné de Donald Trump a publié lundi soir sur Twitter la totalité',
  'de ses échanges privés avec WikiLeaks, quelques heures après que le magazine The Atlantic a',
  'révélé leur existence. Les messages montrent que le site fondé par Julian Assange a sollicité',
  'à plusieurs reprises Donald Trump Jr pendant la campagne présidentielle de 2016, lui',
  'demandant notamment de relayer des liens vers des documents piratés du Parti démocrate.',
  'Le 21 octobre 2016, WikiLeaks lui a aussi proposé de publier les déclarations d’impôts de son',
  'père afin de paraître impartial. Donald Trump Jr affirme n’avoir répondu qu’à trois reprises.'
].join(' ')

const OTHER = [
  'Le conseil municipal de Rennes a voté jeudi soir le budget de la ville pour l’année prochaine,',
  'après un débat de plus de six heures sur le financement des transports en commun, des écoles',
  'et de la rénovation des piscines. L’opposition a dénoncé une hausse des impôts locaux que la',
  'majorité juge indispensable pour maintenir le niveau des services publics de la métropole.'
].join(' ')

async function imported(title: string, body: string, author = ''): Promise<ImportedArticle> {
  const text = normalizeText(body)
  return {
    text,
    paragraphs: paragraphSpans(text),
    meta: { title, outlet: '', author, published: null, language: 'fr' },
    sourceName: `${title}.txt`,
    sourceFormat: 'txt',
    sha256: await sha256Hex(text)
  }
}

let archive: Archive
let reads: ReadCounter
let name = 0

beforeEach(() => {
  archive = openArchive(`repeat-index-${++name}`)
  reads = countReads(archive.db)
})

afterEach(() => archive.db.close())

/** What a fresh detection finds on every article and text of the archive now. */
async function detectedNow(): Promise<ReturnType<typeof detectRepeats>> {
  const articles = await archive.db.articles.toArray()
  const texts = await archive.db.articleTexts.bulkGet(articles.map((a) => a.id))
  const items: ArticleWithText[] = articles.flatMap((article, i) =>
    texts[i] ? [{ article, text: texts[i]!.text }] : []
  )
  return detectRepeats(items)
}

describe('saved repeats', () => {
  it('are built from every text once, then caught up reading only the written articles', async () => {
    const original = await archive.articles.add(await imported('Original', DISPATCH))
    const copy = await archive.articles.add(
      await imported('Copie', DISPATCH.replace('lundi soir', 'dans la nuit de lundi'))
    )
    await archive.articles.add(await imported('Autre', OTHER))

    const progress: string[] = []
    const first = await updateRepeats(archive.db, {
      onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`)
    })
    expect(first.origin).toBe('built')
    expect(first.articlesRead).toBe(3)
    expect(progress).toContain('reading 3/3')
    expect(first.groups.map((g) => [...g.articleIds].sort())).toEqual([
      [original.id, copy.id].sort()
    ])
    expect(first.groups).toEqual(await detectedNow())

    // Nothing written since: nothing read but the log and the saved meta.
    reads.reset()
    const idle = await updateRepeats(archive.db, { haveGroups: true })
    expect(idle).toMatchObject({ changed: false, origin: 'caught-up', articlesRead: 0 })
    expect(reads.total(['changes', 'repeatPrints'])).toBe(0)

    // A title edit: the article is read again, the groups do not change.
    await archive.articles.updateMeta(copy.id, { title: 'Copie revue' })
    reads.reset()
    const retitled = await updateRepeats(archive.db, { haveGroups: true })
    expect(retitled).toMatchObject({ changed: false, articlesRead: 1 })
    expect(reads.byTable.get('articles')).toBe(1)
    expect(reads.byTable.get('articleTexts')).toBe(1)
  })

  it('a new copy joins the group and a deleted one leaves it, as a fresh detection says', async () => {
    await archive.articles.add(await imported('Original', DISPATCH))
    await archive.articles.add(await imported('Autre', OTHER))
    await updateRepeats(archive.db)

    const copy = await archive.articles.add(
      await imported('Copie', DISPATCH.replace('à plusieurs reprises', 'souvent'))
    )
    const joined = await updateRepeats(archive.db, { haveGroups: true })
    expect(joined).toMatchObject({ changed: true, origin: 'caught-up', articlesRead: 1 })
    expect(joined.groups).toHaveLength(1)
    expect(joined.groups[0]?.articleIds).toContain(copy.id)
    expect(joined.groups).toEqual(await detectedNow())

    await archive.articles.remove(copy.id)
    const left = await updateRepeats(archive.db, { haveGroups: true })
    expect(left.changed).toBe(true)
    expect(left.groups).toEqual([])
    expect(await archive.db.repeatEdges.count()).toBe(0)
  })

  it('a text rewritten into another story leaves its group, whichever of the two it was', async () => {
    const one = await archive.articles.add(await imported('Un', DISPATCH))
    const two = await archive.articles.add(await imported('Deux', `${DISPATCH} Fin.`))
    await updateRepeats(archive.db)
    for (const id of [one.id, two.id]) {
      await archive.db.articleTexts.update(id, { text: normalizeText(OTHER) })
      const apart = await updateRepeats(archive.db, { haveGroups: true })
      expect(apart).toMatchObject({ changed: true, articlesRead: 1, groups: [] })
      await archive.db.articleTexts.update(id, { text: normalizeText(DISPATCH) })
      const again = await updateRepeats(archive.db, { haveGroups: true })
      expect(again.groups).toHaveLength(1)
      expect(again.groups).toEqual(await detectedNow())
    }
  })

  it('an author crediting a wire is a change that matters; a damaged or older save is rebuilt', async () => {
    const first = await archive.articles.add(await imported('Un', DISPATCH.slice(0, 400)))
    await archive.articles.add(await imported('Deux', DISPATCH.slice(0, 400) + ' ' + OTHER))
    await updateRepeats(archive.db)
    await archive.articles.updateMeta(first.id, { author: 'Reuters' })
    const update = await updateRepeats(archive.db, { haveGroups: true })
    expect(update.changed).toBe(true)
    expect(update.groups).toEqual(await detectedNow())

    await archive.db.repeatPrints.put({ id: REPEAT_META, version: 0, seq: 0 } as never)
    const rebuilt = await updateRepeats(archive.db, { haveGroups: true })
    expect(rebuilt.origin).toBe('built')
    expect(rebuilt.groups).toEqual(await detectedNow())
  })

  it('the saved tables stay out of the change log', async () => {
    await archive.articles.add(await imported('Original', DISPATCH))
    const before = await archive.db.changes.count()
    await updateRepeats(archive.db)
    expect(await archive.db.changes.count()).toBe(before)
  })

  it('after any sequence of imports, edits and deletes, the groups are those of a fresh detection', async () => {
    // Variants of two stories: copies with a word or two changed, cuts, unrelated texts.
    const variants = [
      DISPATCH,
      DISPATCH.replace('lundi soir', 'mardi matin'),
      DISPATCH.slice(0, 520),
      DISPATCH.replace('Julian Assange', 'son fondateur').replace('trois', 'deux'),
      OTHER,
      OTHER.replace('jeudi soir', 'vendredi'),
      'Un texte court sans rapport.'
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant('add' as const), v: fc.nat(variants.length - 1) }),
            fc.record({
              op: fc.constant('edit' as const),
              i: fc.nat(9),
              v: fc.nat(variants.length - 1)
            }),
            fc.record({ op: fc.constant('delete' as const), i: fc.nat(9) }),
            fc.record({ op: fc.constant('check' as const) })
          ),
          { minLength: 1, maxLength: 12 }
        ),
        async (steps) => {
          const local = openArchive(`repeat-index-prop-${++name}`)
          const db = local.db
          try {
            let n = 0
            const ids = async (): Promise<string[]> =>
              (await db.articles.toCollection().primaryKeys()) as string[]
            for (const step of steps) {
              if (step.op === 'add') {
                const body = `${variants[step.v]} (${++n})`
                await local.articles.add(await imported(`A${n}`, body))
              } else if (step.op === 'edit') {
                const id = (await ids())[step.i]
                if (id)
                  await db.articleTexts.update(id, {
                    text: normalizeText(`${variants[step.v]} [${++n}]`)
                  })
              } else if (step.op === 'delete') {
                const id = (await ids())[step.i]
                if (id) await local.articles.remove(id)
              } else await updateRepeats(db, { haveGroups: true })
            }
            const final = await updateRepeats(db)
            const articles = await db.articles.toArray()
            const texts = await db.articleTexts.bulkGet(articles.map((a) => a.id))
            const fresh = detectRepeats(
              articles.flatMap((article, i) =>
                texts[i] ? [{ article, text: texts[i]!.text }] : []
              )
            )
            expect(final.groups).toEqual(fresh)
          } finally {
            db.close()
          }
        }
      ),
      { numRuns: 40 }
    )
  })
})
