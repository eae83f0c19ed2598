/**
 * An author's WOFF or WOFF2 face is read as the TrueType file inside it (`renderers/pdf/woff.ts`).
 * WOFF: the same tables, the same PDF as the TrueType face gives, and its tables inflated once,
 * not at each glyph fontkit reads (a one-line book took 4.8 s to set in a WOFF face, 0.6 s in
 * TrueType). WOFF2 as web fonts are (`glyf`, `loca`, maybe `hmtx` transformed): the very bytes
 * Google's reference decoder rebuilds, so fontkit's subsetter embeds real outlines (every such
 * face was refused as damaged before). A damaged file of either kind is refused as a damaged
 * TrueType file is: a reason, one `pdf-font-invalid`, the PDF in the default face.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { brotliCompressSync } from 'node:zlib'
import fc from 'fast-check'
import * as fontkit from 'fontkit'
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'
import { nativeBrotli } from '../../src/platform/node.js'
import { checkFont } from '../../src/renderers/pdf/fonts.js'
import { unpackWoff, woffOptions } from '../../src/renderers/pdf/woff.js'
import { reference, tablesOf, withHmtxTransformed, woff, woff2 } from '../font-files.js'
import { mutated } from '../robustness/arbitraries.js'
import { fcRuns, isPdf } from '../robustness/helpers.js'

const require = createRequire(import.meta.url)
const TTF = readFileSync(
  require.resolve('@expo-google-fonts/eb-garamond/400Regular/EBGaramond_400Regular.ttf'),
)
const WOFF = woff(TTF)
const LIMIT = 64 * 1024 * 1024

/** A book set in `bytes` as its regular face, `fonts/FILE`: its PDF and its messages. */
async function setIn(file: string, bytes: Uint8Array) {
  const { book } = await createBook({
    metadata: { title: 'Faces', author: 'A', date: '2020-01-01' },
    chapters: [{ markdown: '# One\n\n“Office,” she said — affluent, fifty-fifth.\n', file: 'one.md' }],
    files: { [`fonts/${file}`]: bytes },
    formats: { pdf: { font: { regular: `fonts/${file}` } } },
  })
  const pdf = await render(book!, 'pdf')
  return { pdf, messages: book!.env.file.messages }
}

/** A book set in `packed` is used without complaint, embeds `face`, and is the one set in `ttf`. */
async function expectSamePdf(packed: { file: string; bytes: Uint8Array }, ttf: Uint8Array, face: string) {
  const fromPacked = await setIn(packed.file, packed.bytes)
  const fromTtf = await setIn('body.ttf', ttf)
  expect(fromPacked.messages.filter((d) => d.level === 'error' || d.code === 'pdf-font-invalid')).toEqual([])
  expect(Buffer.from(fromPacked.pdf).includes(face)).toBe(true)
  expect(Buffer.compare(Buffer.from(fromPacked.pdf), Buffer.from(fromTtf.pdf))).toBe(0)
}

/** A font file checked (`checkFont` returns a reason or a face, never throws) within its read budget. */
function checkedWithinBudget(font: Uint8Array): void {
  const stats = { reads: 0, budget: 0 }
  checkFont(font, stats)
  expect(stats.reads).toBeLessThanOrEqual(stats.budget + 1)
}

/** A copy of the WOFF file with its bytes at `at` set to `value`, 32 bits big-endian. */
function patched(at: number, value: number): Uint8Array {
  const bytes = Uint8Array.from(WOFF)
  new DataView(bytes.buffer).setUint32(at, value)
  return bytes
}

