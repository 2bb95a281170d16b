// Metadata read from captured text alone, with generic heuristics: a title past the page furniture,
// an outlet and author only from explicit clues (never invented), a publication date, a language.
import type { ArticleMeta } from '../archive/article'
import { sentenceSpans } from '../text/sentences'
import { isAgency, isFurniture, stripDateline, wireServicesOf } from './captured-lines'
import { detectLanguage } from './language'
import { derivePublished } from './published'

export interface DeriveOptions {
  /** Dates after this are plans or forecasts, not a lower bound for publication. */
  now?: Date
}

/** The headline, if any, sits within the first few blocks. */
const LEADING_BLOCKS = 8
const MAX_HEADLINE = 150
/** A lead sentence longer than this is cut at a word boundary before TITLE_CUT. */
const MAX_LEAD_TITLE = 120
const TITLE_CUT = 110
/** Words a cut title should not end on. */
const DANGLING = new Set(
  (
    'à au aux avec dans de des du en et la le les ou par pour sur un une ' +
    'a an and at by for from in of on or the to with'
  ).split(' ')
)

export function deriveMetadata(text: string, options: DeriveOptions = {}): ArticleMeta {
  return {
    title: deriveTitle(text),
    outlet: deriveOutlet(text),
    author: deriveAuthor(text),
    published: derivePublished(text, options.now),
    language: detectLanguage(text)
  }
}

/**
 * The first line past stamps, captions, datelines, bullets and labels: a headline if it is short,
 * has no final period and is followed by a blank line; otherwise the lead's first sentence.
 */
export function deriveTitle(text: string): string {
  const blocks = text.split(/\n{2,}/).slice(0, LEADING_BLOCKS)
  for (const block of blocks) {
    const lines = block.split('\n')
    for (const [i, rawLine] of lines.entries()) {
      const line = stripDateline(rawLine)
      if (line === '' || isFurniture(line)) continue
      if (i === lines.length - 1 && isHeadline(line)) return line
      return leadTitle([line, ...lines.slice(i + 1)].join(' '))
    }
  }
  return ''
}

function isHeadline(line: string): boolean {
  return line.length <= MAX_HEADLINE && !/[.…:;,]$/u.test(line)
}

function leadTitle(lead: string): string {
  const first = sentenceSpans(lead)[0]
  const sentence = first ? lead.slice(first.start, first.end) : lead
  if (sentence.length <= MAX_LEAD_TITLE) return sentence.replace(/(?<!\.)\.$/u, '')
  return `${cutAtWord(sentence, TITLE_CUT)}…`
}

function cutAtWord(sentence: string, max: number): string {
  const words = sentence.slice(0, max + 1).split(/\s+/u)
  if (words.length > 1) words.pop()
  while (words.length > 1 && DANGLING.has((words.at(-1) ?? '').toLowerCase())) words.pop()
  return words.join(' ').replace(/[\s,;:–—-]+$/u, '')
}

const anyOf = (words: string): string => `(?:${words.split(',').join('|')})`
/**
 * "Likez Business Insider France sur Facebook", "Follow The Guardian on Twitter", as a sentence of
 * its own: "people like Trump on Twitter" in the middle of a sentence is no plug.
 */
const SOCIAL_PLUG = new RegExp(
  `(?:^|[.!?…]\\s+)${anyOf('likez,like,aimez,suivez,follow,retrouvez,rejoignez')}\\s+(.{2,60}?)` +
    `\\s+(?:sur|on)\\s+${anyOf('facebook,twitter,x,instagram,linkedin,youtube,tiktok,threads,bluesky')}` +
    '(?![\\p{L}])',
  'imu'
)
/** "© 2017 Le Monde. Tous droits réservés." → "Le Monde". */
const COPYRIGHT_LINE = new RegExp(
  '^(?:©|\\(c\\)|copyright)\\s*(?:\\d{4}(?:\\s*[-–]\\s*\\d{4})?\\s*)?(.+?)\\s*' +
    `(?:[.,|–-]\\s*${anyOf('tous droits réservés,all rights reserved')}.*)?\\.?$`,
  'iu'
)
/** "Version originale: Sonam Sheth/Business Insider" → author and outlet of the original. */
const ORIGINAL_CREDIT = new RegExp(
  `^${anyOf('version originale,article original,texte original,original version,original article')}` +
    '\\s*:\\s*(?:([^/\\n]{2,60}?)\\s*\\/\\s*)?([^/\\n]{2,60})$',
  'imu'
)

/**
 * The outlet only when the text names it: "Likez Business Insider France sur Facebook",
 * "© Le Monde", "Version originale: X/Business Insider"; otherwise empty.
 */
export function deriveOutlet(text: string): string {
  const plug = SOCIAL_PLUG.exec(text)?.[1]?.trim()
  if (plug && /^[\p{Lu}\p{N}]/u.test(plug) && !/^(?:nous|notre|us|our)\b/iu.test(plug)) return plug
  for (const line of text.split('\n')) {
    const owner = line.length <= 80 ? COPYRIGHT_LINE.exec(line)?.[1] : undefined
    if (owner && !isAgency(owner)) return owner.trim()
  }
  return ORIGINAL_CREDIT.exec(text)?.[2]?.trim() ?? ''
}

/** Capitalized words, with the particles of names in between ("Charles de Gaulle"). */
const WORD = "\\p{Lu}[\\p{L}'’.-]*"
const PARTICLE = anyOf('de,du,des,da,di,van,von,der,den,le,la,al,el,bin,ben')
const NAME = `${WORD}(?:\\s+(?:${PARTICLE}\\s+)*${WORD}){0,4}`
const NAMES = `${NAME}(?:\\s*(?:,|et|and|&)\\s*${NAME})*`
/** Words that end a byline: "Par X à Bruxelles", "By X, published …". */
const BYLINE_END = anyOf('à,in,pour,for,le,on,publié,published,mis,updated')
// No `i` flag: with it, \p{Lu} would match lowercase too and "Par ailleurs" would be a byline.
const BYLINE = new RegExp(
  `^(?:[Pp]ar|PAR|[Bb]y|BY|[ÉéEe]crit par|[Ww]ritten by|[Rr]eporting by)\\s+(${NAMES})` +
    `(?=$|\\s*[,|–—(/-]|\\s+${BYLINE_END}(?![\\p{L}]))`,
  'u'
)
const MAX_BYLINE_LINE = 80

/**
 * The author only from an explicit credit: a byline ("Par X", "By X"), the original author of a
 * translation ("Version originale: Sonam Sheth/…"), or a wire credit ("afp/ta" → AFP).
 */
export function deriveAuthor(text: string): string {
  const lines = text.split('\n').map((line) => line.trim())
  for (const line of lines) {
    const byline = line.length <= MAX_BYLINE_LINE ? BYLINE.exec(line)?.[1] : undefined
    if (byline) return byline.replace(/[\s.,]+$/u, '')
  }
  const original = ORIGINAL_CREDIT.exec(text)?.[1]?.trim()
  if (original) return original
  const wires = lines.map(wireServicesOf).find((services) => services.length > 0)
  return wires ? [...new Set(wires)].join(', ') : ''
}
