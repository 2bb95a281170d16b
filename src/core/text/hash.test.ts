// The hash is the duplicate key: it must be the standard SHA-256 of the UTF-8 text, so that it is
// stable across machines and versions.
import { describe, expect, it } from 'vitest'
import { sha256Hex } from './hash'

describe('sha256Hex', () => {
  it('matches the published SHA-256 test vector', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
  })

  it('hashes the UTF-8 bytes, so accents change the hash', async () => {
    expect(await sha256Hex('été')).not.toBe(await sha256Hex('ete'))
  })
})
