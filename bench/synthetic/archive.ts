// Synthetic archives for benchmarks and scale tests: French (60 %) and English (40 %) press
// articles of ~3 KB, a codebook, events, one passage per ten articles, each linked to an event.
//
// Everything is a pure function of (seed, index): article i, its text, its passage and link are
// the same whichever chunk generates them, so 100,000 articles can be produced (and written)
// chunk by chunk, in Node or in the browser (no DOM or Node imports here). Ids are UUID-shaped
// and unique per kind and index; `sha256` is a unique 64-hex string (not a real hash).
// `syntheticRareWord(i)` is a word that occurs in article i's body and in no other article.
import type {
  Article,
  ArticleText,
  PublishedDate,
  SourceFormat
} from '../../src/core/archive/article'
import type { Passage, Tag } from '../../src/core/archive/passage'
import type { EventLink, LinkRole, TimelineEvent } from '../../src/core/timeline/types'
import { describeSpan } from '../../src/core/anchoring/describe'

export interface SyntheticChunk {
  articles: Article[]
  texts: ArticleText[]
  passages: Passage[]
  links: EventLink[]
}

export interface SyntheticCodebook {
  tags: Tag[]
  events: TimelineEvent[]
}

export const SYNTHETIC_DEFAULT_SEED = 20171113
/** Every `PASSAGE_EVERY`-th article (i % 10 === 0) carries one passage, linked to one event. */
export const SYNTHETIC_PASSAGE_EVERY = 10

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and ids

