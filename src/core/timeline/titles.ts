// Short titles for suggested events, made from the clause a date governs (who did what): the
// date, attributions, incidental and subordinate clauses dropped; a quotation kept whole or
// dropped, never cut; first letter capitalised, no final period, about 80 characters at most.
import type { Span } from '../archive/article'
import { namesHappening, quotesIn, segmentsOf } from './clauses'

/** Titles aim at this length at most (an ellipsis included). */
export const TITLE_MAX = 80
/** A title cut shorter than this says too little: cut further on, or with an ellipsis. */
const TITLE_MIN_CUT = 45
/** Where a title may end without an ellipsis: before a relative or adverbial clause, a comma. */
const CLAUSE_BOUNDARY =
  /\s+(?=(?:which|who|whom|qui|dont|où|si|if|when|quand|lorsqu|alors|tandis|pour|afin|because|parce|puisque|while)(?![\p{L}]))|,(?=\s)/giu

/** What a title is made from: a mention's spans (see `EventDateMention`). */
export interface TitleSource {
  start: number
  end: number
  sentence: Span
  clause: Span
  main: boolean
}

/** Words before a date that belong with it: "le 21 octobre", "en avril", "entre… et…", "on May 3". */
const DATE_LEAD =
  /(?:(?<![\p{L}])(?:le|la|l['’]|en|ce|cet|du|au|dès|depuis|entre|vers|jusqu['’](?:au|en)|à\s+partir\s+du|on|in|by|since|from|between|at|the|of|around|about|until)\s+)+$/iu
