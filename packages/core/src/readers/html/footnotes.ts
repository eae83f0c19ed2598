/**
 * Footnotes in HTML, as pandoc, Word, Google Docs, Scrivener, AO3 and EPUB-minded authors mark
 * them: a link to `#fn1` (usually in `<sup>`) and, at the end, the note with that id holding a
 * back-link (↩). Found before conversion, so the converter can turn the link into a
 * `footnoteReference`, the note into a `footnoteDefinition`, and drop the back-links and the
 * container the notes were listed in. Only a link whose target is recognisably a note counts:
 * any other `#id` link stays a link.
 *
 * A note is recognised by its markup, never by its wording: `role="doc-footnote"` or
 * `doc-endnote`, `epub:type="footnote"` (or `endnote`, `rearnote`), an item of a notes list
 * (`section.footnotes`, `role="doc-endnotes"`, `epub:type="footnotes"`), Word's
 * `<div id="ftn1">` (its anchor is `<a name="_ftn1">`), LibreOffice's `<div id="sdfootnote1">` (its
 * anchor is `<a name="sdfootnote1sym">`), or an id like `fn1` that a link marked as
 * a note reference (`role="doc-noteref"`, `epub:type="noteref"`, `class="footnote-ref"`) points at.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { textContent } from '../shared/html-text.js'

type Element = P5.Element
type ParentNode = P5.ParentNode

/** The notes of one tree: which elements are notes, which links point at them, what to drop. */
export interface Footnotes {
  /** Note elements by their identifier (the id a reference points at, lower-cased). */
  notes: Map<Element, string>
  /** Reference targets (`#fn1`, `#_ftn1`) to the identifier of their note. */
  targets: Map<string, string>
  /** Elements that only list notes (pandoc's `section.footnotes`, Word's footnote list). */
  containers: Set<Element>
  /** Ids and names of reference anchors (`fnref1`): a link back to one is a back-link. */
  referenceIds: Set<string>
  /** The label the first reference to each note shows (`1` for `[1]`). */
  labels: Map<string, string>
}

const attr = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value
const words = (value: string | undefined) => (value ?? '').toLowerCase().split(/\s+/).filter(Boolean)
const isElement = (node: P5.ChildNode | ParentNode): node is Element => 'tagName' in node

/** The ids word processors give a note or its anchor: Word, Google Docs, LibreOffice. */
const NOTE_ANCHOR = /^(?:_?(?:[ef]tn|ftnt)\d+|sd(?:foot|end)note\d+(?:sym)?)$/i

export function isNoteMarkup(el: Element): boolean {
  const role = words(attr(el, 'role'))
  const type = words(attr(el, 'epub:type'))
  return (
    role.includes('doc-footnote') ||
    role.includes('doc-endnote') ||
    type.some((t) => t === 'footnote' || t === 'endnote' || t === 'rearnote')
  )
}

export function isContainerMarkup(el: Element): boolean {
  const cls = words(attr(el, 'class'))
  const role = words(attr(el, 'role'))
  const type = words(attr(el, 'epub:type'))
  const style = (attr(el, 'style') ?? '').toLowerCase()
  return (
    cls.includes('footnotes') ||
    role.includes('doc-endnotes') ||
    type.includes('footnotes') ||
    type.includes('endnotes') ||
    type.includes('rearnotes') ||
    /mso-element\s*:\s*(?:foot|end)note-list/.test(style)
  )
}

export function isReferenceMarkup(el: Element): boolean {
  const cls = words(attr(el, 'class'))
  return (
    words(attr(el, 'role')).includes('doc-noteref') ||
    words(attr(el, 'epub:type')).includes('noteref') ||
    cls.includes('footnote-ref') ||
    cls.includes('footnote-reference') ||
    cls.includes('noteref')
  )
}