describe('a WOFF face', () => {
  it('unpacks into the TrueType file it carries: every table the same bytes', () => {
    const sfnt = unpackWoff(WOFF, LIMIT)
    expect(sfnt).toBeInstanceOf(Uint8Array)
    const unpacked = tablesOf(Buffer.from(sfnt as Uint8Array))
    const original = tablesOf(TTF)
    expect(unpacked.map((t) => t.tag)).toEqual(original.map((t) => t.tag))
    for (const [i, table] of original.entries()) {
      expect(unpacked[i]!.checksum, table.tag).toBe(table.checksum)
      expect(Buffer.compare(unpacked[i]!.data, table.data), table.tag).toBe(0)
    }
    // Some tables were deflated in the WOFF, or this would prove nothing.
    expect(WOFF.length).toBeLessThan(TTF.length * 0.8)
  })

  it('is read as TrueType, whose tables fontkit reads in place, not inflated at each read', () => {
    const font = checkFont(WOFF) as unknown as {
      type: string
      stream: { buffer: Uint8Array }
      _getTableStream(tag: string): { buffer: Uint8Array }
    }
    expect(typeof font).toBe('object')
    expect(font.type).toBe('TTF')
    // Each glyph fontkit measures asks for `glyf`: the file's own bytes each time, nothing made.
    expect(font._getTableStream('glyf').buffer).toBe(font.stream.buffer)
  })

  it('sets the same PDF as the TrueType face', async () => {
    await expectSamePdf({ file: 'body.woff', bytes: WOFF }, TTF, '+EBGaramond-Regular')
  }, 60_000)

  it('other files are left as they are', () => {
    expect(unpackWoff(TTF, LIMIT)).toBeUndefined()
    expect(unpackWoff(new Uint8Array(0), LIMIT)).toBeUndefined()
  })

  it('damaged: refused with a reason, never thrown', () => {
    // The header cut off; the directory cut off; the first table's offset past the end; its
    // stored length past its length; a table claiming 4 GB; a deflated table's data scrambled.
    const first = 44
    const deflated = tablesOf(TTF).findIndex((_, i) => {
      const view = new DataView(WOFF.buffer, WOFF.byteOffset)
      return view.getUint32(44 + 20 * i + 8) < view.getUint32(44 + 20 * i + 12)
    })
    const scrambled = Uint8Array.from(WOFF)
    const at = new DataView(scrambled.buffer).getUint32(first + 20 * deflated + 4)
    scrambled.fill(0xff, at + 2, at + 40)
    const cases: [Uint8Array, RegExp][] = [
      [WOFF.subarray(0, 30), /header is cut off/],
      [WOFF.subarray(0, 60), /directory is cut off/],
      [patched(first + 4, WOFF.length), /outside the file/],
      [patched(first + 8, 0x7fffffff), /outside the file|stored longer/],
      [patched(first + 12, 0xffffffff), /claim 4/],
      [scrambled, /could not be inflated|inflate to its stated length/],
    ]
    for (const [bytes, reason] of cases) {
      expect(unpackWoff(bytes, LIMIT)).toMatch(reason)
      expect(checkFont(bytes)).toMatch(reason)
    }
  })

  it('damaged: the PDF is set in the default face, with one pdf-font-invalid naming the file', async () => {
    const { pdf, messages } = await setIn('body.woff', WOFF.subarray(0, 60))
    expect(isPdf(pdf)).toBe(true)
    const invalid = messages.filter((d) => d.code === 'pdf-font-invalid')
    expect(invalid.map((d) => d.message)).toEqual([expect.stringContaining('"fonts/body.woff"')])
    expect(invalid[0]!.message).toMatch(/directory is cut off/)
  }, 60_000)

  it('any mutation is checked without an exception, within the read budget', () => {
    fc.assert(fc.property(mutated(fc.constant(new Uint8Array(WOFF))), checkedWithinBudget), {
      numRuns: fcRuns(25),
    })
  })
})

/** A built-in face's file (under @expo-google-fonts). */
const face = (file: string) => readFileSync(require.resolve(`@expo-google-fonts/${file}`))
const FACES = [
  'literata/400Regular/Literata_400Regular.ttf',
  'eb-garamond/700Bold_Italic/EBGaramond_700Bold_Italic.ttf',
  'crimson-pro/400Regular_Italic/CrimsonPro_400Regular_Italic.ttf',
  'source-code-pro/400Regular/SourceCodePro_400Regular.ttf',
]

/** A face as a web font's WOFF2 (Google's encoder), and the TrueType file Google's decoder makes of it. */
function webFont(file: string): Promise<{ woff2: Buffer; ttf: Buffer }> {
  let made = webFonts.get(file)
  if (!made) {
    made = (async () => {
      const packed = Buffer.from(await reference.compress(face(file)))
      return { woff2: packed, ttf: Buffer.from(await reference.decompress(packed)) }
    })()
    webFonts.set(file, made)
  }
  return made
}
/** Compressing takes a second a face: once each for this file's tests. */
const webFonts = new Map<string, Promise<{ woff2: Buffer; ttf: Buffer }>>()

