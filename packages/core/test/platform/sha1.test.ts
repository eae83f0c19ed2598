/**
 * SHA-1 in Node is Node's native digest (`platform/node.ts`, `hash.ts`): a watch rebuild hashes
 * every chapter file and every document it writes, which in JavaScript took half of a
 * 1,000-chapter serial's rebuild. The JavaScript digest stays for browsers, and gives the same
 * bytes.
 */
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { contentKey, sha1 } from '../../src/hash.js'
import { nativeSha1 } from '../../src/platform/node.js'
import { fcRuns } from '../fast-check.js'

const calls = vi.hoisted(() => ({ javascript: 0 }))
vi.mock('@noble/hashes/legacy', async (original) => {
  const real = await original<typeof import('@noble/hashes/legacy')>()
  const counted = (bytes: Uint8Array) => {
    calls.javascript++
    return real.sha1(bytes)
  }
  return { ...real, sha1: counted, javascriptSha1: real.sha1 }
})

const hex = (data: Uint8Array) => Buffer.from(data).toString('hex')

describe('SHA-1 in Node', () => {
  it('is the native digest: the JavaScript one is not called', () => {
    const big = new Uint8Array(3 << 20).map((_, i) => (i * 31) & 0xff)
    const before = calls.javascript
    expect(hex(sha1(big))).toBe(createHash('sha1').update(big).digest('hex'))
    expect(contentKey('Chapter One: “It was early,” she said — too early.')).toBe(
      createHash('sha1').update('Chapter One: “It was early,” she said — too early.').digest('hex'),
    )
    expect(calls.javascript).toBe(before)
  })

  it('gives what the JavaScript digest (the browser’s) gives, on bytes and on text', async () => {
    const { javascriptSha1 } = (await import('@noble/hashes/legacy')) as unknown as {
      javascriptSha1: (bytes: Uint8Array) => Uint8Array
    }
    const encoder = new TextEncoder()
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'binary' }), (bytes, text) => {
        const utf8 = encoder.encode(text)
        return (
          hex(nativeSha1(bytes)!) === hex(javascriptSha1(bytes)) &&
          hex(nativeSha1(utf8)!) === hex(javascriptSha1(utf8)) &&
          contentKey(text) === hex(javascriptSha1(utf8))
        )
      }),
      { numRuns: fcRuns(300) },
    )
    // Across the digest's block boundaries.
    for (const length of [0, 55, 56, 63, 64, 65, 1 << 16, (1 << 20) + 7]) {
      const bytes = new Uint8Array(length).map((_, i) => (i * 7 + length) & 0xff)
      expect(hex(nativeSha1(bytes)!)).toBe(hex(javascriptSha1(bytes)))
    }
  })
})
