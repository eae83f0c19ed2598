/**
 * Pages an EPUB's maker generated rather than the author wrote: the cover wrapper, the title page,
 * the contents page (Octavo, pandoc, calibre, FanFicFare, publishers), calibre's metadata
 * "jacket", FanFicFare's update log; and pages with nothing to read. Octavo makes its own cover,
 * title and contents pages from the metadata, so these are left out rather than printed twice.
 * AO3's preface (title, tags, summary, notes) and afterword are the work's own words: they are
 * kept, as front and back matter. Recognised by markup and by the makers' fixed file names,
 * never by the page's wording.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import type { Matter } from '../../model/types.js'
import { textContent } from '../shared/html-text.js'
import { elementsOf } from './nav.js'
import { folderOf, resolveHref } from './paths.js'

/** At most this many characters of text beside the cover image: its title and author, not a page of prose. */
const COVER_TEXT = 300

/**
 * `matter`: where the page stands, as its markup says (AO3's preface). `placed`: the page is front
 * or back matter by its type (a dedication, an appendix, `epub:type="frontmatter"`): front matter
 * before the book's first chapter, back matter after its last (the reader decides, once it has
 * them all).
 */
export type PageVerdict =
  | { keep: false; what: string }
  | { keep: true; matter?: Matter; placed?: boolean; part?: boolean }

/**
 * epub:type (and `doc-` roles) of divisions that are front or back matter, not chapters: EPUB 3
 * Structural Semantics, and the EPUB 2 guide's types of the same name.
 */
const MATTER_TYPES = new Set([
  'frontmatter',
  'backmatter',
  'dedication',
  'epigraph',
  'foreword',
  'preface',
  'acknowledgments',
  'acknowledgements',
  'afterword',
  'appendix',
  'colophon',
  'glossary',
  'bibliography',
  'index',
  'contributors',
  'other-credits',
  'credits',
  'imprimatur',
  'errata',
  'seriespage',
])

/** epub:type values of pages Octavo generates itself. */
const GENERATED_TYPES: Record<string, string> = {
  cover: 'cover page',
  titlepage: 'title page',
  halftitlepage: 'half-title page',
  toc: 'contents page',
  landmarks: 'contents page',
  'copyright-page': 'copyright page',
}

/** File names the common makers give their generated pages. */
const GENERATED_NAMES: Array<[RegExp, string]> = [
  [/^(?:title_?page|titlepage\d*)\.x?html?$/i, 'title page'],
  [/^(?:toc|toc_page|contents)\.x?html?$/i, 'contents page'],
  [/^(?:cover|cover_page)\.x?html?$/i, 'cover page'],
  [/^jacket\d*\.x?html?$/i, "calibre's metadata jacket"],
  [/^log_page\.x?html?$/i, "FanFicFare's update log"],
]

