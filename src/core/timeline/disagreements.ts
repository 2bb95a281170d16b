// Sources that date the same happening differently: two mentions from independent sources whose
// contexts share the same actors and action words, with dates that cannot both be true.
import type { Article, Span } from '../archive/article'
import { fold, termsOf, tokenize } from '../search/analyze'
import { paragraphSpans } from '../text/normalize'
import { sentenceSpans } from '../text/sentences'
import { sourceKey, type ArticleWithText, type RepeatGroup } from './corroboration'
import { PRECISION_RANK, compareEventDates, eventInterval } from './event-dates'
import type { EventDateMention, EventSuggestion } from './suggest'
import type { EventDate } from './types'

/** One source's date for the happening: the suggestion it belongs to and its best mention. */
export interface DisagreementSide {
  /** The suggestion key of this side's date. */
  key: string
  date: EventDate
  mention: EventDateMention
  /**
   * What was compared: the passage and the sentence after it that tells what happened that day
   * ("Le 11 juillet, WikiLeaks a écrit… Le site a ensuite demandé…"), for the reader to see why.
   */
  context: Span
}

/** Two independent sources telling one happening with dates that cannot both be true. */
export interface DateDisagreement {
  /** Stable across runs (the two sources and their dates), for dismissing. */
  key: string
  /** The happening, short: the clause that best carries what both sides share. */
  label: string
  /** Earlier date first. */
  sides: [DisagreementSide, DisagreementSide]
  /** Weighted cosine of the two contexts' actors and action words, 0–1. */
  similarity: number
}

/**
 * The side whose date a disputed event takes unless the user chooses: the date more sources give
 * (`sourceCounts`, by side), then the more precise one, then the earlier.
 */
export function preferredSide(
  disagreement: DateDisagreement,
  sourceCounts: readonly [number, number]
): 0 | 1 {
  const [a, b] = disagreement.sides
  const [ca, cb] = sourceCounts
  if (ca !== cb) return ca > cb ? 0 : 1
  return PRECISION_RANK[b.date.precision] > PRECISION_RANK[a.date.precision] ? 1 : 0
}

export interface DisagreementOptions {
  /** Repeats (wire copies) from `detectRepeats`: one source with the article they repeat. */
  repeats?: readonly RepeatGroup[]
  /** Weighted cosine from which two contexts tell one happening (default `MIN_SIMILARITY`). */
  minSimilarity?: number
}

/** Below this weighted cosine two contexts tell different things (measured on the sample). */
export const MIN_SIMILARITY = 0.4
/** Share of the actors in the similarity (the action words have the rest). */
const ACTOR_WEIGHT = 0.3
/** At least this many shared action words (or synonym groups) and shared actors. */
const MIN_SHARED_ACTIONS = 2
const MIN_SHARED_ACTORS = 1
/** A feature in more contexts than this is too common to propose pairs (still scored). */
const MAX_POSTINGS = 200
/** Pairs compared at most, and disagreements returned at most, whatever the archive's size. */
const MAX_COMPARISONS = 400_000
const MAX_RESULTS = 200
/**
 * Following sentences a context takes after its passage: the next one ("Le 11 juillet, WikiLeaks
 * a écrit… Le site a ensuite demandé…"); further on, press narrative has often moved to another
 * happening it leaves undated ("d'autres requêtes… Le community manager demande ainsi…").
 */
const MAX_FOLLOWING = 1
const LABEL_MAX = 100
const PERIOD_MS = 31 * 86_400_000

