// How a dossier is printed to PDF: by Electron's printToPDF in the app, by Playwright's page.pdf
// in the end-to-end tests and the bench, with the same settings, so that what is measured is
// what the app does.

/**
 * Backgrounds print (marks, tag chips, the single-source warning); the PDF is tagged, so that a
 * screen reader reads it in order with its headings, lists and tables; and its outline (the
 * viewer's bookmarks) follows the headings.
 */
export const DOSSIER_PDF = { printBackground: true, tagged: true, outline: true } as const
