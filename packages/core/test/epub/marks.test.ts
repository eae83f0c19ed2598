/**
 * Tables and the author's marks end to end in the EPUB: an HTML chapter holding every one of
 * them (captions, head rows, row headers, spans, alignment, a footnote in a cell, struck,
 * underlined, sub- and superscript text) read by the HTML reader and rendered, then checked by
 * EPUBCheck (no errors, no warnings) and Ace by DAISY (no violations). Each checker skips, saying
 * what to install, when it is missing.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Chapter, Root } from '../../src/model/types.js'
import { htmlReader } from '../../src/readers/html.js'
import { epubRenderer } from '../../src/renderers/epub/index.js'
import { footnoteNumbers } from '../../src/transforms/footnotes.js'
import { ids } from '../../src/transforms/ids.js'
import { locate, need } from '../tools.js'
import { aceViolations, book, epubcheck, summarise, tempFile, unzipText } from './helpers.js'

const _run = promisify(execFile)
const FIXTURE = path.join(import.meta.dirname, '../fixtures/readers-html/tables-and-marks/input.html')

async function marksBook(): Promise<{ bytes: Uint8Array; messages: SourceFile['messages'] }> {
  const source = new SourceFile('chapters/03-ledger.html')
  const read = htmlReader.read(readFileSync(FIXTURE), source, { language: 'en' })
  const chapters = read.children.filter((c): c is Chapter => c.type === 'chapter')
  const tree: Root = book(chapters)
  const file = new SourceFile('')
  await ids()(tree, file)
  await footnoteNumbers()(tree, file)
  const bytes = await epubRenderer.render(
    tree,
    {},
    createMemoryEnv({}, { date: new Date(Date.UTC(2026, 0, 1)), file }),
  )
  return { bytes, messages: file.messages }
}

describe('tables and marks in the EPUB', () => {
  it('writes them as XHTML the stylesheet rules', async () => {
    const { bytes, messages } = await marksBook()
    expect(messages).toEqual([])
    const files = unzipText(bytes)
    const chapter = Object.entries(files).find(
      ([name]) => name.endsWith('.xhtml') && files[name]!.includes('<table'),
    )
    expect(chapter).toBeDefined()
    const xhtml = chapter![1]
    expect(xhtml).toContain('<caption>Accounts for <em>1899</em></caption>')
    expect(xhtml).toContain('<th scope="col" class="align-right">Spring</th>')
    expect(xhtml).toContain('<th scope="row" rowspan="2">Rent</th>')
    expect(xhtml).toMatch(
      /<td rowspan="2" class="align-center">4<sup class="noteref"><a [^>]*epub:type="noteref"/,
    )
    expect(xhtml).toContain('<s>I love you</s>')
    expect(xhtml).toContain('<u>added</u>')
    expect(xhtml).toContain('H<sub>2</sub>O')
    const css = Object.entries(files).find(([name]) => name.endsWith('.css'))![1]
    expect(css).toContain('div.table-wrap')
  })

  it('passes EPUBCheck with no errors and no warnings', async () => {
    need('epubcheck')
    const { bytes } = await marksBook()
    expect(summarise(await epubcheck(tempFile('marks.epub', bytes)))).toEqual([])
  })

  it('passes Ace by DAISY with no violations', async () => {
    need('ace')
    const { bytes } = await marksBook()
    const epub = tempFile('marks-ace.epub', bytes)
    expect(await aceViolations(epub, locate('ace')!, locate('chromium')!)).toEqual([])
  }, 180_000)
})
