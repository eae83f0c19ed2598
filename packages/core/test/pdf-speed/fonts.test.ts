/**
 * Loading the faces, counted: a built-in face is checked from its character map and advances;
 * its layout tables (GSUB, GPOS) are decoded only when it shapes text, so the faces a book never
 * sets a word in (the fallback family, in most books; bold italic and code, in many) cost no
 * decoding. The faces' files are all asked for before the first is read.
 */
import { expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { builtinFont } from '../../src/platform/node.js'
import { builtinFontFile, loadFonts, parseFont } from '../../src/renderers/pdf/fonts.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { em, oneChapterBook, p } from '../pdf/helpers.js'

/** The tables fontkit has decoded for a face (its cache of them). */
function decoded(font: object): string[] {
  return Object.keys((font as { _tables: Record<string, unknown> })._tables)
}

test('a built-in face is checked without decoding its layout tables; shaping decodes them', async () => {
  const bytes = await builtinFont(builtinFontFile('eb-garamond', 'italic'))
  const font = parseFont(bytes!)!
  expect(font).toBeDefined()
  expect(decoded(font)).not.toContain('GSUB')
  expect(decoded(font)).not.toContain('GPOS')
  font.layout('Ag')
  expect(decoded(font)).toEqual(expect.arrayContaining(['GSUB', 'GPOS']))
  // Not a font: still refused.
  expect(parseFont(new Uint8Array(bytes!.subarray(0, 4000)))).toBeUndefined()
})

test('a book set in the book face decodes the layout tables of no fallback face', async () => {
  const fonts = await loadFonts('literata', createMemoryEnv({}))
  const tree = oneChapterBook([
    p('The wind came round to the north-east in the small hours, and the glass was furred with salt.'),
  ])
  for await (const _ of renderPdf(tree, { halfTitle: false, toc: false }, createMemoryEnv({})));
  expect(decoded(fonts.primary.regular.font)).toContain('GPOS')
  for (const face of Object.values(fonts.fallback)) expect(decoded(face.font)).not.toContain('GSUB')
})

test('a book that sets no word in bold italic or in code decodes neither face', async () => {
  const fonts = await loadFonts('source-serif-4', createMemoryEnv({}))
  const tree = oneChapterBook([
    p('The lamp was lit at dusk, ', em('as always'), ', and the glass was clean.'),
  ])
  for await (const _ of renderPdf(
    tree,
    { font: 'source-serif-4', halfTitle: false, toc: false },
    createMemoryEnv({}),
  ));
  expect(decoded(fonts.primary.regular.font)).toContain('GPOS')
  expect(decoded(fonts.primary.italic.font)).toContain('GPOS')
  expect(decoded(fonts.primary.boldItalic.font)).not.toContain('GSUB')
  expect(decoded(fonts.primary.mono.font)).not.toContain('GSUB')
})

test('every face file is asked for before the first is read', async () => {
  // A family no test of this file has loaded (faces are parsed once per process).
  const asked: Array<{ file: string; readBefore: number }> = []
  let read = 0
  const env = createMemoryEnv(
    {},
    {
      assets: {
        font: async (file: string) => {
          asked.push({ file, readBefore: read })
          const bytes = await builtinFont(file)
          read++
          return bytes
        },
      },
    },
  )
  const fonts = await loadFonts('crimson-pro', env)
  expect(fonts.primary.bold.font.postscriptName).toMatch(/Crimson/)
  // At least the four Crimson Pro styles (its fallback, EB Garamond, and the monospace face were
  // loaded by the tests above).
  expect(asked.length).toBeGreaterThanOrEqual(4)
  expect(new Set(asked.map((a) => a.file)).size).toBe(asked.length)
  for (const a of asked) expect(a.readBefore, a.file).toBe(0)
})
