/**
 * Notes kept in another document of the EPUB: a publisher's or calibre's `endnotes.xhtml`, an
 * EPUB 2 `<a href="notes.html#n1">` with a link back from the note, a pandoc chapter citing a
 * note another chapter file holds, EPUB 3 `<aside epub:type="footnote">` and `role="doc-endnote"`
 * notes collected elsewhere. The HTML reader joins a reference to its note within one document;
 * this pass makes every cross-document reference a within-document one before conversion: the
 * note's content is copied into the citing document as an `<aside epub:type="footnote">` right
 * after the citing block, the reference is pointed at it, back-links are dropped, and the note
 * leaves its own document. A document that held nothing but notes (and their headings) is then
 * no chapter of the book.
 *
 * A target counts as a note by its markup, never its wording: note markup on it or around it
 * (`epub:type` footnote/endnote/rearnote, `role="doc-endnote"`/`doc-footnote`), an item of a
 * notes list, a reference marked as one (`epub:type="noteref"`, `role="doc-noteref"`,
 * `class="footnote-ref"`), an id like `fn3` or `note12`, or a link in the target's block back to
 * the reference (the EPUB 2 pattern). Any other cross-document link is left alone.
 *
 * One walk per document (explicit stack, no recursion), and hash look-ups after it: the work is
 * linear in the size of the documents, whatever the number of notes or documents.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { isContainerMarkup, isNoteMarkup, isReferenceMarkup } from '../html/footnotes.js'
import { folderOf, resolveHref } from './paths.js'

type Element = P5.Element
type ParentNode = P5.ParentNode
type ChildNode = P5.ChildNode

export interface NoteDocument {
  /** Archive entry name. */
  path: string
  doc: P5.Document
}

/** A reference marked as a note whose target is not in the EPUB. */
export interface MissingNote {
  path: string
  href: string
  line?: number
  column?: number
}

export interface JoinedNotes {
  /** References now pointing at a note in their own document. */
  joined: number
  /** Documents that held only notes, every one now in the document citing it: no chapters. */
  notesOnly: Set<string>
  missing: MissingNote[]
  /** Elements visited: the pass is linear in the documents' size (the tests count it). */
  visited: number
}

/** Where the work is counted. */
interface Tally {
  visited: number
}

interface Indexed {
  entry: NoteDocument
  ids: Map<string, Element>
  /** Links with a path and a fragment (`notes.xhtml#n1`, `ch2.xhtml#fn3`). */
  links: Element[]
  /** Ids given to the notes copied in. */
  taken: Set<string>
}

const BLOCKS = new Set([
  'p',
  'li',
  'div',
  'aside',
  'section',
  'blockquote',
  'dd',
  'dt',
  'dl',
  'td',
  'th',
  'figure',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'body',
])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
/** The ids writers and tools give notes: `fn3`, `footnote-3`, `note12`, `en_4`, `n7`. */
const NOTE_ID = /^(?:fn|footnote|note|endnote|en|n|ftn|edn)[-_:.]?\d/i
/** Left of a note's text once its back-link went: `1. `, `[1] `, `1) `. */
const LEAD = /^[\s.:)\]]+/

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value
const isElement = (node: ChildNode | ParentNode): node is Element => 'tagName' in node
const words = (value: string | undefined) => (value ?? '').toLowerCase().split(/\s+/).filter(Boolean)

/**
 * Join the notes of `documents` (in spine order) to their references. `load` reads a document
 * outside `documents` a reference points at (a notes file kept out of the spine).
 */