const LEADING_ADVERB =
  /^(?:plus\s+tard|peu\s+après|enfin|ensuite|puis|mais|or|alors|ainsi|depuis|cependant|toutefois|pourtant|finalement|désormais|aujourd['’]hui|à\s+l['’]époque|juste\s+\S+(?:\s+\S+)?|later|then|however|meanwhile|finally|also|afterwards|since\s+then|that\s+day|the\s+same\s+day|ce\s+jour-là|le\s+même\s+jour|(?:le|the)\s+(?:jour|soir|matin|day|night|morning|evening)\s+(?:de|du|des|d['’]|où|of|when)\s?.*)$/iu
const LEADING_CONJUNCTION = /^(?:mais|et|or|donc|puis|enfin|but|and|so|yet)\s+/iu
const PREPOSITION =
  /^(?:à|au|aux|en|dans|après|avant|pendant|durant|lors|dès|depuis|vers|sur|in|on|at|after|before|during|by|since|with)(?![\p{L}])/iu
const INCIDENTAL =
  /^(?:comme|notamment|selon|d['’]après|juste|peu|bien|alors|ainsi|donc|toutefois|cependant|pourtant|d['’]|de\s|such\s+as|including|like|however|though|just|according)/iu
const DETERMINER_START =
  /^(?:un|une|le|la|les|des|du|au|aux|son|sa|ses|leur|leurs|cette|ce|cet|a|an|the|his|her|their|its|this|that)\s+|^(?:l|d)['’]/iu
const PARTICIPLE = /^[\p{L}-]+(?:ée?s?|ant|ing)(?![\p{L}])/iu
const PRONOUN_START = /^(?:il|elle|ils|elles|on|cela|ça|ce|he|she|they|it|this|that)(?![\p{L}])/iu
const SPEECH_VERB =
  /(?<![\p{L}])(?:écrit|écrivent|dit|disent|déclare|répond|ajoute|demande|dire|disant|écrire|wrote|writes|said|says|told|tells|asked|replied|added|saying|writing)(?![\p{L}])/iu
/** "lui disant", "pour lui dire", "saying": a speech verb left hanging once its quotation goes. */
const SPEECH_TAIL =
  /,?\s+(?:(?:en|pour)\s+)?(?:(?:lui|leur)\s+)?(?:disant|dire|écrivant|écrire|saying|telling\s+\S+|to\s+say)$/iu
const ABBREVIATION_END = /(?:^|[^\p{L}])(?:Jr|Sr|St|Dr|Mr|Mrs|Ms|M|Mme|etc|Inc|Ltd|Co|\p{Lu})\.$/u
const FUNCTION_WORD_END =
  /\s+(?:de|du|des|d['’]|la|le|les|l['’]|un|une|à|au|aux|et|ou|que|qu['’]|qui|pour|avec|en|sur|par|dans|si|the|of|to|and|or|that|a|an|in|on|for|with|by|if)$/iu

/** A title for one mention; `dates` are the spans of every date in the same article. */
export function titleOf(text: string, m: TitleSource, dates: readonly Span[]): string {
  if (m.main) {
    const entry = m.clause.start > m.sentence.start && m.clause.start >= m.end
    if (entry) {
      const line = mainTitle(text, m.clause, dates)
      if (!weak(line)) return line
      // The dated line says little ("16 décembre 2016: "Salut Don…""): the next paragraph tells.
      const next = text.indexOf('\n\n', m.clause.end)
      if (next !== -1 && next < m.sentence.end) {
        const from = next + 2 + (/^\s*/u.exec(text.slice(next + 2))?.[0].length ?? 0)
        const sentence = firstSentence(text, { start: from, end: m.sentence.end })
        const told = mainTitle(text, sentence, dates)
        if (!weak(told)) return told
      }
      return line
    }
    return mainTitle(text, m.sentence, dates)
  }
  const clause = text.slice(m.clause.start, m.clause.end)
  if (namesHappening(clause) && m.clause.start > m.sentence.start) {
    return finish(text, [m.clause], dates, 'phrase')
  }
  return finish(text, [m.clause], dates, 'clause')
}

/** True when a title names no one doing anything: empty, too short, or a quotation alone. */
export function weak(title: string): boolean {
  const t = title.trim()
  if (t.length < 15) return true
  return /^["«“'‘]/u.test(t) && /["»”'’]\.?$/u.test(t) && !/["»”'’]\s+\p{L}/u.test(t.slice(1, -1))
}

/** How clear a title is, for choosing among mentions: lower is clearer. */
export function unclear(title: string): number {
  return (
    (weak(title) ? 4 : 0) +
    (title.endsWith('…') ? 2 : 0) +
    (PRONOUN_START.test(title) ? 1 : 0) +
    (title.length < 25 ? 1 : 0)
  )
}

function firstSentence(text: string, range: Span): Span {
  const quotes = quotesIn(text, range)
  const re = /[.!?…]+(?=\s|$)/gu
  re.lastIndex = 0
  for (const match of text.slice(range.start, range.end).matchAll(re)) {
    const end = range.start + match.index + match[0].length
    if (quotes.some((q) => end > q.start && end < q.end)) continue
    if (/^\s*\p{Ll}/u.test(text.slice(end, end + 3))) continue
    return { start: range.start, end }
  }
  return range
}

function mainTitle(text: string, sentence: Span, dates: readonly Span[]): string {
  const segments = segmentsOf(text, sentence, undefined, dates)
  const kept: Span[] = []
  let from = sentence.start
  for (const s of segments) {
    if (s.start < from) {
      from = Math.max(from, s.end)
      continue
    }
    kept.push({ start: from, end: s.start })
    from = s.end
  }
  kept.push({ start: from, end: sentence.end })
  return finish(text, kept, dates, 'main')
}

type Kind = 'main' | 'phrase' | 'clause'

/**
 * The title from the kept ranges of a sentence: dates removed with their preposition, split at
 * commas (never inside a quotation), incidental pieces dropped, the rest joined and shortened.
 */
function finish(text: string, ranges: readonly Span[], dates: readonly Span[], kind: Kind): string {
  const all =
    ranges.length > 0 ? { start: ranges[0]?.start ?? 0, end: ranges.at(-1)?.end ?? 0 } : null
  if (!all) return ''
  const quotes = quotesIn(text, all)
  const keep = new Uint8Array(all.end - all.start)
  for (const r of ranges) keep.fill(1, r.start - all.start, r.end - all.start)
  for (const d of dates) {
    if (d.end <= all.start || d.start >= all.end) continue
    if (quotes.some((q) => d.start > q.start && d.start < q.end)) continue
    const lead = DATE_LEAD.exec(text.slice(Math.max(all.start, d.start - 40), d.start))
    const start = Math.max(all.start, d.start - (lead?.[0].length ?? 0))
    keep.fill(0, start - all.start, Math.min(all.end, d.end) - all.start)
  }
  // Pieces between commas outside quotations, each with its kept text.
  const pieces: Array<{ text: string; removed: boolean }> = []
  let current = ''
  let removed = false
  for (let i = all.start; i < all.end; i++) {
    const c = text.charAt(i)
    const quoted = quotes.some((q) => i > q.start && i < q.end - 1)
    if (!keep[i - all.start]) {
      removed = true
      current += ' '
      continue
    }
    if (c === ',' && !quoted) {
      pieces.push({ text: current, removed })
      current = ''
      removed = false
      continue
    }
    current += c
  }
  pieces.push({ text: current, removed })
  const cleaned = pieces.map((p) => ({
    text: p.text.replace(/\s+/gu, ' ').trim(),
    removed: p.removed
  }))
  const out: string[] = []
  let dropped = false
  cleaned.forEach((piece, i) => {
    const last = i === cleaned.length - 1
    const first = out.length === 0
    const t = piece.text
    const drop =
      t === '' ||
      /^[^\p{L}\p{N}"«“'‘]+$/u.test(t) ||
      (first && !last && kind === 'main' && leadingAdverbial(t)) ||
      (!first && (INCIDENTAL.test(t) || (PARTICIPLE.test(t) && t.split(' ').length <= 12))) ||
      (!first && !last && DETERMINER_START.test(t) && kind === 'main')
    if (drop) {
      if (!first) dropped = true
      return
    }
    if (first) out.push(t)
    else out.push(`${dropped ? ' ' : ', '}${t}`)
    dropped = false
  })
  let title = out.join('').replace(/\s+([,.;:!?])/gu, '$1')
  title = title.replace(/^[•·▪‣◦*–—:-]\s*/u, '').replace(LEADING_CONJUNCTION, '')
  if (kind === 'phrase') title = title.replace(DETERMINER_START, '')
  if (kind === 'clause') title = clauseBody(title)
  title = title.replace(/[\s,;:–—-]+$/u, '')
  if (!ABBREVIATION_END.test(title) && !quotedEnd(title)) title = title.replace(/\.+$/u, '')
  title = title.charAt(0).toLocaleUpperCase() + title.slice(1)
  return shorten(title)
}

function leadingAdverbial(piece: string): boolean {
  return (
    LEADING_ADVERB.test(piece) ||
    PREPOSITION.test(piece) ||
    PARTICIPLE.test(piece.split(' ')[0] ?? '') ||
    /^(?:selon|d['’]après|according\s+to)(?![\p{L}])/iu.test(piece)
  )
}

/** A subordinate clause as a statement: its opener dropped, an attribution turned round. */
function clauseBody(clause: string): string {
  const opener =
    /^(?:alors\s+qu(?:e\s+|['’])|tandis\s+qu(?:e\s+|['’])|après\s+qu(?:e\s+|['’])|avant\s+qu(?:e\s+|['’])|pendant\s+qu(?:e\s+|['’])|bien\s+qu(?:e\s+|['’])|lorsqu(?:e\s+|['’])|quand\s+|even\s+though\s+|although\s+|whereas\s+|while\s+|when\s+|after\s+|as\s+)/iu.exec(
      clause
    )
  if (opener) {
    // "après que Trump ait dit": the subjunctive of the conjunction, a plain past in a title.
    return clause
      .slice(opener[0].length)
      .replace(/(?<![\p{L}])ait(?![\p{L}])/u, 'a')
      .replace(/(?<![\p{L}])aient(?![\p{L}])/u, 'ont')
  }
  // ", a révélé le magazine The Atlantic" → "Le magazine The Atlantic a révélé".
  const attribution =
    /^((?:a|ont|avait|avaient)\s+[\p{L}-]+|[\p{L}-]+)\s+(?:ainsi\s+)?((?:le|la|les|l['’]|the|\p{Lu})[^,]*)$/u.exec(
      clause
    )
  if (/^\p{Ll}/u.test(clause) && attribution?.[1] && attribution[2])
    return `${attribution[2]} ${attribution[1]}`
  return clause
}

function quotedEnd(title: string): boolean {
  return /[.!?…]["»”'’]$/u.test(title) || /["»”'’]$/u.test(title)
}

/**
 * At most `TITLE_MAX` characters: cut at a word boundary outside quotations; a quotation the cut
 * would fall in is dropped whole (and the "que" introducing it after a speech verb, then with no
 * ellipsis: "WikiLeaks écrit à Trump Jr."). Otherwise an ellipsis marks the cut.
 */
function shorten(title: string): string {
  if (title.length <= TITLE_MAX) return title
  const quotes = quotesIn(title, { start: 0, end: title.length })
  const outside = (at: number): boolean => !quotes.some((q) => at > q.start && at < q.end)
  const cut = title.lastIndexOf(' ', TITLE_MAX - 1)
  const inQuote = quotes.find((q) => cut > q.start && cut < q.end)
  if (inQuote) {
    const head = title.slice(0, inQuote.start).replace(/[\s,:;]+$/u, '')
    // "WikiLeaks écrit à Trump Jr. que ce serait 'super…'" → "WikiLeaks écrit à Trump Jr.",
    // as "WikiLeaks écrit à Trump Jr. "Hey Donald…"" → "WikiLeaks écrit à Trump Jr.".
    // Only when what leads to the quotation is a few words ("que ce serait", "that it would be");
    // a longer lead says something of its own and is kept, with an ellipsis.
    const that = /\s+(?:que\s|qu['’]|that\s)[^"«“]*$/iu.exec(head)
    const said = that ? head.slice(0, that.index) : head
    const leadIn = that ? that[0].trim().split(/\s+/u).length <= 4 : true
    if (leadIn && SPEECH_VERB.test(said.split(' ').slice(-6).join(' '))) {
      const shortened = said.replace(SPEECH_TAIL, '').replace(/[\s,:;]+$/u, '')
      if (shortened.length >= 15) return shortened
    }
    if (head.length >= TITLE_MIN_CUT) return ellipsis(head)
    return ellipsis(head.length >= 15 ? head : title.slice(0, cut))
  }
  // A relative or adverbial clause, or a comma, past which the title can end as it is.
  const boundaries = [...title.slice(0, TITLE_MAX + 1).matchAll(CLAUSE_BOUNDARY)]
    .map((b) => b.index)
    .filter((at) => at >= TITLE_MIN_CUT && outside(at))
  const boundary = boundaries.at(-1)
  if (boundary !== undefined) return title.slice(0, boundary).replace(/[\s,;:–—-]+$/u, '')
  return ellipsis(title.slice(0, cut > 0 ? cut : TITLE_MAX - 1))
}

function ellipsis(head: string): string {
  let h = head.replace(/[\s,;:.–—-]+$/u, '')
  for (let i = 0; i < 3 && FUNCTION_WORD_END.test(h); i++) h = h.replace(FUNCTION_WORD_END, '')
  return `${h}…`
}
