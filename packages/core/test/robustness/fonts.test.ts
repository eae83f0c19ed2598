/**
 * An author's damaged font never crashes the PDF or eats memory. The nightly property run found
 * mutated copies of the bundled Literata that passed the check at load, then made fontkit throw a
 * RangeError while pdfkit encoded the subset (mid-render), and one whose shifted tables made
 * fontkit decode without end (hundreds of MB, then out of memory). Each case below is that
 * mutation of Literata, written out: a few bytes overwritten and a few spliced in (the seed run
 * FC_SEED=20261202 of `mutated` in arbitraries.ts, cases 25 to 91). Each gives one
 * `pdf-font-invalid` naming the file, a PDF in the default face and an EPUB as before.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBook, OctavoError, render } from '../../src/index.js'
import { checkFont, FontFailure, guarded } from '../../src/renderers/pdf/fonts.js'
import { mutated } from './arbitraries.js'
import { fcRuns, hasQpdf, inspectEpub, isPdf, qpdfCheck } from './helpers.js'

const require = createRequire(import.meta.url)
const LITERATA = new Uint8Array(
  readFileSync(require.resolve('@expo-google-fonts/literata/400Regular/Literata_400Regular.ttf')),
)

interface Mutation {
  /** Bytes overwritten: [offset, value]. */
  flips: [number, number][]
  /** Bytes spliced in at an offset. */
  splice: [number, number[]]
}

/** `mutated`'s damage, applied the same way (offsets taken modulo the length). */
function damage(base: Uint8Array, { flips, splice }: Mutation): Uint8Array {
  const bytes = Uint8Array.from(base)
  for (const [at, value] of flips) bytes[at % bytes.length] = value
  const at = splice[0] % bytes.length
  return Uint8Array.from([...bytes.subarray(0, at), ...splice[1], ...bytes.subarray(at)])
}

/** Glyph outlines shifted or overwritten: fontkit threw a RangeError encoding the subset. */
const SUBSET_CRASHES: Record<string, Mutation> = {
  'case 25': {
    flips: [
      [176531, 144],
      [147060, 36],
      [95094, 191],
      [134171, 206],
      [156107, 147],
    ],
    splice: [2023285033, [8, 160, 196, 58, 64]],
  },
  'case 34': {
    flips: [
      [156381, 6],
      [207014, 4],
      [4615, 143],
      [30799, 251],
      [21, 0],
      [93558, 131],
      [253751, 94],
      [9, 255],
    ],
    splice: [861650085, [254, 2, 11]],
  },
  'case 56': {
    flips: [
      [3289, 139],
      [241018, 4],
      [172252, 5],
      [190585, 241],
      [206820, 86],
    ],
    splice: [1574077136, [177, 252, 246]],
  },
}

/** Three bytes spliced into the `name` table shift every table after it: GSUB then decodes without end. */
const RUNAWAY: Mutation = {
  flips: [
    [204171, 189],
    [134319, 72],
    [124055, 51],
    [247158, 106],
  ],
  splice: [1615236426, [28, 119, 56]],
}

const bookWith = (font: Uint8Array) =>
  createBook({
    metadata: { title: 'Faces', author: 'A' },
    chapters: [{ markdown: '# One\n\nSome *words* in **a face** — and `code`, “quoted”.\n', file: 'one.md' }],
    files: { 'fonts/body.ttf': font },
    formats: { epub: { fonts: ['fonts/body.ttf'] }, pdf: { font: { regular: 'fonts/body.ttf' } } },
  })

