// TEST ONLY — an ImportEnvironment for Node: jsdom stands in for DOMParser, DOMPurify is bound to a
// jsdom window, pdf.js runs its legacy build in-process. App code must never import this file.
import createDOMPurify, { type WindowLike } from 'dompurify'
import { JSDOM } from 'jsdom'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { ImportEnvironment, PdfDocumentLike } from '../../src/core/import/types'

export function createTestImportEnvironment(): ImportEnvironment {
  const purify = createDOMPurify(new JSDOM('').window as unknown as WindowLike)
  return {
    // jsdom runs no scripts and loads no resources unless asked to: an inert parse, like DOMParser.
    parseHtml: (html) => new JSDOM(html).window.document,
    sanitize: (html) => purify.sanitize(html),
    getPdfDocument: (data) => {
      // Text extraction needs no glyphs: errors only, no "standardFontDataUrl" warnings.
      const task = getDocument({ data, useSystemFonts: false, verbosity: 0 })
      return {
        promise: task.promise.then((pdf): PdfDocumentLike => pdf),
        destroy: () => task.destroy()
      }
    }
  }
}
