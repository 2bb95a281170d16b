// A long article for the reader's tests: generated paragraphs ("Paragraphe 0." to "Paragraphe
// 119."), pasted through the app's own dialog, and passages written straight into its IndexedDB.
import { expect, type Page } from '@playwright/test'

const FILLER =
  'Les archives de la préfecture gardent les procès-verbaux des séances, les lettres reçues ' +
  'et les copies des réponses, classées par année puis par commune, dans des liasses ficelées ' +
  'dont personne ne connaît plus le détail.'

/** Paragraph number → words put in its middle. */
export type Insertions = ReadonlyMap<number, string>

/** `count` paragraphs of about 450 characters, separated by blank lines. */
export function longText(insertions: Insertions = new Map(), count = 120): string {
  const paragraphs: string[] = []
  for (let n = 0; n < count; n++) {
    const words = insertions.get(n)
    paragraphs.push(`Paragraphe ${n}. ${FILLER}${words ? ` On y lit ${words}.` : ''} ${FILLER}`)
  }
  return paragraphs.join('\n\n')
}

/** Pastes `text` as an article titled `title` and opens it; returns the article's id. */
export async function pasteArticle(page: Page, title: string, text: string): Promise<string> {
  await page.getByRole('button', { name: 'Paste text…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Paste text as an article' })
  await dialog.getByRole('textbox', { name: 'Title (optional)' }).fill(title)
  await dialog.getByRole('textbox', { name: 'Text' }).fill(text)
  await dialog.getByRole('button', { name: 'Import text' }).click()
  await page
    .getByRole('dialog', { name: 'Import report' })
    .getByRole('link', { name: title })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
  return decodeURIComponent(page.url().split('/article/')[1]!.split('?')[0]!)
}

/**
 * Writes untagged passages over `spans` of the article straight into the archive (ids `seed-0`,
 * `seed-1`…); the app reads them when it starts again (reload the page).
 */
export async function seedPassages(
  page: Page,
  articleId: string,
  spans: readonly { start: number; end: number }[]
): Promise<void> {
  await page.evaluate(
    async ({ articleId, spans }) => {
      const open = indexedDB.open('liasse')
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const read = <T>(store: string, key: string): Promise<T> =>
        new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).get(key)
          request.onsuccess = () => resolve(request.result as T)
          request.onerror = () => reject(request.error)
        })
      const article = await read<{ sha256: string }>('articles', articleId)
      const { text } = await read<{ text: string }>('articleTexts', articleId)
      const tx = db.transaction('passages', 'readwrite')
      spans.forEach(({ start, end }, i) => {
        const stamp = new Date().toISOString()
        tx.objectStore('passages').put({
          id: `seed-${i}`,
          createdAt: stamp,
          updatedAt: stamp,
          author: '',
          articleId,
          tagIds: [],
          note: '',
          quote: {
            type: 'TextQuoteSelector',
            exact: text.slice(start, end),
            prefix: text.slice(Math.max(0, start - 32), start),
            suffix: text.slice(end, end + 32)
          },
          position: { type: 'TextPositionSelector', start, end },
          anchor: { status: 'exact', start, end, score: 1, textSha256: article.sha256 }
        })
      })
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    },
    { articleId, spans }
  )
}
