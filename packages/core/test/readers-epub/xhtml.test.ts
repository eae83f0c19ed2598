/**
 * The EPUB reader parses its XHTML as XML (readers/epub/xhtml.ts) only where that builds the tree
 * parse5 builds: the HTML reader then gives the same chapters, positions and diagnostics from
 * either tree. Documents XML would read otherwise (HTML entities, CDATA, a row straight in a
 * table, a block inside a paragraph, not well-formed) are left to parse5.
 */
import { unzipSync } from 'fflate'
import { parse } from 'parse5'
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { parseXhtml } from '../../src/readers/epub/xhtml.js'
import { readHtmlText } from '../../src/readers/html.js'
import { octavoEpub, xhtml } from './helpers.js'

function both(text: string) {
  const tree = parseXhtml(text)
  expect(tree).toBeDefined()
  const read = (doc: Parameters<typeof readHtmlText>[3]) => {
    const file = new SourceFile('novel.epub/OEBPS/a.xhtml')
    const result = readHtmlText(text, file, { language: 'en' }, doc)
    return { result, messages: file.messages }
  }
  return { xml: read(tree), html: read(parse(text, { sourceCodeLocationInfo: true })) }
}

const HAND = [
  xhtml(
    '\n<section>\n<h1>Title <em>em</em></h1>\n<p>Text 😀 é &amp; &lt;x&gt; &#160;a &gt; b<!-- c --></p>\n<hr/>\n<p class="center">* * *</p>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg"><image width="10" height="10"/></svg>\n<p>One<br/>two</p><ul><li>x</li><li><p>y</p></li></ul></section>\n',
  ),
  xhtml(
    '<h1>One</h1><p>a</p><h1>Two</h1><p>b<sup><a href="#fn1" id="r1" epub:type="noteref">1</a></sup></p><aside epub:type="footnote" id="fn1"><p>n</p></aside><blockquote><p>q</p></blockquote><pre>  code\n  x</pre>',
  ),
  xhtml(
    '<table><caption>C</caption><thead><tr><th>A</th></tr></thead><tbody><tr><td>1 &gt; 0</td></tr></tbody></table><p><script>x()</script><a href="javascript:x">y</a></p>',
  ),
]

describe('EPUB reader: XHTML parsed as XML', () => {
  it('gives the same chapters, positions and diagnostics as parse5, on hand-made and Octavo-made documents', async () => {
    const epub = unzipSync(await octavoEpub())
    const documents = Object.entries(epub)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, bytes]) => new TextDecoder().decode(bytes))
    expect(documents.length).toBeGreaterThan(4)
    for (const text of [...HAND, ...documents]) {
      const { xml, html } = both(text)
      expect(xml).toEqual(html)
    }
  })

  it('leaves to parse5 what XML would read otherwise', () => {
    for (const body of [
      '<p>x&nbsp;y</p>',
      '<p><![CDATA[x]]></p>',
      '<table><tr><td>1</td></tr></table>',
      '<p>a<div>b</div></p>',
      '<p>unclosed',
      '<table>stray words<tbody><tr><td>1</td></tr></tbody></table>',
    ])
      expect(parseXhtml(xhtml(body)), body).toBeUndefined()
    expect(parseXhtml('<p>no root</p>')).toBeUndefined()
    expect(parseXhtml(xhtml('<p>x</p>').replace(/\n?<\/p>/, '\r\n</p>'))).toBeUndefined()
    expect(parseXhtml(xhtml(`${'<div>'.repeat(600)}x${'</div>'.repeat(600)}`))).toBeUndefined()
  })
})
