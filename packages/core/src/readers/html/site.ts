/**
 * Finding the story on a saved web page. Chapters saved from AO3 keep the story in
 * `#chapters` / `.userstuff`, from FanFiction.Net in `#storytext`; around it sit menus, headers,
 * comment forms and scripts that are not the book. When none of these is present the whole body
 * is the story (a hand-written chapter).
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { parseHeading } from '../heading.js'
import { textContent } from '../shared/html-text.js'
import { bylineName } from '../text/index.js'
import { attr, classes, isNotesBlock } from './convert.js'

type Element = P5.Element
type ParentNode = P5.ParentNode

export interface Story {
  /** Where to convert from. */
  root: ParentNode
  site: 'ao3' | 'ffn' | 'plain'
  /** A heading outside the story area to use when the story area has none (AO3's work title). */
  outsideHeading?: Element
  /** FFN's chapter menu entry for this chapter ("3. The Storm"). */
  ffnChapter?: { number?: number; title: string }
  /** The page's `<title>`, for a hand-written page with no heading ("Chapter 3: The Storm"). */
  pageTitle?: string
}

const isElement = (node: P5.ChildNode | ParentNode): node is Element => 'tagName' in node

function isChromeArea(el: Element): boolean {
  const id = (attr(el, 'id') ?? '').toLowerCase()
  const cls = classes(el)
  return (
    el.tagName === 'nav' ||
    el.tagName === 'header' ||
    el.tagName === 'footer' ||
    id === 'header' ||
    id === 'footer' ||
    cls.includes('navigation') ||
    cls.includes('byline') ||
    isNotesBlock(el)
  )
}

/** Look through the page once (explicit stack) and decide where the story is. */
export function findStory(doc: ParentNode): Story {
  let storytext: Element | undefined
  let chapters: Element | undefined
  let userstuff: Element | undefined
  let chapSelect: Element | undefined
  let titleHeading: Element | undefined
  let firstHeading: Element | undefined
  let body: Element | undefined
  let pageTitle: Element | undefined
  // Each entry carries whether it lies inside page chrome or a notes block.
  const stack: Array<[ParentNode, boolean]> = [[doc, false]]
  const order = new Map<Element, number>()
  while (stack.length > 0) {
    const [node, inChrome] = stack.pop()!
    let chrome = inChrome
    if (isElement(node)) {
      order.set(node, order.size)
      const id = (attr(node, 'id') ?? '').toLowerCase()
      const cls = classes(node)
      if (node.tagName === 'body') body ??= node
      if (node.tagName === 'title') pageTitle ??= node
      if (id === 'storytext') storytext ??= node
      if (id === 'chapters') chapters ??= node
      if (cls.includes('userstuff') && !inChrome) userstuff ??= node
      if (node.tagName === 'select' && (id === 'chap_select' || attr(node, 'name') === 'chapter')) {
        chapSelect ??= node
      }
      chrome = inChrome || isChromeArea(node)
      if (/^h[1-3]$/.test(node.tagName) && !chrome && !/^chapter text$/i.test(textContent(node).trim())) {
        firstHeading ??= node
        if (node.tagName === 'h2' && cls.includes('title')) titleHeading ??= node
      }
      if (node.tagName === 'template' || node.tagName === 'script' || node.tagName === 'style') continue
    }
    const kids = node.childNodes
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i]!
      if (isElement(kid)) stack.push([kid, chrome])
    }
  }
  const before = (root: Element, heading: Element | undefined) =>
    heading && order.get(heading)! < order.get(root)! && !contains(root, heading) ? heading : undefined
  if (storytext) {
    const story: Story = { root: storytext, site: 'ffn' }
    const chosen = chapSelect && ffnOption(chapSelect)
    if (chosen) story.ffnChapter = chosen
    return story
  }
  const ao3 = chapters ?? (userstuff && (closestChapter(userstuff) ?? userstuff))
  if (ao3) {
    const story: Story = { root: ao3, site: 'ao3' }
    const outside = before(ao3, titleHeading) ?? before(ao3, firstHeading)
    if (outside) story.outsideHeading = outside
    return story
  }
  const story: Story = { root: body ?? doc, site: 'plain' }
  const title = pageTitle && textContent(pageTitle).replace(/\s+/g, ' ').trim()
  if (title && !FILE_NAME.test(title)) story.pageTitle = title
  return story
}

/**
 * A page title that is a file's name (pandoc titles an EPUB's pages `ch001.xhtml`; editors save
 * `Untitled-1.html`): no heading, though "ch001" would read as "Chapter 001".
 */