export function judgePage(input: {
  path: string
  doc: P5.Document
  isNav: boolean
  guide: ReadonlyMap<string, string>
  cover?: string
}): PageVerdict {
  const { path, doc, isNav, guide } = input
  if (isNav) return { keep: false, what: 'contents page (the navigation document)' }
  // A copyright page is left out as Octavo's own title and contents pages are: Octavo writes its
  // own copyright page from the metadata (rights, publisher, identifier), and the source's notice
  // names the source edition, not this one.
  for (const [type, what] of [
    ['cover', 'cover page'],
    ['title-page', 'title page'],
    ['toc', 'contents page'],
    ['copyright-page', 'copyright page'],
  ] as const)
    if (guide.get(type) === path) return { keep: false, what }
  const body = bodyOf(doc)
  if (!body) return { keep: true }
  const seen = survey(body)
  // The page's own type: on body, or on the one section that wraps everything.
  const typed = [body, ...(seen.section ? [seen.section] : []), ...(seen.div ? [seen.div] : [])]
  for (const el of typed)
    for (const type of words(attr(el, 'epub:type')))
      if (GENERATED_TYPES[type]) return { keep: false, what: GENERATED_TYPES[type]! }
  const name = path.slice(path.lastIndexOf('/') + 1)
  for (const [pattern, what] of GENERATED_NAMES) {
    // A chapter merely named cover.xhtml with real prose is kept: generated pages are short.
    if (pattern.test(name) && textContent(body).replace(/\s+/g, ' ').trim().length < 4000)
      return { keep: false, what }
  }
  if (seen.jacket) return { keep: false, what: "calibre's metadata jacket" }
  // A page that is only a list of links into the book (calibre's inline contents, `#TOC_id1`):
  // its words are all in the links, bar a heading ("Contents").
  if (seen.links >= 2 && !seen.loose && seen.listed)
    return { keep: false, what: 'contents page (a list of links into the book)' }
  // A page holding nothing but the cover image is the cover wrapper, whatever its name; a page
  // holding nothing to read at all (pandoc's page for a comment above the first heading, a
  // maker's blank separator, an empty heading alone) is no chapter.
  if (!seen.text) return { keep: false, what: seen.image ? 'cover page (an image alone)' : 'blank page' }
  // The cover image as the page's only picture, the book's title and author beside it.
  if (
    input.cover !== undefined &&
    seen.sources.length === 1 &&
    resolveHref(folderOf(path), seen.sources[0]!)?.path === input.cover &&
    textContent(body).replace(/\s+/g, ' ').trim().length <= COVER_TEXT
  )
    return { keep: false, what: 'cover page (the cover image and its title)' }
  // AO3's downloads: #preface holds the work's header, #afterword the end notes.
  if (seen.preface && !seen.chapters) return { keep: true, matter: 'front' }
  if (seen.afterword && !seen.chapters) return { keep: true, matter: 'back' }
  for (const el of typed)
    for (const type of [
      ...words(attr(el, 'epub:type')),
      ...words(attr(el, 'role')).map((r) => r.replace(/^doc-/, '')),
    ])
      if (MATTER_TYPES.has(type.toLowerCase())) return { keep: true, placed: true }
  for (const [type, target] of guide)
    if (target === path && (MATTER_TYPES.has(type) || type === 'preface')) return { keep: true, placed: true }
  // A part's own page (`epub:type="part"`): the reader makes it the part, not a chapter.
  for (const el of typed)
    for (const type of [...words(attr(el, 'epub:type')), ...words(attr(el, 'role'))])
      if (type === 'part' || type === 'doc-part') return { keep: true, part: true }
  return { keep: true }
}

/** The document's body: where parse5 puts it (the html element's child), else the first anywhere. */
function bodyOf(doc: P5.Document): P5.Element | undefined {
  for (const html of doc.childNodes)
    if ('tagName' in html && html.tagName === 'html')
      for (const body of html.childNodes) if ('tagName' in body && body.tagName === 'body') return body
  return elementsOf(doc, 'body')[0]
}

/**
 * What `judgePage` reads of a page's body, in one walk (a chapter's body was walked seven times,
 * its whole text gathered and its spaces collapsed, for every chapter of a book): its first
 * section and first div, and whether it holds a calibre jacket's table, an image, AO3's preface,
 * afterword or chapters, and any text but white space. Elements are found as `elementsOf` finds
 * them (a template's content too), text as `textContent` reads it (not a template's).
 */
