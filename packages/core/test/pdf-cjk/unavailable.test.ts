/**
 * The CJK faces are optional packages (`npm install --omit=optional` leaves them out): without
 * them a book whose text is CJK gets no PDF, with one error naming the package to install, and
 * its EPUB is still made; a book with a few CJK names is printed with a warning for each.
 */
import { describe, expect, it, vi } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import { createBook, diagnosticsOf, render } from '../../src/index.js'
import { renderPrintCover } from '../../src/renderers/pdf/print-cover/render.js'
import { metadata } from '../pdf/helpers.js'

// This build has every face but the CJK ones.
vi.mock('#platform', async (original) => {
  const platform = await original<typeof import('#platform')>()
  return {
    ...platform,
    builtinFont: async (file: string) =>
      file.startsWith('noto-serif-') ? undefined : platform.builtinFont(file),
  }
})

async function book(markdown: string, language: string) {
  const { book } = await createBook({
    metadata: { title: 'Test', author: 'Octavo', language },
    chapters: [{ markdown, file: 'one.md' }],
  })
  return book!
}

describe('without the CJK faces', () => {
  it('a Japanese book gets one error naming the package to install, and its EPUB', async () => {
    const text = '吾輩は猫である。名前はまだ無い。どこで生れたかとんと見当がつかぬ。'
    const b = await book(`# 一\n\n${text}\n\n${text}\n`, 'ja')
    await expect(render(b, 'pdf')).rejects.toThrow()
    const errors = diagnosticsOf(b).filter((d) => d.level === 'error')
    expect(errors.map((d) => d.code)).toEqual(['pdf-script-unsupported'])
    expect(errors[0]!.message).toContain('install @expo-google-fonts/noto-serif-jp')
    expect((await render(b, 'epub')).length).toBeGreaterThan(1000)
  })

  it('a few CJK names in an English book are warnings, as before', async () => {
    const b = await book(`# One\n\n${'A plain sentence of English text. '.repeat(30)}Then 美咲 left.\n`, 'en')
    expect((await render(b, 'pdf')).length).toBeGreaterThan(1000)
    const missing = diagnosticsOf(b).filter((d) => d.code === 'pdf-missing-glyph')
    expect(missing.map((d) => d.message).join(' ')).toMatch(/美.*咲/)
  })

  it('a print cover with a Japanese title is refused with one error naming the package', async () => {
    const env = createMemoryEnv({}, { file: new SourceFile('') })
    const tree = { type: 'root', metadata: metadata({ title: '吾輩は猫である' }), children: [] } as never
    await expect(renderPrintCover(tree, { pages: 200 }, env)).rejects.toThrow()
    const errors = env.file.messages.filter((m) => m.level === 'error')
    expect(errors.map((m) => m.code)).toEqual(['print-cover-script-unsupported'])
    expect(errors[0]!.message).toContain('install @expo-google-fonts/noto-serif-jp')
    expect(errors[0]!.message).toContain('吾輩は猫である')
  })
})
