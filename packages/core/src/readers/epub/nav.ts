/**
 * An EPUB's navigation: the EPUB 3 nav document's `toc` list, or the EPUB 2 NCX's navPoints, as
 * the tree of entries it is (label, target document and fragment, nested entries). What the
 * reader takes from it: the title of a chapter without a heading of its own (the deepest entry
 * pointing at its document: a chapter's, not its part's), where a document holding several
 * chapters is split (the top-level entries pointing at anchors inside it), and the parts a nested
 * contents makes when the part has no page of its own. The nav document is parsed as the
 * chapters are (as XML where it reads as HTML would, else by parse5), the NCX as XML (xml.ts);
 * neither is ever walked recursively.
 */

import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { parse } from 'parse5'
import { textContent } from '../shared/html-text.js'
import { attribute, element, elements, parseXml, textOf, type XmlProblem } from '../shared/xml.js'
import { folderOf, resolveHref } from './paths.js'
import { parseXhtml } from './xhtml.js'

/** One entry of the contents. */
export interface NavEntry {
  label: string
  /** Archive entry of the document it points at; undefined for a heading without a link. */
  path?: string
  fragment?: string
  children: NavEntry[]
}

export interface Navigation {
  /** The top-level entries, in order. */
  entries: NavEntry[]
}

export function navTitles(path: string, html: string): Navigation {
  // As the chapters are: as the XML it is when it reads as HTML would (xhtml.ts), else parse5.
  const doc = parseXhtml(html) ?? parse(html)
  const base = folderOf(path)
  const navs = elementsOf(doc, 'nav')
  const toc = navs.find((n) => words(attr(n, 'epub:type')).includes('toc')) ?? navs[0]
  const top: NavEntry[] = []
  if (!toc) return { entries: top }
  const list = firstChild(toc, 'ol') ?? firstChild(toc, 'ul') ?? elementsOf(toc, 'ol')[0]
  if (!list) return { entries: top }
  // Explicit stack of (list element, the entries its items go into).
  const stack: Array<[P5.Element, NavEntry[]]> = [[list, top]]
  while (stack.length > 0) {
    const [ol, into] = stack.pop()!
    const later: Array<[P5.Element, NavEntry[]]> = []
    for (const li of ol.childNodes) {
      if (!('tagName' in li) || li.tagName !== 'li') continue
      const a = firstChild(li, 'a') ?? firstChild(li, 'span') ?? elementsOf(li, 'a')[0]
      const href = a && a.tagName === 'a' ? attr(a, 'href') : undefined
      const target = href ? resolveHref(base, href) : undefined
      const label = a ? textContent(a).replace(/\s+/g, ' ').trim() : ''
      const entry: NavEntry = { label, children: [] }
      if (target) entry.path = target.path
      if (target?.fragment) entry.fragment = target.fragment
      into.push(entry)
      const sub = firstChild(li, 'ol') ?? firstChild(li, 'ul')
      if (sub) later.push([sub, entry.children])
    }
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]!)
  }
  return { entries: top }
}

export function ncxTitles(path: string, xml: string): { titles: Navigation; problems: XmlProblem[] } {
  const top: NavEntry[] = []
  const { root, problems } = parseXml(xml)
  if (!root) return { titles: { entries: top }, problems }
  const base = folderOf(path)
  const map = element(root, 'navMap')
  if (!map) return { titles: { entries: top }, problems }
  const stack: Array<[typeof map, NavEntry[]]> = [[map, top]]
  while (stack.length > 0) {
    const [parent, into] = stack.pop()!
    const later: Array<[typeof map, NavEntry[]]> = []
    for (const point of elements(parent, 'navPoint')) {
      const content = element(point, 'content')
      const label = element(point, 'navLabel')
      const src = content && attribute(content, 'src')
      const target = src ? resolveHref(base, src) : undefined
      const entry: NavEntry = { label: label ? textOf(label).replace(/\s+/g, ' ').trim() : '', children: [] }
      if (target) entry.path = target.path
      if (target?.fragment) entry.fragment = target.fragment
      into.push(entry)
      later.push([point, entry.children])
    }
    for (let i = later.length - 1; i >= 0; i--) stack.push(later[i]!)
  }
  return { titles: { entries: top }, problems }
}