function survey(body: P5.Element) {
  const seen = {
    section: undefined as P5.Element | undefined,
    div: undefined as P5.Element | undefined,
    jacket: false,
    image: false,
    preface: false,
    afterword: false,
    chapters: false,
    text: false,
    /** Links into the book (no scheme), and whether any sits in a list. */
    links: 0,
    listed: false,
    /** Words outside links and headings. */
    loose: false,
    /** Where each picture (`<img src>`, SVG `<image href>`) points, as written. */
    sources: [] as string[],
  }
  /** Each node with whether it is in a template, and in a link or heading (`a`, `h`) or a list (`l`). */
  const stack: Array<[P5.Node, boolean, string]> = [[body, false, '']]
  while (stack.length > 0) {
    const [node, inTemplate, within] = stack.pop()!
    let inside = within
    if (node.nodeName === '#text') {
      const words = /\S/.test((node as P5.TextNode).value)
      if (!inTemplate && !seen.text && words) seen.text = true
      if (!inTemplate && words && !within.includes('a') && !within.includes('h')) seen.loose = true
    } else if ('tagName' in node && node !== body) {
      const tag = node.tagName
      if (tag === 'a') {
        const href = attr(node, 'href')
        if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
          seen.links++
          if (within.includes('l')) seen.listed = true
        }
        inside += 'a'
      } else if (/^h[1-6]$/.test(tag)) inside += 'h'
      else if (tag === 'ul' || tag === 'ol') inside += 'l'
      if (tag === 'section') seen.section ??= node
      else if (tag === 'div') {
        seen.div ??= node
        const id = attr(node, 'id')
        if (id === 'preface') seen.preface = true
        else if (id === 'afterword') seen.afterword = true
        else if (id === 'chapters') seen.chapters = true
      } else if (tag === 'table') {
        if (/\bcbj_/.test(attr(node, 'class') ?? '')) seen.jacket = true
      } else if (tag === 'img' || tag === 'image') {
        seen.image = true
        const source = tag === 'img' ? attr(node, 'src') : (attr(node, 'href') ?? attr(node, 'xlink:href'))
        if (source) seen.sources.push(source)
      }
    }
    const children = 'childNodes' in node ? node.childNodes : []
    const content = 'content' in node && node.content ? node.content.childNodes : []
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, inTemplate, inside])
    for (let i = content.length - 1; i >= 0; i--) stack.push([content[i]!, true, inside])
  }
  return seen
}

function attr(el: P5.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean)
}

/**
 * Whether an image is a cover calibre drew itself (its default cover: the title and author
 * written on a pattern, for a book that had none). calibre signs it, as `Generated cover:
 * calibre 6.13.0`: a JPEG comment (COM) or a PNG text chunk keyed `Generated cover`. Octavo
 * makes its own cover from the book's metadata instead, so a title mended in book.yaml is the
 * one on the cover. Only the headers before the image data are read.
 */
export function isCalibreCover(bytes: Uint8Array): boolean {
  const latin1 = (from: number, to: number) =>
    String.fromCharCode(...bytes.subarray(from, Math.min(to, from + 200)))
  const signed = (text: string) => /^Generated cover\0?:?\s*calibre\b/.test(text)
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2
    while (at + 4 <= bytes.length && bytes[at] === 0xff) {
      const marker = bytes[at + 1]!
      if (marker === 0xda || marker === 0xd9) return false // image data, or its end
      const length = (bytes[at + 2]! << 8) | bytes[at + 3]!
      if (marker === 0xfe && signed(latin1(at + 4, at + 2 + length))) return true
      at += 2 + length
    }
    return false
  }
  const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (!PNG.every((b, i) => bytes[i] === b)) return false
  let at = 8
  while (at + 8 <= bytes.length) {
    const length =
      ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
    const type = latin1(at + 4, at + 8)
    if (type === 'IDAT' || type === 'IEND') return false
    if (type === 'tEXt' && signed(latin1(at + 8, at + 8 + length))) return true
    at += 12 + length
  }
  return false
}

/**
 * The archive entry of the first picture a page shows (`<img src>`, or the SVG `<image>` a cover
 * wrapper draws it with): the cover a cover page wraps, for a package that names none.
 */
export function pageImage(doc: P5.Document, path: string): string | undefined {
  for (const el of [...elementsOf(doc, 'img'), ...elementsOf(doc, 'image')]) {
    const source = el.tagName === 'img' ? attr(el, 'src') : (attr(el, 'href') ?? attr(el, 'xlink:href'))
    const resolved = source ? resolveHref(folderOf(path), source) : undefined
    if (resolved) return resolved.path
  }
  return undefined
}
