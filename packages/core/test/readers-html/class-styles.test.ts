/**
 * Italics, bold, underline and centring given by class in the document's own style sheet
 * (`readers/shared/class-styles.ts`): a Google Docs export's `<style>`, an EPUB's linked
 * stylesheet.css. The cascade's order decides between classes, an element's own `style` overrides
 * them, at-rules and selectors other than a single class are not read; a word processor's Title
 * and Subtitle paragraphs are the book's title and subtitle, not text.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { epubReader } from '../../src/readers/epub/index.js'
import { htmlReader } from '../../src/readers/html.js'
import { classStyles } from '../../src/readers/shared/class-styles.js'
import { elementAlign, elementHidden, elementMarks } from '../../src/readers/shared/html-marks.js'
import { CONTAINER, handEpub, xhtml } from '../readers-epub/helpers.js'

const strip = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (k, v) => (k === 'position' ? undefined : v)))

describe('class styles', () => {
  it('resolve by the cascade: the later rule wins, the own style over all', () => {
    const sheet = classStyles([
      '@import url(https://example.com/x.css);.a{font-weight:700}.b{font-weight:400;font-style:italic}',
      '/* a comment .c{font-style:italic} */ .c{text-decoration:underline} @media print { .d{font-style:italic} }',
    ])!
    const marks = (cls: string, style?: string) =>
      elementMarks(
        'span',
        [{ name: 'class', value: cls }, ...(style ? [{ name: 'style', value: style }] : [])],
        sheet,
      )
    expect(marks('a')).toEqual(['strong'])
    // `.b` comes after `.a`: its weight wins whatever the attribute's order.
    expect(marks('b a')).toEqual(['emphasis'])
    expect(marks('a', 'font-weight: normal')).toEqual([])
    expect(marks('c')).toEqual(['underline'])
    // Inside an at-rule, and inside a comment: not read.
    expect(marks('d')).toEqual([])
    expect(marks('C A')).toEqual(['strong', 'underline'])
  })

  it('read single classes only, drop !important, and say nothing for a sheet with none', () => {
    const sheet = classStyles([
      'p .x{font-style:italic} .y > .z{font-weight:bold} span.w, .v{font-style:italic !important}',
    ])!
    const marks = (cls: string) => elementMarks('span', [{ name: 'class', value: cls }], sheet)
    expect(marks('x')).toEqual([])
    expect(marks('z')).toEqual([])
    expect(marks('w')).toEqual(['emphasis'])
    expect(marks('v')).toEqual(['emphasis'])
    expect(classStyles(['body { margin: 0 } h1 { font-weight: bold }', ''])).toBeUndefined()
    const centred = classStyles(['.c4{text-align:center}.c2{text-align:left}'])!
    expect(elementAlign('p', [{ name: 'class', value: 'c4' }], centred)).toBe('center')
    expect(elementAlign('p', [{ name: 'class', value: 'c2' }], centred)).toBeNull()
  })

  it('read the font shorthand as Cocoa writes it: italic and bold in it, not a family named so', () => {
    const sheet = classStyles([
      "span.s1 {font: italic 12.0px 'Times New Roman'} span.s2 {font: bold 12.0px Helvetica} span.s3 {font: 12.0px 'Bold Sans'}",
    ])!
    const marks = (cls: string) => elementMarks('span', [{ name: 'class', value: cls }], sheet)
    expect(marks('s1')).toEqual(['emphasis'])
    expect(marks('s2')).toEqual(['strong'])
    expect(marks('s3')).toEqual([])
    expect(elementMarks('span', [{ name: 'style', value: 'font: 600 italic 1em serif' }])).toEqual([
      'emphasis',
      'strong',
    ])
  })

  it("read each property by its whole name: Word's mso-bidi-font-weight is not the weight", () => {
    const marks = (style: string) => elementMarks('span', [{ name: 'style', value: style }])
    expect(marks('mso-bidi-font-weight:bold; mso-bidi-font-style:italic')).toEqual([])
    expect(marks('color:red;font-weight:bold')).toEqual(['strong'])
    expect(marks(' FONT-STYLE : italic ')).toEqual(['emphasis'])
    expect(elementAlign('p', [{ name: 'style', value: 'mso-text-align:center' }])).toBeUndefined()
  })

  it('close a block left open at the end, as CSS does, and stop reading at 20,000 rules', () => {
    const open = classStyles(['.a{font-style:italic'])!
    expect(elementMarks('span', [{ name: 'class', value: 'a' }], open)).toEqual(['emphasis'])
    const many = classStyles([
      Array.from({ length: 100_000 }, (_, i) => `.c${i}{font-style:italic}`).join(''),
    ])!
    const marks = (cls: string) => elementMarks('span', [{ name: 'class', value: cls }], many)
    expect(marks('c5')).toEqual(['emphasis'])
    expect(marks('c19999')).toEqual(['emphasis'])
    expect(marks('c20000')).toEqual([])
  })
})

