// W3C Web Annotation selectors over an article's normalized text, and what resolving them gives.
// Offsets count UTF-16 code units of the normalized text (ArticleText.text).

export interface TextQuoteSelector {
  type: 'TextQuoteSelector'
  exact: string
  /** Up to 32 characters before the quote. */
  prefix: string
  /** Up to 32 characters after the quote. */
  suffix: string
}

export interface TextPositionSelector {
  type: 'TextPositionSelector'
  start: number
  end: number
}

/** What a passage stores to find its text again. */
export interface PassageSelectors {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/**
 * How a passage was found in the current text:
 * - `exact`: the stored position still holds the quote;
 * - `moved`: the exact quote was found elsewhere (nearest the old position, context agreeing);
 * - `fuzzy`: an approximate match scored above the acceptance threshold;
 * - `orphan`: nothing trustworthy; the passage is kept but attached nowhere.
 */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphan'

export type Resolution =
  | { status: 'exact' | 'moved' | 'fuzzy'; start: number; end: number; score: number }
  | { status: 'orphan'; score: number }
