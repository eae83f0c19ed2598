/**
 * Layout a publisher's EPUB gives by class alone (`readers/shared/class-layout.ts`): Sigil's and
 * InDesign's books write quotations as `<p class="extract">` or `<div class="blockquote">` with a
 * left margin, scene breaks as `<div class="space"></div>` or a paragraph opening with a blank
 * line (`p.space`), centred lines by `p.centered`, and poems as lines with a hanging indent. They
 * are read as quotations, scene breaks, alignment and verse, judged against the book's own body
 * paragraphs; a book whose paragraphs are all alike reads exactly as it did without its sheet.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Part } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { render } from '../../src/pipeline/render.js'
import { readEpub } from '../../src/readers/epub/index.js'
import { epubcheck, summarise } from '../epub/helpers.js'
import { need } from '../tools.js'
import { type HandDocument, packagedEpub, readEpubBook } from './helpers.js'

/** A Sigil-style sheet: indented body paragraphs, and classes for everything else. */
const SIGIL_CSS = `@charset "utf-8";
/* Sigil's template, as a small press fills it in */
body { margin: 0 2%; font-family: serif; }
p { margin: 0; text-indent: 1.2em; text-align: justify; line-height: 1.3; }
p.indent { text-indent: 1.2em; }
p.noindent, p.first { text-indent: 0; }
p.centered { text-align: center; text-indent: 0; }
p.space { margin-top: 1.5em; text-indent: 0; }
p.spacer { margin: 0; height: 1.5em; }
div.space { height: 2em; }
h2.chapter { text-align: center; margin: 3em 0 2em; font-size: 1.4em; }
div.blockquote { margin: 1em 2.5em; }
div.blockquote p { text-indent: 0; margin-bottom: 0.5em; }
.letter p.sign { text-align: right; }
.extract { margin: 0 0 0 2em; text-indent: 0; font-size: 0.95em; }
p.extract-last { margin: 0 0 1em 2em; text-indent: 0; }
div.poem { margin: 1em 0 1em 3em; }
div.poem p { margin: 0 0 0 1.5em; text-indent: -1.5em; text-align: left; }
p.stanza-break { height: 1em; margin: 0; }
@media amzn-kf8 { .extract { margin-left: 0; } }
@media print { p.ornament { text-align: center; } }
`

const page = (title: string, body: string) =>
  `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head>
  <title>${title}</title>
  <link href="../Styles/style.css" rel="stylesheet" type="text/css"/>
</head>
<body>
${body}
</body>
</html>`

const prose = (n: number, from = 1) =>
  Array.from(
    { length: n },
    (_, i) =>
      `  <p class="indent">Paragraph ${from + i} of the body runs on as body paragraphs do, a sentence or two of plain prose set in the book's own measure.</p>`,
  ).join('\n')

const CHAPTER_ONE = page(
  'Chapter One',
  `  <h2 class="chapter">Chapter One</h2>
  <p class="first">The morning the letter came, the orchard was white with frost.</p>
${prose(3)}
  <p class="extract">“Of all the trees in the valley,” the old almanac said,</p>
  <p class="extract">“the glass apple alone bears in winter.”</p>
  <p class="noindent">She closed the book and went out.</p>
${prose(2, 4)}
  <div class="space"></div>
  <p class="noindent">By noon the frost had gone.</p>
${prose(2, 6)}
  <p class="space">Three days later the rain began.</p>
${prose(2, 8)}`,
)

const CHAPTER_TWO = page(
  'Chapter Two',
  `  <h2 class="chapter">Chapter Two</h2>
  <p class="first">The letter was short.</p>
  <div class="blockquote letter">
    <p>Dear Ada,</p>
    <p>Come before the thaw, or do not come at all.</p>
    <p class="sign">Your brother</p>
  </div>
${prose(2, 10)}
  <div class="poem">
    <p>The glass tree bends,</p>
    <p>the glass tree sings,</p>
    <p class="stanza-break">&#160;</p>
    <p>and all the winter</p>
    <p>rings and rings.</p>
  </div>
${prose(3, 12)}
  <p class="centered">The End</p>`,
)

/** Only body paragraphs, some opening a scene: what must read as it did without the sheet. */
const CHAPTER_THREE = page(
  'Chapter Three',
  `  <h2 class="chapter">Chapter Three</h2>
  <p class="first">Nothing else happened.</p>
${prose(6, 20)}`,
)

