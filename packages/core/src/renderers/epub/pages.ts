/**
 * The EPUB's drawing of the pages the front-matter transform made (`root.pages`): title page,
 * copyright page, an archive work's preface, update log and end notes, dedication, epigraph,
 * about the author, also by. What each page says was
 * decided by the transform; this module only marks it up, with the `epub:type`, DPUB-ARIA role
 * and label reading systems and Ace look for. Everything is escaped. The half title is a print
 * page (an EPUB opens on its cover) and the contents page is the navigation document, so
 * neither is drawn here.
 */

import { cleanText, escapeAttr, escapeText } from '../../escape-xml.js'
import type {
  AboutAuthorPage,
  AlsoByPage,
  BlockContent,
  CopyrightPage,
  DedicationPage,
  EndNotesPage,
  EpigraphPage,
  GeneratedPage,
  PrefacePage,
  TitlePage,
  UpdateLogPage,
} from '../../model/types.js'
import { createState, handlers } from '../xhtml/index.js'
import type { Context } from './context.js'
import { xhtmlDocument } from './document.js'

/** A drawn page: its file under `text/`, manifest id, and XHTML. */
export interface PageDocument {
  id: string
  file: string
  xhtml: string
  /** Landmark and guide type, when the page is one. */
  landmark?: { type: string; guide: string }
}

/** A paragraph of plain text, cleaned of characters XML cannot hold; nothing when that leaves none. */
function p(className: string, text: string | undefined, dir: 'ltr' | 'rtl' = 'ltr'): string {
  const clean = text ? cleanText(text) : ''
  if (!clean) return ''
  return `<p${className ? ` class="${className}"` : ''}>${isolated(escapeText(clean), dir)}</p>\n`
}

/**
 * A line of a right-to-left book's title or copyright page, isolated (`<bdi>`, direction from its
 * first letter): lines there are made from the strings table and the book's names, and a table
 * in another direction (English, for a language without one of its own) or a name in one makes
 * a mixed line. "Book 1 of حكايات" is an English phrase: left to the line's right-to-left order,
 * its words come out as "حكايات Book 1 of". A line of the book's own script reads as before.
 */
function isolated(html: string, dir: 'ltr' | 'rtl'): string {
  return dir === 'rtl' ? `<bdi>${html}</bdi>` : html
}

/** Title lengths past which the title page sets the title smaller (see the stylesheet), so that it stays one page. */
const LONG_TITLES: ReadonlyArray<[length: number, className: string]> = [
  [100, 'longest'],
  [60, 'long'],
]

function titleClass(title: string): string {
  const length = cleanText(title).length
  const long = LONG_TITLES.find(([over]) => length > over)
  return long ? ` class="${long[1]}"` : ''
}

/**
 * The author's formatted words on a page (an archive work's summary, notes, end notes), drawn
 * by the chapters' handlers: a link to a chapter goes to it, images the book did not store show
 * their description, and a footnote mark (none is expected here) is its label.
 */
function blocks(nodes: readonly BlockContent[], ctx: Context): string {
  const state = createState(handlers, {
    imageHref: ctx.imageHref,
    linkHref: (id) => ctx.anchors.get(id),
    noteRef: (node) => escapeText(`[${node.label ?? node.identifier}]`),
    noteLabel: ctx.strings.authorNote,
    direction: ctx.dir,
  })
  return state.blocks(nodes)
}

function plain(text: string, fallback = ''): string {
  return escapeText(cleanText(text) || fallback)
}

function doc(page: GeneratedPage, ctx: Context, title: string, body: string): string {
  return xhtmlDocument({
    lang: ctx.lang,
    dir: ctx.dir,
    title,
    css: ctx.css,
    bodyType: page.matter === 'front' ? 'frontmatter' : 'backmatter',
    body,
  })
}

function titlePage(page: TitlePage, ctx: Context): string {
  const line = (className: string, text: string | undefined) => p(className, text, ctx.dir)
  const body = `<section class="titlepage" epub:type="titlepage" aria-labelledby="titlepage-title">
<h1 id="titlepage-title"${titleClass(page.title)}>${plain(page.title, 'Untitled')}</h1>
${line('subtitle', page.subtitle)}${line('volume', page.volume)}${page.authors.map((a) => line('author', a)).join('')}${page.contributors.map((c) => line('contributors', c)).join('')}${line('series', page.series)}${line('publisher', page.publisher)}</section>
`
  return doc(page, ctx, cleanText(page.title) || 'Untitled', body)
}

const LINE_CLASS: Record<CopyrightPage['lines'][number]['kind'], string> = {
  title: 'title',
  authors: 'author',
  contributors: 'contributors',
  copyright: 'copyright',
  rights: 'rights',
  'public-domain': 'rights public-domain',
  edition: 'edition',
  date: 'date',
  publisher: 'publisher',
  isbn: 'identifier',
  'made-with': 'made-with',
}

function copyrightPage(page: CopyrightPage, ctx: Context): string {
  const body = `<section class="copyright-page" epub:type="copyright-page" aria-label="${escapeAttr(cleanText(page.label))}">
${page.lines.map((line) => p(LINE_CLASS[line.kind], line.text, ctx.dir)).join('')}</section>
`
  return doc(page, ctx, cleanText(page.label), body)
}

