/**
 * Small queries over a parse5 tree for the site profiles: find elements by tag, class, id or
 * attribute, read their text, and detach page furniture before conversion. Every walk uses an
 * explicit stack, so a saved page of any depth is safe; nothing here fetches or runs anything.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { textContent } from '../../shared/html-text.js'
import { attr, classes } from '../convert.js'

export type Element = P5.Element
export type ParentNode = P5.ParentNode
export type ChildNode = P5.ChildNode

export const isElement = (node: ChildNode | ParentNode): node is Element => 'tagName' in node

/** What an element must be: `tag`, `tag.class`, `.class`, `#id`, `tag[attr]`, `tag[attr=value]`. */
export type Selector = string

interface Parsed {
  tag?: string
  id?: string
  classes: string[]
  attr?: { name: string; value?: string }
}

const cache = new Map<string, Parsed>()

function parseSelector(selector: Selector): Parsed {
  const known = cache.get(selector)
  if (known) return known
  const out: Parsed = { classes: [] }
  const attrMatch = /\[([\w:-]+)(?:=["']?([^\]"']*)["']?)?\]$/.exec(selector)
  const rest = attrMatch ? selector.slice(0, attrMatch.index) : selector
  if (attrMatch)
    out.attr =
      attrMatch[2] === undefined ? { name: attrMatch[1]! } : { name: attrMatch[1]!, value: attrMatch[2] }
  for (const token of rest.match(/[#.]?[\w-]+/g) ?? []) {
    if (token.startsWith('#')) out.id = token.slice(1).toLowerCase()
    else if (token.startsWith('.')) out.classes.push(token.slice(1).toLowerCase())
    else out.tag = token.toLowerCase()
  }
  cache.set(selector, out)
  return out
}

/** Whether only an element with attributes can match the selector (it names an id, a class or an attribute). */
export function needsAttributes(selector: Selector): boolean {
  const s = parseSelector(selector)
  return s.id !== undefined || s.classes.length > 0 || s.attr !== undefined
}

/** Does `el` match one simple selector (no combinators)? */
export function matches(el: Element, selector: Selector): boolean {
  const s = parseSelector(selector)
  if (s.tag && el.tagName !== s.tag) return false
  if (s.id && (attr(el, 'id') ?? '').toLowerCase() !== s.id) return false
  if (s.classes.length > 0) {
    const have = classes(el)
    if (!s.classes.every((c) => have.includes(c))) return false
  }
  if (s.attr) {
    const value = attr(el, s.attr.name)
    if (value === undefined) return false
    if (s.attr.value !== undefined && value !== s.attr.value) return false
  }
  return true
}

/**
 * Every element under `root` (document order) matching the path of simple selectors, each a
 * descendant of the one before: `all(doc, 'dl.work', 'dd.fandom', 'a.tag')`.
 */
export function all(root: ParentNode, ...path: Selector[]): Element[] {
  let scope: ParentNode[] = [root]
  for (const selector of path) {
    const found: Element[] = []
    const seen = new Set<Element>()
    for (const base of scope) {
      for (const el of descendants(base)) {
        if (!seen.has(el) && matches(el, selector)) {
          seen.add(el)
          found.push(el)
        }
      }
    }
    scope = found
  }
  return scope as Element[]
}

/** The first element matching the path, or undefined. */
export function first(root: ParentNode, ...path: Selector[]): Element | undefined {
  return all(root, ...path)[0]
}

/** Elements under `root`, in document order (explicit stack). Script and style are never entered. */
export function descendants(root: ParentNode): Element[] {
  const out: Element[] = []
  const stack: ChildNode[] = [...root.childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    out.push(node)
    if (node.tagName === 'script' || node.tagName === 'style') continue
    const kids = node.tagName === 'template' ? [] : node.childNodes
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
  }
  return out
}

/** An element's words, spaces collapsed. */
export function text(node: ParentNode | ChildNode | undefined): string {
  return node ? textContent(node).replace(/\s+/g, ' ').trim() : ''
}

/** Each tag's text of a tag list (`<a class="tag">`, or the comma-separated text). */
export function tagList(el: Element | undefined): string[] {
  if (!el) return []
  const links = all(el, 'a')
  const items = links.length > 0 ? links.map(text) : text(el).split(/\s*,\s*/)
  return items.filter((t) => t !== '')
}

/** Take `el` out of the tree, so no later reading sees it. */
export function detach(el: Element): void {
  const parent = el.parentNode
  if (!parent) return
  const i = parent.childNodes.indexOf(el)
  if (i >= 0) parent.childNodes.splice(i, 1)
  el.parentNode = null
}

/** Does `root` contain `node` (or is it)? */
export function contains(root: ParentNode, node: ParentNode): boolean {
  for (let at: ParentNode | null = node; at; at = 'parentNode' in at ? (at.parentNode ?? null) : null) {
    if (at === root) return true
  }
  return false
}

/** The `content` of `<meta property|name="…">`. */
export function metaContent(doc: ParentNode, name: string): string | undefined {
  for (const el of all(doc, 'meta')) {
    if (attr(el, 'property') === name || attr(el, 'name') === name) {
      const value = attr(el, 'content')?.trim()
      if (value) return value
    }
  }
  return undefined
}

/**
 * Where the page was saved from: `<link rel="canonical">`, `og:url`, the browser's
 * `<!-- saved from url=(0042)https://… -->` mark, or `<base href>`. Read, never fetched.
 */
export function pageAddress(doc: ParentNode, source: string): string | undefined {
  for (const el of all(doc, 'link[rel]')) {
    if (attr(el, 'rel')?.toLowerCase() === 'canonical') {
      const href = attr(el, 'href')?.trim()
      if (href && /^https?:\/\//i.test(href)) return href
    }
  }
  const og = metaContent(doc, 'og:url')
  if (og && /^https?:\/\//i.test(og)) return og
  const saved = /<!--\s*saved from url=\(\d+\)(https?:\/\/[^\s>]+?)\s*-->/i.exec(source.slice(0, 4096))
  if (saved) return saved[1]
  const base = first(doc, 'base[href]')
  const href = base && attr(base, 'href')?.trim()
  if (href && /^https?:\/\//i.test(href)) return href
  return undefined
}

/** The host of an address, lower-case, without `www.`. */
export function hostOf(address: string | undefined): string | undefined {
  const m = address && /^https?:\/\/([^/?#:]+)/i.exec(address)
  return m ? m[1]!.toLowerCase().replace(/^www\./, '') : undefined
}

/** A date written by a site ("2024-01-02", "Jan 2, 2024", a Unix time) as ISO `YYYY-MM-DD`. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(trimmed)
  if (iso) return iso[1]
  if (/^\d{9,11}$/.test(trimmed)) return new Date(Number(trimmed) * 1000).toISOString().slice(0, 10)
  const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
  const mdy = /^([a-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$/i.exec(trimmed)
  const dmy = /^(\d{1,2})\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})$/i.exec(trimmed)
  const [month, day, year] = mdy ? [mdy[1]!, mdy[2]!, mdy[3]!] : dmy ? [dmy[2]!, dmy[1]!, dmy[3]!] : []
  const m = month ? months.indexOf(month.toLowerCase()) : -1
  if (m < 0) return undefined
  return `${year}-${String(m + 1).padStart(2, '0')}-${day!.padStart(2, '0')}`
}

/** "12,345" / "12.345" / "12 345" → 12345. */
export function count(value: string | undefined): number | undefined {
  const digits = value?.replace(/[\s,.\u00a0\u202f]/g, '')
  return digits && /^\d+$/.test(digits) ? Number(digits) : undefined
}

/**
 * Class names a page's own stylesheets hide (`.x1y2{display:none}`): Royal Road hides
 * anti-copying sentences in the chapter this way. Hidden text is not the story.
 */
export function hiddenClasses(doc: ParentNode): Set<string> {
  const out = new Set<string>()
  for (const style of all(doc, 'style')) {
    const css = styleText(style)
    for (const rule of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      if (!/display\s*:\s*none|visibility\s*:\s*hidden/i.test(rule[2]!)) continue
      for (const cls of rule[1]!.matchAll(/\.([\w-]+)/g)) out.add(cls[1]!.toLowerCase())
    }
  }
  return out
}

/** The text of the document's `<style>` elements, in document order. */
export function styleSheets(doc: ParentNode): string[] {
  return all(doc, 'style').map(styleText)
}

function styleText(style: Element): string {
  return style.childNodes.map((n) => (n.nodeName === '#text' ? (n as P5.TextNode).value : '')).join('')
}
