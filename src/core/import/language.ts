// Language of an article as an ISO 639-1 code: from a declared tag (`<html lang="fr-FR">`) or
// guessed from the text with franc-min, which answers in ISO 639-3; `und` when it cannot be told.
import { franc } from 'franc-min'

/** franc-min's languages that have an ISO 639-1 code; the others are reported as `und`. */
const ISO_639_3_TO_1: Record<string, string> = {
  amh: 'am',
  arb: 'ar',
  azj: 'az',
  bel: 'be',
  ben: 'bn',
  bos: 'bs',
  bul: 'bg',
  ces: 'cs',
  ckb: 'ku',
  cmn: 'zh',
  deu: 'de',
  ell: 'el',
  eng: 'en',
  fra: 'fr',
  fuv: 'ff',
  guj: 'gu',
  hau: 'ha',
  hin: 'hi',
  hrv: 'hr',
  hun: 'hu',
  ibo: 'ig',
  ind: 'id',
  ita: 'it',
  jav: 'jv',
  jpn: 'ja',
  kan: 'kn',
  kaz: 'kk',
  kin: 'rw',
  kor: 'ko',
  lin: 'ln',
  mal: 'ml',
  mar: 'mr',
  mya: 'my',
  nld: 'nl',
  npi: 'ne',
  nya: 'ny',
  pan: 'pa',
  pbu: 'ps',
  pes: 'fa',
  plt: 'mg',
  pol: 'pl',
  por: 'pt',
  qug: 'qu',
  ron: 'ro',
  run: 'rn',
  rus: 'ru',
  sin: 'si',
  som: 'so',
  spa: 'es',
  srp: 'sr',
  sun: 'su',
  swe: 'sv',
  swh: 'sw',
  tam: 'ta',
  tel: 'te',
  tgl: 'tl',
  tha: 'th',
  tur: 'tr',
  ukr: 'uk',
  urd: 'ur',
  uzn: 'uz',
  vie: 'vi',
  yor: 'yo',
  zlm: 'ms',
  zul: 'zu',
  zyb: 'za'
}

/** Below this many letters trigram statistics are noise: a headline alone is not enough. */
const MIN_LETTERS = 40

export function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu)?.length ?? 0
  if (letters < MIN_LETTERS) return 'und'
  return ISO_639_3_TO_1[franc(text, { minLength: MIN_LETTERS })] ?? 'und'
}

/** `fr-FR` → `fr`, `fra` → `fr`; anything else unusable → `und`. */
export function normalizeLanguageTag(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? ''
  if (/^[a-z]{2}$/.test(primary)) return primary
  return ISO_639_3_TO_1[primary] ?? 'und'
}