/**
 * Press vocabulary in French and English, grouped by meaning: a request is a request whether
 * "demandé", "réclame" or "asked". General words only; stems are taken by the search analyzer.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ['demander', 'demande', 'réclamer', 'exiger', 'solliciter', 'ask', 'request', 'demand', 'urge'],
  [
    'courriel',
    'email',
    'mail',
    'mails',
    'message',
    'messagerie',
    'correspondance',
    'lettre',
    'correspondence',
    'letter'
  ],
  ['rencontre', 'rencontrer', 'réunion', 'réunir', 'entrevue', 'entretien', 'meeting', 'meet'],
  ['écrire', 'écrit', 'contacter', 'recontacter', 'write', 'wrote', 'contact', 'contacted'],
  ['envoyer', 'transmettre', 'send', 'sent', 'forward'],
  [
    'publier',
    'publication',
    'révéler',
    'révélation',
    'dévoiler',
    'divulguer',
    'diffuser',
    'fuiter',
    'publish',
    'reveal',
    'revelation',
    'disclose',
    'release',
    'leak'
  ],
  ['répondre', 'réponse', 'reply', 'respond', 'answer'],
  ['refuser', 'refus', 'rejeter', 'refuse', 'decline', 'reject'],
  ['accuser', 'accusation', 'reprocher', 'accuse', 'accusation'],
  ['démissionner', 'démission', 'resign', 'resignation'],
  ['arrêter', 'arrestation', 'interpeller', 'arrest', 'detain'],
  ['élire', 'élection', 'scrutin', 'elect', 'election', 'vote'],
  ['signer', 'signature', 'sign'],
  ['attaque', 'attaquer', 'attentat', 'attack'],
  ['enquête', 'enquêter', 'enquêteur', 'investigation', 'investigate', 'investigator', 'probe'],
  ['avocat', 'avocate', 'lawyer', 'attorney'],
  ['nommer', 'nomination', 'appoint', 'nominate', 'appointment'],
  ['tweeter', 'tweet', 'tweeted'],
  ['document', 'documents', 'dossier', 'file', 'records'],
  ['échange', 'échanger', 'conversation', 'exchange']
]

/** Words that carry no happening: function words, auxiliaries, and the words of dates. */
const STOPWORDS = new Set(
  (
    'le la les l un une des du de d au aux a à ce cet cette ces se sa son ses leur leurs lui ' +
    'il elle ils elles on nous vous je tu me te y en et ou où mais donc or ni car que qu qui ' +
    'quoi dont ne pas plus moins très tout tous toute toutes par pour sur sous dans avec sans ' +
    'entre vers chez avant après depuis pendant selon contre comme si alors aussi ainsi déjà ' +
    'encore ensuite puis même être est sont était étaient été sera serait avoir ai as avait ' +
    'avaient ont eu aurait fait faire faisait cela ça ceci celui celle ceux propos lors fois ' +
    'the an of to in on at by for with from as is are was were be been being has have had do ' +
    'does did this that these those it its he she they them his her their we our you your ' +
    'not no but or and if then than so also which who whom whose what when where while about ' +
    'after before into over under again there here would could should will can may might ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'january february march april may june july august september october november december ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday ' +
    'friday saturday sunday jour jours veille lendemain hier matin soir an ans année mois ' +
    'day days year years month week semaine today yesterday morning evening night ' +
    // Reporting verbs say who tells, not what happened.
    'dire dit dis disant déclare déclaré affirme affirmé affirmant annonce annoncé ajoute ajouté ' +
    'selon explique expliqué say says said saying tell told states stated according added ' +
    'puisque puisqu lorsque lorsqu quand parce cependant toutefois notamment ainsi donc tandis ' +
    'because since however although though just only very more most such'
  )
    .split(' ')
    .map((word) => fold(word))
)

let synonymIndex: Map<string, string> | null = null

/** Stem (French and English) → group name (its first word). */
function synonyms(): Map<string, string> {
  if (synonymIndex) return synonymIndex
  const index = new Map<string, string>()
  for (const group of SYNONYMS) {
    const name = fold(group[0] ?? '')
    for (const word of group) for (const term of termsOf(word)) index.set(term, name)
  }
  synonymIndex = index
  return index
}

interface Context {
  mention: EventDateMention
  /** The suggestion key of the mention's date. */
  key: string
  source: string
  article: Article
  span: Span
  interval: [number, number]
  /** Intervals of the other date mentions of its article within the context. */
  inner: Array<[number, number]>
  /** Its article's names (see `nameVocabulary`), shared by the article's contexts. */
  names: ReadonlySet<string>
  actors: Set<string>
  actions: Set<string>
  /** Action words of each clause (and pair of adjacent clauses): where a happening is told. */
  clauses: Array<Set<string>>
}

