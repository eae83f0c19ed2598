/**
 * The XML parts of a Word (or OpenDocument) file as a small element tree with canonical names, over the shared
 * safe XML layer (`../shared/xml.ts`: no DTD processed, no entity beyond XML's five expanded,
 * absurd depth refused before parsing). Names are made canonical by namespace, so `w:p` means a
 * WordprocessingML paragraph whatever prefix the producer bound (Strict OOXML uses other URIs).
 */
import { parseXmlTree, type XmlTag } from '../shared/xml.js'

/** An element: its canonical name (`w:p`), attributes by canonical name, children in order. */
export interface XmlElement {
  name: string
  attrs: Record<string, string>
  children: Array<XmlElement | string>
}

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
  // OpenDocument (the .odt reader, `../odt/`, reads its parts through this module too).
  'urn:oasis:names:tc:opendocument:xmlns:office:1.0': 'office',
  'urn:oasis:names:tc:opendocument:xmlns:text:1.0': 'text',
  'urn:oasis:names:tc:opendocument:xmlns:style:1.0': 'style',
  'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0': 'fo',
  'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0': 'draw',
  'urn:oasis:names:tc:opendocument:xmlns:table:1.0': 'table',
  'urn:oasis:names:tc:opendocument:xmlns:meta:1.0': 'meta',
  'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0': 'svg',
  'http://www.w3.org/1999/xlink': 'xlink',
}

/** Canonical names by namespace URI, then local name: built once each. */
const names = new Map<string, Map<string, string>>()
/** Past this many, names are built each time: a hostile part could name endless elements. */
const MAX_NAMES = 4096
let named = 0

const canonical = (uri: string | undefined, local: string): string => {
  let byLocal = names.get(uri ?? '')
  let name = byLocal?.get(local)
  if (name === undefined) {
    const prefix = uri ? (PREFIXES[uri] ?? '?') : ''
    name = prefix ? `${prefix}:${local}` : local
    if (named < MAX_NAMES) {
      if (!byLocal) {
        byLocal = new Map()
        names.set(uri ?? '', byLocal)
      }
      byLocal.set(local, name)
      named++
    }
  }
  return name
}

const XMLNS = 'http://www.w3.org/2000/xmlns/'

/** An attribute's canonical name, or undefined for a namespace declaration. */
function attributeName(uri: string, local: string): string | undefined {
  if (!uri) return local === 'xmlns' ? undefined : local
  return uri === XMLNS ? undefined : canonical(uri, local)
}

/** A start tag as an element: its canonical name and attributes (namespace declarations left out). */
function element(tag: XmlTag): XmlElement {
  const attrs: Record<string, string> = {}
  for (const key in tag.attributes) {
    const attribute = tag.attributes[key]!
    const name = attributeName(attribute.uri, attribute.local)
    if (name !== undefined) attrs[name] = attribute.value
  }
  return { name: canonical(tag.uri, tag.local ?? tag.name), attrs, children: [] }
}

/** Decode a part's bytes: UTF-16 with a byte-order mark, else UTF-8 (what OOXML allows). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  return new TextDecoder('utf-8').decode(bytes)
}

/** A part read: its tree (absent when nothing could be read) and what was wrong with its XML. */
export interface ParsedXml {
  root?: XmlElement
  /** Well-formedness problems, as "line L, column C: message". */
  problems: string[]
}

/** Parse one part into a tree under a `#document` element. Never throws. */
export function parseXml(bytes: Uint8Array): ParsedXml {
  const parsed = parseXmlTree(decode(bytes), element)
  const problems = parsed.problems.map((p) => `line ${p.line}, column ${p.column}: ${p.message}`)
  if (!parsed.root) return { problems }
  return { root: { name: '#document', attrs: {}, children: [parsed.root] }, problems }
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
  for (const c of el.children)
    if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c)
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