const FILE_NAME = /^[^\s/\\]+\.(?:x?html?|xml|txt|md|docx?)$/i

function contains(root: Element, node: Element): boolean {
  for (let at: ParentNode | null = node; at; at = 'parentNode' in at ? at.parentNode : null) {
    if (at === root) return true
  }
  return false
}

function closestChapter(el: Element): Element | undefined {
  // AO3 nests div.chapter.preface inside div.chapter: keep the outermost.
  let found: Element | undefined
  for (let at: ParentNode | null = el.parentNode; at && isElement(at); at = at.parentNode) {
    if (at.tagName === 'div' && classes(at).includes('chapter')) found = at
  }
  return found
}

/** FFN's chapter menu: `<option value="3" selected>3. The Storm</option>`. */
function ffnOption(select: Element): Story['ffnChapter'] {
  const options = select.childNodes.filter((n): n is Element => isElement(n) && n.tagName === 'option')
  const chosen =
    options.find((o) => attr(o, 'selected') !== undefined) ?? (options.length === 1 ? options[0] : undefined)
  if (!chosen) return undefined
  const text = textContent(chosen).replace(/\s+/g, ' ').trim()
  const m = /^(\d+)\.\s*(.*)$/.exec(text)
  const value = Number.parseInt(attr(chosen, 'value') ?? '', 10)
  const number = m ? Number(m[1]) : Number.isFinite(value) ? value : undefined
  const title = (m ? m[2] : text) ?? ''
  return number === undefined ? { title } : { number, title }
}

/** The classes word processors give their Title and Subtitle paragraphs in HTML. */
const TITLE_CLASSES: Record<string, 'title' | 'subtitle'> = {
  // Google Docs ("Download as web page"), LibreOffice, Word ("Save as web page": MsoTitle),
  // pandoc (`<h1 class="title">` in its title block).
  title: 'title',
  msotitle: 'title',
  subtitle: 'subtitle',
  msosubtitle: 'subtitle',
}

/** How many paragraphs above the first heading are looked at for a title. */
const TITLE_SEARCH = 20

/** What a word processor's export says about the book above its first heading. */
export interface DocumentTitles {
  title?: string
  subtitle?: string
  authors?: Array<{ name: string }>
}

/**
 * A word processor's Title and Subtitle paragraphs above the first heading of a plain page
 * (Google Docs' `<p class="c3 title">`, Word's `<p class=MsoTitle>`, pandoc's title block), taken
 * out of the text: they are the book's title and subtitle, as a Word file's Title and Subtitle
 * styles are, not a line of its first chapter. A "by NAME" line right under them (or pandoc's
 * `<p class="author">`) is the author, as in a Word file; a first line over a "by NAME" line
 * above the first heading is a title page too (a manuscript saved as a web page, centred by
 * hand). Looks at the first paragraphs only, and stops at the first heading. A word processor's
 * document properties (`<title>`, `<meta name="author">`, which LibreOffice writes) fill what the
 * text does not say, and a first line repeating the `<title>` is that title, not the story's.
 */