/**
 * Pairs of mentions from different independent sources (by outlet, an article without an outlet
 * alone, repeats with their original) that tell the same happening with disjoint dates. A
 * mention's context is its passage and the following sentences of its line up to the next date
 * (a dated chronology line that makes a whole paragraph takes the next paragraph). Two contexts
 * tell the same happening when they share actors (capitalized names) and action words (content
 * stems, synonyms grouped), weighted by rarity, with a cosine of at least `MIN_SIMILARITY`. Not a
 * disagreement: a side whose own context names a date compatible with the other's (it places that
 * date on another part of the story). Each source's account is aligned with its most similar
 * account in each other source: a disagreement only when that counterpart's date is incompatible. Candidates come from an inverted index of the less common features, so the work
 * stays bounded on a large archive.
 */
export function findDateDisagreements(
  items: readonly ArticleWithText[],
  suggestions: readonly EventSuggestion[],
  options: DisagreementOptions = {}
): DateDisagreement[] {
  const minSimilarity = options.minSimilarity ?? MIN_SIMILARITY
  const originals = new Map<string, string>()
  for (const group of options.repeats ?? []) {
    for (const id of group.articleIds) originals.set(id, group.originalId)
  }
  const byId = new Map(items.map((item) => [item.article.id, item]))
  const mentionsByArticle = new Map<string, Array<{ mention: EventDateMention; key: string }>>()
  for (const suggestion of suggestions) {
    for (const mention of suggestion.mentions) {
      const list = mentionsByArticle.get(mention.articleId) ?? []
      list.push({ mention, key: suggestion.key })
      mentionsByArticle.set(mention.articleId, list)
    }
  }

  const contexts: Context[] = []
  for (const [articleId, mentions] of mentionsByArticle) {
    const item = byId.get(articleId)
    if (!item) continue
    const { article, text } = item
    const original = byId.get(originals.get(articleId) ?? articleId)?.article ?? article
    const source = sourceKey(original, 'outlet')
    const names = nameVocabulary(text)
    const paragraphs = paragraphSpans(text)
    mentions.sort((a, b) => a.mention.start - b.mention.start)
    // By position, so that an article naming thousands of dates is not read once per date.
    const starts = mentions.map(({ mention }) => mention.start)
    const within = (span: Span): typeof mentions =>
      mentions.slice(firstAtOrAfter(starts, span.start), firstAtOrAfter(starts, span.end))
    const paragraphEnds = paragraphs.map((p) => p.end)
    const sentencesOf = new Map<number, Span[]>()
    const sentencesIn = (index: number): Span[] => {
      let sentences = sentencesOf.get(index)
      if (!sentences) {
        const paragraph = paragraphs[index]
        sentences = paragraph ? sentenceSpans(text, paragraph) : []
        sentencesOf.set(index, sentences)
      }
      return sentences
    }
    for (const { mention, key } of mentions) {
      const span = contextSpan(text, paragraphs, paragraphEnds, mention, within, sentencesIn)
      const inner = within(span)
        .filter(
          ({ mention: other }) =>
            other !== mention && other.start >= span.start && other.end <= span.end
        )
        .map(({ mention: other }) => eventInterval(other.date))
      const { actors, actions } = featuresOf(text, span, names, article.language)
      const own = ownClauses(text, span, mention, within)
      const clauses = own.map((clause) =>
        clause ? featuresOf(text, clause, names, article.language).actions : null
      )
      const windows: Array<Set<string>> = []
      clauses.forEach((clause, i) => {
        const next = clauses[i + 1]
        if (clause) windows.push(next ? new Set([...clause, ...next]) : clause)
      })
      contexts.push({
        mention,
        key,
        source,
        article,
        span,
        interval: eventInterval(mention.date),
        inner,
        names,
        actors,
        actions,
        clauses: windows.filter((c) => c.size >= MIN_SHARED_ACTIONS)
      })
    }
  }

  const features = contexts.map((c) => [
    ...[...c.actors].map((a) => `a:${a}`),
    ...[...c.actions].map((w) => `w:${w}`)
  ])
  const df = new Map<string, number>()
  for (const list of features) for (const f of list) df.set(f, (df.get(f) ?? 0) + 1)
  const n = contexts.length
  const weight = (f: string): number => Math.log(1 + n / (df.get(f) ?? 1))

  // Weights and totals computed once per context, not once per compared pair (the pair loop
  // runs up to MAX_COMPARISONS times): the same sums, in the same order, as computing them there.
  const prepared = contexts.map((c) => prepare(c, weight))

  const postings = new Map<string, number[]>()
  features.forEach((list, i) => {
    for (const f of list) {
      if ((df.get(f) ?? 0) > MAX_POSTINGS) continue
      const posting = postings.get(f) ?? []
      posting.push(i)
      postings.set(f, posting)
    }
  })

  interface Pair {
    a: number
    b: number
    similarity: number
    agrees: boolean
  }
  const best = new Map<string, Pair>()
  const seen = new Set<number>()
  let comparisons = 0
  outer: for (const posting of postings.values()) {
    for (let x = 0; x < posting.length; x++) {
      for (let y = x + 1; y < posting.length; y++) {
        const i = posting[x] ?? 0
        const j = posting[y] ?? 0
        const id = i * n + j
        if (seen.has(id)) continue
        seen.add(id)
        if (++comparisons > MAX_COMPARISONS) break outer
        const a = contexts[i]
        const b = contexts[j]
        if (!a || !b || a.source === b.source) continue
        // Pairs whose dates agree are kept too: they align an account with its counterpart.
        const agrees = intersects(a.interval, b.interval)
        if (!agrees && !canDisagree(a, b)) continue
        const similarity = similarityOf(prepared[i], prepared[j])
        if (similarity < minSimilarity) continue
        const sides = [`${a.source}@${a.key}`, `${b.source}@${b.key}`].sort().join('|')
        const known = best.get(sides)
        if (!known || similarity > known.similarity) {
          best.set(sides, { a: i, b: j, similarity, agrees })
        }
      }
    }
  }

  // Each source's account is aligned with its most similar account in every other source: a
  // disagreement only when that best counterpart has an incompatible date (per source pair).
  const used = new Set<string>()
  const found: DateDisagreement[] = []
  const ranked = [...best.entries()].sort(
    ([ka, pa], [kb, pb]) => pb.similarity - pa.similarity || ka.localeCompare(kb)
  )
  for (const [key, pair] of ranked) {
    const a = contexts[pair.a]
    const b = contexts[pair.b]
    if (!a || !b) continue
    const sideA = `${a.source}@${a.key}`
    const sideB = `${b.source}@${b.key}`
    const alignA = `${sideA}>${b.source}`
    const alignB = `${sideB}>${a.source}`
    if (used.has(alignA) || used.has(alignB)) continue
    used.add(alignA)
    used.add(alignB)
    if (pair.agrees) continue
    const [first, second] = compareEventDates(a.mention.date, b.mention.date) <= 0 ? [a, b] : [b, a]
    found.push({
      key,
      label: labelOf(a, b, byId, weight),
      sides: [sideOf(first), sideOf(second)],
      similarity: Math.round(pair.similarity * 1000) / 1000
    })
    if (found.length >= MAX_RESULTS) break
  }
  return found
}

