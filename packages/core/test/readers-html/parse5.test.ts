/**
 * The readers' parse5 (`readers/shared/parse5.ts`) moves a node's end in place instead of making
 * its location anew, and joins a text node's pieces once: the tree, every text and every
 * position in it must be what parse5's own adapter gives,
 * on every HTML file the suite holds and on token soup made to stress the tree builder (implied
 * and misnested tags, foster-parented text in tables, templates, comments, entities, CR/LF).
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { type DefaultTreeAdapterTypes as P5, parse, parseFragment } from 'parse5'
import { describe, expect, it } from 'vitest'
import { parseHtml, parseHtmlFragment } from '../../src/readers/shared/parse5.js'
import { fcRuns } from '../fast-check.js'

const testRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Every node in document order: its name, text or attributes, and location, as plain data. */
function flat(root: P5.ParentNode): unknown[] {
  const out: unknown[] = []
  const stack: Array<P5.ChildNode | P5.ParentNode> = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    const entry: Record<string, unknown> = { name: node.nodeName }
    if ('value' in node) entry.value = node.value
    if ('data' in node) entry.data = node.data
    if ('attrs' in node) entry.attrs = node.attrs
    if ('sourceCodeLocation' in node)
      entry.location = JSON.parse(JSON.stringify(node.sourceCodeLocation ?? null))
    out.push(entry)
    const kids = [
      ...('content' in node && node.content ? [node.content] : []),
      ...('childNodes' in node ? node.childNodes : []),
    ]
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
  }
  return out
}

const own = { sourceCodeLocationInfo: true }
const sameDocument = (text: string) => expect(flat(parseHtml(text))).toEqual(flat(parse(text, own)))
const sameFragment = (text: string) =>
  expect(flat(parseHtmlFragment(text))).toEqual(flat(parseFragment(text, own)))

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return htmlFiles(full)
    return /\.(x?html?)$/i.test(entry.name) ? [full] : []
  })
}

describe('the readers’ parse5: positions moved in place', () => {
  it('gives the tree and positions parse5’s own adapter gives, for every HTML file in the suite', () => {
    const files = htmlFiles(testRoot)
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      sameDocument(text)
      sameFragment(text)
    }
  })

  it('keeps the end of a text node grown token by token, and of elements closed by another tag', () => {
    const text = '<p>It was   in July,\r\n1805 &amp; then<p>Another <b>bold <i>both</b> italic</i> end'
    const tree = parseHtmlFragment(text)
    const first = tree.childNodes[0] as P5.Element
    const words = first.childNodes[0] as P5.TextNode
    expect(words.value).toBe('It was   in July,\n1805 & then')
    expect(words.sourceCodeLocation).toMatchObject({ startOffset: 3, endOffset: text.indexOf('<p>A') })
    // Closed by the next <p>, with no end tag of its own.
    expect(first.sourceCodeLocation?.endOffset).toBe(text.indexOf('<p>A'))
    expect(first.sourceCodeLocation?.endTag).toBeUndefined()
    sameFragment(text)
  })

  it('joins a text node grown piece by piece, before a table too (text foster-parented out of it)', () => {
    const text = '<p>One <i>two</i> three four</p><table>lost words <tr><td>cell</td></tr> and more</table>'
    const tree = parseHtmlFragment(text)
    const words = (tree.childNodes[1] as P5.TextNode).value
    expect(words).toBe('lost words  and more')
    sameFragment(text)
    sameDocument(text)
  })

  it('gives what parse5’s own adapter gives on token soup', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<b>',
        '</b>',
        '<i>',
        '</i>',
        '<a href="x">',
        '</a>',
        '<table>',
        '<tr>',
        '<td>',
        '</td>',
        '</table>',
        '<template>',
        '</template>',
        '<!-- note -->',
        '<br>',
        '<h2>',
        '</h2>',
        '<div class="chapter">',
        '</div>',
        '<ul><li>',
        '&amp;',
        '&nbsp;',
        '&#8212;',
        '<script>x<y</script>',
        '</body>',
        '</html>',
        '<body>',
      ),
      fc.constantFrom(' ', '  ', '\n', '\r\n', '\t', 'word', 'Chapter 1', '“quoted”', '—', 'é'),
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('')
        sameDocument(text)
        sameFragment(text)
      }),
      { numRuns: fcRuns(400) },
    )
  })
})
