/**
 * One handler per node type, in a table (mdast-util-to-hast's `handlers`): the XHTML for every
 * block and inline node of the manuscript model. The chapter and part wrappers live with the
 * format that packages them (EPUB adds `epub:type`, file splitting and notes); everything inside
 * a chapter is here, shared by any HTML-like output. Text is written as-is (typography is done
 * upstream), escaped.
 */

import { escapeAttr, escapeText } from '../../escape-xml.js'
import { directionOf } from '../../language.js'
import { tableGrid } from '../../model/table.js'
import type {
  Blockquote,
  CodeBlock,
  Delete,
  Emphasis,
  Figure,
  FootnoteReference,
  Heading,
  Image,
  InlineCode,
  Link,
  List,
  ListItem,
  Note,
  Paragraph,
  SmallCaps,
  Span,
  Strong,
  Subscript,
  Superscript,
  Table,
  Text,
  Underline,
  Verse,
  VerseLine,
} from '../../model/types.js'
import { isStanzas } from './stanzas.js'
import type { Handler, Handlers, State } from './state.js'

const text: Handler<Text> = (node) => escapeText(node.value)

const emphasis: Handler<Emphasis> = (node, state) => `<em>${state.all(node.children)}</em>`

const strong: Handler<Strong> = (node, state) => `<strong>${state.all(node.children)}</strong>`

const smallCaps: Handler<SmallCaps> = (node, state) =>
  `<span class="smallcaps">${state.all(node.children)}</span>`

// `<s>`, not `<del>`: the model's delete is struck-through text the author typed (a chat log's
// retracted words), which HTML calls "no longer accurate", not an edit to the document.
const strike: Handler<Delete> = (node, state) => `<s>${state.all(node.children)}</s>`

const underline: Handler<Underline> = (node, state) => `<u>${state.all(node.children)}</u>`

const subscript: Handler<Subscript> = (node, state) => `<sub>${state.all(node.children)}</sub>`

const superscript: Handler<Superscript> = (node, state) => `<sup>${state.all(node.children)}</sup>`

/**
 * `lang` and `xml:lang` (EPUB's XHTML wants both, equal) and `dir` for a span or paragraph in
 * another language or direction than the text around it: the language of parts, for screen
 * readers. A language written the other way round (Arabic in English) takes its direction even
 * where the source gave none: browsers do not infer it from `lang`, and Arabic set left to right
 * puts its full stop at the wrong end. `inner` renders the content in that direction.
 */
function withLanguage(
  node: { lang?: string; dir?: 'ltr' | 'rtl' },
  state: State,
  inner: () => string,
): { attributes: string; content: string } {
  let attributes = ''
  if (node.lang) {
    const lang = escapeAttr(node.lang)
    attributes += ` lang="${lang}" xml:lang="${lang}"`
  }
  const outer = state.direction ?? 'ltr'
  const stated = node.dir === 'ltr' || node.dir === 'rtl' ? node.dir : undefined
  const dir = stated ?? (node.lang ? directionOf(node.lang) : outer)
  if (dir !== outer || (stated && stated !== outer)) attributes += ` dir="${dir}"`
  state.direction = dir
  try {
    return { attributes, content: inner() }
  } finally {
    state.direction = outer
  }
}

const span: Handler<Span> = (node, state) => {
  const { attributes, content } = withLanguage(node, state, () => state.all(node.children))
  return attributes ? `<span${attributes}>${content}</span>` : content
}

const code: Handler<InlineCode> = (node) => `<code>${escapeText(node.value)}</code>`

const lineBreak: Handler = () => '<br/>'

const footnoteReference: Handler<FootnoteReference> = (node, state) => {
  if (!state.linkNotes) return state.noteRef(node)
  state.linkNotes.push(state.noteRef(node))
  return ''
}

