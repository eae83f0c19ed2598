/**
 * Empty paragraphs (`<p>&nbsp;</p>`) read as the page's author meant them (html/spacers.ts): on
 * AO3 one between paragraphs is a scene break; elsewhere one is spacing and two or more a break,
 * as in a Word file; empty lines between most paragraphs are spacing; none opens or ends a run.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Chapter } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { epubReader } from '../../src/readers/epub/index.js'
import { htmlReader } from '../../src/readers/html.js'
import { CONTAINER, handEpub, xhtml } from '../readers-epub/helpers.js'

const EMPTY = '<p>&nbsp;</p>'

function shape(html: string): string[] {
  const result = htmlReader.read(html, new SourceFile('s.html'), { language: 'en' })
  return (result.children as Chapter[]).flatMap((c) =>
    c.children.map((b) =>
      b.type === 'sceneBreak' ? `break ${b.marker}` : toText('children' in b ? (b.children as never) : []),
    ),
  )
}

const page = (body: string) => `<html><body><h1>Chapter One</h1>${body}</body></html>`
const ao3 = (body: string) =>
  `<html><head><title>Work - Chapter 1 - Author - Archive of Our Own</title></head><body><div id="workskin"><div id="chapters" role="article"><div class="chapter" id="chapter-1"><div class="chapter preface group"><h3 class="title">Chapter 1: Night</h3></div><div class="userstuff module" role="article"><h3 class="landmark heading" id="work">Chapter Text</h3>${body}</div></div></div></div></body></html>`

describe('empty paragraphs', () => {
  it('on a page of its own: one is spacing, two or more a scene break, none at the ends', () => {
    expect(
      shape(page(`${EMPTY}<p>A.</p>${EMPTY}<p>B.</p>${EMPTY}${EMPTY}<p>C.</p><p>D.</p>${EMPTY}${EMPTY}`)),
    ).toEqual(['A.', 'B.', 'break (blank)', 'C.', 'D.'])
  })

  it('between most paragraphs: the page’s spacing, not breaks', () => {
    const spaced = ['A.', 'B.', 'C.', 'D.', 'E.'].map((t) => `<p>${t}</p>`).join(`${EMPTY}${EMPTY}`)
    expect(shape(page(spaced))).toEqual(['A.', 'B.', 'C.', 'D.', 'E.'])
  })

  it('next to a written scene break: that break alone', () => {
    expect(shape(page(`<p>A.</p>${EMPTY}${EMPTY}<hr/>${EMPTY}${EMPTY}<p>B.</p>`))).toEqual([
      'A.',
      'break <hr/>',
      'B.',
    ])
  })

  it('on AO3: one between paragraphs is a scene break', () => {
    const body = `<p>It was night.</p><p>She slept.</p>${EMPTY}<p>Morning came.</p><p>She woke.</p><p>She left.</p><p>The end.</p>`
    expect(shape(ao3(body))).toEqual([
      'It was night.',
      'She slept.',
      'break (blank)',
      'Morning came.',
      'She woke.',
      'She left.',
      'The end.',
    ])
  })

  it('in an AO3 EPUB (AO3 its publisher) one is a scene break; in another EPUB, spacing', async () => {
    const epub = (publisher: string) => {
      const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title><dc:publisher>${publisher}</dc:publisher></metadata><manifest><item id="a" href="a.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="a"/></spine></package>`
      return handEpub({
        'META-INF/container.xml': CONTAINER,
        'OEBPS/content.opf': opf,
        'OEBPS/a.xhtml': xhtml(
          `<h1>Chapter 1</h1><p>Night.</p>${EMPTY}<p>Morning.</p><p>Noon.</p><p>Dusk.</p>`,
        ),
      })
    }
    const breaks = async (publisher: string) => {
      const result = await epubReader.read(epub(publisher), new SourceFile('w.epub'), { language: 'en' })
      return (result.children as Chapter[]).flatMap((c) => c.children.filter((b) => b.type === 'sceneBreak'))
        .length
    }
    expect(await breaks('Archive of Our Own')).toBe(1)
    expect(await breaks('A Press')).toBe(0)
  })
})
