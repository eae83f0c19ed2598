/**
 * What a print shop would send back, caught as warnings: a figure below 300 pixels per inch (or
 * above 600) at the size it prints, naming the image; and a character of the PDF's own pages
 * (half title, title page, running heads, contents) that no face can show, which used to print
 * as an empty box without a word.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { picture, sampleBook } from './helpers.js'

async function messages(tree: Root, files: Record<string, Uint8Array> = {}) {
  const env = createMemoryEnv(files, { file: new SourceFile('') })
  for await (const _ of renderPdf(tree, {}, env));
  return env.file.messages
}

describe('print checks', () => {
  test('a figure printed below 300 pixels per inch is a warning naming it and its resolution', async () => {
    // 600 px wide: 2 in at 300 ppi, enlarged to half the 4.5 in text block.
    const out = await messages(sampleBook({ url: 'images/tower.png' }), { 'images/tower.png': picture() })
    const ppi = out.filter((m) => m.code === 'pdf-image-resolution')
    expect(ppi).toHaveLength(1)
    expect(ppi[0]!.message).toContain(
      '"images/tower.png" prints at 267 pixels per inch (600 px across 2.25 in)',
    )
    expect(ppi[0]!.level).toBe('warning')
  })

  test('an emoji or Ethiopic title is a warning naming the character and the page, not a silent box', async () => {
    const tree = sampleBook()
    tree.metadata.title = 'The Lighthouse 🌊'
    tree.metadata.authors = [{ name: 'ሀይሌ' }, { name: '灯台守' }]
    const out = await messages(tree)
    const generated = out.filter((m) => m.code === 'pdf-generated-glyph').map((m) => m.message)
    expect(generated.some((m) => m.includes('U+1F30A') && m.includes('book title'))).toBe(true)
    expect(generated.some((m) => m.includes('U+1200') && m.includes('author'))).toBe(true)
    // CJK is set in Noto Serif CJK, on generated pages too.
    expect(generated.some((m) => m.includes('U+706F'))).toBe(false)
    // Once per character.
    expect(new Set(generated).size).toBe(generated.length)
  })

  test('a book whose generated text the faces show, and a 1,200 px figure, get no such warning', async () => {
    const out = await messages(sampleBook({ url: 'images/tower.png' }), { 'images/tower.png': picture(1200) })
    expect(out.filter((m) => m.code === 'pdf-generated-glyph' || m.code === 'pdf-image-resolution')).toEqual(
      [],
    )
  })
})