/** A URL made safe for an `href`: parsed and re-serialised, so spaces and non-ASCII are encoded. */
function externalHref(url: string): string | undefined {
  if (/^mailto:/i.test(url)) return encodeURI(decodeSafe(url))
  if (!/^https?:\/\//i.test(url)) return undefined
  try {
    return new URL(url).href
  } catch {
    return undefined
  }
}

function decodeSafe(value: string): string {
  try {
    return decodeURI(value)
  } catch {
    return value
  }
}

const link: Handler<Link> = (node, state) => {
  // A link inside a link keeps its text inside the outer one (XHTML nests no links).
  if (state.linkNotes) return state.all(node.children)
  const notes: string[] = []
  state.linkNotes = notes
  const inner = state.all(node.children)
  state.linkNotes = undefined
  const after = notes.join('')
  const href = node.url.startsWith('#') ? state.linkHref(node.url.slice(1), node) : externalHref(node.url)
  // A link that cannot resolve keeps its text: the reader loses a jump, not words.
  if (href === undefined) return inner + after
  const title = node.title ? ` title="${escapeAttr(node.title)}"` : ''
  return `<a href="${escapeAttr(href)}"${title}>${inner}</a>${after}`
}

function img(node: Image, state: State, className?: string): string {
  const href = state.imageHref(node)
  const alt = node.alt ?? ''
  if (href === undefined) {
    // The image was left out (reported already); its description stays in the text.
    return alt ? `<span class="image-missing">${escapeText(alt)}</span>` : ''
  }
  const cls = className ? ` class="${className}"` : ''
  const title = node.title ? ` title="${escapeAttr(node.title)}"` : ''
  return `<img${cls} src="${escapeAttr(href)}" alt="${escapeAttr(alt)}"${title}/>`
}

const image: Handler<Image> = (node, state) => img(node, state, 'inline')

/** A paragraph, with `extra` classes besides those its place and alignment give it. */
function paragraphWith(node: Paragraph, state: State, extra?: string): string {
  const classes: string[] = []
  if (state.first) classes.push('first')
  if (node.align) classes.push(node.align)
  if (extra) classes.push(extra)
  const { attributes, content } = withLanguage(node, state, () => state.all(node.children))
  const cls = classes.length > 0 ? ` class="${classes.join(' ')}"` : ''
  return `<p${cls}${attributes}>${content}</p>\n`
}

const paragraph: Handler<Paragraph> = (node, state) => paragraphWith(node, state)

const heading: Handler<Heading> = (node, state) => {
  const id = state.headingId?.(node)
  const attr = id ? ` id="${escapeAttr(id)}"` : ''
  return `<h${node.depth}${attr}>${state.all(node.children)}</h${node.depth}>\n`
}

// An `hr` is a separator to assistive technology already; the ornament is drawn by CSS.
const sceneBreak: Handler = () => '<hr class="scene-break"/>\n'

const blockquote: Handler<Blockquote> = (node, state) => {
  if (!isStanzas(node)) return `<blockquote>\n${state.blocks(node.children)}</blockquote>\n`
  let out = '<blockquote>\n'
  state.first = true
  for (const stanza of node.children) {
    out += paragraphWith(stanza, state, 'stanza')
    state.first = false
  }
  return `${out}</blockquote>\n`
}

const verseLine: Handler<VerseLine> = (node, state) => `<p class="line">${state.all(node.children)}</p>\n`

const verse: Handler<Verse> = (node, state) => {
  let out = '<div class="verse">\n'
  for (const line of node.children) out += verseLine(line, state)
  return `${out}</div>\n`
}

const list: Handler<List> = (node, state) => {
  const tag = node.ordered ? 'ol' : 'ul'
  const start = node.ordered && node.start !== undefined && node.start !== 1 ? ` start="${node.start}"` : ''
  let out = `<${tag}${start}>\n`
  for (const item of node.children) out += listItem(item, state)
  return `${out}</${tag}>\n`
}

const listItem: Handler<ListItem> = (node, state) => `<li>${state.blocks(node.children).trimEnd()}</li>\n`

const figure: Handler<Figure> = (node, state) => {
  const picture = img(node.image, state)
  const caption =
    node.caption && node.caption.length > 0 ? `<figcaption>${state.all(node.caption)}</figcaption>` : ''
  if (!picture && !caption) return ''
  // A left-out image leaves only its alt text, which is phrasing content: wrap it in a paragraph.
  const body = picture.startsWith('<img') || !picture ? picture : `<p>${picture}</p>`
  return `<figure>${body}${caption}</figure>\n`
}

const note: Handler<Note> = (node, state) => {
  const label = escapeText(state.noteLabel)
  const inner = state.blocks(node.children)
  return `<aside class="author-note author-note-${node.placement}" role="note" aria-label="${escapeAttr(state.noteLabel)}">\n<p class="author-note-label">${label}</p>\n${inner}</aside>\n`
}

const codeBlock: Handler<CodeBlock> = (node) => {
  const lang = node.lang && /^[\w+#.-]+$/.test(node.lang) ? ` class="language-${node.lang}"` : ''
  return `<pre><code${lang}>${escapeText(node.value)}</code></pre>\n`
}

/**
 * A table: caption, `<thead>` for the head rows (`<th scope="col">`), `<tbody>` with row headers
 * as `<th scope="row">`; column alignment as a class (`align-right`), since inline styles and the
 * obsolete `align` attribute are not for EPUB. An empty header cell (a GFM table's top-left
 * corner) is written as `<td>`: a header that names nothing only confuses a screen reader. The
 * wrapper lets a wide table scroll sideways where the reading system can (see the stylesheet).
 */
const table: Handler<Table> = (node, state) => {
  const grid = tableGrid(node)
  const caption = node.caption && node.caption.length > 0 ? state.all(node.caption) : ''
  if (grid.rows.length === 0) return caption ? `<p class="table-caption">${caption}</p>\n` : ''
  let out = '<div class="table-wrap">\n<table>\n'
  if (caption) out += `<caption>${caption}</caption>\n`
  grid.cells.forEach((cells, r) => {
    if (r === 0 && grid.headRows > 0) out += '<thead>\n'
    if (r === grid.headRows) out += '<tbody>\n'
    out += '<tr>'
    for (const placed of cells) {
      const { cell } = placed
      const inner = state.all(cell.children)
      const head = r < grid.headRows
      const header = (head || cell.header === true) && inner.trim() !== ''
      const attrs: string[] = []
      if (header) attrs.push(`scope="${head ? 'col' : 'row'}"`)
      if (placed.colSpan > 1) attrs.push(`colspan="${placed.colSpan}"`)
      if (placed.rowSpan > 1) attrs.push(`rowspan="${placed.rowSpan}"`)
      const align = node.align?.[placed.column]
      if (align) attrs.push(`class="align-${align}"`)
      const tag = header ? 'th' : 'td'
      out += `<${tag}${attrs.length > 0 ? ` ${attrs.join(' ')}` : ''}>${inner}</${tag}>`
    }
    out += '</tr>\n'
    if (r === grid.headRows - 1) out += '</thead>\n'
  })
  if (grid.headRows < grid.rows.length) out += '</tbody>\n'
  return `${out}</table>\n</div>\n`
}

// Definitions are collected and placed by the format (EPUB: asides after the text).
const footnoteDefinition: Handler = () => ''

export const handlers: Handlers = {
  text,
  emphasis,
  strong,
  smallCaps,
  delete: strike,
  underline,
  subscript,
  superscript,
  span,
  code,
  break: lineBreak,
  footnoteReference,
  link,
  image,
  paragraph,
  heading,
  sceneBreak,
  blockquote,
  verse,
  verseLine,
  list,
  listItem,
  figure,
  note,
  codeBlock,
  table,
  footnoteDefinition,
}
