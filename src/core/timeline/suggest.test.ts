// Date mentions and event suggestions: partial and relative dates settled from context and the
// publication date, furniture left out, and the dated episodes the five sample articles narrate.
import { describe, expect, it } from 'vitest'
import type { Article, PublishedDate } from '../archive/article'
import { normalizeText } from '../text/normalize'
import { insideQuotation, quotationSpans } from '../text/quotations'
import { detectRepeats } from './corroboration'
import { findDateMentions, suggestEvents } from './suggest'
import { article, sampleArticles } from '../../../test/timeline/test-fixture'

const stated = (value: string): PublishedDate => ({
  value,
  precision: value.length === 10 ? 'day' : value.length === 7 ? 'month' : 'year',
  qualifier: 'stated'
})

/** The mentions of a text, as `written → ISO date`. */
function read(raw: string, overrides: Partial<Article> = {}): Array<[string, string]> {
  const text = normalizeText(raw)
  return findDateMentions(article('a', overrides), text).map((m) => [
    text.slice(m.start, m.end),
    (m.date.approximate ? '~' : '') +
      m.date.start +
      (m.date.end ? `/${m.date.end}` : '') +
      (m.date.time ? `T${m.date.time}` : '')
  ])
}

describe('findDateMentions: absolute dates', () => {
  it('reads French and English dates with their span and sentence', () => {
    const text = normalizeText(
      'Premier échange. Le 20 septembre 2016, WikiLeaks écrit. On November 8, 2016, he lost.'
    )
    const [fr, en] = findDateMentions(article('a'), text)
    expect(fr).toMatchObject({ articleId: 'a', basis: 'absolute', confidence: 0.95 })
    expect(fr?.date).toEqual({ start: '2016-09-20', precision: 'day', approximate: false })
    expect(text.slice(fr?.start, fr?.end)).toBe('20 septembre 2016')
    expect(text.slice(fr?.sentence.start, fr?.sentence.end)).toBe(
      'Le 20 septembre 2016, WikiLeaks écrit.'
    )
    expect(en?.date.start).toBe('2016-11-08')
    expect(text.slice(en?.sentence.start, en?.sentence.end)).toBe('On November 8, 2016, he lost.')
  })

  it('reads months, month ranges, day ranges, times and "around"', () => {
    expect(
      read(
        'Une rencontre en juin 2016. Des échanges entre septembre 2016 et juillet 2017. ' +
          'Du 3 au 5 octobre 2016, rien. Le 8 novembre 2016 à 18h35, un message. ' +
          'Vers le 12 octobre 2016, un autre.'
      )
    ).toEqual([
      ['juin 2016', '2016-06'],
      ['septembre 2016 et juillet 2017', '2016-09/2017-07'],
      ['3 au 5 octobre 2016', '2016-10-03/2016-10-05'],
      ['8 novembre 2016 à 18h35', '2016-11-08T18:35'],
      ['12 octobre 2016', '~2016-10-12']
    ])
  })

  it('leaves out bare years, weekdays alone, words relative to now, ages and fractions', () => {
    expect(
      read(
        'Durant la campagne de 2016, il était âgé de 39 ans. Mercredi, rien. La mobilité de ' +
          "demain, aujourd'hui et hier. How ironic! 1/3 pic.twitter.com/x"
      )
    ).toEqual([])
  })

  it('leaves out publication stamps, datelines and photo captions', () => {
    const text = [
      'Publié le 14 novembre 2017 à 10h32',
      'Un titre',
      'Le président photographié en janvier 2017. - [Reuters - Jonathan Ernst]',
      'PARIS, 14 nov 2017 (AFP) - Le 3 octobre 2016, un message.',
      '14 novembre 2017'
    ].join('\n\n')
    expect(read(text)).toEqual([['3 octobre 2016', '2016-10-03']])
    expect(read('date 2017-11 Le 3 octobre 2016, un message.')).toEqual([
      ['3 octobre 2016', '2016-10-03']
    ])
  })
})

