// HTML pages as saved from a browser: the article comes out as paragraphs with its metadata, and
// nothing active (scripts, frames, event handlers, javascript: links) ever reaches the output.
import { describe, expect, it } from 'vitest'
import { importSource } from './import'
import { createTestImportEnvironment } from '../../../test/import/test-env'

const env = createTestImportEnvironment()
const NOW = new Date('2025-01-01T00:00:00Z')
const html = (page: string) =>
  importSource({ name: 'page.html', bytes: new TextEncoder().encode(page) }, env, { now: NOW })

const PARAGRAPHS = [
  "Le magazine américain The Atlantic a révélé lundi que le compte WikiLeaks avait échangé des messages privés avec Donald Trump Jr. pendant toute la campagne présidentielle de 2016, puis après l'élection.",
  "Dans ces messages, l'organisation proposait notamment de faire fuiter les déclarations d'impôts du candidat républicain, afin de paraître plus impartiale aux yeux du public et des médias.",
  "Le fils aîné du président a publié lui-même la correspondance sur Twitter, en soulignant qu'il n'avait répondu qu'à trois reprises aux nombreuses sollicitations du site."
]

const PAGE = `<!doctype html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Trump Jr et WikiLeaks : les messages révélés - Le Quotidien</title>
  <meta property="og:site_name" content="Le Quotidien">
  <meta property="og:title" content="Trump Jr et WikiLeaks : les messages révélés">
  <meta property="article:published_time" content="2017-11-14T10:32:00+01:00">
  <meta name="author" content="Camille Martin">
  <script>document.title = 'HEAD SCRIPT TEXT'</script>
</head>
<body onload="alert('onload')">
  <nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
  <iframe src="https://ads.example/frame.html">IFRAME TEXT</iframe>
  <article>
    <h1>Trump Jr et WikiLeaks : les messages révélés</h1>
    <p>${PARAGRAPHS[0]}</p>
    <img src="x.png" onerror="alert('onerror')" alt="">
    <p>${PARAGRAPHS[1]} <a href="javascript:alert('lien')">En savoir plus</a></p>
    <script>var leaked = 'ARTICLE SCRIPT TEXT'</script>
    <p onclick="alert('click')">${PARAGRAPHS[2]}</p>
  </article>
</body>
</html>`

describe('importSource: HTML', () => {
  it('keeps the article paragraphs as paragraphs', async () => {
    const article = await html(PAGE)
    const paragraphs = article.paragraphs.map(({ start, end }) => article.text.slice(start, end))
    for (const paragraph of PARAGRAPHS) expect(paragraphs.join('\n')).toContain(paragraph)
    expect(paragraphs.some((p) => p.startsWith(PARAGRAPHS[2] ?? '-'))).toBe(true)
    expect(article.sourceFormat).toBe('html')
  })

  it('lets no script, frame, event handler or javascript: link through', async () => {
    const output = JSON.stringify(await html(PAGE))
    for (const active of [
      'SCRIPT TEXT',
      'IFRAME TEXT',
      'onerror',
      'onclick',
      'onload',
      'javascript:',
      'alert('
    ]) {
      expect(output).not.toContain(active)
    }
  })

  it('reads title, site name, author, publication time and language from the page', async () => {
    expect((await html(PAGE)).meta).toEqual({
      title: 'Trump Jr et WikiLeaks : les messages révélés',
      outlet: 'Le Quotidien',
      author: 'Camille Martin',
      published: { value: '2017-11-14', precision: 'day', qualifier: 'stated' },
      language: 'fr'
    })
  })

  it('honours a declared legacy charset when the bytes are not UTF-8', async () => {
    // "Noël à Paris" in ISO-8859-15 (the euro-era Latin-9), declared by the page.
    const head = new TextEncoder().encode(
      '<html><head><meta charset="iso-8859-15"></head><body><p>'
    )
    const body = Uint8Array.from('No\u00ebl \u00e0 Paris, 5 \u20ac', (c) =>
      c === '\u20ac' ? 0xa4 : c.charCodeAt(0)
    )
    const tail = new TextEncoder().encode('</p></body></html>')
    const bytes = new Uint8Array([...head, ...body, ...tail])
    const article = await importSource({ name: 'vieux.htm', bytes }, env, { now: NOW })
    expect(article.text).toBe('Noël à Paris, 5 €')
  })

  it('falls back to the text itself when the page carries no metadata', async () => {
    const bare = `<p>Publié le 14 novembre 2017</p><h2>Un accord trouvé à Bruxelles</h2>
      <p>Les Vingt-Sept se sont entendus dans la nuit sur le budget européen, après dix heures de négociations.</p>`
    const article = await html(bare)
    expect(article.meta.published).toEqual({
      value: '2017-11-14',
      precision: 'day',
      qualifier: 'stated'
    })
    expect(article.meta.outlet).toBe('')
    expect(article.meta.language).toBe('fr')
    expect(article.text).toContain('Les Vingt-Sept se sont entendus')
  })

  it('takes no "about:blank" or file-path <title>: the title comes from the page’s text', async () => {
    for (const placeholder of ['about:blank', 'C:\\Users\\helene\\Desktop\\article.html']) {
      const article =
        await html(`<!doctype html><html lang="fr"><head><title>${placeholder}</title></head>
        <body><article><h1>Des échanges secrets entre Trump Jr et WikiLeaks</h1>
        <p>${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p></article></body></html>`)
      expect(article.meta.title).toBe('Des échanges secrets entre Trump Jr et WikiLeaks')
    }
  })
})
