/** The shared XHTML handlers, node by node. */
import { describe, expect, it } from 'vitest'
import type { Node, Table, TableCell, TableRow } from '../../src/model/types.js'
import { createState, type Hooks, handlers } from '../../src/renderers/xhtml/index.js'
import { em, fn, hr, p, ref, sc, strong, t } from './helpers.js'

function render(nodes: Node[], hooks: Partial<Hooks> = {}): string {
  const state = createState(handlers, {
    imageHref: (node) => (node.url === 'gone.png' ? undefined : `../images/${node.url}`),
    linkHref: (id) => (id === 'known' ? 'chapter-002.xhtml#known' : undefined),
    noteRef: (node) => `[ref ${node.identifier}]`,
    noteLabel: 'Author’s Note',
    ...hooks,
  })
  return state.blocks(nodes)
}

describe('xhtml handlers', () => {
  it('marks the first paragraph and the one after a heading or scene break', () => {
    const html = render([
      p('one'),
      p('two'),
      hr(),
      p('three'),
      { type: 'heading', depth: 2, children: [t('H')] },
      p('four'),
    ])
    expect(html).toBe(
      '<p class="first">one</p>\n<p>two</p>\n<hr class="scene-break"/>\n<p class="first">three</p>\n<h2>H</h2>\n<p class="first">four</p>\n',
    )
  })

  it('renders inline formatting and escapes text', () => {
    expect(
      render([p(em('a'), strong('b & c'), sc('d'), { type: 'code', value: 'x<y' }, { type: 'break' })]),
    ).toBe(
      '<p class="first"><em>a</em><strong>b &#38; c</strong><span class="smallcaps">d</span><code>x&#60;y</code><br/></p>\n',
    )
  })

  it('aligns centred and right paragraphs', () => {
    expect(render([p('x'), { type: 'paragraph', align: 'center', children: [t('c')] }])).toContain(
      '<p class="center">c</p>',
    )
  })

  it('normalises external links and resolves internal ones', () => {
    const html = render([
      p(
        { type: 'link', url: 'https://example.com/a b', title: 'T "q"', children: [t('ext')] },
        { type: 'link', url: '#known', children: [t('in')] },
        { type: 'link', url: '#unknown', children: [t('gone')] },
        { type: 'link', url: 'javascript:alert(1)', children: [t('bad')] },
      ),
    ])
    expect(html).toBe(
      '<p class="first"><a href="https://example.com/a%20b" title="T &#34;q&#34;">ext</a><a href="chapter-002.xhtml#known">in</a>gonebad</p>\n',
    )
  })

  it('renders figures, inline images and left-out images with their alt text', () => {
    const html = render([
      { type: 'figure', image: { type: 'image', url: 'a.png', alt: 'An "A"' }, caption: [t('Cap')] },
      { type: 'figure', image: { type: 'image', url: 'gone.png', alt: 'Lost map' } },
      p({ type: 'image', url: 'b.png', alt: '' }, { type: 'image', url: 'gone.png', alt: 'x' }),
    ])
    expect(html).toBe(
      '<figure><img src="../images/a.png" alt="An &#34;A&#34;"/><figcaption>Cap</figcaption></figure>\n' +
        '<figure><p><span class="image-missing">Lost map</span></p></figure>\n' +
        // After a figure the text starts afresh: the paragraph is not indented.
        '<p class="first"><img class="inline" src="../images/b.png" alt=""/><span class="image-missing">x</span></p>\n',
    )
  })

  it('renders verse, lists, blockquotes, code blocks', () => {
    const html = render([
      {
        type: 'verse',
        children: [
          { type: 'verseLine', children: [t('line 1')] },
          { type: 'verseLine', children: [t('line 2')] },
        ],
      },
      { type: 'list', ordered: true, start: 3, children: [{ type: 'listItem', children: [p('three')] }] },
      { type: 'list', ordered: false, children: [{ type: 'listItem', children: [p('dot')] }] },
      { type: 'blockquote', children: [p('quoted')] },
      { type: 'codeBlock', lang: 'js', value: 'a && b' },
      { type: 'codeBlock', lang: 'bad lang"', value: 'x' },
    ])
    expect(html).toBe(
      '<div class="verse">\n<p class="line">line 1</p>\n<p class="line">line 2</p>\n</div>\n' +
        '<ol start="3">\n<li><p class="first">three</p></li>\n</ol>\n' +
        '<ul>\n<li><p class="first">dot</p></li>\n</ul>\n' +
        '<blockquote>\n<p class="first">quoted</p>\n</blockquote>\n' +
        '<pre><code class="language-js">a &#38;&#38; b</code></pre>\n' +
        '<pre><code>x</code></pre>\n',
    )
  })

  it('labels author notes and leaves footnote definitions to the format', () => {
    const html = render([
      { type: 'note', placement: 'end', children: [p('A/N')] },
      fn('1', p('def')),
      p('x', ref('1')),
    ])
    expect(html).toBe(
      '<aside class="author-note author-note-end" role="note" aria-label="Author’s Note">\n<p class="author-note-label">Author’s Note</p>\n<p class="first">A/N</p>\n</aside>\n' +
        '<p class="first">x[ref 1]</p>\n',
    )
  })
})

