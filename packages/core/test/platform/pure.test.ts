/**
 * The pure stand-ins for `node:` modules on the in-memory path give what Node gives: the POSIX
 * path operations equal `node:path`'s, the SHA-1 equals `node:crypto`'s (the default book
 * identifier, a UUID v5, is in the output's bytes), and no module on that path imports `node:`.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import nodePath from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { contentKey, sha1 } from '../../src/hash.js'
import { uuidV5 } from '../../src/manifest/metadata.js'
import { dirname, normalize } from '../../src/posix-path.js'
import { fcRuns } from '../fast-check.js'

const segment = fc.constantFrom('a', 'b.png', '.', '..', '', 'ch 1', 'é', '...', '.hidden')
const path = fc
  .tuple(fc.boolean(), fc.array(segment, { maxLength: 8 }), fc.boolean())
  .map(([absolute, parts, trailing]) => `${absolute ? '/' : ''}${parts.join('/')}${trailing ? '/' : ''}`)

describe('posix-path', () => {
  it('normalize equals path.posix.normalize', () => {
    for (const p of [
      '',
      '.',
      '..',
      '/',
      '//',
      'a//b',
      './a',
      'a/./b/../c.png',
      '../../x',
      '/../a',
      'a/..',
      'a/../',
      'a/b/',
    ]) {
      expect(normalize(p), p).toBe(nodePath.posix.normalize(p))
    }
    fc.assert(
      fc.property(path, (p) => normalize(p) === nodePath.posix.normalize(p)),
      { numRuns: fcRuns(2000) },
    )
  })

  it('dirname equals path.posix.dirname', () => {
    for (const p of ['', '.', '/', '//', 'a', 'a/', 'a/b', 'a//b', '/a', '/a/b/', 'a/b//', '//a']) {
      expect(dirname(p), p).toBe(nodePath.posix.dirname(p))
    }
    fc.assert(
      fc.property(path, (p) => dirname(p) === nodePath.posix.dirname(p)),
      { numRuns: fcRuns(2000) },
    )
  })
})

describe('hash', () => {
  it('sha1 equals node:crypto on bytes and on UTF-8 text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string({ unit: 'grapheme' }), (bytes, text) => {
        const hex = (data: Uint8Array | string) => createHash('sha1').update(data).digest('hex')
        return (
          Buffer.from(sha1(bytes)).toString('hex') === hex(bytes) &&
          Buffer.from(sha1(text)).toString('hex') === hex(text) &&
          contentKey(text) === hex(text)
        )
      }),
      { numRuns: fcRuns(300) },
    )
  })

  it('uuidV5 gives the RFC 4122 test vector and what node:crypto gives', () => {
    // RFC 4122 appendix / Python's uuid.uuid5(NAMESPACE_DNS, 'python.org').
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    )
    fc.assert(
      fc.property(fc.uuid(), fc.string({ unit: 'grapheme' }), (namespace, name) => {
        const hash = createHash('sha1')
          .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
          .update(name, 'utf8')
          .digest()
        hash[6] = (hash[6]! & 0x0f) | 0x50
        hash[8] = (hash[8]! & 0x3f) | 0x80
        const hex = hash.subarray(0, 16).toString('hex')
        const want = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
        return uuidV5(namespace, name) === want
      }),
      { numRuns: fcRuns(300) },
    )
  })
})

describe('the in-memory path', () => {
  it('imports no node: module outside the Node side of #platform and #disk', () => {
    const src = nodePath.resolve(import.meta.dirname, '../../src')
    // The Node-only modules: behind the aliases, or reached only from them (loadBook, plugins),
    // or used only by tests and benchmarks (measure-fontkit).
    const nodeOnly = [
      /^platform\/(node|node-env|disk|threads)\.ts$/,
      /^manifest\/(files|plan|paths)\.ts$/,
      /^plugins\.ts$/,
      /^renderers\/pdf\/layout\/measure-fontkit\.ts$/,
    ]
    const offenders: string[] = []
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' })) {
      const rel = file.split(nodePath.sep).join('/')
      if (!rel.endsWith('.ts') || nodeOnly.some((re) => re.test(rel))) continue
      const text = readFileSync(nodePath.join(src, file), 'utf8')
      if (/from '(node:|fs|path|module|crypto|url)['/]|createRequire|require\(/.test(text))
        offenders.push(rel)
    }
    expect(offenders).toEqual([])
  })
})
