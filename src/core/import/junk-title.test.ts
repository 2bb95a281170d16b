// Placeholder titles that tools write when nobody named a document, against real titles that
// merely contain a placeholder word: only a whole-title placeholder is junk.
import { describe, expect, it } from 'vitest'
import { isJunkTitle } from './junk-title'

describe('isJunkTitle', () => {
  it.each([
    ['a blank browser tab printed to PDF', 'about:blank'],
    ['an untitled document', 'Untitled'],
    ['a numbered untitled document', 'Untitled-1'],
    ['Google Docs in English', 'Untitled document'],
    ['Google Docs in French', 'Document sans titre'],
    ['Pages and LibreOffice in French', 'Sans titre'],
    ['a numbered "Sans titre"', 'Sans titre 2'],
    ['Word’s first new document', 'Document1'],
    ['Word’s numbered document with a space', 'Document 3'],
    ['a Spanish placeholder', 'Sin título'],
    ['a German placeholder', 'Ohne Titel'],
    ['a quoted placeholder', '“Untitled”'],
    ['Office’s PDF printer with a Word file', 'Microsoft Word - rapport final.docx'],
    ['Office’s PDF printer without an extension', 'Microsoft Word - Rapport annuel'],
    ['Office’s PDF printer with PowerPoint', 'Microsoft PowerPoint - Présentation.pptx'],
    ['Office’s PDF printer with Excel', 'Microsoft Excel - budget 2017.xlsx'],
    ['a Windows path', 'C:\\Users\\helene\\Documents\\article.docx'],
    ['a Windows path with forward slashes', 'C:/Users/helene/Desktop/note'],
    ['a network path', '\\\\serveur\\archives\\2017\\trump'],
    ['a Unix path', '/home/helene/Téléchargements/article'],
    ['a home-relative path', '~/Documents/rapport'],
    ['a file URL', 'file:///C:/Users/helene/rapport final.pdf'],
    ['an https URL', 'https://www.lemonde.fr/international/article/2017/11/14/trump.html'],
    ['an http URL', 'http://example.com'],
    ['a URL without its scheme', 'www.lemonde.fr/international/article'],
    ['a host and path', 'lemonde.fr/international/article/2017/11/14'],
    ['a file name with spaces', 'rapport final.pdf'],
    ['a scanner’s file name', 'scan_0001.tif'],
    ['a photograph’s file name', 'IMG_2034.JPG'],
    ['a scanner’s name without extension', 'scan0001'],
    ['a camera’s name without extension', 'DSC01234'],
    ['a file name made of underscores', 'rapport_final_v2'],
    ['an OpenDocument file name', 'compte-rendu.odt'],
    ['a web page file name', 'article.html'],
    ['a scan with its date', 'Scan 2023-04-01 10.32.05'],
    ['empty', ''],
    ['white space only', '  \t \n '],
    ['digits only', '20171114'],
    ['punctuation only', '— … —'],
    ['digits and punctuation', '1/2 - 14.11.2017'],
    ['one letter', 'X']
  ])('%s is junk: %s', (_case, title) => {
    expect(isJunkTitle(title)).toBe(true)
  })

  it.each([
    'Le Monde — WikiLeaks et Donald Trump Jr',
    'Untitled Film Stills de Cindy Sherman',
    'Sans titre, l’exposition qui divise Beaubourg',
    'Document 1 : le rapport Mueller',
    'Le format .pdf et l’archivage',
    'Microsoft Word a 40 ans',
    'Les échanges de Trump Jr',
    'Des échanges secrets entre Trump Jr et WikiLeaks',
    'COVID-19',
    'Mai 1968',
    'Mai 68 : cinquante ans après',
    'Q&A',
    '1984 de George Orwell'
  ])('keeps the real title %s', (title) => {
    expect(isJunkTitle(title)).toBe(false)
  })

  it('treats a title that repeats the imported file’s own name as junk', () => {
    expect(isJunkTitle('Trump WikiLeaks.scan', 'trump wikileaks.scan')).toBe(true)
    expect(isJunkTitle('Trump et WikiLeaks', 'article.pdf')).toBe(false)
  })

  it('treats a missing title as junk', () => {
    expect(isJunkTitle(undefined)).toBe(true)
    expect(isJunkTitle(null)).toBe(true)
  })
})
