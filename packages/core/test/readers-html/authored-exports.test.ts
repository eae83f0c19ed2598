/**
 * HTML chapters as authors hold them: a word processor's export (LibreOffice "Save as HTML",
 * Google Docs' "Web page", Word's "Web Page, Filtered", pandoc's `-s` HTML) and a browser's
 * "Save page as" of a blog post or a story site's chapter. The book's title and author come from
 * the title page and the document's properties, notes are linked both ways, and the site's
 * furniture (menus, share buttons, chapter links, comments, sidebars, footers) never reaches the
 * book, while a hand-written page keeps everything it says.
 */
import { describe, expect, it } from 'vitest'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { BlockContent, Chapter, Root } from '../../src/model/types.js'
import { toText } from '../../src/model/walk.js'
import { htmlReader } from '../../src/readers/html.js'

function read(html: string) {
  const file = new SourceFile('page.html')
  const result = htmlReader.read(html, file, { language: 'en' })
  return { result, file, chapters: result.children as Chapter[] }
}

/** Each chapter as lines: `title`, then its blocks as text (`note: …`, `[^id]`, `(link)`). */
function shape(children: Root['children']): string[][] {
  const block = (b: BlockContent): string => {
    if (b.type === 'sceneBreak') return '* * *'
    if (b.type === 'note') return `note: ${b.children.map(block).join(' / ')}`
    if (b.type === 'footnoteDefinition') return `def ${b.identifier}: ${b.children.map(block).join(' / ')}`
    return 'children' in b ? inline(b.children as never) : ''
  }
  const inline = (
    nodes: Array<{ type: string; value?: string; identifier?: string; url?: string; children?: never[] }>,
  ): string =>
    nodes
      .map((n) =>
        n.type === 'footnoteReference'
          ? `[^${n.identifier}]`
          : n.type === 'link'
            ? `${inline(n.children ?? [])}(${n.url})`
            : n.type === 'text'
              ? (n.value ?? '')
              : n.type === 'underline'
                ? `_${inline(n.children ?? [])}_`
                : inline(n.children ?? []),
      )
      .join('')
  return (children as Chapter[]).map((c) => [
    c.title ? toText(c.title) : '',
    ...c.children.map((b) => block(b as BlockContent)),
  ])
}

describe('LibreOffice "Save as HTML"', () => {
  const lo = `<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"/>
<title>Winter Orchard</title><meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/><meta name="author" content="Ines Vale"/></head>
<body lang="en-US" dir="ltr"><p align="center" style="margin-bottom: 0in"><font size="6" style="font-size: 28pt">Winter Orchard</font></p>
<h1>Chapter One</h1>
<p>The apples were <i>frozen</i> on the branch<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>,
and nobody picked them.</p>
<h1>Chapter Two</h1>
<p>Second chapter text<a class="sdendnoteanc" name="sdendnote1anc" href="#sdendnote1sym"><sup>i</sup></a>.</p>
<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>A
	note on <i>frost</i>.</p>
</div>
<div id="sdendnote1"><p class="sdendnote"><a class="sdendnotesym" name="sdendnote1sym" href="#sdendnote1anc">i</a>An endnote.</p></div>
</body></html>`

  it('reads its footnotes and endnotes as notes linked both ways, in the chapter citing them', () => {
    const { chapters } = read(lo)
    expect(shape(chapters)).toEqual([
      [
        '',
        'The apples were frozen on the branch[^sdfootnote1], and nobody picked them.',
        'def sdfootnote1: A note on frost.',
      ],
      ['', 'Second chapter text[^sdendnote1].', 'def sdendnote1: An endnote.'],
    ])
  })

  it('takes the title and author from its document properties, and the title line out of the text', () => {
    const { result } = read(lo)
    expect(result.metadata).toMatchObject({ title: 'Winter Orchard', authors: [{ name: 'Ines Vale' }] })
  })

  it('trusts the <title> of a word processor only: a web page names its site there', () => {
    const page = lo.replace('LibreOffice 7.4.7.2 (Linux)', 'WordPress 6.4')
    const { result, chapters } = read(page)
    expect(result.metadata?.title).toBeUndefined()
    expect(result.metadata?.authors).toBeUndefined()
    expect(shape(chapters)[0]![1]).toBe('Winter Orchard')
  })
})