export function joinNotes(
  documents: readonly NoteDocument[],
  load: (path: string) => NoteDocument | undefined,
): JoinedNotes {
  const result: JoinedNotes = { joined: 0, notesOnly: new Set(), missing: [], visited: 0 }
  const indexed = new Map<string, Indexed | undefined>()
  const index = (entry: NoteDocument): Indexed => {
    const out: Indexed = { entry, ids: new Map(), links: [], taken: new Set() }
    const stack: ChildNode[] = [...entry.doc.childNodes].reverse()
    while (stack.length > 0) {
      const node = stack.pop()!
      if (!isElement(node)) continue
      result.visited++
      const id = attr(node, 'id') ?? (node.tagName === 'a' ? attr(node, 'name') : undefined)
      if (id && !out.ids.has(id)) out.ids.set(id, node)
      if (node.tagName === 'a') {
        const href = attr(node, 'href')
        if (href && !href.startsWith('#') && href.includes('#')) out.links.push(node)
      }
      const kids = node.tagName === 'template' ? [] : node.childNodes
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!)
    }
    indexed.set(entry.path, out)
    return out
  }
  for (const entry of documents) index(entry)
  const order = new Map(documents.map((d, i) => [d.path, i]))
  const lookup = (path: string): Indexed | undefined => {
    if (indexed.has(path)) return indexed.get(path)
    const loaded = load(path)
    const out = loaded ? index(loaded) : undefined
    indexed.set(path, out)
    return out
  }

  interface Found {
    citing: Indexed
    link: Element
    holder: Indexed
    note: Element
    /** The id the reference pointed at. */
    fragment: string
  }
  const found: Found[] = []
  /** `path#id` of every reference anchor: a link to one from inside a note is a back-link. */
  const anchors = new Set<string>()
  for (const entry of documents) {
    const citing = indexed.get(entry.path)!
    const base = folderOf(entry.path)
    for (const link of citing.links) {
      const href = attr(link, 'href')!
      const target = resolveHref(base, href)
      if (!target?.fragment) continue
      if (target.path === entry.path) {
        // `ch1.xhtml#fn1` inside ch1.xhtml: a within-document reference, the HTML reader's.
        setAttr(link, 'href', `#${target.fragment}`)
        continue
      }
      // A note's link back to its reference is no reference.
      if (isBackLink(link)) continue
      const marked = isReferenceMarkup(link)
      const holder = lookup(target.path)
      const el = holder?.ids.get(target.fragment)
      if (!holder || !el) {
        if (marked) {
          const loc = link.sourceCodeLocation
          result.missing.push({
            path: entry.path,
            href,
            ...(loc ? { line: loc.startLine, column: loc.startCol } : {}),
          })
        }
        continue
      }
      // EPUB 2 links a reference and its note's number to each other: the note's side is the one
      // whose link leads its block ("2 Not a word."), else the later document.
      if (el.tagName === 'a' && pointsAt(el, target.path, entry.path)) {
        const here = leadsBlock(link, result)
        const there = leadsBlock(el, result)
        if (here && !there) continue
        if (here === there && (order.get(entry.path) ?? 0) > (order.get(target.path) ?? 0)) continue
      }
      const refIds = anchorIds(link)
      const note = noteOf(
        el,
        marked,
        (block) => linksBack(block, holder.entry.path, entry.path, refIds, result),
        result,
      )
      if (!note || contains(note, link)) continue
      found.push({ citing, link, holder, note, fragment: target.fragment })
      for (const id of refIds) anchors.add(`${entry.path}#${id}`)
    }
  }

  const claimed = new Map<Indexed, Set<Element>>()
  const copies = new Map<Indexed, Map<Element, string>>()
  const containers = new Map<Element, Element>()
  /** Containers to insert, by the parent they go into: one rebuild of each parent's children. */
  const inserts = new Map<ParentNode, Map<Element, Element>>()
  for (const { citing, link, holder, note, fragment } of found) {
    const own = copies.get(citing) ?? new Map<Element, string>()
    copies.set(citing, own)
    let id = own.get(note)
    if (id === undefined) {
      id = freshId(citing, attr(note, 'id') ?? fragment)
      own.set(note, id)
      const aside = element('aside', [
        { name: 'epub:type', value: 'footnote' },
        { name: 'id', value: id },
      ])
      for (const child of copyNote(note, holder.entry.path, anchors, result)) append(aside, child)
      const block = blockOf(link)
      let container = containers.get(block)
      if (!container) {
        container = element('section', [{ name: 'epub:type', value: 'footnotes' }])
        const parent = block.parentNode
        if (block.tagName === 'body' || !parent) append(block, container)
        else {
          const after = inserts.get(parent) ?? new Map<Element, Element>()
          after.set(block, container)
          inserts.set(parent, after)
        }
        containers.set(block, container)
      }
      append(container, aside)
    }
    setAttr(link, 'href', `#${id}`)
    result.joined++
    const set = claimed.get(holder) ?? new Set<Element>()
    set.add(note)
    claimed.set(holder, set)
  }
  for (const [parent, after] of inserts) {
    const children: ChildNode[] = []
    for (const child of parent.childNodes) {
      result.visited++
      children.push(child)
      const container = isElement(child) ? after.get(child) : undefined
      if (container) {
        container.parentNode = parent
        children.push(container)
      }
    }
    parent.childNodes = children
  }
  for (const [holder, notes] of claimed) {
    const parents = new Set<ParentNode>()
    for (const note of notes) if (note.parentNode) parents.add(note.parentNode)
    result.visited += detachAll(notes)
    if (holdsNothingElse(holder.entry.doc, parents, result)) result.notesOnly.add(holder.entry.path)
  }
  return result
}

