// The search box's little language: words (all must match), "a phrase" (those words in that
// order), -word and -"a phrase" (must not match), word* (prefix). Anything else is a word.
// A word the index cuts in several ("États-Unis", "aujourd'hui") is the phrase of its parts; a
// phrase ending in * ("États-Un*") takes its last word as a prefix.
import { tokenize } from './analyze'

export interface ParsedQuery {
  /** Words every result must contain (stemmed, typo-tolerant). */
  words: string[]
  /** Words given as a prefix (`élect*`, or the word being typed). */
  prefixes: string[]
  /**
   * Phrases every result must contain, as typed (folded words compared in order); one ending in
   * `*` has its last word as a prefix.
   */
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

// French elision: "l'élection" is a search for élection, not for the letter l before it.
const ELISION = /^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu)['’](?=[\p{L}\p{N}])/iu

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
    const star = /[\p{L}\p{N}]\*+$/u.test(raw)
    const body = raw.replace(/\*+$/, '').replace(ELISION, '')
    const parts = tokenize(body)
    // Punctuation alone ("-", "…", "—") carries nothing to search for.
    if (parts.length === 0) continue
    // While typing "élec", the last word is probably unfinished: it is searched as a prefix too.
    const typed = typing && !endsInSpace && end === input.trimEnd().length
    if (parts.length > 1) {
      // The index holds "États-Unis" as two words: they must be there, next to each other.
      const phrase = body.slice(parts[0]!.start, parts[parts.length - 1]!.end)
      if (negative) query.excludedPhrases.push(phrase)
      else query.phrases.push(star || typed ? `${phrase}*` : phrase)
      continue
    }
    const word = parts[0]!.word
    if (negative) query.excludedWords.push(word)
    else if (star || typed) query.prefixes.push(word)
    else query.words.push(word)
  }
  return query
}

/** True when the query asks for nothing (only exclusions, or nothing at all). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.words.length + query.prefixes.length + query.phrases.length === 0
}

/** True for a phrase ending in * ("États-Un*"), whose last word is a prefix. */
export function isPrefixPhrase(phrase: string): boolean {
  return /[\p{L}\p{N}]\*+\s*$/u.test(phrase)
}
