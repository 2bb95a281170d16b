import { describe, expect, it } from 'vitest'
import { termsOf } from './analyze'
import { makeSnippet } from './snippet'

const text =
  "Début de l'article. " +
  'Rien ici. '.repeat(30) +
  'Les élections de 2016 ont vu WikiLeaks écrire à Donald Trump Jr, et les élections suivantes aussi. ' +
  'Fin. '.repeat(30)

describe('snippets', () => {
  it('shows the densest cluster of matches, marked, cut at word boundaries', () => {
    const snippet = makeSnippet(text, {
      terms: termsOf('élection', 'fr'),
      language: 'fr',
      width: 120
    })
    const marked = snippet.parts.filter((p) => p.match).map((p) => p.text)
    expect(marked).toEqual(['élections', 'élections'])
    const shown = snippet.parts.map((p) => p.text).join('')
    expect(shown.startsWith('…')).toBe(true)
    expect(shown.endsWith('…')).toBe(true)
    expect(shown).toContain('WikiLeaks')
    expect(text.slice(snippet.at!, snippet.at! + 9)).toBe('élections')
  })

  it('prefers the window that shows every word of the query', () => {
    const many = 'WikiLeaks ici, WikiLeaks là, WikiLeaks encore. '.repeat(3)
    const both = `${many}Rien. `.repeat(4) + "L'ambassadeur a parlé à WikiLeaks hier. " + many
    const terms = [...termsOf('wikileaks', 'fr'), ...termsOf('ambassadeur', 'fr')]
    const snippet = makeSnippet(both, { terms, language: 'fr', width: 100 })
    const marked = snippet.parts.filter((p) => p.match).map((p) => p.text)
    expect(marked).toContain('ambassadeur')
    expect(marked).toContain('WikiLeaks')
  })

  it('marks a phrase word for word', () => {
    const snippet = makeSnippet(text, { terms: [], phrases: ['donald trump'], width: 100 })
    expect(snippet.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Donald Trump'])
  })

  it('marks a phrase being typed, its last word as a prefix', () => {
    const snippet = makeSnippet(text, { terms: [], phrases: ['donald tru*'], width: 100 })
    expect(snippet.parts.filter((p) => p.match).map((p) => p.text)).toEqual(['Donald Trump'])
  })

  it('starts at the beginning when nothing matched', () => {
    const snippet = makeSnippet(text, { terms: ['zzz'], width: 30 })
    expect(snippet.at).toBeNull()
    expect(snippet.parts).toEqual([{ text: "Début de l'article. Rien ici…", match: false }])
  })
})
