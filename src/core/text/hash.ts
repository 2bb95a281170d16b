// SHA-256 of a text, the key for duplicate detection; Web Crypto exists in browsers and in Node,
// so core needs no Node import for it.

export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}
