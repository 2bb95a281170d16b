// Sentence boundaries in French and English press prose, for titles and for the passage a
// suggested event links to. Rules rather than Intl.Segmenter: on sentence-corpus.ts, the same
// rules fed by Intl.Segmenter's breaks miss 13 of 282 boundaries (recall 0.954: no break after
// "…", after « … » closed behind a space, before a dialogue dash or a digit), and ICU's breaks
// may differ between Node and Chromium versions. What ends a sentence:
// - ".", "?", "!", "…" (and their runs), with the closing quotes and brackets that follow them,
//   when what follows starts a new sentence (a capital, a digit, an opening quote or dash before a
//   capital); never before a lowercase word or a comma;
// - a line break: every line is a unit (a heading, a chronology line or a bullet without final
//   punctuation is a sentence of its own), unless the next line starts with a lowercase letter
//   (a hard-wrapped line);
// - an inline bullet ("… fin • Suite").
// What does not:
// - anything inside a quotation: a quoted message is one unit ("Salut Don. On espère…"); a
//   quotation that ends the sentence ends it after its closing mark (`Il a dit : « C'est fini. »`),
//   unless its speaker follows (`"Why now?" Senator Warner asked.`);
// - "?", "!" or "." inside parentheses opened mid-sentence ("(a-t-il lu le rapport ?) a balayé");
// - titles (M., Mme, Dr, Mr., Gen., St.) and e.g., i.e., cf., vs., c.-à-d.;
// - an initial (J. Assange, George W. Bush, J.-L. Mélenchon), unless a pronoun or the like follows
//   ("le plan B. Il a échoué"); not before a name particle ("J.-M. Le Pen");
// - an abbreviation that may end a sentence (Jr., Inc., Ltd., U.S., O.N.U., a.m., p., vol., n°,
//   Sept.) unless a word that clearly opens a sentence follows ("aux U.S. Il a…", "Trump Jr. Ce
//   dernier…", "8 p.m. The first…"), never before a digit ("p. 12", "No. 10", "Sept. 20");
//   "etc." ends the sentence before any capital;
// - an elision in brackets ("[…]", "(…)"); an ellipsis before anything but a capital ("Il a
//   hésité... puis");
// - a list number opening the sentence ("1. Renforcer les contrôles.").
import type { Span } from '../archive/article'
import { quotationSpans } from './quotations'

/** Titles before a name, as written without their period: they never end a sentence. */
const TITLES = new Set([
  'M',
  'MM',
  'Mme',
  'Mmes',
  'Mlle',
  'Mlles',
  'Dr',
  'Drs',
  'Pr',
  'Me',
  'Mgr',
  'Mr',
  'Mrs',
  'Ms',
  'Messrs',
  'Prof',
  'Gen',
  'Gén',
  'Sen',
  'Rep',
  'Gov',
  'Lt',
  'Col',
  'Capt',
  'Cpt',
  'Sgt',
  'Cdt',
  'Adm',
  'Maj',
  'Rev',
  'Hon',
  'Pres',
  'Supt',
  'St',
  'Ste',
  'Mt',
  'Ft'
])

/** Abbreviations that never end a sentence (compared in lowercase, without the final period). */
const NEVER_FINAL = new Set(['e.g', 'i.e', 'cf', 'vs', 'v', 'c.-à-d', 'ex', 'resp', 'viz'])

/**
 * Abbreviations that end a sentence only before a word that clearly opens one (compared in
 * lowercase): suffixes of names and companies, references, units, months.
 */
const MAY_END = new Set([
  'jr',
  'sr',
  'inc',
  'corp',
  'ltd',
  'co',
  'cie',
  'bros',
  'plc',
  'al',
  'p',
  'pp',
  'vol',
  'vols',
  'art',
  'fig',
  'chap',
  'ch',
  'no',
  'nos',
  'n°',
  'env',
  'approx',
  'av',
  'apr',
  'bd',
  'ave',
  'blvd',
  'rd',
  'dept',
  'ibid',
  'éd',
  'ed',
  'eds',
  'janv',
  'févr',
  'fév',
  'avr',
  'juil',
  'sept',
  'oct',
  'nov',
  'déc',
  'jan',
  'feb',
  'mar',
  'jun',
  'jul',
  'aug',
  'sep',
  'dec'
])