/** A 32-bit avalanche mix of two integers (murmur3's finalizer over a combination). */
function mix(a: number, b: number): number {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ (b >>> 0)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** mulberry32: small, fast, good enough for text generation (and the timeline bench's events). */
export function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let x = Math.imul(state ^ (state >>> 15), 1 | state)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

class Rng {
  readonly next: () => number
  constructor(seed: number, kind: number, index: number) {
    this.next = generator(mix(mix(seed, kind), index))
  }
  int(n: number): number {
    return Math.floor(this.next() * n)
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }
  chance(p: number): boolean {
    return this.next() < p
  }
}

const KIND = { article: 0xa11c, passage: 0x9a55, tag: 0x7a90, event: 0xe7e1, link: 0x11c4 }
type Kind = keyof typeof KIND

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0').slice(-width)

/** A UUID-shaped id (version 4 layout), unique per (seed, kind, index). */
function syntheticId(seed: number, kind: Kind, index: number): string {
  const h = mix(seed, KIND[kind])
  const r = mix(h, index)
  return `${hex(h, 8)}-${hex(KIND[kind], 4)}-4${hex(r >>> 20, 3)}-${hex(0x8000 | (r & 0x3fff), 4)}-${hex(index, 12)}`
}

export function syntheticArticleId(index: number, seed = SYNTHETIC_DEFAULT_SEED): string {
  return syntheticId(seed, 'article', index)
}
export function syntheticTagId(index: number, seed = SYNTHETIC_DEFAULT_SEED): string {
  return syntheticId(seed, 'tag', index)
}
export function syntheticEventId(index: number, seed = SYNTHETIC_DEFAULT_SEED): string {
  return syntheticId(seed, 'event', index)
}

function syntheticSha256(seed: number, index: number): string {
  let out = ''
  for (let k = 0; k < 6; k++) out += hex(mix(mix(seed, 0x5a256 + k), index), 8)
  return out + hex(mix(seed, 0x5eed), 4) + hex(index, 12)
}

// ---------------------------------------------------------------------------------------------
// The rare word

const RARE_CONSONANTS = 'bdfgklmnprstvz'
const RARE_VOWELS = 'aeiou'
const RARE_SYLLABLES = RARE_CONSONANTS.length * RARE_VOWELS.length

/**
 * A word that occurs in article i's body and nowhere else in any synthetic archive: `zorg`
 * followed by four consonant–vowel syllables (i < 70^4 = 24,010,000). All rare words have the same
 * length, so none is a prefix of another; letters only, so every tokenizer keeps it whole.
 * (Typo-tolerant search may still match a neighbour's word one letter away.)
 */
export function syntheticRareWord(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= RARE_SYLLABLES ** 4) {
    throw new RangeError(`no rare word for article ${index}`)
  }
  let word = 'zorg'
  let rest = index
  for (let k = 0; k < 4; k++) {
    const syllable = rest % RARE_SYLLABLES
    rest = Math.floor(rest / RARE_SYLLABLES)
    word +=
      RARE_CONSONANTS[Math.floor(syllable / RARE_VOWELS.length)]! +
      RARE_VOWELS[syllable % RARE_VOWELS.length]!
  }
  return word
}

// ---------------------------------------------------------------------------------------------
// Vocabularies

const NBSP = '\u00a0'

const PEOPLE_FR = [
  'Marie Dupont',
  'Jean Martin',
  'Sophie Lefèvre',
  'Élodie Moreau',
  'François Girard',
  'Hélène Rousseau',
  'Benoît Lambert',
  'Céline Fournier',
  'Jérôme Mercier',
  'Anaïs Bonnet',
  'Thierry Faure',
  'Nathalie Chevalier',
  'Sébastien Garnier',
  'Camille Dubois',
  'Luc Perrin',
  'Agnès Roux',
  'Olivier Blanc',
  'Inès Guérin',
  'Patrick Muller',
  'Zoé Lemaire'
] as const
const PEOPLE_EN = [
  'John Carter',
  'Emily Walsh',
  "Michael O'Brien",
  'Sarah Mitchell',
  'David Chen',
  'Laura Bennett',
  'James Whitaker',
  'Rachel Adams',
  'Thomas Reed',
  'Hannah Brooks',
  'Daniel Foster',
  'Olivia Grant',
  'Robert Hayes',
  'Megan Clarke',
  'Steven Park'
] as const
const OUTLETS_FR = [
  'Le Monde',
  'Libération',
  'Le Figaro',
  'Mediapart',
  "L'Humanité",
  'Ouest-France',
  'La Croix',
  'Les Échos',
  'Le Parisien',
  'France Info',
  'AFP'
] as const
const OUTLETS_EN = [
  'Reuters',
  'The Guardian',
  'The New York Times',
  'BBC News',
  'Associated Press',
  'The Washington Post',
  'Financial Times',
  'Politico',
  'Bloomberg'
] as const
const PLACES_FR = [
  'Paris',
  'Lyon',
  'Marseille',
  'Bruxelles',
  'Genève',
  'Strasbourg',
  'Bordeaux',
  'Lille',
  'Toulouse',
  'Nantes',
  'Berlin',
  'Londres',
  'Montréal',
  'Nîmes'
] as const
const PLACES_EN = [
  'London',
  'Washington',
  'New York',
  'Brussels',
  'Geneva',
  'Paris',
  'Berlin',
  'Manchester',
  'Chicago',
  'Dublin',
  'Edinburgh',
  'Boston'
] as const
const ORGS_FR = [
  'le ministère de la Justice',
  'la Commission européenne',
  'le Conseil constitutionnel',
  'la mairie de Paris',
  "l'Assemblée nationale",
  'le Sénat',
  'la société Vinci',
  "l'Autorité des marchés financiers",
  'la CNIL',
  'la préfecture de police',
  'le syndicat CGT',
  'la Cour des comptes'
] as const
const ORGS_EN = [
  'the Justice Department',
  'the European Commission',
  'the Supreme Court',
  'the city council',
  'the House committee',
  'the Senate',
  'the Electoral Commission',
  'the Federal Reserve',
  'the Home Office',
  'the union',
  'the National Audit Office'
] as const
const TOPICS_FR = [
  'la réforme des retraites',
  'la sécurité nucléaire',
  'le financement des campagnes électorales',
  'la transition énergétique',
  'les élections municipales',
  "l'accès aux données personnelles",
  'la fraude fiscale',
  'la crise migratoire',
  "la qualité de l'air",
  "le prix de l'électricité",
  "l'élection présidentielle",
  'la liberté de la presse'
] as const
const TOPICS_EN = [
  'pension reform',
  'nuclear safety',
  'campaign finance',
  'the energy transition',
  'the municipal elections',
  'access to personal data',
  'tax fraud',
  'the migration crisis',
  'air quality',
  'electricity prices',
  'the presidential election',
  'press freedom'
] as const
const CRIMES_FR = [
  'corruption',
  'détournement de fonds publics',
  "trafic d'influence",
  'favoritisme',
  'blanchiment'
] as const
const CRIMES_EN = [
  'corruption',
  'embezzlement',
  'influence peddling',
  'money laundering',
  'bribery'
] as const
const QUOTES_FR = [
  "Nous irons jusqu'au bout",
  'Ce rapport est accablant',
  "Il n'y a eu aucune irrégularité",
  'Les électeurs ont tranché',
  'C’est une victoire pour la démocratie',
  'Nous demandons des réponses claires',
  'Personne ne sera épargné'
] as const
const QUOTES_EN = [
  'We will see this through',
  'This report is damning',
  'There was no wrongdoing',
  'The voters have spoken',
  'This is a victory for democracy',
  'We want clear answers',
  'Nobody will be spared'
] as const
const ELECTIONS_FR = ['municipales', 'régionales', 'législatives', 'européennes', 'sénatoriales']
const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre'
] as const
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
] as const

