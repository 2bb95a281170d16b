// Scanned pages: each page's image and recognised words, read by article (the reader's page view,
// the exports' image regions). Written with their article (ArticleRepository.add/addMany).
import type { ScanPage } from '@core/scan/types'
import { scanPageId } from '@core/scan/types'
import type { LiasseDatabase } from './database'

export class ScanRepository {
  constructor(private readonly db: LiasseDatabase) {}

  /** The article's pages in order (none for a born-digital article). */
  async pages(articleId: string): Promise<ScanPage[]> {
    const pages = await this.db.scanPages.where('articleId').equals(articleId).toArray()
    return pages.sort((a, b) => a.page - b.page)
  }

  /** One page, or undefined. */
  page(articleId: string, page: number): Promise<ScanPage | undefined> {
    return this.db.scanPages.get(scanPageId(articleId, page))
  }

  /** The pages of several articles (an export), by article id, each list in page order. */
  async pagesOf(articleIds: readonly string[]): Promise<Map<string, ScanPage[]>> {
    const pages = await this.db.scanPages
      .where('articleId')
      .anyOf([...articleIds])
      .toArray()
    const byArticle = new Map<string, ScanPage[]>()
    for (const page of pages.sort((a, b) => a.page - b.page)) {
      const list = byArticle.get(page.articleId)
      if (list) list.push(page)
      else byArticle.set(page.articleId, [page])
    }
    return byArticle
  }
}
