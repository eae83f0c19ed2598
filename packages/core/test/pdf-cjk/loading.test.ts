/**
 * When the CJK faces are read: never for a book without CJK text, only the regions a book needs
 * otherwise (each face is 8 to 15 MB). Parsed faces are kept for the process, so this file has a
 * process of its own (vitest runs each file apart) and its first book is the Latin one.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { type Assets, createMemoryEnv } from '../../src/env.js'
import { createBook } from '../../src/index.js'
import type { Root } from '../../src/model/types.js'
import { loadFonts } from '../../src/renderers/pdf/fonts.js'
import { CJK, FontMeasurer } from '../../src/renderers/pdf/measure.js'

/** Every face request an env makes through `assets.font` (Node then reads node_modules). */
function recorder(): { assets: Assets; requests: string[] } {
  const requests: string[] = []
  return { requests, assets: { font: (file) => void requests.push(file) } }
}

async function tree(markdown: string, language: string): Promise<Root> {
  const { book } = await createBook({
    metadata: { title: 'Test', author: 'Octavo', language },
    chapters: [{ markdown, file: 'one.md' }],
  })
  return book!.tree as Root
}

describe('loading the CJK faces', () => {
  it('a Latin book reads none; a Korean one reads KR, regular and bold, and nothing else', async () => {
    const seen = recorder()
    const env = createMemoryEnv({}, { file: new SourceFile(''), assets: seen.assets })
    const latin = await tree('# One\n\nOnly Latin text, with café, Σοφία and Москва.\n', 'en')
    const fonts = await loadFonts('literata', env, { tree: latin, language: 'en' })
    expect(fonts.cjk).toEqual([])
    // The book faces were asked for (so the recorder sees requests), the CJK ones were not.
    expect(seen.requests.length).toBeGreaterThan(0)
    expect(seen.requests.filter((f) => f.startsWith('noto-serif-'))).toEqual([])

    const korean = await tree('# 하나\n\n모든 인간은 태어날 때부터 자유롭다.\n', 'ko')
    const more = await loadFonts('literata', env, { tree: korean, language: 'ko' })
    expect(seen.requests.filter((f) => f.startsWith('noto-serif-'))).toEqual([
      'noto-serif-kr/400Regular/NotoSerifKR_400Regular.ttf',
      'noto-serif-kr/700Bold/NotoSerifKR_700Bold.ttf',
    ])
    expect(more.cjk.map((set) => set.regular.font.postscriptName)).toEqual(['NotoSerifKR-Regular'])
    expect(more.cjk[0]!.bold.font.postscriptName).toBe('NotoSerifKR-Bold')
    // CJK has no italic: italic is the upright face, bold italic the bold.
    expect(more.cjk[0]!.italic).toBe(more.cjk[0]!.regular)
    expect(more.cjk[0]!.boldItalic).toBe(more.cjk[0]!.bold)
    const measurer = new FontMeasurer(more, 'ko')
    expect(measurer.cover('모'.codePointAt(0)!, 'regular')).toBe(CJK)
    expect(measurer.cover('모'.codePointAt(0)!, 'italic')).toBe(CJK)
    expect(measurer.cover('a'.codePointAt(0)!, 'regular')).toBe(1)
    expect(measurer.segments('Kim 김민수.', 'regular').map((s) => s.face.font.postscriptName)).toEqual([
      'Literata-Regular',
      'NotoSerifKR-Regular',
      'Literata-Regular',
    ])
  })

  it('a Japanese name without kana in an English book reads SC only; Hangul then reads KR too', async () => {
    const seen = recorder()
    const env = createMemoryEnv({}, { file: new SourceFile(''), assets: seen.assets })
    const names = await tree('# One\n\nThen 美咲 left, and 김민수 stayed.\n', 'en')
    const fonts = await loadFonts('literata', env, { tree: names, language: 'en' })
    expect(fonts.cjk.map((set) => set.regular.font.postscriptName)).toEqual([
      'NotoSerifSC-Regular',
      'NotoSerifKR-Regular',
    ])
    // KR was read by the test before (parsed faces are kept): only SC is asked for here.
    expect(seen.requests.filter((f) => f.startsWith('noto-serif-'))).toEqual([
      'noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
      'noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
    ])
  })
})