function book(css: string | undefined, chapters = [CHAPTER_ONE, CHAPTER_TWO, CHAPTER_THREE]): Uint8Array {
  const documents: HandDocument[] = chapters.map((content, i) => ({
    href: `Text/chapter${i + 1}.xhtml`,
    content,
  }))
  if (css !== undefined) documents.push({ href: 'Styles/style.css', content: css, mediaType: 'text/css' })
  return packagedEpub(documents, { metadata: '<dc:creator>Ada Quill</dc:creator>' })
}

function read(bytes: Uint8Array): Chapter[] {
  const file = new SourceFile('novel.epub')
  const { children } = readEpub(bytes, file, { language: 'en' })
  return children.flatMap((c) => (c.type === 'part' ? (c as Part).children : [c as Chapter]))
}

/** Blocks as short strings: `p: words…`, `quote[…]`, `break`, `verse[line|line]`. */
function shape(blocks: readonly BlockContent[]): string[] {
  return blocks.map((b) => {
    switch (b.type) {
      case 'paragraph': {
        const words = toText(b.children).trim().split(/\s+/)
        return `${b.align ? `${b.align}:` : 'p:'} ${words.slice(0, 4).join(' ')}${words.length > 4 ? '…' : ''}`
      }
      case 'blockquote':
        return `quote[${shape(b.children).join(' / ')}]`
      case 'verse':
        return `verse[${b.children.map((l) => toText(l.children)).join(' | ')}]`
      case 'sceneBreak':
        return `break ${b.marker ?? ''}`.trim()
      default:
        return b.type
    }
  })
}

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))

describe('layout by class in a publisher’s EPUB', () => {
  const chapters = read(book(SIGIL_CSS))

  it('reads an indented extract as one quotation, and a blank space and a spaced paragraph as scene breaks', () => {
    expect(shape(chapters[0]!.children)).toEqual([
      'p: The morning the letter…',
      'p: Paragraph 1 of the…',
      'p: Paragraph 2 of the…',
      'p: Paragraph 3 of the…',
      'quote[p: “Of all the trees… / p: “the glass apple alone…]',
      'p: She closed the book…',
      'p: Paragraph 4 of the…',
      'p: Paragraph 5 of the…',
      'break (blank)',
      'p: By noon the frost…',
      'p: Paragraph 6 of the…',
      'p: Paragraph 7 of the…',
      'break (blank)',
      'p: Three days later the…',
      'p: Paragraph 8 of the…',
      'p: Paragraph 9 of the…',
    ])
  })

  it('reads a letter in an indented div as a quotation, its signature right-aligned, and a poem as verse in stanzas', () => {
    expect(shape(chapters[1]!.children)).toEqual([
      'p: The letter was short.',
      'quote[p: Dear Ada, / p: Come before the thaw,… / right: Your brother]',
      'p: Paragraph 10 of the…',
      'p: Paragraph 11 of the…',
      'verse[The glass tree bends, | the glass tree sings,]',
      'verse[and all the winter | rings and rings.]',
      'p: Paragraph 12 of the…',
      'p: Paragraph 13 of the…',
      'p: Paragraph 14 of the…',
      'center: The End',
    ])
  })

  it('reads body paragraphs exactly as without the sheet', () => {
    const bare = read(book(undefined))
    expect(strip(chapters[2])).toEqual(strip(bare[2]))
    // Without its sheet the book has none of it: the markup says nothing.
    expect(shape(bare[0]!.children)).not.toContain('break (blank)')
    expect(shape(bare[1]!.children).some((s) => s.startsWith('quote') || s.startsWith('verse'))).toBe(false)
  })

  it('a whole book built from it passes EPUBCheck', async () => {
    const { book: built, codes } = await readEpubBook(book(SIGIL_CSS))
    expect(codes).not.toContain('book-scene-break-edge')
    const bytes = await render(built, 'epub')
    need('epubcheck')
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'octavo-class-layout-')), 'book.epub')
    writeFileSync(file, bytes)
    expect(summarise(await epubcheck(file))).toEqual([])
  })
})

