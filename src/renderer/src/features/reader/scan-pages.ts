// A scanned article's pages for the reader: every page's words (for the page view's outlines and
// the marks on words read with low confidence), and one page image at a time, read when shown.
// Page images are the bulk of a scan (a few hundred KB each): a 500-page PDF is not held in memory
// for its words.
import { ref, shallowRef, watch, type Ref } from 'vue'
import { archive } from '@renderer/db'
import { pageInfo, type PageInfo } from './page-view'

/** Whether the page view is open: kept while reading, from one scanned article to the next. */
const PAGE_VIEW_KEY = 'liasse.reader.pageView'
function storedOpen(): boolean {
  try {
    return sessionStorage.getItem(PAGE_VIEW_KEY) === '1'
  } catch {
    return false
  }
}
export const pageViewOpen = ref(typeof sessionStorage === 'undefined' ? false : storedOpen())
watch(pageViewOpen, (open) => {
  try {
    sessionStorage.setItem(PAGE_VIEW_KEY, open ? '1' : '0')
  } catch {
    // Storage refused (a private window): the choice lasts until the app closes.
  }
})

/**
 * Reads the article's pages without their images, one after another (each record holds its image:
 * reading them all at once would hold every image at the same time).
 */
export async function readPageIndex(articleId: string, count: number): Promise<PageInfo[]> {
  const pages: PageInfo[] = []
  for (let index = 0; index < count; index++) {
    const page = await archive().scans.page(articleId, index)
    if (page) pages.push(pageInfo(page))
  }
  return pages
}

/** Base64 to bytes, for a Blob URL (shorter-lived and lighter in the DOM than a data: URL). */
function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** The page index of the article `id()` when `pageCount()` says it is a scan; re-read on `version()`. */
export function useScanPages(
  id: () => string,
  pageCount: () => number,
  version: () => string | undefined
): { pages: Ref<PageInfo[]> } {
  const pages = shallowRef<PageInfo[]>([])
  watch(
    [id, pageCount, version],
    async ([articleId, count], _before, onCleanup) => {
      let stale = false
      onCleanup(() => (stale = true))
      if (!count) {
        pages.value = []
        return
      }
      const read = await readPageIndex(articleId, count)
      if (!stale) pages.value = read
    },
    { immediate: true }
  )
  return { pages }
}

/** A Blob URL for one page's image, or null when none was kept; revoke it when done. */
export async function pageImageUrl(articleId: string, page: number): Promise<string | null> {
  const stored = await archive().scans.page(articleId, page)
  if (!stored || !stored.image) return null
  return URL.createObjectURL(new Blob([fromBase64(stored.image)], { type: stored.mime }))
}