/** A Google Docs "Download as web page", trimmed: every mark is a class. */
const GOOGLE_DOCS = `<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type"><style type="text/css">@import url(https://themes.googleusercontent.com/fonts/css?kit=x);ol{margin:0;padding:0}.c0{color:#000000;font-weight:400;text-decoration:none;font-style:normal}.c1{font-weight:400;font-style:italic}.c2{padding-top:0pt;text-align:left}.c3{font-weight:700}.c4{text-align:center}.c6{text-decoration:underline}.title{font-size:26pt}.subtitle{font-size:15pt}</style></head><body class="c5 doc-content"><p class="c2 title" id="h.t"><span class="c0">The Glass Orchard</span></p><p class="c2 subtitle"><span class="c0">A Winter Tale</span></p><h1 class="c2" id="h.a"><span class="c0">Chapter One: Frost</span></h1><p class="c2"><span class="c0">&ldquo;I </span><span class="c1">never</span><span class="c0">&nbsp;said that.&rdquo; It was </span><span class="c0 c3">important</span><span class="c0">, and </span><span class="c0 c6">true</span><span class="c0">.</span></p><p class="c4"><span class="c0">The End</span></p></body></html>`

describe('a Google Docs export', () => {
  it('keeps its italics, bold, underline and centring, and gives its title and subtitle to the book', () => {
    const file = new SourceFile('MyStory.html')
    const result = htmlReader.read(GOOGLE_DOCS, file, { language: 'en' })
    expect(result.metadata).toMatchObject({ title: 'The Glass Orchard', subtitle: 'A Winter Tale' })
    const chapter = result.children[0] as Chapter
    expect(strip(chapter.title)).toEqual([{ type: 'text', value: 'Frost' }])
    expect(strip(chapter.children)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', value: '“I ' },
          { type: 'emphasis', children: [{ type: 'text', value: 'never' }] },
          { type: 'text', value: '\u00a0said that.” It was ' },
          { type: 'strong', children: [{ type: 'text', value: 'important' }] },
          { type: 'text', value: ', and ' },
          { type: 'underline', children: [{ type: 'text', value: 'true' }] },
          { type: 'text', value: '.' },
        ],
      },
      { type: 'paragraph', align: 'center', children: [{ type: 'text', value: 'The End' }] },
    ])
  })

  it('a Title paragraph below the first heading is text, as written', () => {
    const file = new SourceFile('s.html')
    const html = '<html><body><h1>Chapter 1</h1><p class="title">Not the title</p></body></html>'
    const result = htmlReader.read(html, file, { language: 'en' })
    expect(result.metadata?.title).toBeUndefined()
    expect(JSON.stringify(result.children)).toContain('Not the title')
  })
})

describe('an EPUB whose italics are classes in its linked stylesheet (calibre)', () => {
  it('keeps them, in every chapter linking the sheet', async () => {
    const page = (n: number) =>
      xhtml(
        `<h1>Chapter ${n}</h1><p class="calibre2">It was <span class="calibre5">very</span> cold.</p>`,
      ).replace('<title>', '<link rel="stylesheet" type="text/css" href="../styles/stylesheet.css"/><title>')
    const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest><item id="a" href="text/a.xhtml" media-type="application/xhtml+xml"/><item id="b" href="text/b.xhtml" media-type="application/xhtml+xml"/><item id="css" href="styles/stylesheet.css" media-type="text/css"/></manifest><spine><itemref idref="a"/><itemref idref="b"/></spine></package>`
    const bytes = handEpub({
      'META-INF/container.xml': CONTAINER,
      'OEBPS/content.opf': opf,
      'OEBPS/text/a.xhtml': page(1),
      'OEBPS/text/b.xhtml': page(2),
      'OEBPS/styles/stylesheet.css':
        '.calibre2 { display: block; margin: 1em 0 }\n.calibre5 { font-style: italic }\n',
    })
    const file = new SourceFile('in/novel.epub')
    const result = await epubReader.read(bytes, file, { language: 'en' })
    for (const chapter of result.children as Chapter[])
      expect(strip(chapter.children)).toEqual([
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'It was ' },
            { type: 'emphasis', children: [{ type: 'text', value: 'very' }] },
            { type: 'text', value: ' cold.' },
          ],
        },
      ])
  })

  it('leave out what the page hides, by its own style, its classes or the hidden attribute, and say so', () => {
    const file = new SourceFile('ch.html')
    const html = `<html><head><style>.gone{display:none}.seen{display:block}</style></head><body>
<h1>Chapter 1</h1>
<p>She left<span style="display: none"> (check the date)</span> at dawn<span class="gone">, or was it dusk</span>.</p>
<p hidden>A note to self.</p>
<div style="visibility:hidden"><p>Another.</p></div>
<p class="seen">Seen.</p>
</body></html>`
    const result = htmlReader.read(html, file, { language: 'en' }) as { children: Chapter[] }
    const text = JSON.stringify(result.children)
    expect(text).toContain('She left')
    expect(text).toContain('at dawn')
    expect(text).toContain('Seen.')
    for (const gone of ['check the date', 'or was it dusk', 'note to self', 'Another'])
      expect(text).not.toContain(gone)
    expect(file.messages.filter((m) => m.code === 'html-hidden-text')).toHaveLength(1)
    expect(elementHidden([{ name: 'style', value: 'display:none !important' }])).toBe(true)
    expect(elementHidden([{ name: 'style', value: 'display:inline-block' }])).toBe(false)
  })
})