describe('a damaged author font', () => {
  for (const [name, mutation] of Object.entries(SUBSET_CRASHES)) {
    it(`${name}: refused up front with pdf-font-invalid, the PDF set in the default face`, async () => {
      const font = damage(LITERATA, mutation)
      expect(typeof checkFont(font)).toBe('string')
      const { book } = await createBook({
        metadata: { title: 'Faces', author: 'A' },
        chapters: [{ markdown: '# One\n\nSome words.\n', file: 'one.md' }],
        files: { 'fonts/body.ttf': font },
        formats: { pdf: { font: { regular: 'fonts/body.ttf' } } },
      })
      const pdf = await render(book!, 'pdf')
      expect(isPdf(pdf)).toBe(true)
      const messages = book!.env.file.messages
      expect(messages.filter((d) => d.code === 'internal-error')).toEqual([])
      const invalid = messages.filter((d) => d.code === 'pdf-font-invalid')
      expect(invalid).toHaveLength(1)
      expect(invalid[0]!.message).toContain('"fonts/body.ttf"')
      expect(invalid[0]!.message).toMatch(/damaged/)
      if (hasQpdf) expect((await qpdfCheck(pdf)).ok).toBe(true)
    })
  }

  it('tables that point into one another are refused within a bounded number of reads', async () => {
    const font = damage(LITERATA, RUNAWAY)
    const stats = { reads: 0, budget: 0 }
    expect(checkFont(font, stats)).toMatch(/point into one another/)
    // The budget is a few reads per byte of the file; the sound face needs less than one per byte.
    expect(stats.budget).toBeLessThanOrEqual(8 * font.length + (1 << 20))
    expect(stats.reads).toBeLessThanOrEqual(stats.budget + 1)
    const sound = { reads: 0, budget: 0 }
    expect(typeof checkFont(LITERATA, sound)).not.toBe('string')
    expect(sound.reads).toBeLessThan(LITERATA.length)

    const { book } = await bookWith(font)
    const pdf = await render(book!, 'pdf')
    expect(isPdf(pdf)).toBe(true)
    const invalid = book!.env.file.messages.filter((d) => d.code === 'pdf-font-invalid')
    expect(invalid.map((d) => d.message)).toEqual([expect.stringContaining('"fonts/body.ttf"')])
    // The EPUB is made as before (its fonts are packaged, not parsed).
    expect(inspectEpub(await render(book!, 'epub')).problems).toEqual([])
  })

  it('a font whose head table is missing is refused, not thrown (nightly, FC_SEED=1764681)', () => {
    // The table directory keeps its entries; the `head` tag is renamed, so fontkit finds no head
    // and throws reading unitsPerEm.
    const font = Uint8Array.from(LITERATA)
    const view = new DataView(font.buffer)
    for (let i = 0; i < view.getUint16(4); i++) {
      const at = 12 + i * 16
      if (String.fromCharCode(...font.subarray(at, at + 4)) === 'head') font[at + 1] = 0x78
    }
    expect(checkFont(font)).toMatch(/not a single TrueType or OpenType font|damaged/)
  })

  it('every face Octavo ships passes the check as an author font (sound fonts are not refused)', () => {
    // Crimson Pro holds a glyph fontkit cannot decode and no character reaches: still accepted.
    const families = ['literata', 'eb-garamond', 'source-serif-4', 'crimson-pro', 'source-code-pro']
    for (const family of families) {
      const folder = require
        .resolve(`@expo-google-fonts/${family}/package.json`)
        .replace(/package\.json$/, '')
      for (const entry of readdirSync(folder, { recursive: true }).map(String)) {
        if (!/^(400Regular|400Regular_Italic|700Bold|700Bold_Italic)\/.*\.ttf$/.test(entry)) continue
        const checked = checkFont(new Uint8Array(readFileSync(`${folder}${entry}`)))
        expect(typeof checked === 'string' ? `${entry}: ${checked}` : 'ok').toBe('ok')
      }
    }
  })

  it('a sound face passes the check and is used', async () => {
    const { book } = await bookWith(LITERATA)
    const pdf = await render(book!, 'pdf')
    expect(isPdf(pdf)).toBe(true)
    expect(book!.env.file.messages.filter((d) => d.code === 'pdf-font-invalid')).toEqual([])
  })

  it('what fontkit throws later from a checked face names the file (FontFailure)', () => {
    const face = guarded(
      {
        layout(): never {
          throw new RangeError('Offset is outside the bounds of the DataView')
        },
        get post(): never {
          throw new TypeError('broken table')
        },
        createSubset: () => ({
          encode(): never {
            throw new RangeError('glyph outside glyf')
          },
        }),
        unitsPerEm: 1000,
      },
      'fonts/body.ttf',
    )
    expect(face.unitsPerEm).toBe(1000)
    for (const use of [() => face.layout(), () => face.post, () => face.createSubset().encode()]) {
      let thrown: unknown
      try {
        use()
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(FontFailure)
      expect((thrown as FontFailure).file).toBe('fonts/body.ttf')
    }
  })
})

describe('any mutation of a real font', () => {
  it('is checked without an exception, within the read budget', () => {
    fc.assert(
      fc.property(mutated(fc.constant(LITERATA)), (font) => {
        const stats = { reads: 0, budget: 0 }
        checkFont(font, stats)
        expect(stats.reads).toBeLessThanOrEqual(stats.budget + 1)
      }),
      { numRuns: fcRuns(25) },
    )
  })

  it('gives a PDF or one pdf-font-invalid error naming the file, never another failure (sample)', async () => {
    await fc.assert(
      fc.asyncProperty(mutated(fc.constant(LITERATA)), async (font) => {
        const { book } = await bookWith(font)
        const made = await render(book!, 'pdf').catch((error: unknown) => {
          if (error instanceof OctavoError && error.diagnostic.code === 'pdf-font-invalid') return undefined
          throw error
        })
        if (made) expect(isPdf(made)).toBe(true)
        expect(book!.env.file.messages.filter((d) => d.code === 'internal-error')).toEqual([])
      }),
      { numRuns: fcRuns(6) },
    )
  })
})
