/**
 * The kepub: the EPUB's book with Kobo's markup in each content document and nothing else
 * changed (the package, navigation, stylesheet, pictures and cover page are the EPUB's bytes),
 * every word of the text in a span, valid for EPUBCheck, written as `.kepub.epub`, and set by the
 * book's `epub:` options with `kepub:` over them.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { getRenderer } from '../../src/renderers/index.js'
import { koboSpans } from '../../src/renderers/kepub/spans.js'
import {
  epubcheck,
  hasEpubcheck,
  richFiles,
  richTree,
  summarise,
  tempFile,
  unzipText,
} from '../epub/helpers.js'

const DATE = new Date(Date.UTC(2026, 0, 1))

async function build(format: 'epub' | 'kepub', tree: Root, options = {}) {
  const renderer = getRenderer(format)!
  const file = new SourceFile('')
  return renderer.render(tree, options, createMemoryEnv(await richFiles(), { date: DATE, file }))
}

/** A document's body text, tags and Kobo's markup aside. */
function bodyText(xhtml: string): string {
  const body = xhtml.slice(xhtml.indexOf('<body'), xhtml.lastIndexOf('</body>'))
  return body.replace(/<[^>]*>/g, '')
}

describe('the kepub', () => {
  test('is the EPUB with Kobo’s spans in its content documents, and nothing else changed', async () => {
    const epub = unzipText(await build('epub', richTree()))
    const kepub = unzipText(await build('kepub', richTree()))
    expect(Object.keys(kepub)).toEqual(Object.keys(epub))
    let spanned = 0
    for (const [name, text] of Object.entries(kepub)) {
      const content = name.startsWith('OEBPS/text/') && name.endsWith('.xhtml')
      if (!content) {
        expect(text, name).toBe(epub[name])
        continue
      }
      expect(text, name).toBe(koboSpans(epub[name]!))
      if (text === epub[name]) continue
      spanned++
      // The same words, and every one of them inside a span.
      expect(bodyText(text)).toBe(bodyText(epub[name]!))
      const unspanned = text
        .slice(text.indexOf('<body'))
        .replace(/<span class="koboSpan" id="kobo\.\d+\.\d+">[^<]*<\/span>/g, '')
        .replace(/<[^>]*>/g, '')
      expect(unspanned.trim(), name).toBe('')
      const ids = [...text.matchAll(/id="(kobo\.\d+\.\d+)"/g)].map((m) => m[1])
      expect(new Set(ids).size, name).toBe(ids.length)
    }
    expect(spanned).toBeGreaterThan(2)
  })

  test('takes the book’s epub: options, its own kepub: over them', async () => {
    const renderer = getRenderer('kepub')!
    expect(renderer.extension).toBe('.kepub.epub')
    expect(renderer.basedOn).toBe('epub')
    const withToc = unzipText(await build('kepub', richTree()))
    const without = unzipText(await build('kepub', richTree(), { toc: false }))
    expect(withToc['OEBPS/content.opf']).toContain('idref="nav"')
    expect(without['OEBPS/content.opf']).not.toContain('idref="nav"')
  })

  test.skipIf(!hasEpubcheck())('passes EPUBCheck with no error and no warning', async () => {
    const path = tempFile('book.epub', await build('kepub', richTree()))
    expect(summarise(await epubcheck(path))).toEqual([])
  })
})
