// The search box's little language: words (all must match), "a phrase" (those words in that
// order), -word and -"a phrase" (must not match), word* (prefix). Anything else is a word.

export interface ParsedQuery {
  /** Words every result must contain (stemmed, typo-tolerant). */
  words: string[]
  /** Words given as a prefix (`élect*`, or the word being typed). */
  prefixes: string[]
  /** Phrases every result must contain, as typed (folded words compared in order). */
  phrases: string[]
  /** Words no result may contain. */
  excludedWords: string[]
  /** Phrases no result may contain. */
  excludedPhrases: string[]
}

export interface ParseOptions {
  /** Search as you type: the last word, not yet followed by a space, is also a prefix. */
  typing?: boolean
}

const PART = /(-?)"([^"]*)"?|(-?)(\S+)/g

/** Reads a query string; never throws (an unclosed quote runs to the end). */
export function parseQuery(input: string, { typing = false }: ParseOptions = {}): ParsedQuery {
  const query: ParsedQuery = {
    words: [],
    prefixes: [],
    phrases: [],
    excludedWords: [],
    excludedPhrases: []
  }
  const endsInSpace = /\s$/.test(input)
  let lastWord: { list: string[]; index: number; end: number } | null = null
  for (const match of input.matchAll(PART)) {
    const end = match.index + match[0].length
    if (match[2] !== undefined) {
      const phrase = match[2].trim()
      if (!phrase) continue
      // A phrase of one word is that word, exact (no prefix, no stemming difference matters).
      const list = match[1] ? query.excludedPhrases : query.phrases
      list.push(phrase)
      continue
    }
    const negative = match[3] === '-'
    const raw = match[4]!
    // Punctuation alone ("-", "…", "—") carries nothing to search for.
    if (!/[\p{L}\p{N}]/u.test(raw)) continue
    if (negative) {
      query.excludedWords.push(raw)
      continue
    }
    if (raw.endsWith('*') && raw.length > 1) {
      query.prefixes.push(raw.replace(/\*+$/, ''))
      continue
    }
    query.words.push(raw)
    lastWord = { list: query.words, index: query.words.length - 1, end }
  }
  // While typing "élec", the word is probably unfinished: search it as a prefix too.
  if (typing && !endsInSpace && lastWord && lastWord.end === input.trimEnd().length) {
    const [word] = lastWord.list.splice(lastWord.index, 1)
    query.prefixes.push(word!)
  }
  return query
}

/** True when the query asks for nothing (only exclusions, or nothing at all). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.words.length + query.prefixes.length + query.phrases.length === 0
}
