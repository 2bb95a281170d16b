// Metadata from messy captures: the five sample articles as shipped (stamps, photo credits,
// datelines, bullets, credits), then the generic rules on small invented captures.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalizeText } from '../text/normalize'
import { deriveAuthor, deriveMetadata, deriveOutlet, deriveTitle } from './metadata'
import { derivePublished } from './published'

const NOW = new Date('2025-01-01T00:00:00Z')

function sample(prefix: string): string {
  const dir = new URL('../../../resources/sample/', import.meta.url)
  const files: Record<string, string> = {
    '000': '000_9e7ae4bb60a9ea70.txt',
    '001': '001_b67a786b4f8380ec.txt',
    '002': '002_ff4b92c648309d76.txt',
    '003': '003_94c777c597bd5d81.txt',
    '004': '004_b4b2c6069bb6b6f2.txt'
  }
  return normalizeText(readFileSync(new URL(files[prefix] ?? '', dir), 'utf8'))
}

const meta = (prefix: string) => deriveMetadata(sample(prefix), { now: NOW })

describe('deriveMetadata on the sample articles', () => {
  it('000: headline on the first line; latest mentioned date as lower bound', () => {
    expect(meta('000')).toEqual({
      title: 'WikiLeaks : les échanges très embarrassants de Donald Trump Jr',
      outlet: '',
      author: '',
      published: { value: '2016-10-21', precision: 'day', qualifier: 'notBefore' },
      language: 'fr'
    })
  })

  it('001: no headline, so the lead sentence cut at a word boundary', () => {
    expect(meta('001')).toEqual({
      title:
        'Le fils aîné de Donald Trump a entretenu pendant et après la campagne présidentielle des liens…',
      outlet: '',
      author: '',
      // "le 21 octobre", "le 16 décembre" carry no year: only "2016" is an absolute date.
      published: { value: '2016', precision: 'year', qualifier: 'notBefore' },
      language: 'fr'
    })
  })

  it('002: the headline after the "Publié" stamp; the wire credit as author', () => {
    expect(meta('002')).toEqual({
      title: 'Des échanges secrets entre Trump Jr et Wikileaks durant la campagne',
      outlet: '',
      author: 'AFP',
      published: { value: '2017-07', precision: 'month', qualifier: 'notBefore' },
      language: 'fr'
    })
  })

  it('003: past the photo credit and bullets; "a révélé ce 13 novembre 2017" as now', () => {
    const result = meta('003')
    expect(result.title).toBe(
      'WikiLeaks, le site anti-confidentialité qui est désormais scruté de près à cause sa prise de position…'
    )
    expect(result.title).not.toContain('Getty')
    expect(result).toMatchObject({
      outlet: 'Business Insider France',
      author: 'Sonam Sheth',
      published: { value: '2017-11-13', precision: 'day', qualifier: 'inferred' },
      language: 'fr'
    })
  })

  it('004: the dateline " date 2017-11" is the stated date, not the title', () => {
    expect(meta('004')).toEqual({
      title:
        "C'est une révélation qui égratigne un peu plus l'image de WikiLeaks et Julian Assange",
      outlet: '',
      author: '',
      published: { value: '2017-11', precision: 'month', qualifier: 'stated' },
      language: 'fr'
    })
  })

  it('keeps captions and credits in the text: metadata only looks past them', () => {
    expect(sample('002')).toContain('[Reuters - Jonathan Ernst]')
    expect(sample('003').startsWith('Donald Trump Jr. John Sommers II/Getty Images')).toBe(true)
  })
})

describe('deriveTitle', () => {
  it('skips stamps, reading times, kickers and captions before the headline', () => {
    const text = [
      'International',
      'Mis à jour le 14 novembre 2017 à 10h32',
      'Lecture 3 min',
      'Le président à Paris. - AFP',
      'Photo : Jean Dupont',
      'Un accord trouvé à Bruxelles après dix heures de négociations',
      'Les Vingt-Sept se sont entendus dans la nuit.'
    ].join('\n\n')
    expect(deriveTitle(text)).toBe('Un accord trouvé à Bruxelles après dix heures de négociations')
  })

  it('strips an agency dateline before taking the lead sentence', () => {
    expect(
      deriveTitle('PARIS (AFP) - Le gouvernement a annoncé mardi un plan. Il coûtera cher.')
    ).toBe('Le gouvernement a annoncé mardi un plan')
  })

  it('does not take a first line that runs on without a blank line as a headline', () => {
    expect(
      deriveTitle('Le ministre a parlé\nlongtemps devant les députés. Puis il est parti.')
    ).toBe('Le ministre a parlé longtemps devant les députés')
  })

  it('returns an empty title for a text made only of furniture', () => {
    expect(deriveTitle('Publié\n\nafp/ta')).toBe('')
  })
})