describe('findDateMentions: partial dates', () => {
  it('takes "lundi 13 novembre" in an article published in 2017-11 as 2017-11-13', () => {
    const text = 'Le magazine a révélé, lundi 13 novembre, ces échanges.'
    const [mention] = findDateMentions(article('a', { published: stated('2017-11') }), text)
    expect(mention).toMatchObject({ basis: 'partial', date: { start: '2017-11-13' } })
    expect(text.slice(mention?.start, mention?.end)).toBe('lundi 13 novembre')
    expect(mention?.confidence).toBeGreaterThanOrEqual(0.85)
  })

  it('lets the weekday overrule a nearby year that does not fit it', () => {
    // 13 November 2016 was a Sunday: the Monday is the one of 2017.
    expect(
      read('La campagne de 2016 est loin. Le journal a publié lundi 13 novembre ces échanges.', {
        published: stated('2017-11-15')
      })
    ).toEqual([['lundi 13 novembre', '2017-11-13']])
  })

  it('takes the year of the paragraph before: "le 21 octobre" after 2016 is 2016-10-21', () => {
    const text =
      'WikiLeaks avait pris parti durant la campagne présidentielle de 2016.\n\n' +
      'Plus tard, le 21 octobre, WikiLeaks exige des documents.'
    const [mention] = findDateMentions(article('a'), normalizeText(text))
    expect(mention).toMatchObject({ basis: 'partial', date: { start: '2016-10-21' } })
    expect(mention?.confidence).toBe(0.75)
  })

  it('prefers the same day written in full earlier to a nearer, unrelated year', () => {
    expect(
      read('11 juillet 2017: un message.\n\nLe Magnitsky Act de 2012.\n\nLe 11 juillet, encore.')
    ).toEqual([
      ['11 juillet 2017', '2017-07-11'],
      ['11 juillet', '2017-07-11']
    ])
  })

  it('keeps the date at or before the publication date', () => {
    expect(
      read("En 2017, l'enquête continue. Le 16 décembre, il avait écrit.", {
        published: stated('2017-11-14')
      })
    ).toEqual([['16 décembre', '2016-12-16']])
  })

  it('falls back on the publication year, and gives up without any year', () => {
    expect(read('Le 3 octobre, un message.', { published: stated('2016-11-14') })).toEqual([
      ['3 octobre', '2016-10-03']
    ])
    expect(read('Le 3 octobre, un message.')).toEqual([])
  })
})

describe('findDateMentions: months written without a year', () => {
  it('reads a month after a preposition or "début", "fin", "mi-" with the year from context', () => {
    expect(
      read(
        "En 2016, rien. En avril, il écrit. Début mars, puis fin juin, à la mi-mai, au mois d'août, " +
          "au début d'octobre. Il l'a dit en mai 2016. Enfin mars."
      )
    ).toEqual([
      ['avril', '2016-04'],
      ['Début mars', '2016-03'],
      ['fin juin', '2016-06'],
      ['à la mi-mai', '2016-05'],
      ['août', '2016-08'],
      ["au début d'octobre", '2016-10'],
      ['mai 2016', '2016-05']
    ])
  })

  it('reads English months after "in", "by", "early", "late", "mid-", never "may" or "march"', () => {
    expect(
      read(
        'In 2016, nothing. In April, he wrote. By late June, early March, in mid-May. You may ' +
          'march in May 2016. At the end of July.',
        { language: 'en' }
      )
    ).toEqual([
      ['April', '2016-04'],
      ['late June', '2016-06'],
      ['early March', '2016-03'],
      ['mid-May', '2016-05'],
      ['May 2016', '2016-05'],
      ['July', '2016-07']
    ])
  })

  it('leaves a bare month word alone, and keeps the month before the publication date', () => {
    expect(
      read('Le mai est un arbre. Mars est une planète.', { published: stated('2017-11-14') })
    ).toEqual([])
    const [mention] = findDateMentions(
      article('a', { published: stated('2017-11-14') }),
      "En décembre, l'enquête avance."
    )
    expect(mention).toMatchObject({
      basis: 'partial',
      date: { start: '2016-12', precision: 'month' }
    })
  })
})

