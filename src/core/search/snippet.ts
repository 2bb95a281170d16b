// The few words around a match that a result shows, with the matching words marked, and where the
// first match stands in the text (so that the reader opens there).
import { foldedWords, termsOf, tokenize, type Token } from './analyze'
import { isPrefixPhrase } from './query'

export interface SnippetPart {
  text: string
  match: boolean
}

export interface Snippet {
  parts: SnippetPart[]
  /** Offset in the text of the first marked word, or null when no word matched. */
  at: number | null
}

export interface SnippetOptions {
  /** Index terms that matched (stems, from the engine's hit). */
  terms: Iterable<string>
  /** Phrases of the query, marked word for word where they occur. */
  phrases?: readonly string[]
  /** The text's language, for stemming as the index did. */
  language?: string
  /** Characters shown around the best cluster of matches. */
  width?: number
}

/** Which tokens match: by their index terms, or as part of a phrase. */
function matchingTokens(tokens: Token[], options: SnippetOptions): boolean[] {
  const terms = new Set(options.terms)
  const marks = tokens.map((token) =>
    termsOf(token.word, options.language).some((term) => terms.has(term))
  )
  const folded = tokens.map((token) => foldedWords(token.word)[0] ?? '')
  for (const phrase of options.phrases ?? []) {
    const wanted = foldedWords(phrase)
    if (wanted.length === 0) continue
    const last = isPrefixPhrase(phrase) ? wanted.length - 1 : -1
    const same = (word: string, j: number, token: string): boolean =>
      j === last ? token.startsWith(word) : token === word
    for (let i = 0; i + wanted.length <= tokens.length; i++) {
      if (wanted.every((word, j) => same(word, j, folded[i + j]!))) {
        for (let j = 0; j < wanted.length; j++) marks[i + j] = true
      }
    }
  }
  return marks
}

/**
 * The window of about `width` characters holding the most matches, cut at word boundaries, with
 * "…" where it cuts the text. Without any match, the beginning of the text.
 */
export function makeSnippet(text: string, options: SnippetOptions): Snippet {
  const width = options.width ?? 180
  const tokens = tokenize(text)
  const marks = matchingTokens(tokens, options)
  const matched = tokens.filter((_, i) => marks[i])
  let from = 0
  let at: number | null = null
  if (matched.length > 0) {
    // The best window: the one showing the most different query words ("wikileaks ambassadeur"
    // shows both, not five times the first), then the most matches.
    const words = matched.map((token) => foldedWords(token.word)[0] ?? '')
    // What is shown runs from a quarter of the width before the window's first match: the window
    // itself must fit in the rest.
    const lead = Math.floor(width / 4)
    let best = 0
    let bestScore = -1
    for (let i = 0, j = 0; i < matched.length; i++) {
      while (j < matched.length && matched[j]!.end - matched[i]!.start <= width - lead) j++
      const score = new Set(words.slice(i, j)).size * 1000 + (j - i)
      if (score > bestScore) {
        bestScore = score
        best = i
      }
    }
    const first = matched[best]!
    // The reader opens at the match the snippet shows.
    at = first.start
    // A little context before the first match of the window.
    from = Math.max(0, first.start - lead)
  }
  let to = Math.min(text.length, from + width)
  // Cut at word boundaries, never inside a word.
  if (from > 0) {
    const next = tokens.find((token) => token.start >= from)
    from = next ? next.start : from
  }
  if (to < text.length) {
    const last = [...tokens].reverse().find((token) => token.end <= to)
    to = last && last.end > from ? last.end : to
  }
  const parts: SnippetPart[] = []
  const push = (part: string, match: boolean): void => {
    if (!part) return
    const previous = parts[parts.length - 1]
    if (previous && previous.match === match) previous.text += part
    else parts.push({ text: part, match })
  }
  if (from > 0) push('…', false)
  let cursor = from
  let previousMarked = false
  tokens.forEach((token, i) => {
    if (!marks[i] || token.start < from || token.end > to) return
    const gap = text.slice(cursor, token.start).replace(/\s+/g, ' ')
    // Marked words apart only by spaces ("Donald Trump") are one mark.
    push(gap, previousMarked && cursor > from && /^ ?$/.test(gap))
    push(token.word, true)
    cursor = token.end
    previousMarked = true
  })
  push(text.slice(cursor, to).replace(/\s+/g, ' '), false)
  if (to < text.length) push('…', false)
  return { parts, at }
}
