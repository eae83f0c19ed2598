/**
 * The named destinations (each chapter's and part's: the contents' links and the bookmarks go to
 * them) are a name tree, whose keys are in the order of their bytes (ISO 32000-1, 7.9.6), the
 * order a reader searches them in. Checked on the PDF itself (through qpdf's JSON), and every
 * bookmark's named destination resolved to its page by qpdf.
 */
import { describe, expect, test } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Chapter, Root } from '../../src/model/types.js'
import { byteOrder } from '../../src/renderers/pdf/document.js'
import { renderPdf } from '../../src/renderers/pdf/index.js'
import { chapterOf, metadata, p, tempPdf, tool } from './helpers.js'

async function pdfOf(tree: Root): Promise<string> {
  const env = createMemoryEnv({}, { file: new SourceFile('') })
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, { toc: true }, env)) chunks.push(chunk)
  return tempPdf(new Uint8Array(Buffer.concat(chunks)))
}

/** Ids that sort apart by language and by bytes: case, an underscore, a non-ASCII id (and a duplicate). */
const IDS = ['Zebra', 'apple', '_Toc12', 'chapter-1', 'chapter-1', 'chapter-10', 'Ça', '__proto__', 'Ab']

function book(): Root {
  const chapters: Chapter[] = IDS.map((id, i) =>
    chapterOf(i + 1, `Chapter ${i + 1}`, [p(`The ${i + 1} chapter, whose id is “${id}”.`)], { id }),
  )
  return { type: 'root', metadata: metadata({ dedication: undefined }), children: chapters }
}

type Json = { qpdf: [unknown, Record<string, { value?: unknown }>] }

/**
 * A PDF string of qpdf's JSON (`u:` text, `b:` hex bytes) as the bytes pdfkit wrote: ASCII as
 * itself, other text as UTF-16BE after FE FF.
 */
function bytesOf(s: string): Buffer {
  if (s.startsWith('b:')) return Buffer.from(s.slice(2), 'hex')
  const text = s.slice(2)
  if (/^[\x00-\x7f]*$/.test(text)) return Buffer.from(text, 'latin1')
  return Buffer.from(`\ufeff${text}`, 'utf16le').swap16()
}

describe('named destinations', () => {
  test('byteOrder orders keys as the bytes pdfkit writes for them', () => {
    const keys = ['b', 'B', 'a_', 'a0', 'é', 'z', 'Ω', 'é2']
    const sorted = [...keys].sort(byteOrder)
    expect(sorted).toEqual(['B', 'a0', 'a_', 'b', 'z', 'é', 'é2', 'Ω'])
  })

  test('the name tree lists every chapter in byte order, and every bookmark finds its page', async () => {
    const path = await pdfOf(book())
    const json = JSON.parse(tool('qpdf', ['--json=2', '--json-key=qpdf', path])) as Json
    const objects = json.qpdf[1]
    const catalog = Object.values(objects).find(
      (o) => (o.value as { '/Type'?: string } | undefined)?.['/Type'] === '/Catalog',
    )!.value as { '/Names': string | { '/Dests': string } }
    const deref = (v: unknown) => (typeof v === 'string' && v.endsWith(' R') ? objects[`obj:${v}`]!.value : v)
    const names = deref(catalog['/Names']) as { '/Dests': unknown }
    const dests = deref(names['/Dests']) as { '/Names': string[] }
    const keys = dests['/Names'].filter((_, i) => i % 2 === 0).map((k) => bytesOf(k as string))
    // Every chapter has its destination (the second "chapter-1" one of its own; `__proto__` too).
    expect(keys.length).toBeGreaterThanOrEqual(IDS.length)
    for (let i = 1; i < keys.length; i++) expect(Buffer.compare(keys[i - 1]!, keys[i]!)).toBe(-1)
    expect(keys.map((k) => k.toString('latin1'))).toEqual(
      expect.arrayContaining(['Ab', 'Zebra', '_Toc12', '__proto__', 'apple', 'chapter-1', 'chapter-10']),
    )
    // The non-ASCII id last, in UTF-16BE.
    expect(keys.at(-1)).toEqual(Buffer.from('\ufeffÇa', 'utf16le').swap16())

    // qpdf resolves each bookmark's named destination to its page.
    const outlines = JSON.parse(tool('qpdf', ['--json', '--json-key=outlines', path])).outlines as Array<{
      title: string
      destpageposfrom1: number | null
    }>
    const chapters = outlines.filter((o) => /^Chapter \d+/.test(o.title) || /^\d+/.test(o.title))
    expect(chapters.length).toBe(IDS.length)
    for (const o of chapters) expect(o.destpageposfrom1, o.title).toBeGreaterThan(0)
  })
})