// ---------------------------------------------------------------------------------------------
// Sentences

interface Day {
  year: number
  month: number // 1–12
  day: number
}

const DAY_MS = 86_400_000
const FROM = Date.UTC(2015, 0, 1)
const TO = Date.UTC(2021, 0, 1)

function dayAt(ms: number): Day {
  const d = new Date(ms)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** "12 mars 2017", "1er mars 2017". */
export function frenchDate(d: Day): string {
  return `${d.day === 1 ? '1er' : d.day} ${MONTHS_FR[d.month - 1]} ${d.year}`
}
/** "March 12, 2017". */
export function englishDate(d: Day): string {
  return `${MONTHS_EN[d.month - 1]} ${d.day}, ${d.year}`
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

interface Context {
  rng: Rng
  /** Around the publication date: dates the article mentions. */
  around: number
  people: string[]
  outlet: string
}

function nearDay(c: Context): Day {
  return dayAt(c.around - c.rng.int(60) * DAY_MS)
}
const person = (c: Context): string => c.rng.pick(c.people)
/** Two different people of the article, as "A et B" / "A and B". */
function pair(c: Context, and: string): string {
  const k = c.rng.int(c.people.length)
  const other = (k + 1 + c.rng.int(c.people.length - 1)) % c.people.length
  return `${c.people[k]} ${and} ${c.people[other]}`
}

/** French contractions the templates cannot know in advance: "de le" → "du", "de Élodie" → "d'Élodie". */
function contract(sentence: string): string {
  return sentence
    .replace(/\bde le /g, 'du ')
    .replace(/(?<=^|\s)à le /g, 'au ')
    .replace(/\bde les /g, 'des ')
    .replace(/(?<=^|\s)à les /g, 'aux ')
    .replace(/\bde ([AEIOUÉÈÊÀÂÎÔH])/g, "d'$1")
    .replace(/\bque ([AEIOUÉÈÊÀÂÎÔaeiouéè])/g, "qu'$1")
}

type Template = (c: Context) => string

const FR: Template[] = [
  (c) =>
    `Selon ${c.rng.pick(OUTLETS_FR)}, ${pair(c, 'et')}, réunis le ${frenchDate(nearDay(c))} à ${c.rng.pick(PLACES_FR)}, ont évoqué ${c.rng.pick(TOPICS_FR)}.`,
  (c) =>
    `«${NBSP}${c.rng.pick(QUOTES_FR)}${NBSP}», a déclaré ${person(c)} lors d'une conférence de presse à ${c.rng.pick(PLACES_FR)}.`,
  (c) =>
    `Les résultats des élections ${c.rng.pick(ELECTIONS_FR)} ont été publiés le ${frenchDate(nearDay(c))}, après une campagne marquée par ${c.rng.pick(TOPICS_FR)}.`,
  (c) =>
    `L'élection de ${person(c)} à la tête de ${c.rng.pick(ORGS_FR)} avait surpris les observateurs.`,
  (c) =>
    `${cap(c.rng.pick(ORGS_FR))} a confirmé l'information le ${frenchDate(nearDay(c))}, sans préciser le calendrier.`,
  (c) => {
    const d = nearDay(c)
    return `Plusieurs documents consultés par ${c.rng.pick(OUTLETS_FR)} montrent que ${c.rng.pick(ORGS_FR)} connaissait la situation depuis ${MONTHS_FR[d.month - 1]} ${d.year}.`
  },
  () => `Le ministère de l'Intérieur n'a pas souhaité réagir à ces révélations.`,
  (c) =>
    `D'après un rapport publié le ${frenchDate(nearDay(c))}, ${(1 + c.rng.int(90)) * 100} personnes auraient été concernées.`,
  (c) =>
    `Interrogé par nos soins, ${person(c)} dément toute irrégularité et dénonce «${NBSP}une manœuvre politique${NBSP}».`,
  (c) =>
    `L'enquête, ouverte le ${frenchDate(nearDay(c))} par le parquet de ${c.rng.pick(PLACES_FR)}, porte sur des faits de ${c.rng.pick(CRIMES_FR)}.`,
  (c) =>
    `Les élus de l'opposition réclament une commission d'enquête sur ${c.rng.pick(TOPICS_FR)}.`,
  (c) =>
    `À ${c.rng.pick(PLACES_FR)}, des centaines de manifestants se sont rassemblés le ${frenchDate(nearDay(c))} devant la préfecture.`,
  (c) =>
    `Le gouvernement prévoit de présenter un projet de loi sur ${c.rng.pick(TOPICS_FR)} avant l'été.`,
  (c) =>
    `Cette décision intervient après des mois de négociations entre ${c.rng.pick(ORGS_FR)} et ${c.rng.pick(ORGS_FR)}.`,
  (c) => {
    const d = nearDay(c)
    return `Les juges d'instruction ont entendu ${person(c)} le ${d.day === 1 ? '1er' : d.day} ${MONTHS_FR[d.month - 1]} dernier.`
  },
  (c) => `Le rapport évoque également des échanges de messages entre ${pair(c, 'et')}.`,
  (c) => `«${NBSP}Nous n'avons rien à cacher${NBSP}», a répondu l'entourage de ${person(c)}.`,
  () => `La réunion s'est tenue à huis clos, selon des témoins présents.`,
  (c) =>
    `Le budget consacré à ${c.rng.pick(TOPICS_FR)} a augmenté de ${2 + c.rng.int(30)}${NBSP}% en un an.`,
  (c) => `Sollicitée, la porte-parole de ${c.rng.pick(ORGS_FR)} n'a pas donné suite.`,
  (c) =>
    `Les électeurs étaient appelés aux urnes le ${frenchDate(nearDay(c))} pour élire leurs représentants.`,
  () =>
    `Une source proche du dossier évoque «${NBSP}des pressions répétées${NBSP}» sur les enquêteurs.`,
  (c) => `Le scrutin a été marqué par une abstention record de ${30 + c.rng.int(40)}${NBSP}%.`,
  (c) =>
    `Les élections ont été reportées à la demande de ${c.rng.pick(ORGS_FR)}, qui invoque des raisons de sécurité.`,
  (c) =>
    `Contacté par téléphone, ${person(c)} assure avoir «${NBSP}toujours respecté la loi${NBSP}» et annonce une plainte en diffamation.`,
  (c) =>
    `Le tribunal de ${c.rng.pick(PLACES_FR)} rendra sa décision le ${frenchDate(nearDay(c))}, selon une source judiciaire.`,
  (c) =>
    `Depuis ${MONTHS_FR[c.rng.int(12)]}, ${c.rng.pick(ORGS_FR)} multiplie les réunions sur ${c.rng.pick(TOPICS_FR)}.`,
  (c) =>
    `Ces chiffres, repris par ${c.rng.pick(OUTLETS_FR)}, ont été contestés par ${c.rng.pick(ORGS_FR)}.`,
  () => `Les avocats de la défense dénoncent une procédure «${NBSP}à charge${NBSP}».`,
  (c) =>
    `Le premier tour de l'élection aura lieu le ${frenchDate(dayAt(c.around + (10 + c.rng.int(60)) * DAY_MS))}.`,
  (c) =>
    `Plus de ${(2 + c.rng.int(40)) * 1000} électeurs ont signé la pétition lancée par ${person(c)}.`
]

const EN: Template[] = [
  (c) =>
    `${pair(c, 'and')} met in ${c.rng.pick(PLACES_EN)} on ${englishDate(nearDay(c))} to discuss ${c.rng.pick(TOPICS_EN)}, ${c.rng.pick(OUTLETS_EN)} reported.`,
  (c) => `"${c.rng.pick(QUOTES_EN)}," ${person(c)} told reporters in ${c.rng.pick(PLACES_EN)}.`,
  (c) =>
    `Election officials said turnout reached ${30 + c.rng.int(50)} percent, the lowest since ${1990 + c.rng.int(25)}.`,
  (c) =>
    `According to a report published on ${englishDate(nearDay(c))}, ${(1 + c.rng.int(90)) * 100} people were affected.`,
  (c) =>
    `${cap(c.rng.pick(ORGS_EN))} confirmed the information on ${englishDate(nearDay(c))} but declined to give a timetable.`,
  (c) => {
    const d = nearDay(c)
    return `Documents seen by ${c.rng.pick(OUTLETS_EN)} show that ${c.rng.pick(ORGS_EN)} had known about the problem since ${MONTHS_EN[d.month - 1]} ${d.year}.`
  },
  () => `The Interior Ministry did not respond to a request for comment.`,
  (c) => `${person(c)} denied any wrongdoing and called the allegations "a political stunt."`,
  (c) =>
    `Prosecutors in ${c.rng.pick(PLACES_EN)} opened an investigation on ${englishDate(nearDay(c))} into suspected ${c.rng.pick(CRIMES_EN)}.`,
  (c) => `Opposition lawmakers are calling for an inquiry into ${c.rng.pick(TOPICS_EN)}.`,
  (c) =>
    `Hundreds of protesters gathered outside the city hall in ${c.rng.pick(PLACES_EN)} on ${englishDate(nearDay(c))}.`,
  (c) =>
    `Reporting by ${c.rng.pick(OUTLETS_EN)} suggests the talks between ${c.rng.pick(ORGS_EN)} and ${c.rng.pick(ORGS_EN)} have stalled.`,
  (c) => `The government plans to introduce a bill on ${c.rng.pick(TOPICS_EN)} before the summer.`,
  (c) => `The elections were held on ${englishDate(nearDay(c))} amid tight security.`,
  (c) => {
    const d = nearDay(c)
    return `Investigators questioned ${person(c)} on ${MONTHS_EN[d.month - 1]} ${d.day}, a spokesperson said.`
  },
  (c) => `The report also describes messages exchanged between ${pair(c, 'and')}.`,
  (c) => `"We have nothing to hide," a spokesman for ${person(c)} said.`,
  () => `The meeting was held behind closed doors, according to people who attended.`,
  (c) => `Spending on ${c.rng.pick(TOPICS_EN)} rose by ${2 + c.rng.int(30)} percent in a year.`,
  (c) => `A spokeswoman for ${c.rng.pick(ORGS_EN)} did not reply to repeated requests for comment.`,
  (c) => `Voters went to the polls on ${englishDate(nearDay(c))} to choose their representatives.`,
  () =>
    `A person familiar with the matter, who spoke on condition of anonymity, described "repeated pressure" on investigators.`,
  (c) =>
    `${c.rng.pick(OUTLETS_EN)} was the first to report the story, which was later reported by other outlets.`,
  (c) =>
    `The reporting team is still reporting from ${c.rng.pick(PLACES_EN)}, where the election was disputed.`,
  (c) =>
    `Reached by phone, ${person(c)} said they had "always followed the law" and would sue for defamation.`,
  (c) =>
    `A court in ${c.rng.pick(PLACES_EN)} is expected to rule on ${englishDate(nearDay(c))}, a judicial source said.`,
  (c) =>
    `Since ${MONTHS_EN[c.rng.int(12)]}, ${c.rng.pick(ORGS_EN)} has held several meetings on ${c.rng.pick(TOPICS_EN)}.`,
  (c) =>
    `The figures, first reported by ${c.rng.pick(OUTLETS_EN)}, were disputed by ${c.rng.pick(ORGS_EN)}.`,
  () => `Defense lawyers described the proceedings as "one-sided."`,
  (c) =>
    `The first round of the election will take place on ${englishDate(dayAt(c.around + (10 + c.rng.int(60)) * DAY_MS))}.`,
  (c) =>
    `More than ${(2 + c.rng.int(40)) * 1000} voters have signed the petition started by ${person(c)}.`
]

const TITLES_FR: Template[] = [
  (c) =>
    `${cap(c.rng.pick(TOPICS_FR))}${NBSP}: ${person(c)} dénonce ${c.rng.pick(['un passage en force', 'un manque de transparence', 'des pressions', 'un scandale'])}`,
  (c) =>
    `À ${c.rng.pick(PLACES_FR)}, ${c.rng.pick(['des milliers de manifestants', 'les élus', 'les syndicats', 'les habitants'])} ${c.rng.pick(['se mobilisent contre', 'réclament des comptes sur', 's’inquiètent de'])} ${c.rng.pick(TOPICS_FR)}`,
  (c) => `${cap(c.rng.pick(ORGS_FR))} visé par une enquête pour ${c.rng.pick(CRIMES_FR)}`,
  (c) =>
    `Élections ${c.rng.pick(ELECTIONS_FR)}${NBSP}: ${30 + c.rng.int(40)}${NBSP}% d'abstention à ${c.rng.pick(PLACES_FR)}`,
  (c) => `Ce que révèle le rapport sur ${c.rng.pick(TOPICS_FR)}`,
  (c) => `Affaire de ${c.rng.pick(CRIMES_FR)}${NBSP}: ${person(c)} devant les juges`
]

const RUBRICS_FR = ['EXCLUSIF. ', 'Enquête. ', 'Vidéo. ', 'Analyse. ', 'Décryptage. ', 'Tribune. ']
const RUBRICS_EN = ['Exclusive: ', 'Analysis: ', 'Explainer: ', 'Opinion: ', 'Live: ']

const TITLES_EN: Template[] = [
  (c) => `${person(c)} denies wrongdoing over ${c.rng.pick(TOPICS_EN)}`,
  (c) => `${c.rng.pick(PLACES_EN)} protesters demand answers on ${c.rng.pick(TOPICS_EN)}`,
  (c) =>
    `Prosecutors open ${c.rng.pick(CRIMES_EN)} inquiry into ${c.rng.pick(ORGS_EN).replace(/^the /, '')}`,
  (c) => `Election turnout falls to ${30 + c.rng.int(40)}% in ${c.rng.pick(PLACES_EN)}`,
  (c) => `What the report on ${c.rng.pick(TOPICS_EN)} reveals`,
  (c) => `${person(c)} questioned in ${c.rng.pick(CRIMES_EN)} case`
]

// ---------------------------------------------------------------------------------------------
// Codebook

const TAG_TREE: ReadonlyArray<readonly [string, number | null, string]> = [
  // [name, parent index, description]
  ['Acteurs', null, 'Qui agit dans les faits rapportés'],
  ['Personnalités politiques', 0, ''],
  ['Entreprises', 0, ''],
  ['Associations et ONG', 0, ''],
  ['Institutions', 0, ''],
  ['Thèmes', null, ''],
  ['Élections', 5, 'Scrutins, campagnes, résultats'],
  ['Présidentielle', 6, ''],
  ['Législatives', 6, ''],
  ['Municipales', 6, ''],
  ['Justice', 5, ''],
  ['Corruption', 10, ''],
  ['Environnement', 5, ''],
  ['Économie', 5, ''],
  ['Santé', 5, ''],
  ['Sécurité', 5, ''],
  ['Migrations', 5, ''],
  ['Sources', null, 'Nature de la source citée'],
  ['Témoignage', 17, ''],
  ['Document officiel', 17, ''],
  ['Fuite', 17, 'Documents ou messages divulgués'],
  ['Source anonyme', 17, ''],
  ['Fiabilité', null, ''],
  ['Confirmé', 22, ''],
  ['Contesté', 22, ''],
  ['À vérifier', 22, ''],
  ['Citation', null, 'Propos rapportés entre guillemets'],
  ['Chiffre', null, 'Un nombre, un montant, un pourcentage'],
  ['Date clé', null, ''],
  ['Contradiction', null, 'Deux sources ne disent pas la même chose']
]
export const SYNTHETIC_TAG_COUNT = TAG_TREE.length
export const SYNTHETIC_EVENT_COUNT = 60

const COLORS = [
  '#d1495b',
  '#edae49',
  '#00798c',
  '#30638e',
  '#003d5b',
  '#6a4c93',
  '#8ac926',
  '#1982c4',
  '#ff924c',
  '#52a675'
]
const CODEBOOK_STAMP = '2024-01-02T09:00:00.000Z'
const RESEARCHER = 'Marie Dupont'

const EVENT_KINDS = [
  'Sommet européen',
  'Manifestation contre la réforme',
  'Publication du rapport',
  'Perquisition au siège du parti',
  'Premier tour des élections',
  'Second tour des élections',
  'Audition devant la commission',
  'Démission du ministre',
  "Ouverture de l'enquête",
  "Signature de l'accord",
  'Conférence de presse',
  'Vote du budget'
] as const

export function syntheticCodebook(seed = SYNTHETIC_DEFAULT_SEED): SyntheticCodebook {
  const tags: Tag[] = TAG_TREE.map(([name, parent, description], k) => ({
    id: syntheticTagId(k, seed),
    createdAt: CODEBOOK_STAMP,
    updatedAt: CODEBOOK_STAMP,
    author: RESEARCHER,
    name,
    parentId: parent === null ? null : syntheticTagId(parent, seed),
    color: COLORS[k % COLORS.length]!,
    description
  }))
  const events: TimelineEvent[] = []
  for (let k = 0; k < SYNTHETIC_EVENT_COUNT; k++) {
    const rng = new Rng(seed, KIND.event, k)
    const day = dayAt(FROM + rng.int((TO - FROM) / DAY_MS) * DAY_MS)
    const monthOnly = rng.chance(0.2)
    const iso = `${day.year}-${String(day.month).padStart(2, '0')}`
    const date: TimelineEvent['date'] = monthOnly
      ? { start: iso, precision: 'month', approximate: rng.chance(0.15) }
      : {
          start: `${iso}-${String(day.day).padStart(2, '0')}`,
          precision: 'day',
          approximate: rng.chance(0.1)
        }
    if (!monthOnly && rng.chance(0.15)) {
      date.time = `${String(8 + rng.int(12)).padStart(2, '0')}:${rng.chance(0.5) ? '00' : '30'}`
      date.timeZone = 'Europe/Paris'
    }
    const place = rng.pick(PLACES_FR)
    const participants: string[] = []
    for (let n = 1 + rng.int(3); participants.length < n;) {
      const who = rng.pick(rng.chance(0.7) ? PEOPLE_FR : PEOPLE_EN)
      if (!participants.includes(who)) participants.push(who)
    }
    const status = rng.next()
    const title = `${rng.pick(EVENT_KINDS)} à ${place}`
    events.push({
      id: syntheticEventId(k, seed),
      createdAt: CODEBOOK_STAMP,
      updatedAt: CODEBOOK_STAMP,
      author: RESEARCHER,
      title,
      date,
      place,
      participants,
      description: rng.chance(0.6)
        ? `${title}, en présence de ${participants.join(', ')}, le ${frenchDate(day)}.`
        : '',
      status: status < 0.6 ? 'confirmed' : status < 0.8 ? 'disputed' : 'unverified'
    })
  }
  return { tags, events }
}

// ---------------------------------------------------------------------------------------------
// Articles

const FORMATS: readonly SourceFormat[] = [
  'html',
  'html',
  'html',
  'html',
  'txt',
  'txt',
  'pdf',
  'pdf',
  'docx',
  'md',
  'paste'
]
const EXTENSION: Record<SourceFormat, string> = {
  html: 'html',
  txt: 'txt',
  pdf: 'pdf',
  docx: 'docx',
  image: 'png',
  md: 'md',
  paste: ''
}
/** Imports are spread over 2024, one article every few minutes. */
const IMPORTED_FROM = Date.UTC(2024, 0, 3, 8)

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48)
}