/** The note `target` belongs to, or undefined when nothing in the markup says it is one. */
function noteOf(
  target: Element,
  marked: boolean,
  linksBack: (block: Element) => boolean,
  tally: Tally,
): Element | undefined {
  for (let p: Element | undefined = target; p && p.tagName !== 'body'; p = parentOf(p)) {
    tally.visited++
    if (isNoteMarkup(p)) return p
    if (p.tagName === 'li' && inContainer(p)) return p
  }
  let block = blockOf(target)
  const named = marked || NOTE_ID.test(attr(target, 'id') ?? attr(target, 'name') ?? '')
  // calibre's notes from FB2: `<h1 id="n1">1</h1><div>text</div>`, the heading the note's number.
  if (HEADINGS.has(block.tagName) && MARKER.test(textOf(block, tally).trim()) && (named || linksBack(block)))
    return headedNote(block, tally)
  if (block.tagName === 'body' || HEADINGS.has(block.tagName) || block.tagName === 'section') return undefined
  // calibre's notes from Word: `<dl id="note_1" class="footnote"><dt>[←1]</dt><dd>text</dd></dl>`.
  const dl = parentOf(block)
  if (
    (block.tagName === 'dt' || block.tagName === 'dd') &&
    dl?.tagName === 'dl' &&
    dl.childNodes.filter((c) => isElement(c) && c.tagName === 'dt').length === 1
  )
    block = dl
  if (named || linksBack(block)) return block
  return undefined
}

/** A note's heading when it is only its number: `1`, `[2]`, `*`, `iv.` */
const MARKER = /^[[(]?\s*(?:\d{1,4}|[ivxlc]{1,6}|[a-z]|[*†‡§]{1,3})\s*[\])]?\.?$/i

/** Notes made of a number heading and what follows it, wrapped so they travel as one. */
const headed = new WeakMap<Element, Element>()

/**
 * A note given as a heading holding its number and the blocks after it, up to the next heading:
 * wrapped in a `div` in its document (once), which is the note; the heading is not copied.
 */
function headedNote(heading: Element, tally: Tally): Element | undefined {
  const done = headed.get(heading)
  if (done) return done
  const parent = heading.parentNode
  if (!parent) return undefined
  const at = parent.childNodes.indexOf(heading)
  let end = at + 1
  while (end < parent.childNodes.length) {
    const next = parent.childNodes[end]!
    tally.visited++
    if (isElement(next) && (HEADINGS.has(next.tagName) || next.tagName === 'section')) break
    end++
  }
  const wrapper = element('div', [])
  for (const child of parent.childNodes.splice(at, end - at, wrapper as ChildNode)) append(wrapper, child)
  ;(wrapper as { parentNode: ParentNode | null }).parentNode = parent
  headed.set(heading, wrapper)
  headed.set(wrapper, wrapper)
  return wrapper
}