describe('a WOFF2 face', () => {
  it("unpacks to the bytes Google's decoder gives: glyf and loca transformed, hmtx too, or nothing", async () => {
    let hmtx = 0
    for (const file of FACES) {
      const { woff2: packed, ttf } = await webFont(file)
      // Transformed, or this would prove little: the WOFF2 directory's glyf entry, version 0.
      expect(Buffer.from(unpackWoff(packed, LIMIT) as Uint8Array).equals(ttf), file).toBe(true)
      const both = withHmtxTransformed(packed, ttf)
      if (both) {
        hmtx++
        expect(both.length).toBeLessThan(packed.length)
        const decoded = Buffer.from(await reference.decompress(both))
        expect(Buffer.from(unpackWoff(both, LIMIT) as Uint8Array).equals(decoded), `${file} (hmtx)`).toBe(
          true,
        )
        expect(decoded.equals(ttf)).toBe(true)
      }
      const plain = woff2(face(file))
      const decoded = Buffer.from(await reference.decompress(plain))
      expect(
        Buffer.from(unpackWoff(plain, LIMIT) as Uint8Array).equals(decoded),
        `${file} (null transform)`,
      ).toBe(true)
    }
    expect(hmtx).toBeGreaterThan(0)
  }, 60_000)

  it("is read as TrueType: every glyph's outline and advance as fontkit reads them from the WOFF2", async () => {
    const { woff2: packed } = await webFont(FACES[1]!)
    const checked = checkFont(packed) as unknown as fontkit.Font & {
      type: string
      numGlyphs: number
      getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number }
    }
    expect(typeof checked).toBe('object')
    expect(checked.type).toBe('TTF')
    const direct = fontkit.create(packed) as unknown as typeof checked
    expect(direct.type).toBe('WOFF2')
    expect(checked.numGlyphs).toBe(direct.numGlyphs)
    for (let id = 0; id < direct.numGlyphs; id++) {
      expect(checked.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(direct.getGlyph(id).path.toSVG())
      expect(checked.getGlyph(id).advanceWidth, `glyph ${id}`).toBe(direct.getGlyph(id).advanceWidth)
    }
  }, 60_000)

  it("sets the same PDF as the TrueType file Google's decoder makes of it", async () => {
    const { woff2: packed, ttf } = await webFont(FACES[0]!)
    await expectSamePdf({ file: 'body.woff2', bytes: packed }, ttf, '+Literata-Regular')
  }, 60_000)

  it('damaged: refused with a reason, never thrown', async () => {
    const { woff2: packed } = await webFont(FACES[3]!)
    const copy = () => Buffer.from(packed)
    const longer = Buffer.concat([packed, Buffer.alloc(4)])
    const collection = copy()
    collection.write('ttcf', 4, 'latin1')
    const scrambled = copy()
    scrambled.fill(0x5a, 200, 400)
    const cases: [Uint8Array, RegExp][] = [
      [packed.subarray(0, 40), /header is cut off/],
      [longer, /another length/],
      [collection, /collection/],
      [scrambled, /WOFF2 data could not be read|does not decompress|cut off|malformed|glyph/],
    ]
    for (const [bytes, reason] of cases) {
      expect(unpackWoff(bytes, LIMIT)).toMatch(reason)
      expect(checkFont(bytes)).toMatch(reason)
    }
    // More than the font limit claimed: refused before anything is decompressed.
    expect(unpackWoff(packed, 100_000)).toMatch(/tables claim/)
  }, 60_000)

  it('any mutation is checked without an exception, within the read budget', async () => {
    const { woff2: packed } = await webFont(FACES[3]!)
    fc.assert(fc.property(mutated(fc.constant(new Uint8Array(packed))), checkedWithinBudget), {
      numRuns: fcRuns(25),
    })
  }, 60_000)

  it('decompressed by Node’s zlib and by brotli’s JavaScript decoder alike: the same font or the same refusal', async () => {
    const { woff2: packed, ttf } = await webFont(FACES[2]!)
    const plain = woff2(face(FACES[2]!))
    const scrambled = Buffer.from(packed)
    scrambled.fill(0x5a, 200, 400)
    // The stream cut short, and the tables claiming more than it holds (a length byte raised).
    const cut = Buffer.concat([packed.subarray(0, packed.length - 64)])
    new DataView(cut.buffer, cut.byteOffset).setUint32(8, cut.length)
    const fixed: Uint8Array[] = [packed, plain, scrambled, cut]
    const unpacked = (native: boolean, bytes: Uint8Array) => {
      woffOptions.native = native
      try {
        const out = unpackWoff(bytes, LIMIT)
        if (out === undefined) return 'not a WOFF file'
        return typeof out === 'string'
          ? `refused: ${out.replace(/\(.*\)$/, '')}`
          : Buffer.from(out).toString('hex')
      } finally {
        woffOptions.native = true
      }
    }
    // The native path is there to compare: Node's zlib, stopped at the limit.
    const text = brotliCompressSync(Buffer.from('a face'))
    expect(nativeBrotli(text, 6)).toEqual({ bytes: new Uint8Array(Buffer.from('a face')) })
    expect(nativeBrotli(text, 5)).toEqual({ over: true })
    const fromNode = fixed.map((bytes) => unpacked(true, bytes))
    expect(fromNode[0]).toBe(Buffer.from(ttf).toString('hex'))
    expect(fromNode.slice(2).every((r) => r.startsWith('refused'))).toBe(true)
    expect(fixed.map((bytes) => unpacked(false, bytes))).toEqual(fromNode)
    fc.assert(
      fc.property(mutated(fc.constant(new Uint8Array(packed))), (bytes) => {
        expect(unpacked(false, bytes)).toEqual(unpacked(true, bytes))
      }),
      { numRuns: fcRuns(40) },
    )
  }, 60_000)
})