/**
 * Capitalized words that open a sentence rather than continue a name, in French and English:
 * articles, pronouns, conjunctions, frequent prepositions and adverbs (elided forms without their
 * apostrophe: "L’équipe" → "L").
 */
const OPENERS = new Set(
  (
    'Le La Les L Un Une Des Du De D Il Ils Elle Elles On Nous Vous Je J Tu Ce Cet Cette Ces C ' +
    'Cela Ça Ceci Celui Celle Ceux Mais Et Or Donc Puis Ensuite Alors Selon Pour Par Dans En Au ' +
    'Aux À Après Avant Depuis Lors Lorsque Quand Si Son Sa Ses Leur Leurs Sur Sous Avec Sans ' +
    'Cependant Pourtant Toutefois Enfin Aujourd Hier Demain Ainsi Y Tout Tous Toute Toutes ' +
    'Chaque Aucun Aucune Plusieurs Certains Certaines Ni Quant Qui Que Qu Quel Quelle Quels ' +
    'Quelles Comment Pourquoi Où Mon Ma Mes Notre Nos Votre Vos Là Ici Non Oui Même Outre Parmi ' +
    'Entre Vers Contre Malgré Comme Déjà Jusqu Désormais Encore Rien Personne N S ' +
    'The A An He She It They We I You This That These Those His Her Its Their Our My Your But ' +
    'And Or So Yet Then In On At By For From With After Before Since When While If According ' +
    'There Here What Who Why How As Some Many Most Both Each Not One Two Three All No None ' +
    'Neither Nor Such Still Also However Meanwhile Later Earlier Instead Now Today Yesterday ' +
    'Tomorrow Last Next Under Over During Despite Although Though Because Once Only Even ' +
    'Another Other Several'
  ).split(' ')
)

/** Particles of family names, which may follow an initial: "J.-M. Le Pen", "J. De Gaulle". */
const NAME_PARTICLES = new Set(['Le', 'La', 'Les', 'De', 'Du', 'Des', 'D', 'L'])

/**
 * Who said a quotation, after it: `"Why now?" Senator Warner asked.`, `« Assez ! » Trump a lancé.`
 * (a capitalized name of up to three words, then a verb of saying).
 */
const SPEAKER_AFTER_QUOTE = new RegExp(
  String.raw`^\s+(?:\p{Lu}[\p{L}.’'-]*\s+){1,3}(?:` +
    [
      'said|says|tweeted|tweets|wrote|writes|asked|asks|added|adds|told|tells|replied|replies',
      'explained|insisted|recalled|noted|declared|continued|shouted|wondered|answered|warned',
      'argued|quipped',
      String.raw`(?:a|avait|aurait)\s+(?:dit|déclaré|ajouté|lancé|écrit|tweeté|répondu|demandé)`,
      String.raw`(?:a|avait|aurait)\s+(?:affirmé|expliqué|assuré|insisté|réagi)`
    ].join('|') +
    String.raw`)(?!\p{L})`,
  'u'
)

/** Capitalized words that are no speaker's name: "“…” Nobody asked what that meant." */
const NOT_A_NAME = new Set([
  'Nobody',
  'Everybody',
  'Everyone',
  'Somebody',
  'Someone',
  'Nothing',
  'Everything',
  'Something',
  'Personne',
  'Chacun',
  'Quelqu'
])

/** True when the text after a closing quote says who spoke: `"Why now?" Senator Warner asked.` */
function speakerFollows(after: string): boolean {
  const match = SPEAKER_AFTER_QUOTE.exec(after)
  if (!match) return false
  const first = /\p{L}+/u.exec(match[0])?.[0] ?? ''
  return !OPENERS.has(first) && !NOT_A_NAME.has(first)
}

