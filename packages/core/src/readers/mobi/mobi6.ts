/**
 * A MOBI 6 book's text (one HTML-ish stream) as XHTML documents: `filepos` links and the table of
 * contents point at byte offsets of the undecoded text, so an anchor (`id="filepos451"`) is put
 * at each such offset first; then the text is decoded and split at `<mbp:pagebreak/>` into
 * documents, each read by parse5 (MOBI 6 leaves tags unclosed), `<mbp:*>` tags dropped,
 * `recindex` pictures and `filepos` links pointed at the EPUB's files, the block each contents
 * entry points at made a heading, and notes marked as EPUB marks them (calibre writes none).
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { textContent } from '../shared/html-text.js'
import {
  attr,
  bodyOf,
  type Element,
  elements,
  isElement,
  parseDocument,
  remove,
  removeAttr,
  setAttr,
  toXhtml,
  unwrap,
} from './dom.js'
import { decodeText, type MobiHeader } from './header.js'
import type { Index } from './indx.js'
import type { Book, NavPoint } from './package.js'
import { picturePath } from './package.js'
import { binaryString, stringBytes } from './pdb.js'
import type { Resources } from './resources.js'

export interface Problems {
  /** Picture references to records that are no picture, by what they are. */
  missingPictures: number
  /** `filepos` links whose target could not be placed. */
  damaged: number
}

const docPath = (i: number) => `text/part${String(i).padStart(4, '0')}.html`

