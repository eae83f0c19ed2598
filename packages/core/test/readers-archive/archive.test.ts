/**
 * The safe zip layer: real archives read back; a file that is not a zip, a cut-off one, too many
 * entries, declared and actual zip bombs, lying headers, path traversal, encrypted, damaged and
 * duplicate entries each give their problem, and no input makes it throw.
 */
import fc from 'fast-check'
import { deflateSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { nativeInflateRaw } from '../../src/platform/node.js'
import {
  type Archive,
  archiveOptions,
  isArchiveProblem,
  openArchive,
} from '../../src/readers/shared/archive.js'
import { fcRuns } from '../fast-check.js'
import { rawZip } from './zip.js'

const enc = new TextEncoder()

function open(bytes: Uint8Array, limits = {}): Archive {
  const archive = openArchive(bytes, limits)
  if (isArchiveProblem(archive)) throw new Error(`unexpected problem: ${archive.message}`)
  return archive
}

/** Copies of `sample` with one to `most` of its bytes set to other values. */
function mutatedCopies(sample: Uint8Array, most: number) {
  return fc
    .array(fc.record({ at: fc.nat(sample.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: most,
    })
    .map((mutations) => {
      const bytes = sample.slice()
      for (const m of mutations) bytes[m.at] = m.value
      return bytes
    })
}

describe('archive: reading', () => {
  it('lists and reads stored and deflated entries', () => {
    const bytes = zipSync({
      mimetype: [enc.encode('application/epub+zip'), { level: 0 }],
      'OEBPS/text/ch1.xhtml': enc.encode('<p>Hello</p>'.repeat(100)),
      'OEBPS/images/': new Uint8Array(0),
    })
    const archive = open(bytes)
    expect(archive.entries.map((e) => e.name)).toEqual(['mimetype', 'OEBPS/text/ch1.xhtml', 'OEBPS/images/'])
    expect(archive.entries[2]?.directory).toBe(true)
    expect(archive.text('mimetype')).toBe('application/epub+zip')
    expect(archive.text('OEBPS/text/ch1.xhtml')).toBe('<p>Hello</p>'.repeat(100))
    expect(archive.problems).toEqual([])
    expect(archive.has('mimetype')).toBe(true)
    const missing = archive.read('nope')
    expect(isArchiveProblem(missing) && missing.code).toBe('archive-bad-entry')
  })

  it('reads thousands of entries (5,000) and refuses more than the limit', () => {
    const files = Array.from({ length: 5000 }, (_, i) => ({ name: `f/${i}.txt`, data: String(i), method: 0 }))
    const archive = open(rawZip(files))
    expect(archive.entries.length).toBe(5000)
    expect(archive.text('f/4999.txt')).toBe('4999')
    const refused = openArchive(rawZip(files), { maxEntries: 4999 })
    expect(isArchiveProblem(refused) && refused.code).toBe('archive-too-many-entries')
    const many = Array.from({ length: 10_001 }, (_, i) => ({ name: String(i), data: '', method: 0 }))
    const defaultLimit = openArchive(rawZip(many))
    expect(isArchiveProblem(defaultLimit) && defaultLimit.code).toBe('archive-too-many-entries')
  })
})

describe('archive: not a zip', () => {
  for (const [name, bytes] of [
    ['empty', new Uint8Array(0)],
    ['short', enc.encode('PK')],
    ['text', enc.encode('Chapter One\n\nIt was a dark and stormy night. '.repeat(20))],
    ['random', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) & 0xff)],
  ] as const) {
    it(`${name} is archive-not-zip`, () => {
      const result = openArchive(bytes)
      expect(isArchiveProblem(result) && result.code).toBe('archive-not-zip')
    })
  }

  it('a zip cut off anywhere is a problem, never a throw', () => {
    const bytes = zipSync({ a: enc.encode('alpha'.repeat(50)), b: enc.encode('beta'.repeat(50)) })
    for (let length = 0; length < bytes.length; length++) {
      const cut = bytes.slice(0, length)
      const archive = openArchive(cut)
      if (isArchiveProblem(archive)) {
        expect(['archive-not-zip', 'archive-bad-entry']).toContain(archive.code)
        continue
      }
      for (const entry of archive.entries) archive.read(entry.name)
    }
    const cut = openArchive(bytes.slice(0, bytes.length - 30))
    expect(isArchiveProblem(cut) && cut.message).toMatch(/cut off|central directory/)
  })
})

describe('archive: bombs', () => {
  it('a declared total above the limit is refused before anything is inflated', () => {
    const bytes = rawZip([{ name: 'big', data: 'x', size: 600 * 1024 * 1024 }])
    const result = openArchive(bytes)
    expect(isArchiveProblem(result) && result.code).toBe('archive-too-large')
  })

  it('a header that understates the size stops at the declared size', () => {
    // 16 MB of zeros deflate to ~16 KB; the header says 1,000 bytes.
    const zeros = new Uint8Array(16 * 1024 * 1024)
    const bytes = rawZip([{ name: 'liar', data: zeros, size: 1000, crc: 0 }])
    const archive = open(bytes)
    const read = archive.read('liar')
    expect(isArchiveProblem(read) && read.message).toMatch(/more than its declared/)
  })

  it('the actual total is capped across reads (many entries pointing at one bomb)', () => {
    const payload = new Uint8Array(400 * 1024)
    const archive = open(
      rawZip([
        { name: 'a', data: payload },
        { name: 'b', data: payload },
        { name: 'c', data: payload },
      ]),
      { maxTotalBytes: 2 * 1024 * 1024 },
    )
    let refused = 0
    for (let round = 0; round < 3; round++)
      for (const name of ['a', 'b', 'c']) {
        const r = archive.read(name)
        if (isArchiveProblem(r)) {
          expect(r.code).toBe('archive-too-large')
          refused++
        }
      }
    // 2 MB holds five 400 KB reads; the other four are refused.
    expect(refused).toBe(4)
  })

  it('a header that overstates the size is a damaged entry', () => {
    const archive = open(rawZip([{ name: 'short', data: 'abc', size: 10 }]))
    const read = archive.read('short')
    expect(isArchiveProblem(read) && read.code).toBe('archive-bad-entry')
  })
})

describe('archive: unsafe and unreadable entries', () => {
  it('skips traversal, absolute, backslash and drive-letter names with a problem each', () => {
    const archive = open(
      rawZip([
        { name: '../evil.txt', data: 'x' },
        { name: 'a/../../evil.txt', data: 'x' },
        { name: '/etc/passwd', data: 'x' },
        { name: 'a\\..\\evil.txt', data: 'x' },
        { name: 'C:/Windows/evil.txt', data: 'x' },
        { name: 'ok/..fine.txt', data: 'kept' },
      ]),
    )
    expect(archive.entries.map((e) => e.name)).toEqual(['ok/..fine.txt'])
    expect(archive.problems.map((p) => p.code)).toEqual(Array(5).fill('archive-unsafe-path'))
    expect(archive.text('ok/..fine.txt')).toBe('kept')
  })

  it('skips encrypted entries, reports unknown methods, bad checksums and duplicates', () => {
    const archive = open(
      rawZip([
        { name: 'secret', data: 'x', flags: 1 },
        { name: 'bzip', data: 'x', method: 12 },
        { name: 'crc', data: 'hello', crc: 1234 },
        { name: 'dup', data: 'first' },
        { name: 'dup', data: 'second' },
        { name: 'garbage', data: enc.encode('not deflate at all'), method: 0, size: 18 },
      ]),
    )
    expect(archive.problems.map((p) => p.code)).toEqual(['archive-encrypted', 'archive-duplicate-entry'])
    const method = archive.read('bzip')
    expect(isArchiveProblem(method) && method.message).toMatch(/method 12/)
    const crc = archive.read('crc')
    expect(isArchiveProblem(crc) && crc.message).toMatch(/checksum/)
    expect(archive.text('dup')).toBe('first')
  })

  it('damaged deflate data is a problem', () => {
    const text = enc.encode('hello world '.repeat(100))
    const damaged = deflateSync(text)
    damaged.fill(0xff, 2, 20)
    const archive = open(rawZip([{ name: 'x', data: damaged, precompressed: true, size: text.length }]))
    const read = archive.read('x')
    expect(isArchiveProblem(read) && read.code).toBe('archive-bad-entry')
  })
})

describe('archive: Node’s zlib and fflate', () => {
  /** Each entry's bytes or problem (its detail in parentheses left out), inflating one way. */
  const readAll = (bytes: Uint8Array, native: boolean) => {
    archiveOptions.native = native
    try {
      const archive = openArchive(bytes)
      if (isArchiveProblem(archive)) return archive.code
      return archive.entries.map((e) => {
        const data = archive.read(e.name)
        return isArchiveProblem(data)
          ? `${data.code}: ${data.message.replace(/ \(.*\)$/, '')}`
          : Buffer.from(data).toString('hex')
      })
    } finally {
      archiveOptions.native = true
    }
  }

  it('give the same entries, and the same problems, for sound, lying, damaged and bomb entries', () => {
    const text = enc.encode('hello world, and again '.repeat(300))
    const damaged = deflateSync(text)
    damaged.fill(0xff, 2, 20)
    const bomb = deflateSync(new Uint8Array(1 << 20))
    const cut = deflateSync(text).subarray(0, 40)
    const trailing = new Uint8Array([...deflateSync(text), 1, 2, 3, 4])
    const archive = rawZip([
      { name: 'sound', data: text },
      { name: 'small', data: 'x' },
      { name: 'empty', data: '' },
      { name: 'understated', data: bomb, precompressed: true, size: 1000 },
      { name: 'overstated', data: text, size: text.length + 10 },
      { name: 'damaged', data: damaged, precompressed: true, size: text.length },
      { name: 'cut', data: cut, precompressed: true, size: text.length },
      { name: 'trailing', data: trailing, precompressed: true, size: text.length },
    ])
    // The native path is there to compare: Node's zlib, stopped at the limit.
    expect(nativeInflateRaw(deflateSync(text), text.length)).toEqual({
      bytes: new Uint8Array(Buffer.from(text)),
    })
    expect(nativeInflateRaw(deflateSync(text), text.length - 1)).toEqual({ over: true })
    const fromNode = readAll(archive, true) as string[]
    expect(fromNode[0]).toBe(Buffer.from(text).toString('hex'))
    expect(fromNode[1]).toBe('78')
    expect(fromNode[3]).toMatch(/more than its declared/)
    expect(fromNode[4]).toMatch(/not the \d+ it declares/)
    expect(fromNode[5]).toMatch(/archive-bad-entry/)
    expect(readAll(archive, false)).toEqual(fromNode)
  })

  it('give the same entries and problems for mutated archives', () => {
    const sample = zipSync({
      'a.xhtml': enc.encode('<p>text, and more text</p>'.repeat(60)),
      'b.xml': enc.encode('<container/>'.repeat(5)),
    })
    fc.assert(
      fc.property(mutatedCopies(sample, 6), (bytes) => {
        expect(readAll(bytes, true)).toEqual(readAll(bytes, false))
      }),
      { numRuns: fcRuns(400) },
    )
  })
})

describe('archive: property', () => {
  const sample = zipSync({
    mimetype: [enc.encode('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': enc.encode('<container/>'),
    'a.xhtml': enc.encode('<p>text</p>'.repeat(40)),
  })

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const archive = openArchive(bytes)
        if (!isArchiveProblem(archive)) for (const e of archive.entries) archive.read(e.name)
      }),
      { numRuns: fcRuns(300) },
    )
  })

  it('never throws on mutated archives, and reads only what it lists', () => {
    fc.assert(
      fc.property(mutatedCopies(sample, 8), (bytes) => {
        const archive = openArchive(bytes)
        if (isArchiveProblem(archive)) return
        for (const e of archive.entries) {
          expect(e.name.split('/')).not.toContain('..')
          const data = archive.read(e.name)
          if (!isArchiveProblem(data)) expect(data.length).toBe(e.size)
        }
      }),
      { numRuns: fcRuns(500) },
    )
  })
})
