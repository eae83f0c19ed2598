/**
 * Chapter titles from an EPUB's navigation: the EPUB 3 nav document's `toc` list, or the EPUB 2
 * NCX's navPoints. Only what a chapter without a heading of its own needs: for each document, the
 * label of the first entry pointing at it. The nav document is parsed as the chapters are (as XML
 * where it reads as HTML would, else by parse5), the NCX as XML (xml.ts); neither is ever walked
 * recursively.
 */

import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { parse } from 'parse5'
import { attribute, descendants, element, parseXml, textOf, type XmlProblem } from '../shared/xml.js'
import { folderOf, resolveHref } from './paths.js'
import { parseXhtml } from './xhtml.js'

/** Document entry path → its first label, in navigation order. */
export type NavTitles = Map<string, string>

export function navTitles(path: string, html: string): NavTitles {
  const titles: NavTitles = new Map()
  // As the chapters are: as the XML it is when it reads as HTML would (xhtml.ts), else parse5.
  const doc = parseXhtml(html) ?? parse(html)
  const base = folderOf(path)
  const navs = elementsOf(doc, 'nav')
  const toc = navs.find((n) => words(attr(n, 'epub:type')).includes('toc')) ?? navs[0]
  if (!toc) return titles
  for (const a of elementsOf(toc, 'a')) {
    const href = attr(a, 'href')
    const target = href ? resolveHref(base, href) : undefined
    const label = textContent(a).replace(/\s+/g, ' ').trim()
    if (target && label && !titles.has(target.path)) titles.set(target.path, label)
  }
  return titles
}

export function ncxTitles(path: string, xml: string): { titles: NavTitles; problems: XmlProblem[] } {
  const titles: NavTitles = new Map()
  const { root, problems } = parseXml(xml)
  if (!root) return { titles, problems }
  const base = folderOf(path)
  for (const point of descendants(root, 'navPoint')) {
    const content = element(point, 'content')
    const label = element(point, 'navLabel')
    const src = content && attribute(content, 'src')
    const target = src ? resolveHref(base, src) : undefined
    const text = label ? textOf(label) : ''
    if (target && text && !titles.has(target.path)) titles.set(target.path, text)
  }
  return { titles, problems }
}

type Node = P5.ChildNode | P5.Document | P5.Element

function attr(el: P5.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
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

export function textContent(root: Node): string {
  let text = ''
  const stack: Node[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.nodeName === '#text') text += (node as P5.TextNode).value
    const children = 'childNodes' in node ? node.childNodes : []
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
  return text
}
