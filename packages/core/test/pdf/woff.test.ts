/**
 * An author's WOFF face is read as the TrueType file inside it (`renderers/pdf/woff.ts`): the same
 * tables, the same PDF as the TrueType face gives, and its tables inflated once, not at each
 * glyph fontkit reads (a one-line book took 4.8 s to set in a WOFF face, 0.6 s in TrueType). A
 * damaged WOFF is refused as a damaged TrueType file is: a reason, one `pdf-font-invalid`, the
 * PDF in the default face.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'
import { checkFont } from '../../src/renderers/pdf/fonts.js'
import { unpackWoff } from '../../src/renderers/pdf/woff.js'
import { tablesOf, woff } from '../font-files.js'
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
    const fromWoff = await setIn('body.woff', WOFF)
    const fromTtf = await setIn('body.ttf', TTF)
    expect(fromWoff.messages.filter((d) => d.level === 'error' || d.code === 'pdf-font-invalid')).toEqual([])
    expect(Buffer.from(fromWoff.pdf).includes('+EBGaramond-Regular')).toBe(true)
    expect(Buffer.compare(Buffer.from(fromWoff.pdf), Buffer.from(fromTtf.pdf))).toBe(0)
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
    fc.assert(
      fc.property(mutated(fc.constant(new Uint8Array(WOFF))), (font) => {
        const stats = { reads: 0, budget: 0 }
        checkFont(font, stats)
        expect(stats.reads).toBeLessThanOrEqual(stats.budget + 1)
      }),
      { numRuns: fcRuns(25) },
    )
  })
})
