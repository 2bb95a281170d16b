// A write to articles calls for a new repeats detection only when it changes what detection uses:
// a title edit does not; an author, a date, a source name, a delete do. Only the written articles
// are read to tell.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it } from 'vitest'
import { repeatInputsKey } from '@core/timeline/corroboration'
import { LiasseDatabase } from '@renderer/db/database'
import { sampleArticles } from '../../../../../test/dossier/test-fixture'
import { countReads } from '../../../../../test/db/read-counter'
import { RepeatInputs } from './repeat-inputs'

let db: LiasseDatabase

afterEach(async () => {
  await db.delete()
})

describe('RepeatInputs', () => {
  it('tells which article writes change what repeats detection used, reading those alone', async () => {
    db = new LiasseDatabase(`repeat-inputs-${Math.random()}`)
    const reads = countReads(db)
    const [article] = (await sampleArticles()).articles
    const articles = Array.from({ length: 200 }, (_, i) => ({
      ...article!,
      id: `a-${i}`,
      sha256: `s-${i}`
    }))
    await db.articles.bulkPut(articles)
    const inputs = new RepeatInputs()
    inputs.replace(articles.map((a) => [a.id, repeatInputsKey(a)]))

    await db.articles.update('a-1', { title: 'Another title' })
    reads.reset()
    expect(await inputs.changed(db, ['a-1'])).toBe(false)
    expect(reads.total(['changes'])).toBe(1)

    await db.articles.update('a-2', { author: 'AFP' })
    expect(await inputs.changed(db, ['a-1', 'a-2'])).toBe(true)
    await db.articles.update('a-3', {
      published: { value: '1999', precision: 'year', qualifier: 'stated' }
    })
    expect(await inputs.changed(db, ['a-3'])).toBe(true)
    await db.articles.update('a-4', { sourceName: 'other.txt' })
    expect(await inputs.changed(db, ['a-4'])).toBe(true)
    await db.articles.delete('a-5')
    expect(await inputs.changed(db, ['a-5'])).toBe(true)
    // An article detection did not compare (no text yet): its text's write will call for one.
    await db.articles.put({ ...article!, id: 'new', sha256: 'new' })
    expect(await inputs.changed(db, ['new'])).toBe(false)
  })
})