describe('findDateMentions: relative dates', () => {
  it('counts "la veille" and "le lendemain" from the day written before', () => {
    expect(
      read(
        'Le 3 octobre 2016, il demande des détails.\n\nIl faisait référence au tweet de Roger ' +
          'Stone, la veille. Le lendemain, WikiLeaks publie.'
      )
    ).toEqual([
      ['3 octobre 2016', '2016-10-03'],
      ['la veille', '2016-10-02'],
      ['Le lendemain', '2016-10-04']
    ])
  })

  it('counts "la veille du 3 octobre" from the date it governs', () => {
    expect(read('Le 12 octobre 2016, rien. La veille du 3 octobre 2016, un tweet.')).toEqual([
      ['12 octobre 2016', '2016-10-12'],
      ['La veille', '2016-10-02'],
      ['3 octobre 2016', '2016-10-03']
    ])
  })

  it('drops a relative date that leans on an undated event, or on nothing', () => {
    expect(read('Le 3 octobre 2016, un message. La veille de ces révélations, rien.')).toEqual([
      ['3 octobre 2016', '2016-10-03']
    ])
    expect(read('La veille, il avait tweeté.')).toEqual([])
  })

  it('reads English relative dates in an English article', () => {
    expect(
      read(
        'On November 8, 2016, WikiLeaks wrote. The next day, it wrote "Wow". The day before the ' +
          'election, nothing.',
        { language: 'en' }
      )
    ).toEqual([
      ['November 8, 2016', '2016-11-08'],
      ['next day', '2016-11-09']
    ])
  })
})

describe('suggestEvents', () => {
  const items = [
    {
      article: article('a', { outlet: 'Le Monde', published: stated('2017-11-14') }),
      text: 'Le 21 octobre 2016, WikiLeaks demande à Trump Jr. ses déclarations d’impôts. Le 20 décembre 2017, une audition.'
    },
    {
      article: article('b', { outlet: 'le monde' }),
      text: 'Le 21 octobre 2016, WikiLeaks écrit à Trump Jr.'
    },
    { article: article('c'), text: 'Le 21 octobre 2016, un message. En octobre 2016, des fuites.' },
    { article: article('d'), text: 'Le 21 octobre 2016, encore. En octobre 2016, toujours.' }
  ]

  it('clusters by day, months apart; counts outlets, or articles when the outlet is unknown', () => {
    const suggestions = suggestEvents(items)
    expect(suggestions.map((s) => [s.key, s.sourceCount, s.articleCount])).toEqual([
      ['2016-10-21', 3, 4],
      ['2016-10', 2, 2]
    ])
    expect(suggestions[0]?.mentions.map((m) => m.articleId)).toEqual(['a', 'b', 'c', 'd'])
    expect(suggestions[0]?.label).toBe('WikiLeaks demande à Trump Jr. ses déclarations d’impôts')
    expect(suggestions[0]?.date).toEqual({
      start: '2016-10-21',
      precision: 'day',
      approximate: false
    })
  })

  it('drops a list bullet, the date and the final period from the proposed title', () => {
    const text = normalizeText(
      'Les faits.\n\n• Le groupe a rencontré l’avocate en juin 2016 à New York, dans la tour.\n' +
        '– Le site a écrit au fils du candidat le 3 octobre 2016 pour lui parler.'
    )
    const labels = suggestEvents([
      { article: article('a', { published: stated('2017-11-13') }), text }
    ]).map((s) => [s.key, s.label])
    expect(labels).toEqual([
      ['2016-06', 'Le groupe a rencontré l’avocate à New York, dans la tour'],
      ['2016-10-03', 'Le site a écrit au fils du candidat pour lui parler']
    ])
  })

  it('leaves out dates after a stated publication date, but not after a "not before" one', () => {
    expect(suggestEvents(items).some((s) => s.key === '2017-12-20')).toBe(false)
    const notBefore: PublishedDate = {
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'notBefore'
    }
    const item = items[0]
    if (!item) throw new Error('no item')
    const loose = { ...item, article: { ...item.article, published: notBefore } }
    expect(suggestEvents([loose]).some((s) => s.key === '2017-12-20')).toBe(true)
  })

  it('leaves out dismissed keys', () => {
    const keys = suggestEvents(items, { dismissed: new Set(['2016-10-21']) }).map((s) => s.key)
    expect(keys).toEqual(['2016-10'])
  })

  it('counts a wire copy once, under the source it repeats', () => {
    const body =
      'Le 21 octobre 2016, WikiLeaks a écrit au fils du candidat pour lui proposer de publier ' +
      'les déclarations d’impôts de son père, afin de paraître impartial, selon les messages ' +
      'révélés par le magazine The Atlantic et publiés ensuite par le fils lui-même sur Twitter.'
    const copies = [
      { article: article('x', { outlet: 'Le Temps' }), text: body },
      {
        article: article('y', { outlet: 'La Presse' }),
        text: body.replace('au fils', 'au fils aîné')
      }
    ]
    const repeats = detectRepeats(copies)
    expect(suggestEvents(copies)[0]?.sourceCount).toBe(2)
    expect(suggestEvents(copies, { repeats })[0]?.sourceCount).toBe(1)
  })
})