/** Marks that may open a sentence before its first word. */
const OPENING_MARKS = /^[\s«“„"‘'([{—–•·▪‣◦*¿¡-]+/u

/**
 * A run of terminal punctuation with the closing quotes and brackets after it (French guillemets
 * and curly quotes may follow after a space), followed by white space or the end.
 */
const TERMINATOR = /[.!?…]+(?:[»”"’')\]]|[ \u00a0\u202f]+[»”])*(?=\s|$)/gu

/** A bullet in the middle of a line, which opens an item of its own. */
const INLINE_BULLET = /\s[•▪‣◦]\s/gu

/** How far around a period the rules look (keeps a long paragraph linear). */
const LOOK_AHEAD = 160

type Kind = 'title' | 'never' | 'etc' | 'may-end' | 'initial' | 'word'

interface Candidate {
  /** Where the sentence would end (after the punctuation and its closing marks). */
  end: number
  /** Where the terminal punctuation starts; null for a line break or a bullet. */
  terminatorAt: number | null
}

/**
 * A "sentence" longer than this is not prose (a table or a list flattened by extraction, a
 * quotation never closed): it is cut into pieces of at most this length, so that what reads
 * sentences (passages, clauses, titles) stays bounded on any text.
 */
export const MAX_SENTENCE = 2_000

/**
 * `span` as pieces of at most `MAX_SENTENCE` characters (itself when shorter), each cut after a
 * comma or semicolon in its second half when there is one, else at a space, else hard; trimmed.
 */
export function capSentence(text: string, span: Span): Span[] {
  if (span.end - span.start <= MAX_SENTENCE) return [span]
  const pieces: Span[] = []
  let start = span.start
  while (span.end - start > MAX_SENTENCE) {
    const limit = start + MAX_SENTENCE
    const half = start + MAX_SENTENCE / 2
    let cut = -1
    let space = -1
    for (let i = limit; i > half; i--) {
      if (!/\s/u.test(text.charAt(i))) continue
      if (space === -1) space = i
      if (/[,;]/u.test(text.charAt(i - 1))) {
        cut = i
        break
      }
    }
    if (cut === -1) cut = space === -1 ? limit : space
    const end = trimEnd(text, start, cut)
    if (end > start) pieces.push({ start, end })
    start = skipSpaces(text, cut)
  }
  const end = trimEnd(text, start, span.end)
  if (end > start) pieces.push({ start, end })
  return pieces
}

/**
 * Sentence spans within `range` of `text` (the whole text by default), usually one paragraph:
 * whole sentences, trimmed, in order, covering every non-blank part of the range.
 */
export function sentenceSpans(text: string, range: Span = { start: 0, end: text.length }): Span[] {
  const slice = text.slice(range.start, range.end)
  const quotations = quotationSpans(text, range).map((q) => ({
    start: q.start - range.start,
    end: q.end - range.start
  }))
  const brackets = bracketSpans(slice)
  const spans: Span[] = []
  let start = skipSpaces(slice, 0)
  for (const candidate of candidates(slice)) {
    if (candidate.end <= start) continue
    const ends =
      candidate.terminatorAt === null
        ? lineEnds(slice, candidate.end)
        : punctuationEnds(slice, start, candidate.terminatorAt, candidate.end, quotations, brackets)
    if (!ends) continue
    const end = trimEnd(slice, start, candidate.end)
    if (end > start) spans.push({ start: range.start + start, end: range.start + end })
    start = skipSpaces(slice, candidate.end)
  }
  const end = trimEnd(slice, start, slice.length)
  if (end > start) spans.push({ start: range.start + start, end: range.start + end })
  return spans.flatMap((span) => capSentence(text, span))
}

/** Every place a sentence may end, in text order. */
function candidates(slice: string): Candidate[] {
  const found: Candidate[] = []
  for (const match of slice.matchAll(TERMINATOR)) {
    found.push({ end: match.index + match[0].length, terminatorAt: match.index })
  }
  for (let i = slice.indexOf('\n'); i !== -1; i = slice.indexOf('\n', i + 1)) {
    found.push({ end: i, terminatorAt: null })
  }
  for (const match of slice.matchAll(INLINE_BULLET))
    found.push({ end: match.index, terminatorAt: null })
  return found.sort((a, b) => a.end - b.end)
}

/** A line ends its sentence unless the next line carries on in lowercase (a hard wrap). */
function lineEnds(slice: string, at: number): boolean {
  const next = slice.charAt(skipSpaces(slice, at))
  return !/\p{Ll}/u.test(next)
}

function punctuationEnds(
  slice: string,
  sentenceStart: number,
  terminatorAt: number,
  end: number,
  quotations: readonly Span[],
  brackets: readonly Span[]
): boolean {
  const quotation = lastStartingBefore(quotations, end)
  if (quotation && end < quotation.end) return false
  const bracket = lastStartingBefore(brackets, end)
  if (bracket && end < bracket.end) return false
  if (bracket && end === bracket.end && bracket.start > sentenceStart) return false
  const next = nextWord(slice, end)
  if (next.first === '' || /\p{Ll}/u.test(next.first)) return false
  const startsSentence = /[\p{Lu}\p{N}@#]/u.test(next.first)
  if (!startsSentence) return false
  const punctuation = slice.slice(terminatorAt, end)
  if (/[»”"]$/u.test(punctuation) && speakerFollows(slice.slice(end, end + LOOK_AHEAD))) {
    return false
  }
  if (/[?!]/.test(punctuation)) return true
  if (/^(?:\.\.|…)/.test(punctuation)) {
    return !/[[(]/.test(slice.charAt(terminatorAt - 1)) // "[…]" and "(…)" are elisions
  }
  const before = slice.slice(Math.max(sentenceStart, terminatorAt - LOOK_AHEAD), terminatorAt)
  if (/^[\p{N}]{1,3}$|^\p{Ll}$/u.test(before)) return false // "1. Renforcer…"
  const word = wordBefore(before)
  switch (kindOf(word)) {
    case 'title':
    case 'never':
      return false
    case 'etc':
      return true
    case 'may-end':
      return next.opensSentence
    case 'initial':
      return next.opensSentence && !NAME_PARTICLES.has(next.word)
    case 'word':
      return true
  }
}

interface NextWord {
  /** The first character after any opening marks; '' at the end. */
  first: string
  /** The letters of the first word. */
  word: string
  /** True when the word is one that opens sentences rather than continues a name. */
  opensSentence: boolean
}

function nextWord(slice: string, from: number): NextWord {
  const rest = slice.slice(from, from + LOOK_AHEAD)
  const marks = OPENING_MARKS.exec(rest)?.[0] ?? ''
  const after = rest.slice(marks.length)
  const word = /^\p{L}+/u.exec(after)?.[0] ?? ''
  const anotherInitial = /^\p{Lu}\.(?!\.)/u.test(after)
  return {
    first: after.charAt(0),
    word,
    opensSentence: !anotherInitial && (OPENERS.has(word) || TITLES.has(word))
  }
}

/** The word just before a period, without an elided article ("l’O.N.U" → "O.N.U"). */
function wordBefore(text: string): string {
  const word = /[\p{L}\p{N}°.’'-]+$/u.exec(text)?.[0] ?? ''
  return word.replace(/^.*['’]/u, '').replace(/^-+/, '')
}

function kindOf(word: string): Kind {
  if (word === '') return 'word'
  if (TITLES.has(word)) return 'title'
  const lower = word.toLowerCase()
  if (NEVER_FINAL.has(lower)) return 'never'
  if (lower === 'etc') return 'etc'
  if (MAY_END.has(lower)) return 'may-end'
  if (lower === 'j.-c') return 'may-end' // "av. J.-C."
  if (/^\p{Lu}$|^\p{Lu}\.-\p{Lu}$/u.test(word)) return 'initial'
  if (/^(?:\p{L}{1,2}\.)+\p{L}{1,2}$/u.test(word)) return 'may-end' // U.S, O.N.U, a.m, H.W
  return 'word'
}

/** Balanced round and square brackets of a paragraph, outermost only. */
function bracketSpans(slice: string): Span[] {
  const spans: Span[] = []
  const stack: { close: string; at: number }[] = []
  for (let i = 0; i < slice.length; i++) {
    const c = slice.charAt(i)
    if (c === '(' || c === '[') stack.push({ close: c === '(' ? ')' : ']', at: i })
    else if (c === '\n') stack.length = 0
    else if (c === stack.at(-1)?.close) {
      const open = stack.pop()
      if (open && stack.length === 0) spans.push({ start: open.at, end: i + 1 })
    }
  }
  return spans
}

/** The last of sorted, disjoint `spans` that starts before `offset`, by binary search. */
function lastStartingBefore(spans: readonly Span[], offset: number): Span | undefined {
  let low = 0
  let high = spans.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((spans[middle]?.start ?? offset) < offset) low = middle + 1
    else high = middle
  }
  return spans[low - 1]
}

function skipSpaces(text: string, from: number): number {
  let i = from
  while (i < text.length && /\s/.test(text.charAt(i))) i++
  return i
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end
  while (i > start && /\s/.test(text.charAt(i - 1))) i--
  return i
}
