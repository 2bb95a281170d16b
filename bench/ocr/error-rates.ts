// Character and word error rates of a recognised text against its ground truth: the Levenshtein
// distance (insertions, deletions, substitutions) over the reference's length, on texts whose
// white space is folded (a paragraph break, a line end and a space are the same separator, so
// that layout choices do not count as misreadings) and in NFC.
import { editDistance } from '../../src/core/anchoring/distance'

export function normalizeForRates(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim()
}

/** Character error rate: edit distance in characters / reference length (UTF-16 units). */
export function cer(reference: string, hypothesis: string): number {
  const ref = normalizeForRates(reference)
  const hyp = normalizeForRates(hypothesis)
  return editDistance(ref, hyp) / Math.max(1, ref.length)
}

/**
 * Word error rate: edit distance in words / reference words. Each distinct word becomes one
 * UTF-16 unit (below the surrogates), so that the same banded distance counts words.
 */
export function wer(reference: string, hypothesis: string): number {
  const codes = new Map<string, string>()
  const encode = (text: string): string =>
    normalizeForRates(text)
      .split(' ')
      .filter((word) => word !== '')
      .map((word) => {
        let code = codes.get(word)
        if (code === undefined) {
          code = String.fromCharCode(0x100 + codes.size)
          codes.set(word, code)
        }
        return code
      })
      .join('')
  const ref = encode(reference)
  const hyp = encode(hypothesis)
  return editDistance(ref, hyp) / Math.max(1, ref.length)
}

/** Totals over several pages: errors summed over reference lengths summed (not a mean of rates). */
export class RateTally {
  private chars = 0
  private charErrors = 0
  private words = 0
  private wordErrors = 0

  add(reference: string, hypothesis: string): { cer: number; wer: number } {
    const refChars = normalizeForRates(reference).length
    const refWords = normalizeForRates(reference).split(' ').length
    const c = cer(reference, hypothesis)
    const w = wer(reference, hypothesis)
    this.chars += refChars
    this.charErrors += c * refChars
    this.words += refWords
    this.wordErrors += w * refWords
    return { cer: c, wer: w }
  }

  get cer(): number {
    return this.charErrors / Math.max(1, this.chars)
  }

  get wer(): number {
    return this.wordErrors / Math.max(1, this.words)
  }
}