describe('findDateMentions: two dates make a range only when the text says so', () => {
  it('reads "entre… et…", "de… à…", "du… au…", "between… and…", "from… to…" as ranges', () => {
    expect(
      read(
        'Des échanges entre septembre 2016 et juillet 2017. De mars 2016 à mai 2016, rien. ' +
          'Du 3 au 5 octobre 2016, la fuite.'
      ).map(([, date]) => date)
    ).toEqual(['2016-09/2017-07', '2016-03/2016-05', '2016-10-03/2016-10-05'])
    expect(
      read('Messages between September 2016 and July 2017. From March 2016 to May 2016, nothing.', {
        language: 'en'
      }).map(([, date]) => date)
    ).toEqual(['2016-09/2017-07', '2016-03/2016-05'])
  })

  it('keeps two dates of one sentence apart without range words', () => {
    expect(
      read('WikiLeaks écrit en septembre 2016 et Trump Jr. répond en juillet 2017.').map(
        ([, date]) => date
      )
    ).toEqual(['2016-09', '2017-07'])
    expect(
      read(
        'Il a écrit en septembre 2016 et juillet 2017, puis le 3 octobre 2016 et le 5 octobre 2016.'
      ).map(([, date]) => date)
    ).toEqual(['2016-09', '2017-07', '2016-10-03', '2016-10-05'])
    expect(
      read('WikiLeaks wrote on October 3, 2016 and Trump Jr. answered on October 5, 2016.', {
        language: 'en'
      }).map(([, date]) => date)
    ).toEqual(['2016-10-03', '2016-10-05'])
  })
})

describe('suggestEvents: passages and titles in English', () => {
  const text = normalizeText(
    [
      'WikiLeaks and Trump Jr. exchanged messages between September 2016 and July 2017, The ' +
        'Atlantic reported on November 13, 2017.',
      'In April, as investigators looked into a meeting in June 2016 between Trump Jr. and a ' +
        'Russian lawyer, WikiLeaks asked him for the emails about it.',
      'October 3, 2016: WikiLeaks writes to Trump Jr. that it would be "great if you guys could ' +
        'comment on/push this story."',
      'The story had been published by a conservative site. Trump Jr. answered that he had ' +
        'already done so earlier that day.',
      'October 12, 2016: "Hey Donald, great to see you and your dad talking about our publications."',
      'The message came after Trump said at a rally on October 10 that he loved WikiLeaks.'
    ].join('\n\n')
  )
  const suggestions = suggestEvents([
    { article: article('en', { language: 'en', published: stated('2017-11-14') }), text }
  ])
  const byKey = new Map(suggestions.map((s) => [s.key, s]))
  const passage = (key: string): string => {
    const m = byKey.get(key)?.mentions[0]
    return text.slice(m?.sentence.start ?? 0, m?.sentence.end ?? 0)
  }

  it('titles each episode with who did what', () => {
    expect(Object.fromEntries(suggestions.map((s) => [s.key, s.label]))).toEqual({
      '2016-09/2017-07': 'WikiLeaks and Trump Jr. exchanged messages',
      '2017-11-13': 'The Atlantic reported',
      '2016-10-03': 'WikiLeaks writes to Trump Jr.',
      // The dated line is a greeting: the next paragraph tells what happened.
      '2016-10-12': 'The message came',
      '2016-10-10': 'Trump said at a rally that he loved WikiLeaks',
      '2017-04': 'WikiLeaks asked him for the emails about it',
      '2016-06': 'Meeting between Trump Jr. and a Russian lawyer'
    })
  })

  it('takes a chronology entry with the paragraph after it, and a secondary date its clause', () => {
    expect(passage('2016-10-03')).toMatch(/^October 3, 2016: .*\n\nThe story had been .*day\.$/su)
    expect(passage('2016-10-10')).toBe(
      'after Trump said at a rally on October 10 that he loved WikiLeaks'
    )
    expect(byKey.get('2016-10-10')?.mentions[0]?.main).toBe(false)
    expect(byKey.get('2017-04')?.mentions[0]?.main).toBe(true)
    expect(byKey.get('2016-06')?.mentions[0]?.main).toBe(false)
    expect(passage('2016-06')).toBe(
      'as investigators looked into a meeting in June 2016 between Trump Jr. and a Russian lawyer'
    )
  })
})