describe('what is not layout', () => {
  const bareAndStyled = (css: string, chapters: string[]): [Chapter[], Chapter[]] => [
    read(book(undefined, chapters)),
    read(book(css, chapters)),
  ]

  it('block paragraphs spaced by class, on every paragraph or on many, are no scene breaks', () => {
    const css = `p { margin: 0 0 1em; text-indent: 0 } p.para { margin-top: 1.5em } p.txt { margin-top: 2.5em }`
    const body = Array.from(
      { length: 12 },
      (_, i) =>
        `<p class="${i % 3 === 0 ? 'txt' : 'para'}">A paragraph, number ${i + 1}, of a book set in blocks.</p>`,
    ).join('')
    const [bare, styled] = bareAndStyled(css, [page('One', `<h2>One</h2>${body}`)])
    expect(strip(styled)).toEqual(strip(bare))
  })

  it('a chapter that is all one indented letter, or a chapter wrapped in an indented div, is its body', () => {
    const css = `p { margin: 0; text-indent: 1em } .extract { margin-left: 2em } div.text { margin: 0 6% }`
    const letter = page(
      'Two',
      `<h2>Two</h2>${Array.from({ length: 5 }, (_, i) => `<p class="extract">Line ${i + 1} of the letter, which is all the chapter is.</p>`).join('')}`,
    )
    const wrapped = page(
      'Three',
      `<h2>Three</h2><div class="text">${Array.from({ length: 5 }, (_, i) => `<p>Paragraph ${i + 1} of a chapter set narrower.</p>`).join('')}</div>`,
    )
    const [bare, styled] = bareAndStyled(css, [CHAPTER_THREE, letter, wrapped])
    expect(strip(styled)).toEqual(strip(bare))
  })

  it('a bibliography’s hanging indent, with long entries, is no verse and no quotation', () => {
    const css = `p { margin: 0; text-indent: 1.2em } p.bib { margin-left: 2em; text-indent: -2em }`
    const entries = Array.from(
      { length: 4 },
      (_, i) =>
        `<p class="bib">Quill, Ada. <i>The Glass Orchard, Volume ${i + 1}</i>. Second edition, revised and enlarged with a new preface. Quill Press, 2024.</p>`,
    ).join('')
    const [bare, styled] = bareAndStyled(css, [CHAPTER_THREE, page('Sources', `<h2>Sources</h2>${entries}`)])
    expect(strip(styled)).toEqual(strip(bare))
  })

  it('calibre’s class on every paragraph, one empty one among them, is no scene break', () => {
    const css = `.calibre { display: block; font-size: 1em; padding: 0; margin: 0 5pt }
      .calibre1 { display: block; margin: 0 0 1em; text-indent: 0 }`
    const body = `<div class="calibre"><p class="calibre1">Before the gap.</p><p class="calibre1">&#160;</p><p class="calibre1">After the gap.</p>${Array.from({ length: 4 }, (_, i) => `<p class="calibre1">More text ${i}.</p>`).join('')}</div>`
    const [bare, styled] = bareAndStyled(css, [page('One', `<h2>One</h2>${body}`)])
    expect(strip(styled)).toEqual(strip(bare))
    expect(shape(styled[0]!.children)).not.toContain('break (blank)')
  })

  it('reads selectors it can judge only: ids, attributes and sibling combinators are left alone', () => {
    const css = `p { margin: 0 } #c1 p.x, p[lang] , h2 + p, p:first-child { margin-left: 3em; text-align: center }
      .x { margin-left: 0 !important } div.note > p.x { margin-left: 4em }`
    const body = `<h2>One</h2><p class="x">First.</p><p lang="fr">Deux.</p>${prose(4)}`
    const [bare, styled] = bareAndStyled(css, [`${page('One', body)}`.replace('<body>', '<body id="c1">')])
    expect(strip(styled)).toEqual(strip(bare))
  })
})

describe('Octavo’s own EPUB', () => {
  it('reads its verse back as verse, its quotation as one', async () => {
    const { createBook } = await import('../../src/pipeline/book.js')
    const { book: made } = await createBook({
      metadata: { title: 'Round', author: 'Ada Quill', language: 'en' },
      chapters: [
        {
          markdown:
            '# One\n\nBefore.\n\n| The glass tree bends,\n| the glass tree sings.\n\nBetween.\n\n> Quoted words.\n>\n> More of them.\n\nAfter.',
        },
      ],
    })
    const chapters = read(await render(made!, 'epub'))
    expect(shape(chapters[0]!.children)).toEqual([
      'p: Before.',
      'verse[The glass tree bends, | the glass tree sings.]',
      'p: Between.',
      'quote[p: Quoted words. / p: More of them.]',
      'p: After.',
    ])
  })
})

describe('a hostile sheet', () => {
  it('costs bounded work: 20,000 descendant rules over 5,000 nested blocks', () => {
    const css = Array.from(
      { length: 20_000 },
      (_, i) => `.a${i % 7} div, * p.b${i} { margin-left: ${i % 5}em }`,
    ).join('\n')
    const nested = `${'<div class="a1">'.repeat(5_000)}<p>Deep.</p>${'</div>'.repeat(5_000)}`
    const started = performance.now()
    const chapters = read(book(css, [page('One', `<h2>One</h2><p>Top.</p>${nested}<p>After.</p>`)]))
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(chapters[0]!.children.length).toBeGreaterThan(0)
  })
})
