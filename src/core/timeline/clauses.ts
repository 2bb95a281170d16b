// Which clause of a sentence a date governs: the main clause (the sentence is about that date),
// or a subordinate clause, a parenthesis, an attribution, a semicolon's second half or a noun
// phrase the date only qualifies ("une rencontre en juin 2016 de Trump Jr avec une avocate"). A
// few rules on punctuation and function words, for French and English press prose; never a cut
// inside a quotation.
import type { Span } from '../archive/article'
import { quotationSpans } from '../text/quotations'

/** A part of a sentence outside its main clause. */
export interface Segment extends Span {
  kind: 'subordinate' | 'relative' | 'parenthesis' | 'attribution' | 'semicolon'
  /** End of the word(s) opening it ("alors que", "qui", "(", "Selon"): the clause proper follows. */
  body: number
}

/** How a date sits in its sentence. */
export interface Governed {
  /** The clause it governs: the main clause, the segment holding it, or the noun phrase it dates. */
  clause: Span
  /** The segment holding it, when it is not in the main clause. */
  segment: Segment | null
  /** The noun phrase it dates, when it only dates a happening named by a noun. */
  nounPhrase: Span | null
  /** True when it governs the main clause. */
  main: boolean
}

/** Conjunctions that open a subordinate clause with or without a comma before them. */
const STRONG_OPENER =
  /(?<![\p{L}\p{N}])(?:alors\s+qu(?:e|['’])|tandis\s+qu(?:e|['’])|après\s+qu(?:e|['’])|avant\s+qu(?:e|['’])|pendant\s+qu(?:e|['’])|bien\s+qu(?:e|['’])|lorsqu(?:e|['’])|quand|even\s+though|although|whereas)(?![\p{L}\p{N}])/giu
/** Words that open a subordinate or relative clause only after a comma (else often not one). */
const WEAK_OPENER =
  /(?<![\p{L}\p{N}])(?:qui|où|dont|(?:(?:dans|sur|par|pour|avec|à|de)\s+)?(?:lequel|laquelle|lesquels|lesquelles)|auquel|auxquels|auxquelles|duquel|while|when|after|as|which|who|whom|whose|where)(?![\p{L}\p{N}])/giu
const RELATIVE =
  /^(?:qui|où|dont|(?:(?:dans|sur|par|pour|avec|à|de)\s+)?(?:lequel|laquelle|lesquels|lesquelles)|auquel|auxquels|auxquelles|duquel|which|who|whom|whose|where)$/iu
/** ", a révélé le magazine", ", selon X", ", a-t-il ajouté", ", according to X", ", he said". */
const ATTRIBUTION_AFTER =
  /^,\s*(?:(?:a|ont|avait|avaient)(?:-t-(?:il|elle|ils|elles|on))?\s+(?:révélé|rapporté|indiqué|affirmé|déclaré|annoncé|écrit|dit|expliqué|ajouté|assuré|précisé|souligné|raconté|confié)|selon|d['’]après|rapporte|affirme|explique|déclare|indique|précise|ajoute|estime|souligne|according\s+to|(?:[\p{L}.'’-]+\s+){1,4}(?:said|says|told\s+[\p{L}.'’-]+|wrote|reported|added)(?=\s*$|\s+(?:on|in|last|this|ce|le|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s)|said|says|reported|wrote|added)(?![\p{L}])/iu
/** '"…", argumente ainsi WikiLeaks', '"…", a-t-il ajouté', '"…", said Trump': inverted subject. */
const QUOTE_ATTRIBUTION =
  /^,\s*(?=(?:[\p{Ll}-]+\s+){1,3}(?:\p{Lu}|(?:le|la|les|l['’]|the)\s)|[\p{Ll}]+(?:-t)?-(?:il|elle|ils|elles|on)(?![\p{L}]))/u
/** English conjunctions that are also prepositions: a clause only when a subject and verb follow. */
const EN_CONJUNCTION = /^(?:after|before|when|while|as|since|until)$/iu
const EN_CLAUSE =
  /^\s+(?:he|she|they|it|we|I|you|(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)\s+(?:\p{Ll}+ed|said|wrote|told|was|were|had|did|made|met|sent|went|came|took|gave|got|left|became|began|knew|saw|thought|found|won|lost|ran|spoke|\p{Ll}+s)(?![\p{L}])/u
/** "Selon The Atlantic,", "D'après le journal,", "According to The Atlantic,". */
const ATTRIBUTION_BEFORE = /^(?:selon|d['’]après|according\s+to)(?![\p{L}])/iu

/** Nouns naming a happening, which a date right after them may qualify alone. */
const EVENT_NOUNS = new Set([
  'rencontre',
  'réunion',
  'entrevue',
  'entretien',
  'sommet',
  'élection',
  'scrutin',
  'vote',
  'visite',
  'conférence',
  'audition',
  'débat',
  'procès',
  'attentat',
  'attaque',
  'tweet',
  'manifestation',
  'interview',
  'discours',
  'meeting',
  'summit',
  'election',
  'visit',
  'conference',
  'hearing',
  'debate',
  'trial',
  'attack',
  'rally',
  'speech'
])
const TIMING =
  /(?<![\p{L}])(?:lors|pendant|durant|au\s+cours|during|at|in)\s*(?:d['’]|de\s+|du\s+)?$/iu
const CLAUSE_START =
  /(?<![\p{L}])(?:que|qu['’]|qui|dont|où|lorsqu|quand|that|which|who|when|where)(?![\p{L}])/iu
const DETERMINER =
  /^(?:un|une|le|la|les|des|du|au|aux|son|sa|ses|leur|leurs|cette|ce|cet|a|an|the|his|her|their|its|this|that)$/iu

/**
 * Quotations in `range`: guillemets and double quotes (`quotationSpans`), and 'single quotes'
 * opened after a space and closed before a space or punctuation (an apostrophe never pairs).
 */
export function quotesIn(text: string, range: Span): Span[] {
  const slice = text.slice(range.start, range.end)
  if (!/["«»“”„'‘’]/u.test(slice)) return []
  const spans = /["«»“”„]/u.test(slice) ? quotationSpans(text, range) : []
  const singles: Span[] = []
  let open: number | null = null
  let next = 0 // the first double quotation not ending before `at`
  for (let at = range.start; at < range.end; at++) {
    const code = text.charCodeAt(at)
    if (code !== 0x27 && code !== 0x2018 && code !== 0x2019) continue
    while (next < spans.length && (spans[next]?.end ?? 0) <= at) next++
    const span = spans[next]
    if (span && at >= span.start) continue
    const c = text.charAt(at)
    const before = at === range.start ? ' ' : text.charAt(at - 1)
    const after = at + 1 >= range.end ? ' ' : text.charAt(at + 1)
    if (open === null) {
      if (c !== '’' && /[\s(:«"“—–-]/u.test(before) && /[\p{L}\p{N}]/u.test(after)) open = at
    } else if (c !== '‘' && !/[\p{L}\p{N}]/u.test(after) && !/\s/u.test(before)) {
      singles.push({ start: open, end: at + 1 })
      open = null
    }
  }
  if (singles.length === 0) return spans
  return [...spans, ...singles].sort((a, b) => a.start - b.start)
}

function inside(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => offset > s.start && offset < s.end)
}

/** End of the sentence's words: before its final punctuation and closing spaces. */
function contentEnd(text: string, sentence: Span, quotes: readonly Span[]): number {
  let end = sentence.end
  while (end > sentence.start && /[\s.!?…;,]/u.test(text.charAt(end - 1))) {
    if (inside(quotes, end - 1) || quotes.some((q) => q.end === end)) break
    end--
  }
  return end
}

/**
 * The parts of `sentence` outside its main clause, innermost last: parentheses and brackets,
 * subordinate clauses ("alors que…", ", qui…", ", when…") up to the next comma, attributions
 * (", a révélé…", "Selon X,"), and what follows a semicolon. Nothing inside a quotation counts.
 */
export function segmentsOf(
  text: string,
  sentence: Span,
  quotes?: readonly Span[],
  dates: readonly Span[] = []
): Segment[] {
  const q = quotes ?? quotesIn(text, sentence)
  const end = contentEnd(text, sentence, q)
  const segments: Segment[] = []
  const parens: Span[] = []
  const stops: number[] = [] // commas and semicolons outside quotations and parentheses
  const semicolons: number[] = []
  const stack: number[] = []
  let quote = 0 // the first quotation not ending before i
  for (let i = sentence.start; i < end; i++) {
    const code = text.charCodeAt(i)
    // Only brackets, commas and semicolons matter here.
    if (code !== 40 && code !== 41 && code !== 91 && code !== 93 && code !== 44 && code !== 59) {
      continue
    }
    while (quote < q.length && (q[quote]?.end ?? 0) <= i) quote++
    const open = q[quote]
    if (open && i > open.start) continue
    const c = text.charAt(i)
    if (c === '(' || c === '[') stack.push(i)
    else if ((c === ')' || c === ']') && stack.length > 0) {
      const open = stack.pop() ?? i
      if (stack.length === 0) parens.push({ start: open, end: i + 1 })
    } else if (stack.length === 0 && (c === ',' || c === ';')) {
      // "October 12, 2016": a comma inside a date is no clause boundary.
      if (dates.some((d) => i > d.start && i < d.end)) continue
      stops.push(i)
      if (c === ';') semicolons.push(i)
    }
  }
  for (const p of parens) segments.push({ ...p, kind: 'parenthesis', body: p.start + 1 })
  const blocked = (offset: number): boolean => inside(q, offset) || inside(parens, offset)
  const nextStop = (from: number): number => stops.find((s) => s >= from) ?? end
  const slice = text.slice(sentence.start, end)
  for (const [regex, strong] of [
    [STRONG_OPENER, true],
    [WEAK_OPENER, false]
  ] as const) {
    regex.lastIndex = 0
    for (const match of slice.matchAll(regex)) {
      const at = sentence.start + match.index
      if (blocked(at)) continue
      let back = at
      while (back > sentence.start && /\s/u.test(text.charAt(back - 1))) back--
      const previous = back === sentence.start ? '' : text.charAt(back - 1)
      const afterComma = previous === ',' || previous === ';' || previous === ''
      // "after Trump said…": an English conjunction without a comma, when a clause follows.
      const clause =
        !afterComma &&
        EN_CONJUNCTION.test(match[0]) &&
        EN_CLAUSE.test(slice.slice(match.index + match[0].length))
      if (!strong && !afterComma && !clause) continue
      // Sentence-initial "When…", "Qui…": only a clause when a comma closes it before the end.
      if (!strong && previous === '' && nextStop(at) === end) continue
      if (!strong && previous === '' && RELATIVE.test(match[0])) continue
      const body = at + match[0].length
      const kind = RELATIVE.test(match[0]) ? 'relative' : 'subordinate'
      segments.push({ start: at, end: nextStop(body), kind, body })
    }
  }
  for (const stop of stops) {
    const after = text.slice(stop, Math.min(end, stop + 160))
    // '"…", argumente ainsi WikiLeaks': a comma right after a quotation opens its attribution.
    const attribution =
      ATTRIBUTION_AFTER.exec(after) ??
      (q.some((quote) => quote.end === stop) ? QUOTE_ATTRIBUTION.exec(after) : null)
    if (attribution && text.charAt(stop) === ',') {
      const body = stop + attribution[0].length
      segments.push({ start: stop + 1, end: nextStop(body), kind: 'attribution', body })
    }
  }
  const lead = ATTRIBUTION_BEFORE.exec(slice.replace(/^[^\p{L}]+/u, ''))
  if (lead) {
    const at = sentence.start + (slice.length - slice.replace(/^[^\p{L}]+/u, '').length)
    const stop = nextStop(at)
    if (stop < end) {
      segments.push({ start: at, end: stop, kind: 'attribution', body: at + lead[0].length })
    }
  }
  const firstSemicolon = semicolons[0]
  if (firstSemicolon !== undefined) {
    const bounds = [...semicolons, end]
    for (let i = 0; i + 1 < bounds.length; i++) {
      const from = (bounds[i] ?? end) + 1
      segments.push({ start: from, end: bounds[i + 1] ?? end, kind: 'semicolon', body: from })
    }
  }
  return segments
    .map((s) => trimSpan(text, s))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)
}

function trimSpan<T extends Span>(text: string, span: T): T {
  let { start, end } = span
  while (start < end && /[\s,;]/u.test(text.charAt(start))) start++
  while (end > start && /[\s,;]/u.test(text.charAt(end - 1))) end--
  return { ...span, start, end }
}

/**
 * What each date of a sentence governs. A date in the main clause (fronted, "En avril, …", "Le
 * 21 octobre, …", or between commas) governs the main clause: the sentence is about it. A date in
 * a subordinate clause, a parenthesis, an attribution or after a semicolon governs that segment
 * only; a date qualifying a noun naming a happening ("une rencontre en juin 2016 de Trump Jr avec
 * une avocate russe") governs that noun phrase only, unless the phrase opens the main clause
 * ("La rencontre du 9 juin 2016 a eu lieu…").
 */
export function governedBy(
  text: string,
  sentence: Span,
  dates: readonly Span[],
  quotations?: readonly Span[]
): Governed[] {
  const quotes = quotations
    ? quotations.filter((q) => q.start >= sentence.start && q.end <= sentence.end)
    : quotesIn(text, sentence)
  const segments = segmentsOf(text, sentence, quotes, dates)
  const end = contentEnd(text, sentence, quotes)
  const mainClause = trimSpan(text, { start: sentence.start, end })
  return dates.map((date) => {
    const holding = segments.filter((s) => date.start >= s.start && date.end <= s.end)
    const segment = holding.sort((a, b) => b.start - a.start || a.end - b.end)[0] ?? null
    const region = segment ?? mainClause
    const nounPhrase = nounPhraseOf(text, date, region, segment ? segment.body : region.start, [
      ...quotes,
      ...segments.filter((s) => s !== segment && s.start > region.start)
    ])
    if (nounPhrase) return { clause: nounPhrase, segment, nounPhrase, main: false }
    if (segment)
      return {
        clause: { start: segment.start, end: segment.end },
        segment,
        nounPhrase,
        main: false
      }
    return { clause: mainClause, segment: null, nounPhrase: null, main: true }
  })
}

/**
 * The noun phrase a date qualifies: a determiner and a noun naming a happening before it, at most
 * a dozen words before the date, with only names in apposition between commas ("au tweet du
 * stratège…, Roger Stone, la veille"). The phrase runs on to the end of its clause or to the next
 * segment. Null when there is none or when it opens its clause (then the clause is about it).
 */
function nounPhraseOf(
  text: string,
  date: Span,
  region: Span,
  bodyStart: number,
  barriers: readonly Span[]
): Span | null {
  const from = Math.max(bodyStart, date.start - 200)
  const before = text.slice(from, date.start)
  const words = [...before.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)]
  for (let i = words.length - 1; i >= 0 && i >= words.length - 16; i--) {
    const word = words[i]
    if (!word) continue
    const elided = /^(?:l|d)['’]/iu.test(word[0])
    const lower = word[0].toLowerCase().replace(/^(?:l|d)['’]/u, '')
    if (!EVENT_NOUNS.has(lower) && !EVENT_NOUNS.has(lower.replace(/s$/u, ''))) continue
    // A determiner at most two words before the noun ("la première rencontre"), or elided.
    let det: RegExpMatchArray | null = elided ? word : null
    for (let j = i - 1; !det && j >= Math.max(0, i - 3); j--) {
      const w = words[j]
      if (!w) continue
      const bare = w[0].replace(/^(?:l|d|qu)['’]/iu, '')
      if (/^(?:l|d)['’]/iu.test(w[0]) || DETERMINER.test(bare)) {
        det = w
        break
      }
    }
    if (!det || det.index === undefined || word.index === undefined) continue
    const start = from + det.index + (/^d['’]/iu.test(det[0]) ? 2 : 0)
    const between = text.slice(from + word.index + word[0].length, date.start)
    if (!apposition(between)) return null
    if (barriers.some((b) => b.start > start && b.start < date.start)) return null
    // The phrase opening its clause makes the clause about it: not a qualified noun.
    const lead = text
      .slice(bodyStart, start)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
    if (lead === '' || /^(?:le|la|les|l|the|on|en|in)?\s*$/iu.test(lead)) return null
    // "lors d'un rally le 10 octobre", "during the debate on…": the date times the verb.
    if (TIMING.test(text.slice(Math.max(bodyStart, start - 20), start))) return null
    const stop = barriers
      .filter((b) => b.start >= date.end)
      .reduce((min, b) => Math.min(min, b.start), region.end)
    // The phrase ends where a clause starts after the date ("… qu'il aimait WikiLeaks").
    const clause = CLAUSE_START.exec(text.slice(date.end, stop))
    const phraseEnd = clause ? date.end + clause.index : stop
    return trimSpan(text, { start, end: Math.min(phraseEnd, region.end) })
  }
  return null
}

/** True when `phrase` opens with a determiner and a noun naming a happening ("une rencontre…"). */
export function namesHappening(phrase: string): boolean {
  const words = phrase.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu) ?? []
  const first = words[0] ?? ''
  const elided = /^(?:l|d)['’](.+)$/iu.exec(first)?.[1]
  const nouns = elided ? [elided] : DETERMINER.test(first) ? words.slice(1, 3) : []
  return nouns.some((w) => {
    const lower = w.toLowerCase()
    return EVENT_NOUNS.has(lower) || EVENT_NOUNS.has(lower.replace(/s$/u, ''))
  })
}

/** Between a noun and its date: no clause punctuation but commas around names in apposition. */
function apposition(between: string): boolean {
  if (/[;:()]/u.test(between)) return false
  const pieces = between.split(',')
  return pieces.slice(1).every((piece) => /^\s*(?:\p{Lu}|$)/u.test(piece))
}
