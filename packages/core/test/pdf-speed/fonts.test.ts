/**
 * Loading the faces, counted: a built-in face is checked from its character map and advances;
 * its layout tables (GSUB, GPOS) are decoded only when it shapes text, so the faces a book never
 * sets a word in (the fallback family, in most books) cost no decoding.
 */
import { expect, test } from 'vitest'
import { createMemoryEnv } from '../../src/env.js'
import { builtinFont } from '../../src/platform/node.js'
import { builtinFontFile, loadFonts, parseFont } from '../../src/renderers/pdf/fonts.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { oneChapterBook, p } from '../pdf/helpers.js'

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
