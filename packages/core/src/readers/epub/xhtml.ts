/**
 * An EPUB's XHTML documents parsed as the XML they are, with saxes (already the archive layer's
 * XML parser), into the same tree parse5 builds — element names, attributes, text runs and source
 * locations (1-based lines and columns, UTF-16 offsets) — several times faster than parse5's HTML
 * tokenizer with locations on. Only a document XML reads exactly as an HTML parser would is built
 * this way: well-formed, an `<html>` root with a `<body>`, no CDATA section, no DTD-defined entity
 * (`&nbsp;`), no carriage return, no nesting past `MAX_DEPTH`. Anything else returns undefined and
 * the caller parses it with parse5, as every other HTML is. Never throws.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { SaxesParser } from 'saxes'
import { lastAtMost } from '../../model/arrays.js'

const HTML = 'http://www.w3.org/1999/xhtml'
const SVG = 'http://www.w3.org/2000/svg'
const MATHML = 'http://www.w3.org/1998/Math/MathML'
/** Deeper than this, parse5 (and the converter's own depth limit) take over. */
const MAX_DEPTH = 512

/** Elements an HTML parser ends an open `<p>` at: XML would nest them, so parse5 must read it. */
const CLOSES_P = new Set(
  `address article aside blockquote center details dialog dir div dl fieldset figcaption figure
   footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul li dd dt`.split(
    /\s+/,
  ),
)
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr'])

type Element = P5.Element
type Location = NonNullable<P5.Element['sourceCodeLocation']>

export function parseXhtml(text: string): P5.Document | undefined {
  if (text.includes('\r') || text.charCodeAt(0) === 0xfeff || !/<html[\s>]/.test(text)) return undefined
  try {
    return build(text)
  } catch {
    return undefined
  }
}

function build(text: string): P5.Document | undefined {
  // Line starts, for the line and column of an offset.
  const lines: number[] = [0]
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines.push(at + 1)
  const lineOf = (offset: number): number => lastAtMost(lines, offset)
  const location = (start: number, end: number): Location => {
    const a = lineOf(start)
    const b = lineOf(end)
    return {
      startLine: a + 1,
      startCol: start - lines[a]! + 1,
      startOffset: start,
      endLine: b + 1,
      endCol: end - lines[b]! + 1,
      endOffset: end,
    } as Location
  }

  const doc: P5.Document = { nodeName: '#document', mode: 'no-quirks' as P5.Document['mode'], childNodes: [] }
  const stack: Array<Element> = []
  const starts: number[] = []
  let failed = false
  /** Where the last tag, comment or declaration ended: where a text run starts. */
  let last = 0
  const mark = () => {
    last = parser.position
  }
  let hasBody = false
  const parser = new SaxesParser({ position: true })
  const parent = (): P5.ParentNode => stack.at(-1) ?? doc
  const fail = () => {
    failed = true
  }
  parser.on('error', fail)
  parser.on('xmldecl', mark)
  parser.on('processinginstruction', mark)
  parser.on('cdata', fail)
  parser.on('doctype', (value) => {
    const name = value.trim().split(/\s+/)[0]?.toLowerCase() ?? 'html'
    doc.childNodes.push({
      nodeName: '#documentType',
      name,
      publicId: '',
      systemId: '',
      parentNode: doc,
    } as P5.DocumentType)
    mark()
  })
  parser.on('opentagstart', (tag) => {
    // `<name` and the character after it have been read.
    starts.push(parser.position - tag.name.length - 2)
  })
  parser.on('opentag', (tag) => {
    if (failed) return
    const up = stack.at(-1)
    const namespaceURI =
      tag.name === 'svg'
        ? SVG
        : tag.name === 'math'
          ? MATHML
          : up && up.namespaceURI !== HTML && up.tagName !== 'foreignObject'
            ? up.namespaceURI
            : HTML
    const html = namespaceURI === HTML
    const name = html ? tag.name.toLowerCase() : tag.name
    if (stack.length === 0 && name !== 'html') failed = true
    if (stack.length === 1 && name === 'body') hasBody = true
    if (stack.length >= MAX_DEPTH) failed = true
    // Where an HTML parser would build another tree than the markup says: a row straight in a
    // table (it adds a tbody), a block inside a paragraph (it ends the paragraph).
    if (
      html &&
      up &&
      ((name === 'tr' && up.tagName === 'table') || (up.tagName === 'p' && CLOSES_P.has(name)))
    )
      failed = true
    const attrs: P5.Element['attrs'] = []
    for (const [key, value] of Object.entries(tag.attributes as Record<string, string>))
      attrs.push({ name: html ? key.toLowerCase() : key, value })
    const el = {
      nodeName: name,
      tagName: name,
      attrs,
      namespaceURI,
      childNodes: [],
      parentNode: parent(),
      sourceCodeLocation: location(starts.pop() ?? parser.position, parser.position),
    } as unknown as Element
    parent().childNodes.push(el)
    stack.push(el)
    mark()
  })
  parser.on('closetag', () => {
    mark()
    const el = stack.pop()
    if (!el?.sourceCodeLocation) return
    const end = location(parser.position, parser.position)
    el.sourceCodeLocation.endLine = end.startLine
    el.sourceCodeLocation.endCol = end.startCol
    el.sourceCodeLocation.endOffset = end.startOffset
  })
  parser.on('text', (value) => {
    const into = stack.at(-1)
    // Outside the root, and between html, head and body, white space is no content (as in parse5).
    if (!into || ((into.tagName === 'html' || into.tagName === 'head') && value.trim() === '')) return
    // Words straight in a table are moved out of it by an HTML parser.
    if (TABLE_PARTS.has(into.tagName) && value.trim() !== '') failed = true
    const end = text.charCodeAt(parser.position - 1) === 60 ? parser.position - 1 : parser.position
    const node = {
      nodeName: '#text',
      value,
      parentNode: into,
      sourceCodeLocation: location(last, end),
    } as unknown as P5.TextNode
    into.childNodes.push(node)
  })
  parser.on('comment', (data) => {
    mark()
    const into = stack.at(-1)
    if (into) into.childNodes.push({ nodeName: '#comment', data, parentNode: into } as P5.CommentNode)
  })
  parser.write(text).close()
  if (failed || !hasBody || stack.length > 0) return undefined
  return doc
}