/** Whether `block` (in `holder`) holds a link back to one of the reference's anchors in `citing`. */
function linksBack(block: Element, holder: string, citing: string, refIds: string[], tally: Tally): boolean {
  if (refIds.length === 0) return false
  const base = folderOf(holder)
  for (const a of elementsIn(block, 'a', tally)) {
    const href = attr(a, 'href')
    const target = href ? resolveHref(base, href) : undefined
    if (target?.path === citing && target.fragment && refIds.includes(target.fragment)) return true
  }
  return false
}

/** A link marked as going back to its reference (`role="doc-backlink"`, pandoc's `footnote-back`). */
function isBackLink(el: Element): boolean {
  if (words(attr(el, 'role')).includes('doc-backlink')) return true
  const cls = words(attr(el, 'class'))
  return cls.includes('footnote-back') || cls.includes('footnote-backref')
}

/** Whether `el` holds the first words of its block (a note's number does; a reference does not). */
function leadsBlock(el: Element, tally: Tally): boolean {
  const block = blockOf(el)
  const stack: ChildNode[] = [...block.childNodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    tally.visited++
    if (node === el) return true
    if (isElement(node)) for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
    else if (node.nodeName === '#text' && (node as P5.TextNode).value.trim() !== '') return false
  }
  return false
}

/** Whether the link `a`, in the document `from`, points into the document `to`. */
function pointsAt(a: Element, from: string, to: string): boolean {
  const href = attr(a, 'href')
  return href !== undefined && resolveHref(folderOf(from), href)?.path === to
}

/** The ids a back-link may point at: the reference's own, and those of its inline wrappers (`<sup id>`). */
function anchorIds(link: Element): string[] {
  const out: string[] = []
  for (let p: Element | undefined = link; p && !BLOCKS.has(p.tagName); p = parentOf(p)) {
    const id = attr(p, 'id')
    if (id) out.push(id)
    const name = p.tagName === 'a' ? attr(p, 'name') : undefined
    if (name) out.push(name)
  }
  return out
}

function inContainer(el: Element): boolean {
  for (let p = parentOf(el); p; p = parentOf(p)) if (isContainerMarkup(p)) return true
  return false
}

function blockOf(el: Element): Element {
  let p: Element = el
  while (!BLOCKS.has(p.tagName)) {
    const up = parentOf(p)
    if (!up) return p
    p = up
  }
  return p
}

function parentOf(el: Element): Element | undefined {
  const parent = el.parentNode
  return parent && isElement(parent) ? parent : undefined
}

function contains(root: Element, node: Element): boolean {
  for (let p: Element | undefined = node; p; p = parentOf(p)) if (p === root) return true
  return false
}

function freshId(doc: Indexed, wanted: string): string {
  let id = wanted
  for (let n = 2; doc.ids.has(id) || doc.taken.has(id); n++) id = `${wanted}-${n}`
  doc.taken.add(id)
  return id
}

/**
 * The note's content, copied without source positions (they belong to another file) and without
 * its back-links: links to a reference anchor, `role="doc-backlink"`, pandoc's `footnote-back`.
 * A note whose first child is its back-link (`<a href="ch1.xhtml#r1">1.</a> Text`) loses the
 * punctuation after it too.
 */