function sideOf(context: Context): DisagreementSide {
  return {
    key: context.key,
    date: context.mention.date,
    mention: context.mention,
    context: context.span
  }
}

/** Different sources, disjoint dates, and neither naming a date compatible with the other's. */
function canDisagree(a: Context, b: Context): boolean {
  if (a.source === b.source) return false
  if (intersects(a.interval, b.interval)) return false
  if (isPeriod(a.mention.date) || isPeriod(b.mention.date)) return false
  if (misreadYear(a.mention, b.interval) || misreadYear(b.mention, a.interval)) return false
  if (a.inner.some((inner) => intersects(inner, b.interval))) return false
  if (b.inner.some((inner) => intersects(inner, a.interval))) return false
  return true
}

/** A range longer than a month dates a period (exchanges over months), not one happening. */
function isPeriod(date: EventDate): boolean {
  if (!date.end) return false
  const [start, end] = eventInterval(date)
  return end - start > PERIOD_MS
}

/**
 * A date whose year was taken from context ("en octobre", "le 21 octobre") that would agree with
 * the other side one year earlier or later: more likely our reading of the year than the sources'
 * disagreement.
 */
function misreadYear(mention: EventDateMention, other: [number, number]): boolean {
  if (mention.basis === 'absolute') return false
  return [-1, 1].some((shift) => {
    const date = shiftYear(mention.date, shift)
    return date !== null && intersects(eventInterval(date), other)
  })
}

