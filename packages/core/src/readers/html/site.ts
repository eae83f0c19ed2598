/**
 * Finding the story on a saved web page. Chapters saved from AO3 keep the story in
 * `#chapters` / `.userstuff`, from FanFiction.Net in `#storytext`; around it sit menus, headers,
 * comment forms and scripts that are not the book. When none of these is present the whole body
 * is the story (a hand-written chapter).
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { attr, classes, isNotesBlock, textContent } from './convert.js'

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
  // Google Docs ("Download as web page"), LibreOffice, Word ("Save as web page": MsoTitle).
  title: 'title',
  msotitle: 'title',
  subtitle: 'subtitle',
  msosubtitle: 'subtitle',
}

/** How many paragraphs above the first heading are looked at for a title. */
const TITLE_SEARCH = 20

/**
 * A word processor's Title and Subtitle paragraphs above the first heading of a plain page
 * (Google Docs' `<p class="c3 title">`, Word's `<p class=MsoTitle>`), taken out of the text: they
 * are the book's title and subtitle, as a Word file's Title and Subtitle styles are, not a line
 * of its first chapter. Looks at the first paragraphs only, and stops at the first heading.
 */
export function takeDocumentTitles(root: ParentNode): { title?: string; subtitle?: string } {
  const found: { title?: string; subtitle?: string } = {}
  const stack: P5.ChildNode[] = [...root.childNodes].reverse()
  let paragraphs = 0
  while (stack.length > 0 && paragraphs < TITLE_SEARCH) {
    const node = stack.pop()!
    if (!('tagName' in node)) continue
    const tag = node.tagName
    if (/^h[1-6]$/.test(tag)) break
    if (tag === 'script' || tag === 'style' || tag === 'template') continue
    if (tag === 'p') paragraphs++
    let role: 'title' | 'subtitle' | undefined
    for (const name of classes(node)) role ??= TITLE_CLASSES[name]
    if (role && (tag === 'p' || tag === 'div')) {
      const text = textContent(node).replace(/\s+/g, ' ').trim()
      if (text && found[role] === undefined) {
        found[role] = text
        const siblings = node.parentNode?.childNodes
        if (siblings) siblings.splice(siblings.indexOf(node), 1)
        continue
      }
    }
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
  }
  return found
}