export function takeDocumentTitles(root: ParentNode, doc?: ParentNode, language = 'en'): DocumentTitles {
  const found: DocumentTitles = {}
  const take = (node: Element) => {
    const siblings = node.parentNode?.childNodes
    if (siblings) siblings.splice(siblings.indexOf(node), 1)
  }
  const lineOf = (node: Element) => textContent(node).replace(/\s+/g, ' ').trim()
  // The non-empty paragraphs above the first heading, in order, and whether a heading follows.
  const top: Element[] = []
  let headed = false
  const stack: P5.ChildNode[] = [...root.childNodes].reverse()
  let paragraphs = 0
  while (stack.length > 0 && paragraphs < TITLE_SEARCH) {
    const node = stack.pop()!
    if (!('tagName' in node)) continue
    const tag = node.tagName
    let role: 'title' | 'subtitle' | 'author' | 'date' | undefined
    for (const name of classes(node)) role ??= TITLE_CLASSES[name]
    // pandoc's title block: `<header id="title-block-header">` with `.author` and `.date` lines.
    const block =
      node.parentNode && isElement(node.parentNode) && attr(node.parentNode, 'id') === 'title-block-header'
    if (block && !role && classes(node).includes('author')) role = 'author'
    if (block && !role && classes(node).includes('date')) role = 'date'
    // pandoc's `<h1 class="title">` is the book's only in its title block: calibre gives the
    // chapters' headings class names of its own, `title` among them.
    if (/^h[1-6]$/.test(tag) && !(role === 'title' && tag === 'h1' && block)) {
      headed = true
      break
    }
    if (tag === 'script' || tag === 'style' || tag === 'template') continue
    if (tag === 'p') paragraphs++
    if (role && (tag === 'p' || tag === 'div' || tag === 'h1')) {
      const text = lineOf(node)
      if (role === 'date') {
        take(node)
        continue
      }
      if (role === 'author' && text) {
        found.authors = [...(found.authors ?? []), { name: text.replace(/^by\s+/i, '') }]
        take(node)
        continue
      }
      if (role !== 'author' && text && found[role] === undefined) {
        found[role] = text
        top.length = 0
        take(node)
        continue
      }
    }
    if (
      tag === 'p' ||
      (tag === 'div' && !node.childNodes.some((n) => isElement(n) && BLOCKS.has(n.tagName)))
    ) {
      if (lineOf(node)) top.push(node)
      continue
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
  }
  // A page of an EPUB (no document given) has its book's metadata in the package.
  if (!doc) return found
  const meta = documentProperties(doc)
  // Word titles a document with no Title property after its first line ("Chapter 1").
  if (meta.title !== undefined && parseHeading(meta.title, language)) delete meta.title
  // A first line repeating the document's title is that title.
  if (found.title === undefined && meta.title !== undefined && top[0] && lineOf(top[0]) === meta.title) {
    found.title = meta.title
    take(top.shift()!)
  }
  // A "by NAME" line right under the title; or a first line over one, above the first heading.
  if (!found.authors) {
    const titled = found.title !== undefined || found.subtitle !== undefined
    const first = top[0] ? lineOf(top[0]) : ''
    // An epigraph over its attribution is quoted, or longer than a title.
    const byAt = titled
      ? 0
      : headed && top.length >= 2 && first.length <= 100 && !/^["“‘«„]/.test(first)
        ? 1
        : -1
    const name = byAt >= 0 && top[byAt] ? bylineName(lineOf(top[byAt]!)) : undefined
    if (name) {
      if (!titled) {
        found.title = lineOf(top[0]!)
        take(top[0]!)
      }
      found.authors = name
        .split(/\s*(?:,|&|\band\b)\s*/)
        .filter(Boolean)
        .map((n) => ({ name: n }))
      take(top[byAt]!)
    }
  }
  if (found.title === undefined && meta.title !== undefined) found.title = meta.title
  if (!found.authors && meta.author !== undefined) found.authors = [{ name: meta.author }]
  return found
}

const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'section',
  'article',
])

/** The five XML entities, as Word escapes an author's name in its properties. */
const decodeXml = (text: string) =>
  text.replace(
    /&(lt|gt|quot|apos|amp);/g,
    (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!,
  )

/** Programs whose HTML export carries the document's own properties in `<head>`. */
const WORD_PROCESSOR =
  /\b(?:LibreOffice|OpenOffice|StarOffice|NeoOffice|Microsoft Word|AbiWord|pandoc|Scrivener)\b/i

/**
 * The title and author a word processor wrote into the page's `<head>`: only from a page its
 * `<meta name="generator">` says a word processor made, as a web page's `<title>` is the site's
 * ("Chapter 3 | My Blog"), not the book's.
 */
function documentProperties(doc: ParentNode): { title?: string; author?: string } {
  let generator = ''
  let title: string | undefined
  let author: string | undefined
  const stack: P5.ChildNode[] = [...doc.childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    // Word's "Web Page" keeps its document properties in a conditional comment.
    if (node.nodeName === '#comment') {
      const name = /<o:Author>([^<]*)<\/o:Author>/i.exec((node as P5.CommentNode).data)?.[1]
      if (name?.trim()) author ??= decodeXml(name).replace(/\s+/g, ' ').trim()
      continue
    }
    if (!isElement(node)) continue
    if (node.tagName === 'body') break
    if (node.tagName === 'title') title ??= textContent(node).replace(/\s+/g, ' ').trim()
    if (node.tagName === 'meta') {
      const name = (attr(node, 'name') ?? '').toLowerCase()
      const content = (attr(node, 'content') ?? '').replace(/\s+/g, ' ').trim()
      if (name === 'generator') generator = content
      if (name === 'author' && content) author ??= content
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
  }
  if (!WORD_PROCESSOR.test(generator)) return {}
  const out: { title?: string; author?: string } = {}
  // pandoc titles a page with no title of its own after its file ("chapter-1"); its real title is
  // in the title block, read above.
  if (title && !FILE_NAME.test(title) && !/\bpandoc\b/i.test(generator)) out.title = title
  if (author) out.author = author
  return out
}