describe('Word\'s "Web Page"', () => {
  const word = (title: string) => `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta name=Generator content="Microsoft Word 15"><title>${title}</title>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Edda Marsh &amp; Co</o:Author></o:DocumentProperties></xml><![endif]-->
</head><body><div class=WordSection1><h1>Chapter 1<o:p></o:p></h1><p class=MsoNormal>Cold.<o:p></o:p></p></div></body></html>`

  it('takes the title and author from its document properties', () => {
    expect(read(word('The Salt Road')).result.metadata).toMatchObject({
      title: 'The Salt Road',
      authors: [{ name: 'Edda Marsh & Co' }],
    })
  })

  it('takes no title Word made of the first line', () => {
    expect(read(word('Chapter 1')).result.metadata?.title).toBeUndefined()
  })
})

describe("pandoc's standalone HTML", () => {
  const pd = `<!DOCTYPE html><html><head><meta charset="utf-8" /><meta name="generator" content="pandoc" />
<meta name="author" content="Tomas Reyes" /><title>The Glass Harbor</title></head><body>
<header id="title-block-header"><h1 class="title">The Glass Harbor</h1><p class="subtitle">A Novel</p><p class="author">Tomas Reyes</p><p class="date">2024</p></header>
<h1 id="chapter-one">Chapter One</h1><p>The tide was low.</p>
<h1 id="chapter-two">Chapter Two</h1><p>Second chapter.</p></body></html>`

  it('gives the book its title block, not its first chapter', () => {
    const { result, chapters } = read(pd)
    expect(result.metadata).toMatchObject({
      title: 'The Glass Harbor',
      subtitle: 'A Novel',
      authors: [{ name: 'Tomas Reyes' }],
    })
    expect(shape(chapters)).toEqual([
      ['', 'The tide was low.'],
      ['', 'Second chapter.'],
    ])
  })

  it('takes no title from a page pandoc titled after its file', () => {
    const untitled = `<html><head><meta name="generator" content="pandoc" /><title>chapter-1</title></head><body><h1>One</h1><p>A.</p></body></html>`
    expect(read(untitled).result.metadata?.title).toBeUndefined()
  })

  it('keeps a chapter heading that merely has a class named "title" (calibre)', () => {
    const { chapters } = read(
      `<html><head><meta name="generator" content="pandoc"/></head><body><h1 class="title">The Harbour</h1><p>Text.</p></body></html>`,
    )
    expect(shape(chapters)).toEqual([['The Harbour', 'Text.']])
  })
})

describe('a title page above the first heading', () => {
  it('a Google Docs Title paragraph and a "by NAME" line under it: the title and author', () => {
    const { result, chapters } = read(
      `<html><head><style>.c1{font-style:italic}</style></head><body><p class="c3 title"><span>The Lantern Keeper</span></p><p class="c3"><span>by Mara Quill</span></p><h1 id="h.1">Chapter One</h1><p>Fog.</p></body></html>`,
    )
    expect(result.metadata).toMatchObject({ title: 'The Lantern Keeper', authors: [{ name: 'Mara Quill' }] })
    expect(shape(chapters)).toEqual([['', 'Fog.']])
  })

  it('a centred line over "by NAME" (a manuscript saved as a web page): the title and author', () => {
    const { result, chapters } = read(
      `<html><body><p align="center">Winter Orchard</p><p align="center">by Ines Vale and Tom Hart</p><h1>Chapter One</h1><p>Text.</p></body></html>`,
    )
    expect(result.metadata).toMatchObject({
      title: 'Winter Orchard',
      authors: [{ name: 'Ines Vale' }, { name: 'Tom Hart' }],
    })
    expect(shape(chapters)).toEqual([['', 'Text.']])
  })

  it('an epigraph over its attribution stays the chapter’s', () => {
    const { result } = read(
      `<html><body><p>“The sea is everything.”</p><p>by Jules Verne</p><h1>Chapter One</h1><p>Text.</p></body></html>`,
    )
    expect(result.metadata?.authors).toBeUndefined()
  })

  it('a heading above the chapters with "by NAME" under it: the title and author, no chapter', () => {
    const { result, chapters } = read(
      `<html><body><h1>The Winter Book</h1><p>by Ann Smith</p><h2>Chapter One</h2><p>A.</p><h2>Chapter Two</h2><p>B.</p></body></html>`,
    )
    expect(result.metadata).toMatchObject({ title: 'The Winter Book', authors: [{ name: 'Ann Smith' }] })
    expect(shape(chapters)).toEqual([
      ['', 'A.'],
      ['', 'B.'],
    ])
  })
})

