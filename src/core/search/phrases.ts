// Where the words of each document stand, so that a phrase is checked without reading any text:
// every folded word (not stemmed: a phrase is compared as written) is numbered once, and each
// document keeps the sequence of its words' numbers, written as a one-byte string (LEB128: 7 bits
// a character, the high bit set on every character but a number's last). Common words come first
// in any archive, so most numbers take one or two characters, about a byte and a half a word.
// A phrase is then the string of its numbers, found with String.indexOf (native, fast), and an
// occurrence counts only where it starts a number (the character before it ends one). The search
// starts at the phrase's least used word ("dossier" in "le dossier porte"), fewer false starts
// than "le", and the words before it are compared in place.
import { foldedWords } from './analyze'
import { isPrefixPhrase } from './query'

/** What WordSequences.save gives: plain data a structured clone keeps. */
export interface WordSequencesSnapshot {
  /** Every word numbered, by number. */
  words: string[]
  /** How often each word was met, by number. */
  uses: number[]
  /** The encoded sequence of each document number; null where there is none. */
  sequences: (string | null)[]
}

/** A phrase ready to be looked for in any document. */
export interface CompiledPhrase {
  /**
   * The numbers of its whole words from the least used one on, encoded; null when one of them is
   * in no document.
   */
  pattern: string | null
  /** The numbers of the words before that one, encoded. */
  before: string
  /** Its last word, when it is being typed (a prefix of the word found there). */
  prefix?: string
}

const CHUNK = 4096

function encode(ids: ArrayLike<number>): string {
  const codes: number[] = []
  for (let i = 0; i < ids.length; i++) {
    let id = ids[i]!
    while (id >= 0x80) {
      codes.push(0x80 | (id & 0x7f))
      id >>>= 7
    }
    codes.push(id)
  }
  let text = ''
  for (let i = 0; i < codes.length; i += CHUNK)
    text += String.fromCharCode(...codes.slice(i, i + CHUNK))
  return text
}

export class WordSequences {
  private readonly ids = new Map<string, number>()
  private readonly words: string[] = []
  /** How often each word was met (never decreased: it only chooses where a search starts). */
  private uses: number[] = []
  private sequences: (string | undefined)[] = []

  /** Records the folded words of document `n`, in order. */
  set(n: number, words: readonly string[]): void {
    const numbers = new Array<number>(words.length)
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!
      let id = this.ids.get(word)
      if (id === undefined) {
        id = this.words.length
        this.words.push(word)
        this.uses.push(0)
        this.ids.set(word, id)
      }
      this.uses[id]!++
      numbers[i] = id
    }
    this.sequences[n] = encode(numbers)
  }

  delete(n: number): void {
    delete this.sequences[n]
  }

  has(n: number): boolean {
    return this.sequences[n] !== undefined
  }

  save(): WordSequencesSnapshot {
    const sequences: (string | null)[] = []
    for (let n = 0; n < this.sequences.length; n++) sequences.push(this.sequences[n] ?? null)
    return { words: [...this.words], uses: [...this.uses], sequences }
  }

  static restore(snapshot: WordSequencesSnapshot): WordSequences {
    const { words, uses, sequences } = snapshot
    if (!Array.isArray(words) || !Array.isArray(uses) || !Array.isArray(sequences))
      throw new Error('not a word sequences snapshot')
    const restored = new WordSequences()
    words.forEach((word, id) => {
      restored.words.push(word)
      restored.ids.set(word, id)
    })
    restored.uses = [...uses]
    restored.sequences = sequences.map((sequence) => sequence ?? undefined)
    return restored
  }

  /** A phrase as typed (see query.ts: one ending in * has its last word as a prefix). */
  compile(phrase: string): CompiledPhrase {
    const words = foldedWords(phrase)
    const prefix = isPrefixPhrase(phrase) ? words.pop() : undefined
    const ids: number[] = []
    for (const word of words) {
      const id = this.ids.get(word)
      if (id === undefined) return { pattern: null, before: '', prefix }
      ids.push(id)
    }
    let anchor = 0
    for (let i = 1; i < ids.length; i++)
      if (this.uses[ids[i]!]! < this.uses[ids[anchor]!]!) anchor = i
    return { pattern: encode(ids.slice(anchor)), before: encode(ids.slice(0, anchor)), prefix }
  }

  /** True when document `n` holds the phrase (its words next to each other, in order). */
  contains(n: number, phrase: CompiledPhrase): boolean {
    const { pattern, before, prefix } = phrase
    const sequence = this.sequences[n]
    if (pattern === null || sequence === undefined) return false
    for (let from = 0; ;) {
      const at = pattern ? sequence.indexOf(pattern, from) : from
      if (at < 0 || at >= sequence.length + (pattern ? 1 : 0)) return false
      // An occurrence inside another number (its last characters) is none; the words before
      // the least used one must be there, from the start of a number.
      const start = at - before.length
      if (
        start >= 0 &&
        (start === 0 || sequence.charCodeAt(start - 1) < 0x80) &&
        (!before || (sequence.charCodeAt(at - 1) < 0x80 && sequence.startsWith(before, start)))
      ) {
        if (prefix === undefined) return true
        let next = at + pattern.length
        let id = 0
        let shift = 0
        for (; next < sequence.length; next++, shift += 7) {
          const code = sequence.charCodeAt(next)
          id |= (code & 0x7f) << shift
          if (code < 0x80) break
        }
        if (next < sequence.length && this.words[id]!.startsWith(prefix)) return true
        if (!pattern) {
          // A prefix alone: every word is tried in turn.
          from = next + 1
          continue
        }
      }
      from = at + 1
    }
  }
}