describe('suggestEvents on the five sample articles', () => {
  const samples = sampleArticles()
  const suggestions = suggestEvents(samples)
  const byKey = new Map(suggestions.map((s) => [s.key, s]))
  const textOf = (id: string): string => samples.find((s) => s.article.id === id)?.text ?? ''

  it('finds the dated episodes the articles narrate, with the sources that tell each', () => {
    // Outlets are unknown except 003 (Business Insider France): each article is its own source.
    expect(
      Object.fromEntries(
        suggestions.map((s) => [s.key, [...new Set(s.mentions.map((m) => m.articleId))].join(' ')])
      )
    ).toEqual({
      // The tax returns proposal: "le 21 octobre 2016" (000), "le 21 octobre" after the 2016
      // campaign (001), the chronology (003).
      '2016-10-21': '000 001 003',
      // Trump Jr asks about the coming leak (002, 003).
      '2016-10-03': '002 003',
      // The ambassador suggestion: "le 16 décembre" (001), "16 décembre 2016" (003).
      '2016-12-16': '001 003',
      // The Atlantic's revelation: "ce 13 novembre 2017" (003), "lundi 13 novembre" (004).
      '2017-11-13': '003 004',
      // The Trump Tower meeting "en juin 2016" (002, 003).
      '2016-06': '002 003',
      // The whole correspondence, "entre septembre 2016 et juillet 2017" (002, 003).
      '2016-09/2017-07': '002 003',
      // Told by 003's chronology alone.
      '2016-09-20': '003',
      '2016-10-02': '003', // Roger Stone's tweet, "la veille" of 3 October
      '2016-10-10': '003', // the rally, "le 10 octobre" after "12 octobre 2016"
      '2016-10-12': '003',
      '2016-10-14': '003',
      '2016-11-08': '003',
      '2016-11-09': '003',
      '2017-07-11': '003',
      // Trump Jr's tweet publishing the messages, embedded in 004.
      '2017-11-14': '004',
      // Months written without a year: WikiLeaks asks for the meeting emails "en avril" (002,
      // after "juillet 2017"); "argumente ainsi WikiLeaks en octobre" (004), read in the year of
      // the article's other dates, 2017, as its text has it (the message was of October 2016).
      '2017-04': '002',
      '2017-10': '004'
    })
    expect(suggestions.map((s) => [s.key, s.sourceCount]).slice(0, 6)).toEqual([
      ['2016-10-21', 3],
      ['2016-06', 2],
      ['2016-09/2017-07', 2],
      ['2016-10-03', 2],
      ['2016-12-16', 2],
      ['2017-11-13', 2]
    ])
    expect(suggestions.slice(6).every((s) => s.sourceCount === 1)).toBe(true)
  })

  it('reads each partial or relative date with its basis', () => {
    const basis = (key: string, id: string): string | undefined =>
      byKey.get(key)?.mentions.find((m) => m.articleId === id)?.basis
    expect(basis('2016-10-21', '001')).toBe('partial')
    expect(basis('2016-12-16', '001')).toBe('partial')
    expect(basis('2017-11-13', '004')).toBe('partial')
    expect(basis('2016-10-02', '003')).toBe('relative')
    expect(basis('2016-10-21', '000')).toBe('absolute')
  })

  it('proposes a short title saying who did what, from the clause the date governs', () => {
    const titles = Object.fromEntries(suggestions.map((s) => [s.key, s.label]))
    expect(titles).toEqual({
      '2016-10-21': "WikiLeaks écrit à Trump Jr. et demande les déclarations d'impôts de Trump",
      // The meeting itself: the noun phrase "une rencontre en juin 2016 de Trump Jr avec une
      // avocate russe", not the sentence about April's request that holds it.
      '2016-06': 'Rencontre de Trump Jr avec une avocate russe',
      // The apposition ("le site anti-confidentialité…") and the attribution dropped.
      '2016-09/2017-07': 'WikiLeaks était en contact avec Donald Trump Jr.',
      // The quotation is dropped whole with the "que" introducing it, never cut.
      '2016-10-03': 'WikiLeaks écrit à Trump Jr.',
      // 003's dated line is a greeting: the next paragraph tells what happened.
      '2016-12-16': 'WikiLeaks a dit à Trump Jr. que ce serait "vraiment facile et utile"',
      '2017-11-13': "Le magazine The Atlantic a révélé que l'ONG a entretenu une correspondance…",
      '2016-09-20': 'WikiLeaks contacte Trump Jr. via un message direct sur Twitter',
      // "la veille" dates the tweet it follows, not "Il faisait référence…".
      '2016-10-02': 'Tweet du stratège et conseiller informel de Trump de longue date, Roger Stone',
      // A date in "après que Trump ait dit…" titles with that clause, as a plain statement.
      '2016-10-10': "Trump a dit lors d'un rally qu'il aimait WikiLeaks",
      '2016-10-12': 'WikiLeaks écrit à Trump Jr.',
      '2016-10-14': 'Trump Jr. a tweeté le lien envoyé par WikiLeaks',
      '2016-11-08': 'WikiLeaks écrit à Trump Jr. lui disant que si Trump perd, ce serait…',
      '2016-11-09': 'WikiLeaks a écrit à Trump Jr., pour lui dire, "Wow."',
      '2017-04': 'Wikileaks lui demande des courriels à propos de cette rencontre',
      '2017-07-11':
        'WikiLeaks a recontacté Trump Jr., près de sept mois après leur dernier échange',
      // '"…", argumente ainsi WikiLeaks en octobre': the date is the attribution's.
      '2017-10': 'WikiLeaks argumente',
      // The embedded tweet, from its first sentence, without its signature.
      '2017-11-14': 'Here is the entire chain of messages with @wikileaks'
    })
    for (const title of Object.values(titles)) {
      expect(title.length, title).toBeLessThanOrEqual(80)
      // Capitalised, no list bullet, no final period but after an abbreviation or in a quotation.
      expect(title).toMatch(/^[\p{Lu}\p{N}"«“']/u)
      expect(title).not.toMatch(/(?<!Jr|["'])\.$/u)
    }
  })

  it('never titles a suggestion with a raw sentence longer than 80 characters', () => {
    for (const s of suggestions) {
      for (const m of s.mentions) {
        const text = textOf(m.articleId)
        const sentence = text.slice(m.sentence.start, m.sentence.end).replace(/\s+/gu, ' ')
        if (sentence.length > 80) expect(s.label).not.toBe(sentence)
      }
    }
  })

  it('gives each date of a sentence the clause it governs', () => {
    // 002: "En avril, alors que les enquêteurs … s'intéressent à une rencontre en juin 2016 de
    // Trump Jr avec une avocate russe, Wikileaks lui demande des courriels…".
    const april = byKey.get('2017-04')?.mentions.find((m) => m.articleId === '002')
    const june = byKey.get('2016-06')?.mentions.find((m) => m.articleId === '002')
    if (!april || !june) throw new Error('no April or June mention in 002')
    const text = textOf('002')
    expect(april).toMatchObject({ main: true, basis: 'partial' })
    expect(text.slice(april.sentence.start, april.sentence.end)).toMatch(
      /^En avril, alors que .* Wikileaks lui demande des courriels à propos de cette rencontre\.$/u
    )
    expect(june.main).toBe(false)
    expect(text.slice(june.sentence.start, june.sentence.end)).toMatch(
      /^alors que les enquêteurs .* avec une avocate russe$/u
    )
    expect(text.slice(june.clause.start, june.clause.end)).toBe(
      'une rencontre en juin 2016 de Trump Jr avec une avocate russe'
    )
    // 003: "…était en contact avec Donald Trump Jr. entre septembre 2016 et juillet 2017, a
    // révélé ce 13 novembre 2017 le magazine américian The Atlantic.": the range is the main
    // clause's, the 13 November the attribution's.
    const range = byKey.get('2016-09/2017-07')?.mentions.find((m) => m.articleId === '003')
    const revealed = byKey.get('2017-11-13')?.mentions.find((m) => m.articleId === '003')
    expect(range?.main).toBe(true)
    expect(revealed?.main).toBe(false)
    const clause = textOf('003').slice(revealed?.clause.start ?? 0, revealed?.clause.end ?? 0)
    expect(clause.replace(/\s+/gu, ' ')).toBe(
      'a révélé ce 13 novembre 2017 le magazine américian The Atlantic'
    )
  })

  it('never starts or ends a passage inside a quotation', () => {
    for (const s of suggestions) {
      for (const m of s.mentions) {
        const text = textOf(m.articleId)
        const paragraphs = quotationSpans(text)
        for (const offset of [m.sentence.start, m.sentence.end, m.clause.start, m.clause.end]) {
          expect(insideQuotation(paragraphs, offset), `${s.key} ${m.articleId} ${offset}`).toBe(
            false
          )
        }
        expect(m.clause.start).toBeGreaterThanOrEqual(m.sentence.start)
        expect(m.clause.end).toBeLessThanOrEqual(m.sentence.end)
      }
    }
  })

  it('takes a chronology entry with the paragraph that tells what happened that day', () => {
    const entry = byKey.get('2016-12-16')?.mentions.find((m) => m.articleId === '003')
    if (!entry) throw new Error('no 16 December entry in 003')
    const passage = textOf('003').slice(entry.sentence.start, entry.sentence.end)
    expect(passage).toMatch(
      /^16 décembre 2016:\s+"Salut Don\. On espère que vous allez bien!"\s+WikiLeaks a dit/u
    )
    expect(passage.replace(/\s+/gu, ' ')).toContain(
      'WikiLeaks a dit à Trump Jr. que ce serait "vraiment facile et utile" si Trump demandait ' +
        "à l'Australie de faire de Julian Assange son ambassadeur aux États-Unis."
    )
    // Up to the next dated line at most.
    expect(passage).not.toContain('11 juillet 2017')
    // A bulleted summary line is a passage of its own, not the whole list.
    const bullet = byKey.get('2016-06')?.mentions.find((m) => m.articleId === '003')
    const line = textOf('003').slice(bullet?.sentence.start ?? 0, bullet?.sentence.end ?? 0)
    expect(line).toMatch(/^Le groupe avait demandé .* en juin 2016\.$/u)
  })

  it("does not title the June 2016 meeting with 002's sentence about April's request", () => {
    expect(byKey.get('2016-06')?.label).not.toMatch(/avril|courriels/u)
    expect(byKey.get('2016-06')?.mentions.every((m) => !m.main)).toBe(true)
  })

  it('leaves out the dateline, the photo caption and the bare years', () => {
    for (const key of ['2017-11', '2017-01', '2016', '2012', '2017']) {
      expect(byKey.has(key), key).toBe(false)
    }
  })
})
