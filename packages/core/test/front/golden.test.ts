/**
 * Golden front and back pages, English and French, both formats: the EPUB's generated XHTML
 * pages and the PDF's text (`pdftotext -layout`) under `fixtures/front/<lang>/`. Regenerate with
 * UPDATE_FIXTURES=1, review the diff, and look at the PDF pages
 * (`pdftoppm -png -r 60 book.pdf page`) before committing. Also EPUBCheck on a book with every
 * page: 0 errors, 0 warnings.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { render } from '../../src/index.js'
import { epubcheck, hasEpubcheck, summarise, tempFile, unzipText } from '../epub/helpers.js'
import { tempPdf } from '../pdf/helpers.js'
import { englishBook, frenchBook, make } from './books.js'

const root = path.resolve(import.meta.dirname, '../fixtures/front')
const update = process.env.UPDATE_FIXTURES === '1'
const hasPdftotext = spawnSync('pdftotext', ['-v']).status === 0
const PAGES = ['titlepage', 'copyright', 'dedication', 'epigraph', 'about-author', 'also-by']

function golden(file: string, actual: string): void {
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(file, actual)
  }
  expect(existsSync(file), `${file} (run with UPDATE_FIXTURES=1)`).toBe(true)
  expect(actual, file).toBe(readFileSync(file, 'utf8'))
}

const books = { en: englishBook, fr: frenchBook }

describe('golden generated pages', () => {
  for (const [lang, options] of Object.entries(books)) {
    it(`${lang}: EPUB pages`, async () => {
      const book = await make(options)
      const epub = unzipText(await render(book, 'epub', { generateCover: false }))
      for (const name of PAGES) {
        const text = epub[`OEBPS/text/${name}.xhtml`]
        expect(text, name).toBeDefined()
        golden(path.join(root, lang, 'epub', `${name}.xhtml`), text!)
      }
    }, 60_000)

    it.skipIf(!hasPdftotext)(
      `${lang}: PDF pages as text (needs poppler-utils)`,
      async () => {
        const book = await make(options)
        const pdf = tempPdf(await render(book, 'pdf'))
        const run = spawnSync('pdftotext', ['-enc', 'UTF-8', '-layout', pdf, '-'], { encoding: 'utf8' })
        // Trailing spaces are layout noise; the words and their order are the golden.
        const text = run.stdout.replace(/[ \t]+$/gm, '')
        golden(path.join(root, lang, 'pdf.txt'), text)
      },
      120_000,
    )
  }

  it.skipIf(!hasEpubcheck())(
    'EPUBCheck passes a book with every page (needs epubcheck)',
    async () => {
      for (const options of Object.values(books)) {
        const book = await make(options)
        const file = tempFile('front.epub', await render(book, 'epub'))
        const messages = (await epubcheck(file)).filter((m) =>
          ['FATAL', 'ERROR', 'WARNING'].includes(m.severity),
        )
        expect(summarise(messages)).toEqual([])
      }
    },
    300_000,
  )
})
