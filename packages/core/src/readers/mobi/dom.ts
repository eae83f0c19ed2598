/**
 * The Kindle book's markup as XHTML documents: parse5 reads the tag soup (MOBI 6 leaves tags
 * unclosed; KF8 is XHTML but is read the same way), a few helpers change the tree, and
 * `toXhtml` writes one well-formed XHTML document with the namespaces EPUB needs, so the EPUB
 * reader sees what an EPUB would hold.
 */
import { type DefaultTreeAdapterTypes as P5, parse } from 'parse5'
import { escapeAttr, escapeText } from '../../escape-xml.js'
import { voidTags } from '../shared/html-marks.js'

export type Element = P5.Element
export type ChildNode = P5.ChildNode
export type ParentNode = P5.ParentNode

export const isElement = (node: P5.Node): node is Element => 'tagName' in node

export function parseDocument(html: string): P5.Document {
  return parse(html)
}

export function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value
}

export function setAttr(el: Element, name: string, value: string): void {
  const found = el.attrs.find((a) => a.name === name)
  if (found) found.value = value
  else el.attrs.push({ name, value })
}

export function removeAttr(el: Element, name: string): void {
  el.attrs = el.attrs.filter((a) => a.name !== name)
}

/** Every element under `root`, in document order (an explicit stack: no recursion on deep markup). */
export function elements(root: P5.ParentNode): Element[] {
  const out: Element[] = []
  const stack: P5.Node[] = [...root.childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    out.push(node)
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
  }
  return out
}

/** Put an element's children where it was. */
export function unwrap(el: Element): void {
  const parent = el.parentNode
  if (!parent) return
  const at = parent.childNodes.indexOf(el)
  for (const child of el.childNodes) child.parentNode = parent
  parent.childNodes.splice(at, 1, ...el.childNodes)
}

export function remove(el: Element): void {
  const parent = el.parentNode
  if (!parent) return
  parent.childNodes.splice(parent.childNodes.indexOf(el), 1)
}

export function findChild(parent: P5.ParentNode, tag: string): Element | undefined {
  for (const child of parent.childNodes) if (isElement(child) && child.tagName === tag) return child
  return undefined
}

export function bodyOf(doc: P5.Document): Element | undefined {
  const html = findChild(doc, 'html')
  return html && findChild(html, 'body')
}

const DROPPED = new Set(['script', 'noscript', 'template', 'iframe', 'object', 'embed', 'guide'])
const NAME = /^[A-Za-z_][\w.-]*$/
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2000/svg': 'svg',
  'http://www.w3.org/1998/Math/MathML': 'math',
}
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g

function writeAttrs(el: Element): string {
  let out = ''
  const seen = new Set<string>()
  for (const a of el.attrs) {
    const prefix = a.prefix ? `${a.prefix}:` : ''
    const [first, second] = a.name.includes(':') ? a.name.split(':', 2) : [undefined, a.name]
    const ns = a.prefix ?? first
    if (a.name === 'xmlns' || ns === 'xmlns' || !NAME.test(second ?? '')) continue
    if (ns !== undefined && ns !== 'epub' && ns !== 'xml' && ns !== 'xlink') continue
    const name = `${prefix}${a.name}`
    if (seen.has(name)) continue
    seen.add(name)
    out += ` ${name}="${escapeAttr(a.value.replace(INVALID_XML, ''))}"`
  }
  return out
}

/** An element and what it holds, as XHTML. */
export function serialize(node: P5.Node): string {
  let out = ''
  const stack: Array<P5.Node | string> = [node]
  while (stack.length > 0) {
    const item = stack.pop()!
    if (typeof item === 'string') {
      out += item
      continue
    }
    if (item.nodeName === '#text') {
      out += escapeText((item as P5.TextNode).value.replace(INVALID_XML, ''))
      continue
    }
    if (!isElement(item)) continue
    const tag = item.tagName
    if (DROPPED.has(tag) || !/^[a-z][a-z0-9-]*$/i.test(tag)) {
      // Unknown prefixed tags (`mbp:nu`) keep their content; scripts and the like are dropped.
      if (!DROPPED.has(tag))
        for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!)
      continue
    }
    const foreign = NAMESPACES[item.namespaceURI]
    const xmlns =
      foreign && (!item.parentNode || NAMESPACES[(item.parentNode as Element).namespaceURI ?? ''] !== foreign)
        ? ` xmlns="${item.namespaceURI}"`
        : ''
    const open = `<${tag}${xmlns}${writeAttrs(item)}`
    if ((voidTags.has(tag) && !foreign) || item.childNodes.length === 0) {
      out += voidTags.has(tag) || foreign ? `${open}/>` : `${open}></${tag}>`
      continue
    }
    out += `${open}>`
    stack.push(`</${tag}>`)
    for (let i = item.childNodes.length - 1; i >= 0; i--) stack.push(item.childNodes[i]!)
  }
  return out
}

/** A whole XHTML document of a body, with the head's style sheets (`<link>`, `<style>`). */
export function toXhtml(title: string, head: string, body: Element): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xmlns:xlink="http://www.w3.org/1999/xlink">
<head><title>${escapeText(title)}</title>${head}</head>
${serialize(body)}
</html>
`
}

/** The style sheets of a parsed document's head, as XHTML. */
export function headSheets(doc: P5.Document): string {
  const html = findChild(doc, 'html')
  const head = html && findChild(html, 'head')
  if (!head) return ''
  let out = ''
  for (const el of head.childNodes)
    if (
      isElement(el) &&
      (el.tagName === 'style' || (el.tagName === 'link' && /stylesheet/i.test(attr(el, 'rel') ?? '')))
    )
      out += serialize(el)
  return out
}