describe('derivePublished', () => {
  it('reads a publication stamp as stated, preferring it to an update stamp', () => {
    const text = 'Mis à jour le 15 novembre 2017\n\nPublié le 14 novembre 2017 à 10h32\n\nTexte.'
    expect(derivePublished(text, NOW)).toEqual({
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'stated'
    })
  })

  it('reads English stamps and dates', () => {
    expect(derivePublished('Updated Nov. 14, 2017\n\nText of the story.', NOW)).toEqual({
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'stated'
    })
  })

  it('infers the year of "lundi 13 novembre" from its weekday and the years mentioned', () => {
    const text = "L'élection de 2016 est loin. Le journal a publié lundi 13 novembre ces échanges."
    expect(derivePublished(text, NOW)).toEqual({
      value: '2017-11-13',
      precision: 'day',
      qualifier: 'inferred'
    })
  })

  it('ignores dates after "now" (plans and forecasts) for the lower bound', () => {
    const text = 'Le 3 mars 2019, le plan a été voté. Il doit aboutir en 2040.'
    expect(derivePublished(text, NOW)).toEqual({
      value: '2019-03-03',
      precision: 'day',
      qualifier: 'notBefore'
    })
  })

  it('is null when no date is mentioned', () => {
    expect(derivePublished('Rien de daté ici.', NOW)).toBeNull()
  })
})

describe('deriveOutlet and deriveAuthor', () => {
  it('takes the outlet from a copyright line, never from a photo agency', () => {
    expect(deriveOutlet('Texte.\n\n© AFP\n\n© Le Monde. Tous droits réservés.')).toBe('Le Monde')
  })

  it('does not read a mid-sentence "like X on Twitter" as an outlet plug', () => {
    expect(deriveOutlet('Supporters like Donald Trump on Twitter were quick to react.')).toBe('')
  })

  it('leaves the outlet empty when nothing names it', () => {
    expect(deriveOutlet('Selon The Atlantic, les messages ont été publiés.')).toBe('')
  })

  it('reads French and English bylines', () => {
    expect(deriveAuthor('Titre\n\nPar Jean-Marc Dupont, à Bruxelles\n\nTexte.')).toBe(
      'Jean-Marc Dupont'
    )
    expect(deriveAuthor('Title\n\nBy Jane Smith and John Doe\n\nText.')).toBe(
      'Jane Smith and John Doe'
    )
  })

  it('does not take "Par ailleurs" for a byline', () => {
    expect(deriveAuthor('Par ailleurs, le ministre a démissionné.')).toBe('')
  })

  it('reads several wire services from a credit line', () => {
    expect(deriveAuthor('Texte.\n\nats/afp/ta')).toBe('ATS, AFP')
  })
})

describe('language', () => {
  it('is "und" for a text too short to tell', () => {
    expect(deriveMetadata('Bonjour', { now: NOW }).language).toBe('und')
  })

  it('recognizes English', () => {
    const text =
      'The messages show that the organization repeatedly asked for help during the campaign.'
    expect(deriveMetadata(text, { now: NOW }).language).toBe('en')
  })
})

describe('stated dates on their own line', () => {
  it('reads a date alone near the top as stated, but not one in a chronology', () => {
    const dated = 'Un titre\n\n14/11/2017 à 10:32\n\nLe texte commence ici.'
    expect(derivePublished(dated, NOW)).toEqual({
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'stated'
    })
    const chronology = [
      'Titre',
      'Intro.',
      'Suite.',
      'Encore.',
      '20 septembre 2016',
      'Fin.',
      'Vraiment.',
      'Fin.'
    ]
    expect(derivePublished(chronology.join('\n\n'), NOW)?.qualifier).toBe('notBefore')
  })
})