describe('Google Docs details', () => {
  it('unwraps its redirect links, drops the link’s own underline, trims the note’s lead space', () => {
    const { chapters, file } = read(
      `<html><head><style>.c8{color:#1155cc;text-decoration:underline}</style></head><body><h1>One</h1><p>See <span class="c8"><a class="c8" href="https://www.google.com/url?q=https://example.com/page?a%3D1&amp;sa=D&amp;source=editors&amp;ust=1&amp;usg=AOv">this</a></span>.<sup><a href="#ftnt1" id="ftnt_ref1">[1]</a></sup></p><p>Text.</p><hr style="page-break-before:always;display:none;"><p>More.</p><div><p><a href="#ftnt_ref1" id="ftnt1">[1]</a><span>&nbsp;The note.</span></p></div></body></html>`,
    )
    expect(shape(chapters)).toEqual([
      ['One', 'See this(https://example.com/page?a=1).[^ftnt1]', 'Text.', 'More.', 'def ftnt1: The note.'],
    ])
    // A hidden page break hides no words.
    expect(file.messages.map((m) => m.code)).not.toContain('html-hidden-text')
  })

  it('keeps an underline the author gave a link, and a redirect to anything but the web as written', () => {
    const { chapters } = read(
      `<html><body><h1>One</h1><p><u><a href="https://example.com/">u</a></u> <a href="https://www.google.com/url?q=javascript:alert(1)">x</a></p></body></html>`,
    )
    const line = shape(chapters)[0]![1]!
    expect(line).toContain('_u(https://example.com/)_')
    expect(line).toContain('x(https://www.google.com/url?q=javascript:alert(1))')
  })
})