export function mobi6Book(
  text: Uint8Array,
  header: MobiHeader,
  ncx: Index | undefined,
  resources: Resources,
  problems: Problems,
  details: { title: string; authors: string[] },
): Book {
  let raw = binaryString(text)
  const ends = raw.lastIndexOf('#') === raw.length - 1 ? raw.length - 1 : raw.length
  raw = raw.slice(0, ends)
  // Every offset something points at.
  const targets = new Set<number>()
  for (const m of raw.matchAll(/filepos\s*=\s*["']?0*(\d+)/gi)) targets.add(Number(m[1]))
  const toc = ncx?.entries ?? []
  for (const e of toc) {
    const pos = e.tags.get(1)?.[0]
    if (pos !== undefined) targets.add(pos)
  }
  raw = insertAnchors(
    raw,
    [...targets].filter((t) => t < raw.length).sort((a, b) => b - a),
    header,
  )
  const decoded = decodeText(stringBytes(raw), header.encoding)

  const headEnd = decoded.search(/<\/head\s*>/i)
  const head = headEnd >= 0 ? decoded.slice(0, headEnd) : ''
  const pieces = (headEnd >= 0 ? decoded.slice(headEnd) : decoded).split(/<mbp:pagebreak[^>]*>/i)
  // The document each anchor is in.
  const docOf = new Map<number, number>()
  pieces.forEach((piece, i) => {
    for (const m of piece.matchAll(/id="filepos(\d+)"/g)) docOf.set(Number(m[1]), i)
  })
  const href = (pos: number, from?: number): string | undefined => {
    const doc = docOf.get(pos)
    if (doc === undefined) return undefined
    return doc === from ? `#filepos${pos}` : `${docPath(doc).slice('text/'.length)}#filepos${pos}`
  }

  const guide: Book['guide'] = []
  for (const m of head.matchAll(/<reference\b([^>]*)>/gi)) {
    const type = /type\s*=\s*["']([^"']*)["']/i.exec(m[1]!)?.[1]
    const title = /title\s*=\s*["']([^"']*)["']/i.exec(m[1]!)?.[1] ?? ''
    const pos = /filepos\s*=\s*["']?0*(\d+)/i.exec(m[1]!)?.[1]
    const target = pos === undefined ? undefined : href(Number(pos))
    if (type && target) guide.push({ type: type.toLowerCase(), title, href: `text/${target}` })
  }

  // The contents, nested by parent, and the headings they point at.
  const points: NavPoint[] = []
  const byNumber = new Map<number, NavPoint>()
  const headings = new Map<number, { label: string; level: number }>()
  toc.forEach((entry, i) => {
    const pos = entry.tags.get(1)?.[0]
    const label = ncx!.strings.get(entry.tags.get(3)?.[0] ?? -1) ?? ''
    const target = pos === undefined ? undefined : href(pos)
    if (!target) return
    const point: NavPoint = { label, href: `text/${target}`, children: [] }
    byNumber.set(i, point)
    const parent = byNumber.get(entry.tags.get(21)?.[0] ?? -1)
    if (parent) parent.children.push(point)
    else points.push(point)
    const level = Math.min(6, (entry.tags.get(4)?.[0] ?? 0) + 1)
    if (pos !== undefined && !headings.has(pos)) headings.set(pos, { label, level })
  })

  const documents: Book['documents'] = []
  const files: Book['files'] = new Map()
  const firstChapter =
    points.length > 0 ? docOf.get(Number(/filepos(\d+)/.exec(points[0]!.href)?.[1])) : undefined
  pieces.forEach((piece, i) => {
    const doc = parseDocument(piece)
    const body = bodyOf(doc)
    if (!body) return
    for (const el of elements(body)) {
      if (el.tagName.startsWith('mbp:')) {
        unwrap(el)
        continue
      }
      const pos = attr(el, 'filepos')
      if (pos !== undefined) {
        removeAttr(el, 'filepos')
        const target = href(Number(/\d+/.exec(pos)?.[0] ?? -1), i)
        if (target) setAttr(el, 'href', target)
        else problems.damaged++
      }
      if (el.tagName === 'img') {
        const index = attr(el, 'recindex') ?? attr(el, 'hirecindex') ?? attr(el, 'lorecindex')
        for (const name of ['recindex', 'hirecindex', 'lorecindex']) removeAttr(el, name)
        const picture = index === undefined ? undefined : resources.pictures.get(Number(index))
        if (picture) {
          const path = picturePath(Number(index), picture)
          files.set(path, { bytes: picture.bytes, mediaType: picture.mediaType })
          setAttr(el, 'src', `../${path}`)
        } else if (!attr(el, 'src')) {
          problems.missingPictures++
          remove(el)
        }
      }
    }
    makeHeadings(body, headings)
    markNotes(body)
    if (i < (firstChapter ?? 0) && isTitlePage(body, details))
      guide.push({ type: 'title-page', title: 'Title page', href: docPath(i) })
    documents.push({ path: docPath(i), xhtml: toXhtml(`Part ${i}`, '', body) })
  })
  return { documents, files, toc: points, guide }
}

/** Anchors at the given byte offsets (descending), each on the tag starting there or just before the text there. */
function insertAnchors(raw: string, positions: number[], header: MobiHeader): string {
  let out = raw
  for (let pos of positions) {
    const id = `filepos${pos}`
    // Inside a tag: after it.
    const lt = out.lastIndexOf('<', pos - 1)
    const gt = out.lastIndexOf('>', pos - 1)
    if (lt > gt) {
      const end = out.indexOf('>', pos)
      if (end < 0) continue
      pos = end + 1
    }
    // Never inside a UTF-8 sequence.
    if (header.encoding === 65001) while (pos < out.length && (out.charCodeAt(pos) & 0xc0) === 0x80) pos++
    // Never on a page break: the anchor belongs to the page after it.
    const pagebreak = /^<mbp:pagebreak[^>]*>/i.exec(out.slice(pos, pos + 40))
    if (pagebreak) pos += pagebreak[0].length
    const tag = /^<([A-Za-z][\w:]*)/.exec(out.slice(pos, pos + 40))
    if (tag && !tag[1]!.toLowerCase().startsWith('mbp:'))
      out = `${out.slice(0, pos + tag[0].length)} id="${id}"${out.slice(pos + tag[0].length)}`
    else out = `${out.slice(0, pos)}<a id="${id}"></a>${out.slice(pos)}`
  }
  return out
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase()

/** The block a contents entry points at, holding just the entry's words, as a heading (MOBI 6 writes headings as big bold text). */
function makeHeadings(body: Element, headings: Map<number, { label: string; level: number }>): void {
  for (const el of elements(body)) {
    const id = attr(el, 'id')
    const match = id && /^filepos(\d+)$/.exec(id)
    if (!match) continue
    const heading = headings.get(Number(match[1]))
    if (!heading) continue
    let block: Element | undefined = el
    if (el.tagName === 'a' && el.childNodes.length === 0) {
      const parent = el.parentNode as Element
      const siblings = parent.childNodes.filter(isElement)
      block = siblings[siblings.indexOf(el) + 1]
    }
    if (!block || !['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(block.tagName)) continue
    if (squash(textContent(block)) !== squash(heading.label) || squash(heading.label) === '') continue
    block.tagName = `h${heading.level}`
    block.nodeName = block.tagName
    // Its big bold type was what made it look like one.
    for (const inner of elements(block))
      if (['b', 'strong', 'font', 'big', 'span'].includes(inner.tagName)) unwrap(inner)
  }
}

/**
 * A link to a block that links back to it is a note and its reference (the EPUB 2 and MOBI way:
 * `<a filepos=…>1</a>` … `<li>…<a filepos=…>↩</a></li>`); marked as EPUB 3 marks them, so the
 * EPUB reader makes a footnote of it.
 */
function markNotes(body: Element): void {
  const all = elements(body)
  const byId = new Map<string, Element>()
  for (const el of all) {
    const id = attr(el, 'id')
    if (id) byId.set(id, el)
  }
  const parentChain = (el: Element) => {
    const out: Element[] = []
    for (let p: P5.ParentNode | null = el; p && isElement(p); p = p.parentNode) out.push(p)
    return out
  }
  const blockOf = (el: Element) =>
    parentChain(el).find((p) => p.tagName === 'li' || p.tagName === 'aside') ??
    parentChain(el).find((p) => ['p', 'div', 'blockquote'].includes(p.tagName))
  const order = new Map(all.map((el, i) => [el, i]))
  const notes = new Set<Element>()
  for (const link of all) {
    const href = link.tagName === 'a' ? attr(link, 'href') : undefined
    if (!href?.startsWith('#') || attr(link, 'role') === 'doc-backlink') continue
    if (parentChain(link).some((p) => notes.has(p))) continue
    const target = byId.get(href.slice(1))
    if (!target) continue
    const note =
      target.tagName === 'a' && target.childNodes.length === 0
        ? nextBlock(target)
        : (blockOf(target) ?? target)
    // A note follows its reference, and does not hold it.
    if (!note || parentChain(link).includes(note) || (order.get(note) ?? 0) < (order.get(link) ?? 0)) continue
    const around = new Set(parentChain(link))
    const back = elements(note).find((a) => {
      if (a.tagName !== 'a') return false
      const backTarget = byId.get((attr(a, 'href') ?? '').slice(1))
      if (!backTarget) return false
      if (around.has(backTarget) || parentChain(backTarget).includes(link)) return true
      // An empty anchor just before the reference.
      const parent = backTarget.parentNode
      if (!parent) return false
      const siblings = parent.childNodes.filter(isElement)
      const next = siblings[siblings.indexOf(backTarget) + 1]
      return next !== undefined && (next === link || parentChain(link).includes(next))
    })
    if (!back) continue
    notes.add(note)
    setAttr(link, 'epub:type', 'noteref')
    setAttr(note, 'epub:type', 'footnote')
    if (!attr(note, 'id')) setAttr(note, 'id', href.slice(1))
    else if (attr(note, 'id') !== href.slice(1)) setAttr(link, 'href', `#${attr(note, 'id')}`)
    setAttr(back, 'role', 'doc-backlink')
    const list = note.parentNode
    if (note.tagName === 'li' && list && isElement(list) && (list.tagName === 'ol' || list.tagName === 'ul'))
      setAttr(list, 'epub:type', 'footnotes')
  }
}

function nextBlock(anchor: Element): Element | undefined {
  const parent = anchor.parentNode
  if (!parent) return undefined
  const siblings = parent.childNodes.filter(isElement)
  return siblings[siblings.indexOf(anchor) + 1]
}

/**
 * A short page before the first contents entry that gives the book's title and author (and its
 * publisher, date, rights…): the title page the converter wrote (MOBI 6 keeps no mark of it).
 */
function isTitlePage(body: Element, details: { title: string; authors: string[] }): boolean {
  const text = squash(textContent(body))
  if (text === '' || text.length > 500 || elements(body).some((e) => e.tagName === 'img')) return false
  return text.includes(squash(details.title)) && details.authors.every((a) => text.includes(squash(a)))
}