/** Every entry with its depth (0 at the top), in reading order. */
export function flatten(nav: Navigation): Array<{ entry: NavEntry; depth: number }> {
  const out: Array<{ entry: NavEntry; depth: number }> = []
  const stack: Array<{ entry: NavEntry; depth: number }> = nav.entries
    .map((entry) => ({ entry, depth: 0 }))
    .reverse()
  while (stack.length > 0) {
    const next = stack.pop()!
    out.push(next)
    for (let i = next.entry.children.length - 1; i >= 0; i--)
      stack.push({ entry: next.entry.children[i]!, depth: next.depth + 1 })
  }
  return out
}

/**
 * Document → the label that titles it when it has no heading: of the entries pointing at the
 * document itself, the deepest ("Down the Rabbit-Hole" nested under "Part One", both pointing at
 * ch1.xhtml, is the chapter's title), else the first pointing at an anchor in it (not the
 * section nested under it).
 */
export function documentTitles(nav: Navigation): Map<string, string> {
  const best = new Map<string, { label: string; depth: number; whole: boolean }>()
  for (const { entry, depth } of flatten(nav)) {
    if (!entry.path || !entry.label) continue
    const whole = entry.fragment === undefined
    const had = best.get(entry.path)
    if (!had || (whole && !had.whole) || (whole && had.whole && depth > had.depth))
      best.set(entry.path, { label: entry.label, depth, whole })
  }
  return new Map([...best].map(([path, { label }]) => [path, label]))
}

/**
 * Document → where the top-level entries split it: two or more of them pointing into one
 * document (a one-file book's `book.xhtml#ch2`) each start a chapter there. An entry pointing at
 * the document itself starts at its top.
 */
export function documentSplits(nav: Navigation): Map<string, Array<{ fragment?: string; label: string }>> {
  const out = new Map<string, Array<{ fragment?: string; label: string }>>()
  for (const entry of nav.entries) {
    if (!entry.path) continue
    const list = out.get(entry.path) ?? []
    if (!list.some((e) => e.fragment === entry.fragment))
      list.push({ label: entry.label, ...(entry.fragment !== undefined ? { fragment: entry.fragment } : {}) })
    out.set(entry.path, list)
  }
  for (const [path, list] of out) if (list.length < 2) out.delete(path)
  return out
}

/**
 * Parts a nested contents makes without a page of their own: a top-level entry whose entries
 * lead to two or more documents and which points where its first entry does (no part page to
 * read its heading from), every one of them a whole document. Each: its label and the documents
 * it holds.
 */
export function navigationParts(nav: Navigation): Array<{ label: string; documents: Set<string> }> {
  const out: Array<{ label: string; documents: Set<string> }> = []
  for (const entry of nav.entries) {
    if (entry.children.length === 0 || !entry.label) continue
    const documents = new Set<string>()
    let whole = true
    for (const { entry: e } of flatten({ entries: entry.children })) {
      if (e.path) documents.add(e.path)
      if (e.fragment !== undefined) whole = false
    }
    const first = entry.children[0]!
    // Sections at anchors (a chapter's, in its split files) make no part: whole chapters do.
    if (documents.size < 2 || !whole) continue
    if (entry.path !== undefined && (entry.path !== first.path || entry.fragment !== first.fragment)) continue
    out.push({ label: entry.label, documents })
  }
  return out
}

type Node = P5.ChildNode | P5.Document | P5.Element

function attr(el: P5.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
}

function firstChild(el: P5.Element, tag: string): P5.Element | undefined {
  for (const child of el.childNodes) if ('tagName' in child && child.tagName === tag) return child
  return undefined
}

function words(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter(Boolean)
}

/** Descendant elements with this tag name, in document order, without recursion. */
export function elementsOf(root: Node, tag: string): P5.Element[] {
  const out: P5.Element[] = []
  const stack: Node[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('tagName' in node && node.tagName === tag && node !== root) out.push(node)
    const children = 'childNodes' in node ? node.childNodes : []
    const content = 'content' in node && node.content ? node.content.childNodes : []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    for (let i = content.length - 1; i >= 0; i--) stack.push(content[i]!)
  }
  return out
}