/** Find the notes of a tree, with an explicit stack (no recursion). */
export function findFootnotes(root: ParentNode): Footnotes {
  const byId = new Map<string, Element>()
  const named = new Map<string, Element>()
  const parents = new Map<Element, Element | undefined>()
  const links: Element[] = []
  const stack: Array<[ParentNode, Element | undefined]> = [[root, undefined]]
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!
    const el = isElement(node) ? node : undefined
    if (el) {
      parents.set(el, parent)
      const id = attr(el, 'id')
      if (id && !byId.has(id)) byId.set(id, el)
      if (el.tagName === 'a') {
        const name = attr(el, 'name')
        if (name && !named.has(name)) named.set(name, el)
        if (attr(el, 'href')?.startsWith('#')) links.push(el)
      }
    }
    const kids = node.childNodes
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i]!
      if (isElement(kid)) stack.push([kid, el])
    }
  }
  const inContainer = (el: Element): Element | undefined => {
    for (let p = parents.get(el); p; p = parents.get(p)) if (isContainerMarkup(p)) return p
    return undefined
  }
  const paragraphOf = (a: Element): Element | undefined => {
    let p = parents.get(a)
    while (p && p.tagName !== 'p' && p.tagName !== 'div' && p.tagName !== 'li') p = parents.get(p)
    if (p?.tagName !== 'p') return p
    // One paragraph in a div of its own (Google Docs): the div is the note.
    const wrapper = parents.get(p)
    if (wrapper?.tagName === 'div' && wrapper.childNodes.filter(isElement).length === 1) return wrapper
    return p
  }
  // The note an anchor points at: the element itself when it is marked as a note or is an item
  // of a notes list; for Word's `<a name="_ftn1">`, the `<div id="ftn1">` around it.
  const noteFor = (target: Element, marked: boolean): Element | undefined => {
    if (isNoteMarkup(target)) return target
    if (target.tagName === 'li' && inContainer(target)) return target
    for (let p: Element | undefined = target; p; p = parents.get(p)) {
      if (isNoteMarkup(p)) return p
      // Word's `<div id="ftn1">`; Google Docs' `<a id="ftnt1">` in the note's paragraph;
      // LibreOffice's `<a name="sdfootnote1sym">` (`sdendnote1sym`) in `<div id="sdfootnote1">`.
      if (!NOTE_ANCHOR.test(attr(p, 'id') ?? attr(p, 'name') ?? '')) continue
      if (p.tagName === 'div' || p.tagName === 'li' || p.tagName === 'aside') return p
      if (p.tagName === 'a') return paragraphOf(p)
    }
    // A link marked as a note reference may point at a plain block with the note's id.
    if (
      marked &&
      target.tagName !== 'a' &&
      /^(?:fn|footnote|note|endnote)[-_:]?\w*\d/i.test(attr(target, 'id') ?? '')
    )
      return target
    return undefined
  }
  const found: Footnotes = {
    notes: new Map(),
    targets: new Map(),
    containers: new Set(),
    referenceIds: new Set(),
    labels: new Map(),
  }
  for (const link of links) {
    const target = attr(link, 'href')!.slice(1)
    if (!target) continue
    const el = byId.get(target) ?? named.get(target)
    if (!el) continue
    const note = noteFor(el, isReferenceMarkup(link))
    // A link inside its own note is the back-link, not a reference.
    if (!note || isWithin(link, note, parents)) continue
    const identifier = found.notes.get(note) ?? (attr(note, 'id') ?? target).toLowerCase()
    found.notes.set(note, identifier)
    found.targets.set(target, identifier)
    const label = referenceLabel(textContent(link))
    if (label !== undefined && !found.labels.has(identifier)) found.labels.set(identifier, label)
    for (const own of [attr(link, 'id'), attr(link, 'name')]) if (own) found.referenceIds.add(own)
    const container = inContainer(note)
    if (container) found.containers.add(container)
  }
  return found
}

function isWithin(el: Element, ancestor: Element, parents: Map<Element, Element | undefined>): boolean {
  for (let p: Element | undefined = el; p; p = parents.get(p)) if (p === ancestor) return true
  return false
}

/** A back-link inside a note (`<a href="#fnref1">↩</a>`, `role="doc-backlink"`): dropped. */
export function isBackLink(el: Element, footnotes: Footnotes): boolean {
  const href = attr(el, 'href')
  if (words(attr(el, 'role')).includes('doc-backlink')) return true
  const cls = words(attr(el, 'class'))
  if (cls.includes('footnote-back') || cls.includes('footnote-backref')) return true
  return href?.startsWith('#') === true && footnotes.referenceIds.has(href.slice(1))
}

/** The label a reference shows, without Word's brackets: `[1]` → `1`. */
export function referenceLabel(text: string): string | undefined {
  const label = text
    .replace(/\s+/g, '')
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/^\((.*)\)$/, '$1')
  return label === '' ? undefined : label
}
