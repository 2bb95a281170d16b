// A scanned article for the reader's tests, without running recognition: an article pasted through
// the app, then its pages drawn on a canvas from its own text and written straight into its
// IndexedDB as a scan (each word's box as drawn, its offsets in the text, a confidence), with the
// article's scan summary. Three pages: the first and last "recognised" (with words), the middle one
// "from a text layer" (no words), as a mixed PDF gives them.
import type { Page } from '@playwright/test'

export const SCAN_PAGE = { width: 1100, height: 1500 }

export interface SeededWord {
  text: string
  start: number
  end: number
  x: number
  y: number
  w: number
  h: number
  c: number
}

/**
 * Turns the pasted article `articleId` into a three-page scan; words listed in `lowWords` get a
 * confidence under 60. Returns each page's words (none on the middle page). Reload the page after.
 */
export async function seedScan(
  page: Page,
  articleId: string,
  lowWords: readonly string[]
): Promise<SeededWord[][]> {
  return page.evaluate(
    async ({ articleId, lowWords, size }) => {
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
      const article = await read<Record<string, unknown>>('articles', articleId)
      const body = await read<{ text: string; paragraphs: { start: number; end: number }[] }>(
        'articleTexts',
        articleId
      )
      const third = Math.ceil(body.paragraphs.length / 3)
      const groups = [0, 1, 2].map((p) => body.paragraphs.slice(p * third, (p + 1) * third))
      const result: SeededWord[][] = []
      const records: Record<string, unknown>[] = []
      let sum = 0
      let count = 0
      for (let p = 0; p < 3; p++) {
        const canvas = document.createElement('canvas')
        canvas.width = size.width
        canvas.height = size.height
        const ctx = canvas.getContext('2d')!
        ctx.fillStyle = '#f6f1e4'
        ctx.fillRect(0, 0, size.width, size.height)
        ctx.fillStyle = '#1d1b17'
        ctx.textBaseline = 'top'
        ctx.font = 'bold 44px serif'
        if (p === 0) ctx.fillText('LE PETIT JOURNAL', 80, 30)
        ctx.font = '26px serif'
        const words: SeededWord[] = []
        let y = p === 0 ? 110 : 90
        for (const span of groups[p]!) {
          let x = 80
          for (const match of body.text.slice(span.start, span.end).matchAll(/\S+/g)) {
            const width = ctx.measureText(match[0]).width
            if (x + width > size.width - 80) {
              x = 80
              y += 38
            }
            ctx.fillText(match[0], x, y)
            const start = span.start + match.index
            const low = lowWords.includes(match[0].replace(/[.,;:]$/, ''))
            const c = low ? 41 + (start % 15) : 88 + (start % 10)
            words.push({
              text: match[0],
              start,
              end: start + match[0].length,
              x: Math.round(x),
              y: y - 2,
              w: Math.round(width),
              h: 32,
              c
            })
            sum += c
            count++
            x += width + ctx.measureText(' ').width
          }
          y += 60
        }
        const blob = await new Promise<Blob>((resolve) =>
          canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.8)
        )
        const bytes = new Uint8Array(await blob.arrayBuffer())
        let binary = ''
        for (let i = 0; i < bytes.length; i += 0x8000)
          binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
        const source = p === 1 ? 'text' : 'ocr'
        const kept = source === 'ocr' ? words : []
        result.push(kept)
        records.push({
          id: `${articleId}:${p}`,
          articleId,
          page: p,
          width: size.width,
          height: size.height,
          mime: 'image/jpeg',
          image: btoa(binary),
          words: kept.map(({ text: _text, ...word }) => word),
          source
        })
      }
      article.scan = {
        pages: 3,
        recognisedPages: 2,
        language: 'fra',
        confidence: Math.round(sum / count)
      }
      article.sourceFormat = 'image'
      const tx = db.transaction(['articles', 'scanPages'], 'readwrite')
      tx.objectStore('articles').put(article)
      for (const record of records) tx.objectStore('scanPages').put(record)
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve
        tx.onerror = () => reject(tx.error)
      })
      db.close()
      return result
    },
    { articleId, lowWords: [...lowWords], size: SCAN_PAGE }
  )
}
