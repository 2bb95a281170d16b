// Every message exists in both languages, with the same placeholders, so that no screen falls
// back to the other language or shows a raw key.
import { describe, expect, it } from 'vitest'
import en from './en.json'
import fr from './fr.json'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}

const placeholders = (message: string): string[] =>
  [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

describe('i18n messages', () => {
  const english = flatten(en as Tree)
  const french = flatten(fr as Tree)

  it('has the same keys in French and English', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort())
  })

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...english].filter(
      ([key, message]) =>
        placeholders(message).join() !== placeholders(french.get(key) ?? '').join()
    )
    expect(mismatched).toEqual([])
  })
})