function published(rng: Rng, ms: number): PublishedDate | null {
  if (rng.chance(0.05)) return null
  const d = dayAt(ms)
  const y = String(d.year)
  const m = `${y}-${String(d.month).padStart(2, '0')}`
  const kind = rng.next()
  const qualifierRoll = rng.next()
  const qualifier = qualifierRoll < 0.8 ? 'stated' : qualifierRoll < 0.95 ? 'inferred' : 'notBefore'
  if (kind < 0.05) return { value: y, precision: 'year', qualifier }
  if (kind < 0.15) return { value: m, precision: 'month', qualifier }
  return { value: `${m}-${String(d.day).padStart(2, '0')}`, precision: 'day', qualifier }
}

interface Built {
  article: Article
  text: ArticleText
  passage?: Passage
  link?: EventLink
}

function buildArticle(seed: number, i: number): Built {
  const rng = new Rng(seed, KIND.article, i)
  const french = rng.chance(0.6)
  const around = FROM + rng.int((TO - FROM) / DAY_MS) * DAY_MS
  const pool = french ? PEOPLE_FR : PEOPLE_EN
  const people: string[] = []
  while (people.length < 3) {
    const who = rng.chance(0.85) ? rng.pick(pool) : rng.pick(french ? PEOPLE_EN : PEOPLE_FR)
    if (!people.includes(who)) people.push(who)
  }
  const outletName = rng.pick(french ? OUTLETS_FR : OUTLETS_EN)
  const context: Context = { rng, around, people, outlet: outletName }
  const made = rng.pick(french ? TITLES_FR : TITLES_EN)(context)
  // Rubrics and datelines, as captured titles have them: few titles are exactly alike.
  const rubric = rng.chance(0.2) ? rng.pick(french ? RUBRICS_FR : RUBRICS_EN) : ''
  const when = dayAt(around)
  const dateline = rng.chance(0.5)
    ? french
      ? `, le ${when.day === 1 ? '1er' : when.day} ${MONTHS_FR[when.month - 1]}`
      : ` on ${MONTHS_EN[when.month - 1]} ${when.day}`
    : ''
  const title = rubric + (french ? contract(made) : made) + dateline
  const author = rng.chance(0.75) ? rng.pick(pool) : ''
  const outlet = rng.chance(0.85) ? outletName : ''

  // Paragraphs of sentences; the first is the title as captured, then an optional byline.
  const templates = french ? FR : EN
  const paragraphs: string[][] = [[title]]
  if (author) paragraphs.push([french ? `Par ${author}` : `By ${author}`])
  const bodyFrom = paragraphs.length
  const target = 2400 + rng.int(1200)
  let length = title.length
  let last = -1
  while (length < target) {
    const sentences: string[] = []
    for (let n = 2 + rng.int(3); sentences.length < n;) {
      // Not the same template twice in a row (a newspaper does not repeat itself at once).
      let t = rng.int(templates.length)
      if (t === last) t = (t + 1) % templates.length
      last = t
      const made = templates[t]!(context)
      const sentence = french ? contract(made) : made
      sentences.push(sentence)
      length += sentence.length + 1
    }
    paragraphs.push(sentences)
    length += 1
  }
  // The rare word, in a sentence of its own somewhere in the body.
  const rare = syntheticRareWord(i)
  const rareParagraph = paragraphs[bodyFrom + rng.int(paragraphs.length - bodyFrom)]!
  rareParagraph.splice(
    rng.int(rareParagraph.length + 1),
    0,
    french
      ? `Dans les archives, le dossier porte le nom de code ${rare}.`
      : `In the archives, the file bears the code name ${rare}.`
  )
  const curly = french && rng.chance(0.5)
  const joined = paragraphs.map((p) => p.join(' '))
  const parts = curly ? joined.map((p) => p.replace(/'/g, '’')) : joined
  const text = parts.join('\n\n')
  const spans: { start: number; end: number }[] = []
  let at = 0
  for (const p of parts) {
    spans.push({ start: at, end: at + p.length })
    at += p.length + 2
  }

  const format = rng.pick(FORMATS)
  const pub = published(rng, around)
  const importedMs = IMPORTED_FROM + i * 180_000 + rng.int(120_000)
  const importedAt = new Date(importedMs).toISOString()
  const updatedAt = rng.chance(0.2)
    ? new Date(importedMs + (1 + rng.int(30)) * DAY_MS).toISOString()
    : importedAt
  const id = syntheticArticleId(i, seed)
  const sha256 = syntheticSha256(seed, i)
  const base = `${slug(outletName)}-${pub?.value ?? 'sans-date'}-${slug(title)}`
  const article: Article = {
    id,
    createdAt: importedAt,
    updatedAt,
    title,
    outlet,
    author,
    published: pub,
    language: french ? 'fr' : 'en',
    sourceName: format === 'paste' ? '' : `${base}.${EXTENSION[format]}`,
    sourceFormat: format,
    importedAt,
    sha256,
    textLength: text.length,
    paragraphCount: spans.length
  }
  const built: Built = { article, text: { articleId: id, text, paragraphs: spans } }

  if (i % SYNTHETIC_PASSAGE_EVERY === 0) {
    // One sentence of a body paragraph (not the rare word's one).
    const p = bodyFrom + rng.int(spans.length - bodyFrom)
    const span = spans[p]!
    const sentences = paragraphs[p]!
    let k = rng.int(sentences.length)
    if (sentences[k]!.includes(rare)) k = (k + 1) % sentences.length
    if (sentences[k]!.includes(rare)) k = (k + 1) % sentences.length
    let start = span.start
    for (let s = 0; s < k; s++) start += sentences[s]!.length + 1
    const end = start + sentences[k]!.length
    const passageId = syntheticId(seed, 'passage', i)
    const created = new Date(importedMs + (1 + rng.int(48)) * 3_600_000).toISOString()
    const tagIds: string[] = []
    for (let n = 1 + rng.int(3); tagIds.length < n;) {
      const tag = syntheticTagId(rng.int(SYNTHETIC_TAG_COUNT), seed)
      if (!tagIds.includes(tag)) tagIds.push(tag)
    }
    built.passage = {
      id: passageId,
      createdAt: created,
      updatedAt: created,
      author: RESEARCHER,
      articleId: id,
      tagIds,
      note: rng.chance(0.3)
        ? rng.pick([
            'À recouper avec une autre source.',
            'Chiffre repris sans citer la source.',
            'Contradiction avec la version officielle.',
            'Check the date against the court records.',
            'Quoted again by several outlets.'
          ])
        : '',
      ...describeSpan(text, start, end),
      anchor: { status: 'exact', start, end, score: 1, textSha256: sha256 }
    }
    const role = rng.next()
    built.link = {
      id: syntheticId(seed, 'link', i),
      createdAt: created,
      updatedAt: created,
      author: RESEARCHER,
      eventId: syntheticEventId(rng.int(SYNTHETIC_EVENT_COUNT), seed),
      passageId,
      role: (role < 0.6 ? 'reports' : role < 0.85 ? 'mentions' : 'contradicts') as LinkRole,
      note: ''
    }
  }
  return built
}

/** The articles with index in [from, to); article i is the same whichever chunk makes it. */
export function syntheticArticles(
  from: number,
  to: number,
  seed = SYNTHETIC_DEFAULT_SEED
): SyntheticChunk {
  const chunk: SyntheticChunk = { articles: [], texts: [], passages: [], links: [] }
  for (let i = Math.max(0, from); i < to; i++) {
    const built = buildArticle(seed, i)
    chunk.articles.push(built.article)
    chunk.texts.push(built.text)
    if (built.passage) chunk.passages.push(built.passage)
    if (built.link) chunk.links.push(built.link)
  }
  return chunk
}
