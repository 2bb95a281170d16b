// How text becomes search terms, for the index and for queries alike: words cut with their
// offsets, case and accents folded, French and English stemmed (Snowball, from @orama/stemmers).
import { stemmer as stemEnglish } from '@orama/stemmers/english'
import { foldForSearch } from '../archive/library-view'
import { stemmer as stemFrench } from '@orama/stemmers/french'

/** A word of a text and where it stands (UTF-16 offsets, half-open). */
export interface Token {
  word: string
  start: number
  end: number
}

// Letters and digits, with the marks that combine with them. An apostrophe or a hyphen cuts a
// word: "l'élection" is "l" + "élection" (French elision), "Trump-Assange" two names.
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu

/** The words of a text with their offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length })
  }
  return tokens
}

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' }

/**
 * The library's folding (lower case, no diacritics) with letters written out as well: "Œuvre"
 * and "oeuvre", "élection" and "election".
 */
export function fold(word: string): string {
  return foldForSearch(word).replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
}

/** Languages the index stems for; any other language is stemmed both ways. */
export type StemLanguage = 'fr' | 'en'

// Elided articles and pronouns ("l'", "d'", "qu'") and single letters say nothing on their own.
const TOO_SHORT = 1

/**
 * The index terms of one word: its stem in the given language, or in French and in English when
 * the language is unknown (passages, notes, events, and queries, whose language nobody states).
 * French stemming runs on the lower-cased word with its accents (its Snowball rules expect them),
 * then the stem is folded, so that "élections" and "Elections" meet at "elect".
 */
export function termsOf(word: string, language?: string): string[] {
  const lower = word.toLowerCase()
  if (lower.length <= TOO_SHORT) return []
  const key = `${language === 'fr' || language === 'en' ? language : '*'}\u0000${lower}`
  let terms = cache.get(key)
  if (terms === undefined) {
    terms = stemsOf(lower, language)
    // A language has a few hundred thousand word forms at most; past that, start afresh.
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(key, terms)
  }
  return terms
}

// Snowball costs a few microseconds a word; the same words come back in every article, so the
// stems are remembered (this took index building from 2.2 ms to 0.6 ms an article; see bench/).
const cache = new Map<string, string[]>()
const CACHE_LIMIT = 500_000

function stemsOf(lower: string, language?: string): string[] {
  if (/^\p{N}+$/u.test(lower)) return [lower]
  if (language === 'fr') return [fold(stemFrench(lower))]
  // The English rules know no accents: "élection" is stemmed as "election", like the word of an
  // English text, so that a French query meets English articles too.
  if (language === 'en') return [stemEnglish(fold(lower))]
  const fr = fold(stemFrench(lower))
  const en = stemEnglish(fold(lower))
  return fr === en ? [fr] : [fr, en]
}

/** Every index term of a text, in order (a word may give two terms when its language is unknown). */
export function analyze(text: string, language?: string): string[] {
  const terms: string[] = []
  for (const token of tokenize(text)) terms.push(...termsOf(token.word, language))
  return terms
}

/** Folded words in order, without stemming: what a phrase query compares. */
export function foldedWords(text: string): string[] {
  return tokenize(text).map((token) => fold(token.word))
}

// Endings a word takes past its stem, in French and English (inflection and derivation): only a
// way to guess the words a typed start may become; the stemmers decide (see stemsPassed).
const ENDINGS = (
  'e es s x é ée ées és er ers ère ères ier iers ière ières eur eurs euse euses eux ion ions ' +
  'tion tions sion sions ation ations ateur ateurs atrice atrices ement ements ment ments ité ' +
  'ités if ifs ive ives ique iques isme ismes iste istes able ables ible ibles ance ances ence ' +
  'ences ant ants ante antes ent ents al ale ales aux el elle elles els ai ais ait aient ir ira ' +
  'irait is it issant issement ez iez ons èrent eront erait logie logies ' +
  'ed ing ings est ational ator ators ally ic ical ically ics ity ities ively ness ful fully ly ' +
  'ism isms ist ists ize ized izes izing ization ous ously y ies ied ate ates ated ating ' +
  'isation isations iser isé isée ablement iquement ativement ellement ationnel ationnelle ' +
  'ality alities alize alized alization ationally izations ability ibility fulness ' +
  'icité icités icity icities'
)
  .split(' ')
  .map((ending) => ({ ending, folded: fold(ending) }))

/** Shortest stem a typed word is taken to have run past. */
const PASSED_MIN = 4

/**
 * The index terms that a word being typed has already run past: "electio" is the start of no
 * term, since "élection" is indexed as "elect". A term that begins the typed word is kept only if
 * the rest of it begins an ending that stems back to that term: "electio" keeps "elect"
 * (élection), "electr" does not ("electr…" never stems to "elect").
 */
export function stemsPassed(typed: string, known: (term: string) => boolean): string[] {
  const word = fold(typed)
  const passed: string[] = []
  for (let length = word.length - 1; length >= PASSED_MIN; length--) {
    const stem = word.slice(0, length)
    if (!known(stem)) continue
    const rest = word.slice(length)
    const last = stem.at(-1)!
    const stemsBack = ENDINGS.some(
      ({ ending, folded }) =>
        (folded.startsWith(rest) && termsOf(stem + ending).includes(stem)) ||
        // The French rules undouble a last letter: "surveillance" is "surveil".
        ((last + folded).startsWith(rest) && termsOf(stem + last + ending).includes(stem))
    )
    if (stemsBack) passed.push(stem)
  }
  return passed
}
