/**
 * The XML parts of a Word file read into a small element tree, safely. saxes parses without a
 * DTD: a part with a DOCTYPE (which OOXML never has, and which is how entity bombs and external
 * entities arrive) is refused outright. Names are made canonical by namespace, so `w:p` means a
 * WordprocessingML paragraph whatever prefix the producer bound (Strict OOXML uses other URIs),
 * and the tree is cut at `MAX_DEPTH` so no later walk can overflow the stack.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes'

/** An element: its canonical name (`w:p`), attributes by canonical name, children in order. */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: Array<XmlElement | string>
}

/** Why a part could not be read. */
export class XmlProblem extends Error {
  constructor(
    readonly kind: 'invalid' | 'unsafe',
    message: string,
  ) {
    super(message)
  }
}

/** Elements deeper than this are left out (and reported); Word documents nest a few dozen deep. */
export const MAX_DEPTH = 200

const PREFIXES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/drawing/2017/decorative': 'adec',
  'http://schemas.openxmlformats.org/package/2006/metadata/core-properties': 'cp',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://www.w3.org/XML/1998/namespace': 'xml',
}

const canonical = (uri: string | undefined, local: string): string => {
  const prefix = uri ? (PREFIXES[uri] ?? '?') : ''
  return prefix ? `${prefix}:${local}` : local
}

/** Decode a part's bytes: UTF-16 with a byte-order mark, else UTF-8 (what OOXML allows). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

/** What parsing found beside the tree: whether elements were cut for depth. */
export interface ParsedXml {
  root: XmlElement
  tooDeep: boolean
}

/**
 * Parse one part. Throws `XmlProblem` (caught by the reader, which reports it) for malformed XML
 * or a DOCTYPE; never expands an entity beyond XML's five.
 */
export function parseXml(bytes: Uint8Array, part: string): ParsedXml {
  const parser = new SaxesParser({ xmlns: true, position: false })
  const root: XmlElement = { name: '#document', attrs: {}, children: [] }
  const stack: XmlElement[] = [root]
  // Depth beyond MAX_DEPTH: how many open elements are being skipped.
  let skipping = 0
  let tooDeep = false
  parser.on('error', (error) => {
    throw new XmlProblem('invalid', `${part} is not well-formed XML (${error.message.split('\n')[0]})`)
  })
  parser.on('doctype', () => {
    throw new XmlProblem('unsafe', `${part} declares a DOCTYPE, which Word never writes; refused`)
  })
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (skipping > 0 || stack.length > MAX_DEPTH) {
      skipping++
      tooDeep = true
      return
    }
    const attrs: Record<string, string> = {}
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue
      attrs[canonical(attr.uri, attr.local)] = attr.value
    }
    const el: XmlElement = { name: canonical(tag.uri, tag.local), attrs, children: [] }
    stack.at(-1)!.children.push(el)
    if (!tag.isSelfClosing) stack.push(el)
  })
  parser.on('closetag', (tag) => {
    if (skipping > 0) {
      skipping--
      return
    }
    if (!tag.isSelfClosing) stack.pop()
  })
  const text = (value: string) => {
    if (skipping === 0 && stack.length > 1) stack.at(-1)!.children.push(value)
  }
  parser.on('text', text)
  parser.on('cdata', text)
  parser.write(decode(bytes)).close()
  return { root, tooDeep }
}

/** The first child element named `name`. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined
  for (const c of el.children) if (typeof c !== 'string' && c.name === name) return c
  return undefined
}

/** Every child element named `name` (or every child element without a name). */
export function children(el: XmlElement | undefined, name?: string): XmlElement[] {
  if (!el) return []
  const out: XmlElement[] = []
  for (const c of el.children) if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c)
  return out
}

/** The text of an element and its descendants (iterative: depth is bounded, but cheaply so). */
export function textOf(el: XmlElement): string {
  let out = ''
  const stack: Array<XmlElement | string> = [el]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string') out += node
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
  return out
}

/** The first descendant named `name`, depth first. */
export function find(el: XmlElement, name: string): XmlElement | undefined {
  const stack: XmlElement[] = [el]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node !== el && node.name === name) return node
    for (let i = node.children.length - 1; i >= 0; i--) {
      const c = node.children[i]!
      if (typeof c !== 'string') stack.push(c)
    }
  }
  return undefined
}

/** A Word on/off property (`<w:b/>`, `<w:b w:val="false"/>`): undefined when absent. */
export function onOff(el: XmlElement | undefined): boolean | undefined {
  if (!el) return undefined
  const value = el.attrs['w:val']
  return value === undefined || !['0', 'false', 'off', 'none'].includes(value.toLowerCase())
}
