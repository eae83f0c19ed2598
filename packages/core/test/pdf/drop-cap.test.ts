/**
 * Drop caps: set only where the paragraph has at least as many lines as the cap (else a hole
 * under it), opening punctuation at text size beside the letter (not at cap size hanging into
 * the gutter), and the first word tagged whole with /ActualText, so copy, search and screen
 * readers read "This", not "T his". Checked on the page-to-be (line boxes) and with pdftotext.
 */
import { readdirSync, readFileSync } from 'node:fs'
import nodePath from 'node:path'
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { BlockContent, Root } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { resolveOptions } from '../../src/renderers/pdf/options.js'
import { has } from '../tools.js'
import { metadata, p, tempPdf, tool } from './helpers.js'

const long =
  'This was the first winter after the accident, and the keepers’ cottage still smelled of her mother’s lavender; Mara kept the sachets in the drawer with the spare mantles and did not let herself open it often, for the smell of it undid her, and the work of the light would not wait for grief.'

function book(...openings: BlockContent[][]): Root {
  return {
    type: 'root',
    metadata: metadata({ dedication: undefined }),
    children: openings.map((children, i) => ({
      type: 'chapter',
      matter: 'body',
      kind: 'chapter',
      number: i + 1,
      label: 'Chapter',
      file: `chapters/${i + 1}.md`,
      children,
    })),
  }
}

async function render(tree: Root, dropCap: 2 | 3 | false) {
  const env = createMemoryEnv({}, { file: new SourceFile('') })
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { dropCap, halfTitle: false, toc: false }, env))
    chunks.push(chunk)
  return new Uint8Array(Buffer.concat(chunks))
}

const settings = resolveOptions({}, new SourceFile(''))

/** A binary PGM (P5) image, as pdftoppm -gray writes it. */
function pgm(bytes: Buffer): { width: number; height: number; data: Uint8Array } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+\d+\s/.exec(bytes.subarray(0, 64).toString('latin1'))!
  const offset = header[0].length
  return { width: Number(header[1]), height: Number(header[2]), data: bytes.subarray(offset) }
}

/** Font sizes set in the page content streams (uncompressed by qpdf). */
function sizes(path: string): number[] {
  const qdf = tool('qpdf', ['--qdf', '--object-streams=disable', path, '-'])
  return [...qdf.matchAll(/ ([\d.]+) Tf/g)].map((m) => Number(m[1]))
}

describe.skipIf(!has('qpdf') || !has('pdftotext'))('drop caps', () => {
  test('the first word reads whole, with or without opening punctuation', async () => {
    const path = tempPdf(await render(book([p(long)], [p(`“${long}”`)]), 3))
    const text = tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')
    expect(text).toContain('This was the first winter')
    expect(text).toContain('“This was the first winter')
    expect(text).not.toMatch(/T his|“ This/)
  })

  test.skipIf(!has('pdftoppm'))(
    'opening punctuation is set at text size beside the letter, not hanging into the margin',
    async () => {
      const path = tempPdf(await render(book([p(`“${long}”`)]), 3))
      // Pages at 72 dpi, one pixel a point: no ink left of the narrower margin (the outside one).
      const prefix = path.replace(/\.pdf$/, '')
      tool('pdftoppm', ['-r', '72', '-gray', path, prefix])
      const dir = nodePath.dirname(path)
      const margin = settings.outside - 2
      let inked = 0
      let pages = 0
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.pgm'))) {
        const { width, height, data } = pgm(readFileSync(nodePath.join(dir, file)))
        pages++
        for (let y = 0; y < height; y++)
          for (let x = 0; x < Math.min(width, margin); x++) if (data[y * width + x]! < 128) inked++
      }
      expect(pages).toBeGreaterThan(2)
      expect(inked).toBe(0)
      // The cap is there: one letter at cap size.
      expect(Math.max(...sizes(path))).toBeGreaterThan(25)
    },
  )

  test('a paragraph shorter than the cap gets none; the next paragraph is not pushed down', async () => {
    const short = 'Mara did not answer.'
    const path = tempPdf(await render(book([p(short), p(long)]), 3))
    expect(Math.max(...sizes(path))).toBeLessThan(25)
    const text = tool('pdftotext', [path, '-'])
    expect(text).toContain('Mara did not answer.')
    // Two lines against a two-line cap: the cap stays.
    const two = `${long.slice(0, 120)}.`
    const capped = tempPdf(await render(book([p(two)]), 2))
    expect(Math.max(...sizes(capped))).toBeGreaterThan(20)
  })
})