function shiftYear(date: EventDate, shift: number): EventDate | null {
  const move = (value: string): string | null => {
    const year = Number(value.slice(0, 4))
    return Number.isInteger(year)
      ? `${String(year + shift).padStart(4, '0')}${value.slice(4)}`
      : null
  }
  const start = move(date.start)
  const end = date.end ? move(date.end) : undefined
  if (start === null || end === null) return null
  return { ...date, start, ...(end ? { end } : {}) }
}

function intersects(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[1] && b[0] < a[1]
}

/** A context's features with their weights, for `similarityOf`. */
interface Prepared {
  actors: ReadonlySet<string>
  /** Each actor's weight, in the set's order. */
  actorWeights: ReadonlyMap<string, number>
  actorTotal: number
  clauses: ReadonlyArray<{ words: ReadonlySet<string>; weights: number[]; total: number }>
}

function prepare(context: Context, weight: (f: string) => number): Prepared {
  const actorWeights = new Map<string, number>()
  let actorTotal = 0
  for (const actor of context.actors) {
    const w = weight(`a:${actor}`)
    actorWeights.set(actor, w)
    actorTotal += w
  }
  const clauses = context.clauses.map((words) => {
    const weights: number[] = []
    let total = 0
    for (const x of words) {
      const w = weight(`w:${x}`)
      weights.push(w)
      total += w
    }
    return { words, weights, total }
  })
  return { actors: context.actors, actorWeights, actorTotal, clauses }
}

/**
 * Same actors over the two contexts (weighted share of the smaller set of names), and the same
 * action told in one clause of each (weighted cosine of their action words, the best clause pair,
 * with at least `MIN_SHARED_ACTIONS` in common): their weighted geometric mean, 0–1, the action
 * weighing more (an archive's articles all name its protagonists).
 */
function similarityOf(a: Prepared | undefined, b: Prepared | undefined): number {
  if (!a || !b) return 0
  let shared = 0
  let actors = 0
  for (const [actor, w] of a.actorWeights) {
    if (!b.actors.has(actor)) continue
    actors++
    shared += w
  }
  if (actors < MIN_SHARED_ACTORS) return 0
  const actorScore = shared / Math.min(a.actorTotal, b.actorTotal)
  let actionScore = 0
  for (const ca of a.clauses) {
    for (const cb of b.clauses) {
      let common = 0
      let weightCommon = 0
      let k = 0
      for (const x of ca.words) {
        const w = ca.weights[k++] ?? 0
        if (!cb.words.has(x)) continue
        common++
        weightCommon += w
      }
      if (common < MIN_SHARED_ACTIONS) continue
      const score = weightCommon / Math.sqrt(ca.total * cb.total)
      if (score > actionScore) actionScore = score
    }
  }
  return actorScore ** ACTOR_WEIGHT * actionScore ** (1 - ACTOR_WEIGHT)
}

/**
 * The clauses of a context that tell what happened at the mention's date (null for the others):
 * a clause holding another date is that date's; in a sentence with several dates, the clauses
 * without a date belong to the date that opens the sentence ("En avril, alors que … en juin 2016
 * …, Wikileaks lui demande …": the request is April's), or to every date when none opens it.
 */
