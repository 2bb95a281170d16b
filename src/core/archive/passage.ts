// Passages (coded text spans) and tags (the codebook): the records a researcher creates while
// reading. UUIDs, timestamps and the author's name on each, so that bundles merge by id.
import type { AnchorStatus, PassageSelectors } from '../anchoring/types'
import type { Attribution } from './attribution'

export interface Passage extends PassageSelectors, Attribution {
  id: string
  createdAt: string
  updatedAt: string
  /** Name from Settings at creation (empty when none was set). */
  author: string
  articleId: string
  tagIds: string[]
  note: string
  /**
   * The last resolution against the article's text: where the passage sits now, or that it is an
   * orphan. `textSha256` says which text it was resolved against, so that a stale result is seen.
   */
  anchor: {
    status: AnchorStatus
    start: number
    end: number
    score: number
    textSha256: string
  }
}

export interface Tag extends Attribution {
  id: string
  createdAt: string
  updatedAt: string
  author: string
  name: string
  /** The parent tag, or null at the top of the codebook. */
  parentId: string | null
  /** A CSS colour (`#rrggbb`). */
  color: string
  description: string
  /**
   * Set when the tag was merged into another: it stays as a redirect so that passages tagged with
   * it elsewhere (a teammate offline at the time) land on the merged tag. Never listed to the user.
   */
  mergedInto?: string
}
