// The furniture of a captured page (stamps, photo and wire credits, datelines, bullets, labels)
// recognised line by line, so that metadata can look past it; the stored text keeps every line.

/** Photo and news agencies whose names close credits and captions. */
const AGENCY_NAMES = [
  'AFP',
  'Reuters',
  'AP',
  'AP Photo',
  'Associated Press',
  'Getty Images',
  'Getty',
  'EPA',
  'EPA-EFE',
  'Sipa',
  'Sipa Press',
  'Abaca',
  'Shutterstock',
  'iStock',
  'Bloomberg',
  'Maxppp',
  'Hans Lucas',
  'Keystone',
  'Belga',
  'ANP',
  'DPA',
  'Xinhua',
  'Anadolu',
  'Alamy',
  'ATS',
  'ANSA',
  'EFE',
  'Zuma',
  'NurPhoto',
  'Imago',
  'Leemage',
  'Gamma',
  'Wikimedia Commons',
  'Unsplash',
  'Flickr'
]
const AGENCY = `(?:${AGENCY_NAMES.sort((a, b) => b.length - a.length).join('|')})`

/** Wire services that sign dispatches ("afp/ta", "ATS/AFP"), with the name they go by. */
export const WIRE_SERVICES: Record<string, string> = {
  afp: 'AFP',
  reuters: 'Reuters',
  ap: 'AP',
  ats: 'ATS',
  belga: 'Belga',
  dpa: 'DPA',
  ansa: 'ANSA',
  anp: 'ANP',
  efe: 'EFE',
  xinhua: 'Xinhua',
  keystone: 'Keystone',
  apa: 'APA'
}
const WIRE = `(?:${Object.keys(WIRE_SERVICES).join('|')})`

const STAMP = new RegExp(
  '^(?:publié|publiée|mis à jour|mise à jour|modifié|modifiée|actualisé|actualisée|published|' +
    'updated|posted|last updated|first published)(?![\\p{L}])',
  'iu'
)
const READING_TIME =
  /^(?:temps de )?lecture\s*:?\s*\d+\s*min|^\d+\s*min(?:utes?)?\s+(?:read|de lecture)/iu
const CAPTION_PATTERNS = [
  /©|\(c\)\s|(?<![\p{L}])copyright(?![\p{L}])/iu,
  new RegExp(`\\/\\s*${AGENCY}\\s*$`, 'iu'),
  new RegExp(`[-–—|]\\s*(?:photo\\s*:?\\s*)?${AGENCY}(?:\\s*\\/\\s*[\\p{L} .'’-]+)?\\s*$`, 'iu'),
  new RegExp(
    "^(?:photos?|crédits? photos?|crédits?|credits?|illustration|image|capture d['’]écran|" +
      'screenshot)\\s*[:©/-]',
    'iu'
  ),
  /\((?:photo|crédit|credit)[^)]*\)\s*$/iu
]
const BRACKETED_END = /\[([^\]]{2,80})\]\s*$/u
const BULLET = /^[•·▪◦●■►▸‣⁃*–—-]\s+/u
const WIRE_CREDIT = new RegExp(`^\\(?(?:avec\\s+)?${WIRE}(?:\\s*\\/\\s*\\p{L}{1,8})*\\)?$`, 'iu')
const UI_LABEL = new RegExp(
  '^(?:>>\\s*)?(?:partager|share|tweet|imprimer|print|commenter|comments?|écouter|listen|' +
    "s['’]abonner|subscribe|newsletter|lire aussi|à lire aussi|voir aussi|read also|see also|" +
    'read more|lire plus tard|réservé aux abonnés|abonnés|en direct|live)(?![\\p{L}])',
  'iu'
)
const DATE_PREFIX = /^date\s+\d{4}(?:-\d{2}){0,2}(?![\p{N}])\s*/iu
/** "PARIS (AFP) - ", "WASHINGTON, 14 nov (Reuters) — ": a city in capitals, the wire, a dash. */
const AGENCY_DATELINE = new RegExp(
  `^\\p{Lu}[\\p{Lu}\\s'’.-]{1,40}(?:,\\s*[^()]{1,40})?\\s*` +
    `\\((?:${Object.values(WIRE_SERVICES).join('|')})\\)\\s*[-–—]\\s*`,
  'u'
)

/** A "Publié" / "Mis à jour le …" / "Updated" stamp, or a reading-time label. */
export function isStamp(line: string): boolean {
  return line.length <= 80 && (STAMP.test(line) || READING_TIME.test(line))
}

/** A photo caption or credit: "… [Reuters - Jonathan Ernst]", "John Sommers II/Getty Images". */
export function isCaption(line: string): boolean {
  if (CAPTION_PATTERNS.some((pattern) => pattern.test(line))) return true
  const bracketed = BRACKETED_END.exec(line)?.[1]
  if (bracketed === undefined) return false
  return (
    new RegExp(AGENCY, 'iu').test(bracketed) || /\s[-–—/]\s|photo|crédit|credit/iu.test(bracketed)
  )
}

/** "Getty Images", "AFP": a photo or news agency's name alone. */
export function isAgency(name: string): boolean {
  return new RegExp(`^${AGENCY}$`, 'iu').test(name.trim())
}

export function isBullet(line: string): boolean {
  return BULLET.test(line)
}

/** A wire credit line such as "afp/ta" or "(avec AFP)". */
export function isWireCredit(line: string): boolean {
  return WIRE_CREDIT.test(line.trim())
}

/** The wire services named by a credit line: "ats/afp/ta" → ["ATS", "AFP"]. */
export function wireServicesOf(line: string): string[] {
  if (!isWireCredit(line)) return []
  const words = line.toLowerCase().match(/\p{L}+/gu) ?? []
  return words.flatMap((word) => WIRE_SERVICES[word] ?? [])
}

/** Section labels, kickers and page controls: one word ("Société"), or "Partager", "Lire aussi". */
export function isLabel(line: string): boolean {
  return (!/\s/u.test(line) && line.length < 30) || (line.length < 60 && UI_LABEL.test(line))
}

/** Removes a leading dateline (" date 2017-11 ", "PARIS (AFP) - "), keeping what follows. */
export function stripDateline(line: string): string {
  return line.trim().replace(DATE_PREFIX, '').replace(AGENCY_DATELINE, '').trim()
}

/** Lines that never hold a headline or a lead. */
export function isFurniture(line: string): boolean {
  return isStamp(line) || isCaption(line) || isBullet(line) || isWireCredit(line) || isLabel(line)
}
