// What the last repeats detection used of each article besides its text (repeatInputsKey): a
// write to articles calls for a new detection only when one of those changed, which a title edit
// does not. Only the written articles are read to tell.
import { repeatInputsKey } from '@core/timeline/corroboration'
import type { LiasseDatabase } from '@renderer/db/database'

export class RepeatInputs {
  private keys = new Map<string, number>()

  /** The keys of the articles a detection just read (the analysis worker hands them back). */
  replace(entries: Iterable<readonly [string, number]>): void {
    this.keys = new Map(entries)
  }

  /**
   * Whether these written articles change what the last detection used: an author, a date, a
   * source name edited, or an article it compared deleted. A new article comes with its text,
   * whose write calls for a detection by itself.
   */
  async changed(db: LiasseDatabase, ids: readonly string[]): Promise<boolean> {
    const articles = await db.articles.bulkGet([...ids])
    return ids.some((id, i) => {
      const before = this.keys.get(id)
      const article = articles[i]
      if (!article) return before !== undefined
      return before !== undefined && before !== repeatInputsKey(article)
    })
  }
}
