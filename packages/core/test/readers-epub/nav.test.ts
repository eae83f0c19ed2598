/**
 * Chapter titles from an EPUB 3 navigation document (`readers/epub/nav.ts`): the `toc` nav's
 * entries, each document's label (of the entries pointing at it, the deepest), read the same whether the document parses as XML (the
 * fast path the chapters take) or only as HTML (parse5: here, an entity XML does not define).
 */
import { describe, expect, it } from 'vitest'
import { documentTitles, navTitles } from '../../src/readers/epub/nav.js'
import { parseXhtml } from '../../src/readers/epub/xhtml.js'

const nav = (space: string) => `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">
<head><title>Contents</title></head>
<body>
<nav epub:type="landmarks"><ol><li><a href="text/ch2.xhtml">Start</a></li></ol></nav>
<nav epub:type="toc" id="toc"><ol>
<li><a href="text/ch1.xhtml">Chapter${space}One:
  <i>The   Inn</i></a></li>
<li><a href="text/ch2.xhtml#top">Chapter Two</a><ol><li><a href="text/ch2.xhtml#s2">A section</a></li></ol></li>
<li><a href="../outside.xhtml">Outside</a></li>
</ol></nav>
</body></html>`

describe('titles from the navigation document', () => {
  it('each document’s first entry in the toc nav, spaces collapsed, as XML or as HTML alike', () => {
    const xml = nav(' ')
    const html = nav('&nbsp;')
    // The first parses as XML, the second only as HTML: both paths are taken.
    expect(parseXhtml(xml)).toBeDefined()
    expect(parseXhtml(html)).toBeUndefined()
    const fromXml = documentTitles(navTitles('EPUB/nav.xhtml', xml))
    expect(fromXml.get('EPUB/text/ch1.xhtml')).toBe('Chapter One: The Inn')
    expect(fromXml.get('EPUB/text/ch2.xhtml')).toBe('Chapter Two')
    expect(fromXml.get('outside.xhtml')).toBe('Outside')
    // The no-break space collapses with the rest (JavaScript's \s): the same titles.
    expect(documentTitles(navTitles('EPUB/nav.xhtml', html))).toEqual(fromXml)
  })
})
