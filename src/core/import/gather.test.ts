import { describe, expect, it } from 'vitest'
import { gatherImages, imageCount } from './gather'

const file = (name: string) => ({ name, bytes: new TextEncoder().encode(name) })

describe('gathering images as the pages of one article', () => {
  it('orders the pages by their names as numbered, and keeps the other files', () => {
    const sources = [file('p10.jpg'), file('notes.txt'), file('p2.jpg'), file('P1.png')]
    expect(imageCount(sources)).toBe(3)
    const [gathered, ...others] = gatherImages(sources)
    expect(gathered!.name).toBe('P1.png')
    expect(gathered!.morePages!.map((page) => page.name)).toEqual(['p2.jpg', 'p10.jpg'])
    expect(others.map((source) => source.name)).toEqual(['notes.txt'])
  })

  it('leaves a single image alone', () => {
    const sources = [file('a.txt'), file('scan.tif')]
    expect(gatherImages(sources)).toEqual(sources)
  })
})
