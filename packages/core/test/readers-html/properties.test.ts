/**
 * Property tests: the HTML reader never throws, and whatever the input (scripts, event handlers,
 * `javascript:` links), the result holds only model nodes, plain text and safe URLs.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import { htmlReader } from '../../src/readers/html.js'
import { fcRuns } from '../fast-check.js'
import { expectSafeResult } from '../readers-md/invariants.js'

const read = (input: Uint8Array | string) => {
  const file = new SourceFile('chapters/p.html')
  const result = htmlReader.read(input, file, { language: 'en' })
  expectSafeResult(result, file)
}

const tag = fc.constantFrom(
  'p',
  'div',
  'span',
  'i',
  'b',
  'em',
  'a',
  'img',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'tr',
  'td',
  'th',
  'thead',
  'tbody',
  'tfoot',
  'caption',
  's',
  'u',
  'del',
  'sub',
  'script',
  'style',
  'iframe',
  'svg',
  'math',
  'form',
  'input',
  'template',
  'noscript',
  'object',
  'figure',
  'figcaption',
  'pre',
  'center',
  'sup',
  'select',
  'option',
  'textarea',
  'title',
  'body',
  'html',
)
const attribute = fc.constantFrom(
  '',
  ' href="javascript:alert(1)"',
  ' href="https://example.com/"',
  ' href=" jav&#x09;ascript:x"',
  ' href="#a"',
  ' src="http://evil.example/x.png"',
  ' src="../../../etc/passwd"',
  ' src="data:image/png;base64,AA"',
  // Pictures written as data: URLs: a picture, an SVG with a script, a lazy page's placeholder.
  ' src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAMAAAADCAIAAADZSiLoAAAAEElEQVR4nGM4YWQEQQxYWACjmAqNtRpWxgAAAABJRU5ErkJggg=="',
  ' src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIHdpZHRoPSI5IiBoZWlnaHQ9IjkiPjxzY3JpcHQ+eCgpPC9zY3JpcHQ+PHJlY3Qgd2lkdGg9IjkiIGhlaWdodD0iOSIvPjwvc3ZnPg=="',
  ' src="data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E"',
  ' data-src="https://example.com/real.jpg"',
  ' src="a.png"',
  ' onerror="alert(1)"',
  ' onclick=alert(2)',
  ' style="font-variant:small-caps"',
  ' align="center"',
  ' class="notes"',
  ' id="storytext"',
  ' id="chapters"',
  ' class="userstuff"',
  ' href="vbscript:x"',
  ' src="//cdn.example/x.png"',
  ' colspan="3"',
  ' rowspan="99999"',
  ' colspan="-2"',
  ' style="text-decoration: underline line-through; vertical-align: sub"',
  // Classes a style sheet (below) gives meaning to, and a word processor's title paragraph.
  ' class="c1"',
  ' class="c1 c2 title"',
  ' class="subtitle"',
  ' style="font: italic bold 12px serif; mso-bidi-font-weight:bold"',
)
const piece = fc.oneof(
  fc.tuple(tag, attribute).map(([t, a]) => `<${t}${a}>`),
  tag.map((t) => `</${t}>`),
  fc.constantFrom(
    'text',
    ' ',
    '\n',
    '* * *',
    'Chapter 2: Name',
    '&amp;',
    '&#0;',
    '&lt;script&gt;',
    '<!--',
    '-->',
    '\u0007',
    '<![CDATA[x]]>',
    '<style>.c1{font-style:italic}.c2{font-weight:700;text-align:center}@media x{.c1{}}</style>',
    '<style>.c1{',
    '<p>&nbsp;</p>',
    '<p>\uD800</p>',
  ),
  fc.string({ maxLength: 8 }),
)

describe('html reader properties', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => read(bytes)),
      { numRuns: fcRuns(300) },
    )
  })
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => read(s)),
      { numRuns: fcRuns(300) },
    )
  })
  it('keeps only plain text and safe URLs from hostile HTML', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => read(parts.join(''))),
      { numRuns: fcRuns(600) },
    )
  })
})
