// Scans: the vocabulary shared by the recognition pipeline, the archive and the reader. A scanned
// article is an ordinary article (its text is the recognised text) plus one ScanPage per page: the
// page image as stored, and each recognised word's box and confidence, tied to the text by offsets.
import type { Span } from '../archive/article'

/** A box in the stored page image's pixels, origin top left. */
export interface Box {
  x: number
  y: number
  w: number
  h: number
}

/** One recognised word: where it is in the article's text, where it is on its page. */
export interface ScanWord extends Span, Box {
  /** Tesseract's confidence, 0–100. */
  c: number
}

/** The image formats Liasse reads as scans (a PDF's pages are rendered, then read as images). */
export type ImageFormat = 'png' | 'jpeg' | 'tiff' | 'webp'

/**
 * A stored page: the facsimile and the words on it. Its id is `<articleId>:<page>`, a plain
 * string key like every archive record's, so that the change log, backups and the trash carry it.
 */
export interface ScanPage {
  id: string
  articleId: string
  /** 0-based place of the page in the article. */
  page: number
  /** The stored image's size in pixels (after any downscaling to the size limit). */
  width: number
  height: number
  /** `image/jpeg`, `image/png` or `image/webp`. */
  mime: string
  /** The compressed page image, in base64 (records stay JSON, as backups and the trash write them). */
  image: string
  /** Words in reading order, boxes in this image's pixels. Empty on a page with a text layer. */
  words: ScanWord[]
  /** `ocr`: recognised; `text`: the page had a text layer, kept as it was (mixed PDFs). */
  source: 'ocr' | 'text'
  /** Where the page's text begins in the article's text (follows edits, as the words do). */
  start?: number
}

/** What an article says of its scan (on the article record, so lists need no page read). */
export interface ScanSummary {
  pages: number
  /** Pages whose text was recognised (the others had a text layer). */
  recognisedPages: number
  /** Tesseract languages used, `fra`, `eng` or `fra+eng`. */
  language: string
  /** Mean word confidence, 0–100, over the recognised pages. */
  confidence: number
}

/** Words under this confidence are marked in the reader as possibly misread. */
export const LOW_CONFIDENCE = 60

/** A recognised word as the engine gives it: its text, its box in page pixels, its confidence. */
export interface OcrWord {
  text: string
  bbox: { x0: number; y0: number; x1: number; y1: number }
  confidence: number
}

/** One page as the engine reads it: blocks of paragraphs of lines of words, in reading order. */
export interface OcrPage {
  width: number
  height: number
  blocks: Array<{ paragraphs: Array<{ lines: OcrLine[] }> }>
}

/** A line as the engine reads it: its words, and where it can tell them, its type size and baseline. */
export interface OcrLine {
  words: OcrWord[]
  /** Tesseract's row height (x-height plus ascenders and descenders): steady whatever the letters. */
  size?: number
  /** The baseline's height at the line's left end, in page pixels. */
  baseline?: number
}

/** A page raster: 8-bit grey, one byte per pixel, row by row. */
export interface GrayImage {
  width: number
  height: number
  data: Uint8Array
}

/** Tesseract language sets Liasse ships. */
export type OcrLanguage = 'fra' | 'eng' | 'fra+eng'

/** The recognition engine, provided by the host: a worker pool in the app, tesseract.js in Node. */
export interface OcrEngine {
  /** Reads one page (grey raster). Rejects with an AbortError when `signal` aborts. */
  recognize(image: GrayImage, language: OcrLanguage, signal?: AbortSignal): Promise<OcrPage>
}

/** User settings that bound a scan import (Settings › Scans). */
export interface ScanLimits {
  /** A PDF or TIFF with more pages is refused before any page is read. */
  maxPages: number
  /** The longest side of a stored page image, in pixels; larger pages are scaled down to it. */
  maxStoredSide: number
  /** `auto`: French, English or both, found from the first page. */
  language: 'auto' | OcrLanguage
}

export function scanPageId(articleId: string, page: number): string {
  return `${articleId}:${page}`
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = {
  maxPages: 500,
  maxStoredSide: 2000,
  language: 'auto'
}