function copyNote(note: Element, holder: string, anchors: Set<string>, tally: Tally): ChildNode[] {
  const base = folderOf(holder)
  const isBack = (el: Element) => {
    if (el.tagName !== 'a') return false
    if (isBackLink(el)) return true
    const href = attr(el, 'href')
    const target = href ? resolveHref(base, href) : undefined
    return target?.fragment !== undefined && anchors.has(`${target.path}#${target.fragment}`)
  }
  const out: ChildNode[] = []
  // Explicit stack of (source node, copy's parent): no recursion on hostile depth.
  const root = element('div', [])
  // A definition list's note is its definitions (its term is the number and back-link); a headed
  // note is what follows its number heading.
  const sources =
    note.tagName === 'dl'
      ? note.childNodes.flatMap((c) => (isElement(c) && c.tagName === 'dd' ? c.childNodes : []))
      : headed.get(note) === note
        ? note.childNodes.filter((c, i) => !(i === 0 && isElement(c) && HEADINGS.has(c.tagName)))
        : note.childNodes
  const stack: Array<[ChildNode, Element]> = [...sources].reverse().map((c) => [c, root])
  let leading = true
  let stripLead = false
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!
    tally.visited++
    if (isElement(node)) {
      if (isBack(node)) {
        if (leading) stripLead = true
        continue
      }
      const copy = element(
        node.tagName,
        node.attrs.map((a) => ({ ...a })),
        node.namespaceURI,
      )
      append(parent, copy)
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push([node.childNodes[i]!, copy])
      continue
    }
    if (node.nodeName !== '#text') continue
    let value = (node as P5.TextNode).value
    if (stripLead) {
      value = value.replace(LEAD, '')
      if (value !== '') stripLead = false
    }
    if (value.trim() !== '') leading = false
    if (value !== '') append(parent, { nodeName: '#text', value, parentNode: null } as unknown as ChildNode)
  }
  for (const child of root.childNodes) out.push(child)
  return out
}

/**
 * Nothing left once the notes went but headings, white space and the short lines listed among the
 * notes (a publisher's "Chapter 3" above that chapter's notes): a notes page, not a chapter. Text
 * anywhere else, however short, is a chapter's.
 */
function holdsNothingElse(doc: P5.Document, noteParents: Set<ParentNode>, tally: Tally): boolean {
  const stack: ChildNode[] = [...doc.childNodes].reverse()
  const label = (node: ChildNode) =>
    node.parentNode !== null && noteParents.has(node.parentNode) && textOf(node, tally).trim().length <= 80
  while (stack.length > 0) {
    const node = stack.pop()!
    tally.visited++
    if (isElement(node)) {
      if (HEADINGS.has(node.tagName) || node.tagName === 'head' || label(node)) continue
      for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!)
    } else if (node.nodeName === '#text' && (node as P5.TextNode).value.trim() !== '' && !label(node))
      return false
  }
  return true
}

function textOf(node: ChildNode, tally: Tally): string {
  let out = ''
  const stack: ChildNode[] = [node]
  while (stack.length > 0) {
    const next = stack.pop()!
    tally.visited++
    if (next.nodeName === '#text') out += (next as P5.TextNode).value
    else if (isElement(next))
      for (let i = next.childNodes.length - 1; i >= 0; i--) stack.push(next.childNodes[i]!)
  }
  return out
}

function elementsIn(root: Element, tag: string, tally: Tally): Element[] {
  const out: Element[] = []
  const stack: ChildNode[] = [...root.childNodes]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (!isElement(node)) continue
    tally.visited++
    if (node.tagName === tag) out.push(node)
    for (const child of node.childNodes) stack.push(child)
  }
  return out
}

function element(tagName: string, attrs: P5.Element['attrs'], namespaceURI?: string): Element {
  return {
    nodeName: tagName,
    tagName,
    attrs,
    namespaceURI: (namespaceURI ?? 'http://www.w3.org/1999/xhtml') as P5.Element['namespaceURI'],
    childNodes: [],
    parentNode: null,
  }
}

function append(parent: Element, child: ChildNode): void {
  ;(child as { parentNode: ParentNode | null }).parentNode = parent
  parent.childNodes.push(child)
}

/** Take `elements` out of their parents, each parent's children rebuilt once; returns the children visited. */
function detachAll(elements: Set<Element>): number {
  const parents = new Set<ParentNode>()
  for (const el of elements) if (el.parentNode) parents.add(el.parentNode)
  let visited = 0
  for (const parent of parents) {
    visited += parent.childNodes.length
    parent.childNodes = parent.childNodes.filter((c) => !(isElement(c) && elements.has(c)))
  }
  for (const el of elements) el.parentNode = null
  return visited
}

function setAttr(el: Element, name: string, value: string): void {
  const existing = el.attrs.find((a) => a.name === name)
  if (existing) existing.value = value
  else el.attrs.push({ name, value })
}
