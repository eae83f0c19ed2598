/**
 * Which pages of an EPUB its maker generated (`readers/epub/generated.ts`), judged from one walk
 * of the page: each verdict from its markup, a file name only for a short page.
 */
import { parse } from 'parse5'
import { describe, expect, it } from 'vitest'
import { judgePage } from '../../src/readers/epub/generated.js'

const judge = (body: string, path = 'OEBPS/text/page.xhtml') =>
  judgePage({
    path,
    doc: parse(`<html><head><title>t</title></head><body>${body}</body></html>`),
    isNav: false,
    guide: new Map(),
  })

describe('generated pages', () => {
  it('are known by their type, on the body, its first section or its first div', () => {
    expect(judge('<section epub:type="titlepage"><h1>A</h1></section>')).toEqual({
      keep: false,
      what: 'title page',
    })
    expect(judge('<div><div epub:type="toc">x</div></div>')).toEqual({ keep: true })
    expect(judge('<div epub:type="copyright-page"><p>©</p></div>')).toEqual({
      keep: false,
      what: 'copyright page',
    })
    expect(
      judgePage({
        path: 'p.xhtml',
        doc: parse('<html><body epub:type="cover"><p>x</p></body></html>'),
        isNav: false,
        guide: new Map(),
      }),
    ).toEqual({ keep: false, what: 'cover page' })
  })

  it('are known by a maker’s file name only when short: a chapter named so is kept', () => {
    expect(judge('<p>Contents</p>', 'OEBPS/toc.xhtml')).toEqual({ keep: false, what: 'contents page' })
    const prose = `<p>${'It was a long night by the water, and the lamp burned on. '.repeat(80)}</p>`
    expect(judge(prose, 'OEBPS/cover.xhtml')).toEqual({ keep: true })
  })

  it('a calibre jacket, and a page holding an image and no words (white space, a template’s text aside)', () => {
    expect(judge('<table class="cbj_banner"><tr><td>Title</td></tr></table>')).toEqual({
      keep: false,
      what: "calibre's metadata jacket",
    })
    expect(judge('<div>\n  <img src="c.png" alt=""/>\n</div><template><p>words</p></template>')).toEqual({
      keep: false,
      what: 'cover page (an image alone)',
    })
    expect(judge('<svg><image href="c.png"/></svg>')).toEqual({
      keep: false,
      what: 'cover page (an image alone)',
    })
    expect(judge('<img src="c.png" alt=""/><p>A caption.</p>')).toEqual({ keep: true })
  })

  it('AO3’s preface and afterword are kept as front and back matter, not when the chapters are there', () => {
    expect(judge('<div id="preface"><h1>T</h1></div>')).toEqual({ keep: true, matter: 'front' })
    expect(judge('<div id="afterword"><p>Thanks.</p></div>')).toEqual({ keep: true, matter: 'back' })
    expect(judge('<div id="preface"><h1>T</h1></div><div id="chapters"><p>Text.</p></div>')).toEqual({
      keep: true,
    })
  })
})