describe('a saved web page', () => {
  it('a blog post: only the post, with its title, without the site around it', () => {
    const { chapters } =
      read(`<!DOCTYPE html><html><head><title>The Ferryman – Chapter 3 | Inkwell</title></head><body>
<header class="site-header"><nav><a href="/">Home</a></nav><h1 class="site-title">Inkwell Stories</h1></header>
<div id="content"><main id="main"><article class="post">
<header class="entry-header"><h1 class="entry-title">The Ferryman</h1><div class="entry-meta">Posted on <time>March 3, 2024</time> by Jo Park</div></header>
<div class="entry-content"><p>The river was <em>wide</em>.</p><p style="text-align:center">~</p><p>He pushed off.</p>
<p><a href="/ch2">« Previous Chapter</a> | <a href="/toc">Table of Contents</a> | <a href="/ch4">Next Chapter »</a></p>
<div class="sharedaddy"><h3>Share this:</h3><ul><li><a href="https://twitter.com/share">Twitter</a></li></ul></div></div>
<footer class="entry-footer">Posted in <a href="/c/fiction">Fiction</a></footer>
<nav class="post-navigation"><a href="/ch2" rel="prev">← Chapter 2</a></nav></article>
<div id="comments" class="comments-area"><h2>3 thoughts</h2><ol><li><p>Loved this!</p></li></ol></div></main>
<aside id="secondary" class="widget-area"><h2>Recent Posts</h2></aside></div>
<footer class="site-footer"><p>© 2024 Inkwell Stories.</p></footer></body></html>`)
    expect(shape(chapters)).toEqual([['The Ferryman', 'The river was wide.', '* * *', 'He pushed off.']])
  })

  it('a Blogger post: the post body, titled by the heading above it', () => {
    const { chapters } = read(`<html><body><div id="header"><h1 class="title">Moonlit Serial</h1></div>
<div class="post hentry"><h3 class="post-title entry-title">Chapter 12: The Vault</h3>
<div class="post-body entry-content"><div style="text-align:center"><a href="/ch11.html">Previous Chapter</a> | <a href="/ch13.html">Next Chapter</a></div>
<div>The vault was open.</div><div><br></div><div>Nobody had opened it.</div></div>
<div class="post-footer"><a class="share-button" href="#">Email This</a></div></div>
<div class="comments" id="comments"><h4>2 comments:</h4><p>Great!</p></div>
<div class="sidebar" id="sidebar-right-1"><h2>Blog Archive</h2></div></body></html>`)
    expect(shape(chapters)).toEqual([['The Vault', 'The vault was open.', 'Nobody had opened it.']])
    expect(chapters[0]!.number).toBe(12)
  })

  it("a story site's chapter page: the chapter with its author's notes, without the site", () => {
    const { chapters } =
      read(`<html><body><div class="topbar"><a href="/">StoryNest</a> <a href="/login">Log in</a></div>
<div class="container"><div class="story-header"><h1 class="story-title">Ashes of Avalon</h1><div class="author">by KitWren</div></div>
<div class="chapter-nav"><a href="/s/1/4">Prev</a> <a href="/s/1/6">Next</a></div>
<h2 class="chapter-title">Chapter 5: Embers</h2>
<div class="author-note"><b>A/N:</b> Thanks for the reviews!</div>
<div class="chapter-content"><p>The fire had gone out.</p><p>Still warm.</p></div>
<div class="author-note"><b>A/N:</b> See you next week!</div>
<div class="reviews"><h3>Reviews (12)</h3><div class="review">So good!</div></div>
<div class="footer">© StoryNest</div></div></body></html>`)
    expect(shape(chapters)).toEqual([
      [
        'Embers',
        'note: Thanks for the reviews!',
        'The fire had gone out.',
        'Still warm.',
        'note: See you next week!',
      ],
    ])
  })

  it('a hand-written page is read whole: its article, header and asides are the author’s', () => {
    const { chapters } = read(
      `<html><body><article><header><h1>Chapter One</h1><p class="epigraph">An epigraph.</p></header><p>Text.</p><aside>A sidebar the author wrote.</aside></article></body></html>`,
    )
    expect(shape(chapters)[0]).toEqual(['', 'An epigraph.', 'Text.', 'A sidebar the author wrote.'])
  })

  it('a hand-written page with a chapter-content div and notes beside it loses nothing', () => {
    const { chapters } = read(
      `<html><body><h1>Chapter One</h1><div class="epigraph">An epigraph.</div><div class="author-note">A/N: Hi.</div><div class="chapter-content"><p>Text.</p></div></body></html>`,
    )
    expect(shape(chapters)[0]).toEqual(['', 'An epigraph.', 'note: Hi.', 'Text.'])
  })

  it('drops a line of chapter links only: a sentence with a link stays', () => {
    const { chapters } = read(
      `<html><body><h1>One</h1><p><a href="ch2.html">Next chapter</a></p><p>Read the <a href="https://example.com">next</a> one.</p><p><a href="https://example.com">Home truths</a></p></body></html>`,
    )
    expect(shape(chapters)[0]).toEqual([
      'One',
      'Read the next(https://example.com) one.',
      'Home truths(https://example.com)',
    ])
  })
})

describe('indents typed as spaces', () => {
  it('are dropped from a paragraph’s start: the book indents its paragraphs', () => {
    const { chapters } = read(
      '<html><body><h1>One</h1><p>&nbsp;&nbsp;&nbsp;Mira pushed the door.</p><p>&emsp;She called out.</p><p>\u3000雨が降る。</p></body></html>',
    )
    expect(shape(chapters)[0]).toEqual(['One', 'Mira pushed the door.', 'She called out.', '雨が降る。'])
  })

  it('make paragraphs of indented prose lines ended by one <br>', () => {
    const { chapters } = read(
      '<html><body><h1>One</h1><font face="Georgia">&nbsp;&nbsp;&nbsp;&nbsp;The mill stood <b>silent</b>.<br>\n&nbsp;&nbsp;&nbsp;&nbsp;Inside, a lamp burned.<br>\n&nbsp;&nbsp;&nbsp;&nbsp;Nobody came.<br></font></body></html>',
    )
    expect(shape(chapters)[0]).toEqual([
      'One',
      'The mill stood silent.',
      'Inside, a lamp burned.',
      'Nobody came.',
    ])
  })

  it('leave indented verse its lines', () => {
    const { chapters } = read(
      '<html><body><h1>One</h1><p>&nbsp;&nbsp;Roses are red,<br>&nbsp;&nbsp;violets are blue<br>&nbsp;&nbsp;sugar is sweet</p></body></html>',
    )
    const blocks = chapters[0]!.children
    expect(blocks).toHaveLength(1)
    expect(JSON.stringify(blocks[0])).toContain('"break"')
  })
})