describe('xhtml handlers: tables and marks', () => {
  const cell = (text: string, extra: Partial<TableCell> = {}): TableCell => ({
    type: 'tableCell',
    children: text ? [t(text)] : [],
    ...extra,
  })
  const row = (cells: TableCell[], head = false): TableRow => ({
    type: 'tableRow',
    ...(head ? { head } : {}),
    children: cells,
  })

  it('writes struck, underlined, subscript and superscript text', () => {
    expect(
      render([
        p(
          { type: 'delete', children: [t('no')] },
          { type: 'underline', children: [t('yes')] },
          'H',
          { type: 'subscript', children: [t('2')] },
          'O x',
          { type: 'superscript', children: [em('n')] },
        ),
      ]),
    ).toBe('<p class="first"><s>no</s><u>yes</u>H<sub>2</sub>O x<sup><em>n</em></sup></p>\n')
  })

  it('writes a table with caption, head, row headers, spans and column alignment', () => {
    const table: Table = {
      type: 'table',
      align: [null, 'right', 'center'],
      caption: [t('Prices & '), em('taxes')],
      children: [
        row([cell(''), cell('Net'), cell('Tax')], true),
        row([cell('Tea', { header: true, rowSpan: 2 }), cell('1.20'), cell('0.10', { rowSpan: 9 })]),
        row([cell('2.40')]),
        row([cell('Both', { header: true, colSpan: 2 }), cell('x')]),
      ],
    }
    expect(render([table, p('after')])).toBe(
      '<div class="table-wrap">\n<table>\n<caption>Prices &#38; <em>taxes</em></caption>\n' +
        '<thead>\n<tr><td></td><th scope="col" class="align-right">Net</th><th scope="col" class="align-center">Tax</th></tr>\n</thead>\n' +
        '<tbody>\n' +
        '<tr><th scope="row" rowspan="2">Tea</th><td class="align-right">1.20</td><td rowspan="3" class="align-center">0.10</td></tr>\n' +
        // The second row's only cell lands in the column the row header leaves free.
        '<tr><td class="align-right">2.40</td></tr>\n' +
        '<tr><th scope="row" colspan="2">Both</th><td>x</td></tr>\n' +
        '</tbody>\n</table>\n</div>\n' +
        // A table ends a run of text: the paragraph after it is not indented.
        '<p class="first">after</p>\n',
    )
  })

  it('writes a body-only table without thead, and a table with no rows as its caption', () => {
    expect(render([{ type: 'table', children: [row([cell('a'), cell('b')])] }])).toBe(
      '<div class="table-wrap">\n<table>\n<tbody>\n<tr><td>a</td><td>b</td></tr>\n</tbody>\n</table>\n</div>\n',
    )
    expect(render([{ type: 'table', caption: [t('Empty')], children: [] }])).toBe(
      '<p class="table-caption">Empty</p>\n',
    )
  })

  it('writes a footnote reference inside a cell through the format', () => {
    expect(
      render([
        { type: 'table', children: [row([cell('a', {}), { type: 'tableCell', children: [ref('n')] }])] },
      ]),
    ).toContain('<td>[ref n]</td>')
  })
})