function dedicationPage(page: DedicationPage, ctx: Context): string {
  const body = `<section class="dedication-page" epub:type="dedication" role="doc-dedication" aria-label="${escapeAttr(cleanText(page.label))}">
${page.lines.map((l) => p('', l)).join('')}</section>
`
  return doc(page, ctx, cleanText(page.label), body)
}

function epigraphPage(page: EpigraphPage, ctx: Context): string {
  const source = page.source ? `<p class="epigraph-source">\u2014\u2009${plain(page.source)}</p>\n` : ''
  const body = `<section class="epigraph-page" aria-label="${escapeAttr(cleanText(page.label))}">
<blockquote class="epigraph" epub:type="epigraph" role="doc-epigraph">
${page.lines.map((l) => p('', l)).join('')}${source}</blockquote>
</section>
`
  return doc(page, ctx, cleanText(page.label), body)
}

function aboutAuthorPage(page: AboutAuthorPage, ctx: Context): string {
  const body = `<section class="about-author" aria-labelledby="about-author-title">
<h1 id="about-author-title">${plain(page.title)}</h1>
${page.paragraphs.map((text) => p('', text)).join('')}</section>
`
  return doc(page, ctx, cleanText(page.title), body)
}

function alsoByPage(page: AlsoByPage, ctx: Context): string {
  const body = `<section class="also-by" aria-labelledby="also-by-title">
<h1 id="also-by-title">${plain(page.title)}</h1>
<ul>
${page.titles.map((t) => `<li>${plain(t)}</li>\n`).join('')}</ul>
</section>
`
  return doc(page, ctx, cleanText(page.title), body)
}

/** AO3's preface: the work's tags as a definition list, then the summary and notes under headings. */
function prefacePage(page: PrefacePage, ctx: Context): string {
  const rows = page.fields
    .map(
      (f) =>
        `<dt class="${f.name}">${plain(f.label)}</dt>\n<dd class="${f.name}">${f.values.map((v) => plain(v)).join(', ')}</dd>\n`,
    )
    .join('')
  const sections = page.sections
    .map(
      (section) => `<section class="${section.name}" aria-labelledby="preface-${section.name}">
<h2 id="preface-${section.name}">${plain(section.label)}</h2>
${blocks(section.children, ctx)}</section>
`,
    )
    .join('')
  const body = `<section class="archive-preface" epub:type="preface" role="doc-preface" aria-labelledby="preface-title">
<h1 id="preface-title">${plain(page.title, 'Untitled')}</h1>
${page.authors.map((a) => p('author', a)).join('')}${rows ? `<dl class="tags">\n${rows}</dl>\n` : ''}${sections}</section>
`
  return doc(page, ctx, cleanText(page.label), body)
}

function endNotesPage(page: EndNotesPage, ctx: Context): string {
  const body = `<section class="end-notes" epub:type="afterword" role="doc-afterword" aria-labelledby="end-notes-title">
<h1 id="end-notes-title">${plain(page.title)}</h1>
${blocks(page.children, ctx)}</section>
`
  return doc(page, ctx, cleanText(page.title), body)
}

function updateLogPage(page: UpdateLogPage, ctx: Context): string {
  const body = `<section class="update-log" aria-labelledby="update-log-title">
<h1 id="update-log-title">${plain(page.title)}</h1>
<ul>
${page.lines.map((l) => `<li>${plain(l)}</li>\n`).join('')}</ul>
</section>
`
  return doc(page, ctx, cleanText(page.title), body)
}

/** The page's XHTML document, or undefined for pages the EPUB does not draw (half title, contents). */
export function renderPage(page: GeneratedPage, ctx: Context): PageDocument | undefined {
  switch (page.type) {
    case 'titlePage':
      return {
        id: 'titlepage',
        file: 'titlepage.xhtml',
        xhtml: titlePage(page, ctx),
        landmark: { type: 'titlepage', guide: 'title-page' },
      }
    case 'copyrightPage':
      return {
        id: 'copyright',
        file: 'copyright.xhtml',
        xhtml: copyrightPage(page, ctx),
      }
    case 'dedicationPage':
      return { id: 'dedication', file: 'dedication.xhtml', xhtml: dedicationPage(page, ctx) }
    case 'epigraphPage':
      return { id: 'epigraph', file: 'epigraph.xhtml', xhtml: epigraphPage(page, ctx) }
    case 'aboutAuthorPage':
      return { id: 'about-author', file: 'about-author.xhtml', xhtml: aboutAuthorPage(page, ctx) }
    case 'alsoByPage':
      return { id: 'also-by', file: 'also-by.xhtml', xhtml: alsoByPage(page, ctx) }
    case 'prefacePage':
      return { id: 'preface', file: 'preface.xhtml', xhtml: prefacePage(page, ctx) }
    case 'updateLogPage':
      return { id: 'update-log', file: 'update-log.xhtml', xhtml: updateLogPage(page, ctx) }
    case 'endNotesPage':
      return { id: 'end-notes', file: 'end-notes.xhtml', xhtml: endNotesPage(page, ctx) }
    case 'halfTitlePage':
    case 'contentsPage':
      return undefined
  }
}