function ownClauses(
  text: string,
  span: Span,
  mention: EventDateMention,
  within: (span: Span) => ReadonlyArray<{ mention: EventDateMention }>
): Array<Span | null> {
  const result: Array<Span | null> = []
  for (const sentence of sentenceSpans(text, span)) {
    const dated = within(sentence)
    const opener = dated.find(({ mention: m }) =>
      /^[\s•·▪*–—-]*(?:(?:le|la|l['’]|the|on|en|in|au|dès|since|depuis)\s+)?$/iu.test(
        text.slice(sentence.start, m.start)
      )
    )
    for (const clause of clausesOf(text, sentence)) {
      const inside = dated.filter(
        ({ mention: m }) => m.start >= clause.start && m.start < clause.end
      )
      let mine: boolean
      if (inside.length > 0) mine = inside.some(({ mention: m }) => m === mention)
      else if (dated.length > 1 && opener) mine = opener.mention === mention
      else mine = true
      result.push(mine ? clause : null)
    }
  }
  return result
}

/** Sentences of a span cut at commas, semicolons, colons, brackets and quotes: its clauses. */
function clausesOf(text: string, span: Span): Span[] {
  const clauses: Span[] = []
  for (const sentence of sentenceSpans(text, span)) {
    const part = text.slice(sentence.start, sentence.end)
    let from = 0
    for (const match of part.matchAll(/[,;:()«»"“”\n]+|\s[–—]\s/gu)) {
      if (match.index > from)
        clauses.push({ start: sentence.start + from, end: sentence.start + match.index })
      from = match.index + match[0].length
    }
    if (from < part.length) clauses.push({ start: sentence.start + from, end: sentence.end })
  }
  return clauses
}

/**
 * The passage, then the following sentences of its line up to one naming another date. A passage
 * that is a clause (ending inside its sentence) stays alone: what follows belongs to the sentence's
 * own date. A dated chronology line that makes its paragraph takes the paragraph after it.
 */
function contextSpan(
  text: string,
  paragraphs: readonly Span[],
  paragraphEnds: readonly number[],
  mention: EventDateMention,
  within: (span: Span) => ReadonlyArray<{ mention: EventDateMention }>,
  sentencesIn: (paragraph: number) => Span[]
): Span {
  // Paragraphs are in order and disjoint: the first ending after the mention may hold it.
  const index = firstAtOrAfter(paragraphEnds, mention.start + 1)
  const paragraph =
    paragraphs[index] && (paragraphs[index]?.start ?? 0) <= mention.start
      ? paragraphs[index]
      : undefined
  if (!paragraph) return mention.sentence
  // A passage running over several lines (a list) keeps the mention's line, and the lines after
  // it only when the mention heads its line (a chronology entry and what follows).
  const lineStart = text.lastIndexOf('\n', mention.start - 1) + 1
  const lineEnd = text.indexOf('\n', mention.end)
  const heads = /^[\s•·▪*–—-]*(?:(?:le|la|l['’]|the|on|en|in)\s+)?$/iu.test(
    text.slice(lineStart, mention.start)
  )
  const passage: Span = {
    start: Math.max(mention.sentence.start, lineStart),
    end: heads || lineEnd === -1 ? mention.sentence.end : Math.min(mention.sentence.end, lineEnd)
  }
  const sentences = sentencesIn(index)
  const whole = sentences.some((s) => s.end === passage.end) || passage.end >= paragraph.end
  if (!whole) return passage
  const datedAt = (span: Span): boolean => within(span).length > 0
  let end = passage.end
  let taken = 0
  for (const sentence of sentences) {
    if (sentence.start < end) continue
    if (taken >= MAX_FOLLOWING || text.slice(end, sentence.start).includes('\n')) break
    if (datedAt(sentence)) break
    end = sentence.end
    taken++
  }
  // "11 juillet 2017: WikiLeaks a recontacté Trump Jr." alone on its paragraph: what happened that
  // day is told in the next paragraph.
  const next = paragraphs[index + 1]
  const leads = /^[\s•·▪*–—-]*(?:(?:le|la|l['’]|the|on|en|in)\s+)?$/iu.test(
    text.slice(paragraph.start, mention.start)
  )
  if (leads && end >= paragraph.end && next && !datedAt(next)) {
    const first = sentencesIn(index + 1)
    let nextEnd = next.start
    for (const sentence of first.slice(0, MAX_FOLLOWING)) nextEnd = sentence.end
    end = Math.max(end, nextEnd)
  }
  return { start: Math.min(passage.start, mention.start), end }
}

/** Index of the first of the ascending `values` at or after `at` (`values.length` when none). */
function firstAtOrAfter(values: readonly number[], at: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >> 1
    if ((values[middle] ?? 0) < at) low = middle + 1
    else high = middle
  }
  return low
}

/** Folded words a text writes capitalized inside a sentence: names ("Trump", "WikiLeaks"). */
function nameVocabulary(text: string): Set<string> {
  const names = new Set<string>()
  for (const token of tokenize(text)) {
    if (!isCapitalized(token.word) || !insideSentence(text, token.start)) continue
    const folded = fold(token.word)
    if (!STOPWORDS.has(folded) && !/^\p{N}/u.test(folded)) names.add(folded)
  }
  return names
}

function isCapitalized(word: string): boolean {
  const first = word.charAt(0)
  return first !== first.toLocaleLowerCase() && first === first.toLocaleUpperCase()
}

/** Whether the word at `offset` follows another word of its sentence (not a sentence start). */
function insideSentence(text: string, offset: number): boolean {
  let i = offset - 1
  while (i >= 0 && /[\s\u00a0\u202f'’]/u.test(text.charAt(i))) {
    if (text.charAt(i) === '\n') return false
    i--
  }
  if (i < 0) return false
  return /[\p{L}\p{N},]/u.test(text.charAt(i))
}

function featuresOf(
  text: string,
  span: Span,
  names: ReadonlySet<string>,
  language: string
): { actors: Set<string>; actions: Set<string> } {
  const actors = new Set<string>()
  const actions = new Set<string>()
  const index = synonyms()
  for (const token of tokenize(text.slice(span.start, span.end))) {
    const folded = fold(token.word)
    if (folded.length < 2 || STOPWORDS.has(folded) || /^\p{N}/u.test(folded)) continue
    if (isCapitalized(token.word) && names.has(folded)) {
      actors.add(folded)
      continue
    }
    if (folded.length <= 2) continue
    const terms = termsOf(token.word, language)
    const group = terms.map((term) => index.get(term)).find((g) => g !== undefined)
    const term = group ?? terms[0]
    if (term && term.length > 2) actions.add(term)
  }
  return { actors, actions }
}

/**
 * The happening in a few words: of both contexts' clauses, the one densest in what the two share
 * ("Wikileaks lui demande des courriels à propos de cette rencontre").
 */
function labelOf(
  a: Context,
  b: Context,
  byId: ReadonlyMap<string, ArticleWithText>,
  weight: (f: string) => number
): string {
  const shared = new Set<string>([
    ...[...a.actors].filter((x) => b.actors.has(x)).map((x) => `a:${x}`),
    ...[...a.actions].filter((x) => b.actions.has(x)).map((x) => `w:${x}`)
  ])
  let bestClause = ''
  let bestScore = -1
  for (const context of [a, b]) {
    const text = byId.get(context.article.id)?.text ?? ''
    const { names } = context
    for (const clause of text
      .slice(context.span.start, context.span.end)
      .split(/[,;:.!?()«»"“”]+|\s[–—]\s|\n/u)) {
      const trimmed = clause.replace(/\s+/g, ' ').trim()
      const words = tokenize(trimmed).length
      if (words < 3) continue
      const { actors, actions } = featuresOf(
        trimmed,
        { start: 0, end: trimmed.length },
        names,
        context.article.language
      )
      let score = 0
      for (const x of actors) if (shared.has(`a:${x}`)) score += weight(`a:${x}`)
      for (const x of actions) if (shared.has(`w:${x}`)) score += weight(`w:${x}`)
      score /= words + 4
      if (score > bestScore) {
        bestScore = score
        bestClause = trimmed
      }
    }
  }
  const label = bestClause.charAt(0).toLocaleUpperCase() + bestClause.slice(1)
  if (label.length <= LABEL_MAX) return label
  const cut = label.slice(0, LABEL_MAX - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > LABEL_MAX / 2 ? cut.slice(0, space) : cut}…`
}
