/**
 * XML documents from inside an archive (an EPUB's container.xml, OPF and NCX; Word's parts),
 * parsed into a small element tree with saxes, a conforming non-validating parser. Nothing of a
 * DTD is ever processed: a DOCTYPE is skipped, no external entity is fetched or read, and only
 * the five predefined entities and numeric character references are expanded, so an entity bomb
 * ("billion laughs") or an XXE has nothing to expand: its references are reported and kept as
 * text. A document nesting deeper than `MAX_XML_DEPTH` is refused after one linear scan, before
 * the parser sees it (its tag and namespace stacks cost as much as the depth per tag, so hostile
 * nesting would be quadratic), and the tree is built without recursion: walking it is safe. Malformed XML is a list of problems with line and
 * column next to whatever tree could be read; nothing here throws.
 */
import { SaxesParser } from 'saxes'

/** One element: its namespace URI and local name, its attributes, its children in order. */
export interface XmlElement {
  /** The qualified name as written (`dc:title`). */
  name: string
  /** The local name (`title`). */
  local: string
  /** The namespace URI, `''` when none. */
  uri: string
  /** Attributes by qualified name as written (`opf:role`, `xml:lang`, `href`). */
  attributes: Record<string, string>
  /** Attributes by `{uri}local` (`{http://www.idpf.org/2007/opf}role`), or `local` when in no namespace. */
  attributesNs: Record<string, string>
  children: Array<XmlElement | string>
  /** 1-based line and column of the start tag's end. */
  line: number
  column: number
}

/** A well-formedness problem, with where it is (1-based). */
export interface XmlProblem {
  code: 'xml-malformed'
  message: string
  line: number
  column: number
}

export interface XmlResult {
  /** The document element, when one was read (even from a malformed document). */
  root?: XmlElement
  problems: XmlProblem[]
}

/** A document nesting elements deeper than this is refused: no real document nests so. */
export const MAX_XML_DEPTH = 512
/** At most this many problems are kept per document; a garbage file is one message, not millions. */
const MAX_PROBLEMS = 20

/**
 * Parse an XML document.
 *
 * @example
 *   const { root, problems } = parseXml('<container><rootfiles/></container>')
 *   root?.local // 'container'
 */
export function parseXml(text: string): XmlResult {
  return parseXmlTree(text, sharedElement)
}

/** A start tag as the parser gives it (namespaces tracked): its names and attributes. */
export interface XmlTag {
  name: string
  local?: string
  uri?: string
  attributes: Record<string, { name: string; local: string; uri: string; value: string }>
}

/** The element `parseXml` makes of a start tag, at the line and column where it ends. */
function sharedElement(tag: XmlTag, line: number, column: number): XmlElement {
  const attributes: Record<string, string> = {}
  const attributesNs: Record<string, string> = {}
  for (const key in tag.attributes) {
    const attribute = tag.attributes[key]!
    attributes[attribute.name] = attribute.value
    attributesNs[attribute.uri ? `{${attribute.uri}}${attribute.local}` : attribute.local] = attribute.value
  }
  return {
    name: tag.name,
    local: tag.local ?? tag.name,
    uri: tag.uri ?? '',
    attributes,
    attributesNs,
    children: [],
    line,
    column,
  }
}

/**
 * Parse an XML document into elements of the caller's own shape (`make`, called with each start
 * tag and where it ends; the element's `children` are filled here), with the checks and
 * problems `parseXml` has: a reader with a tree of its own (Word's) builds it directly, not from
 * a copy of this one.
 */
export function parseXmlTree<E extends { children: Array<E | string> }>(
  text: string,
  make: (tag: XmlTag, line: number, column: number) => E,
): { root?: E; problems: XmlProblem[] } {
  const source = text.replace(/^\uFEFF/, '')
  const depth = maxDepth(source)
  if (depth > MAX_XML_DEPTH)
    return {
      problems: [
        {
          code: 'xml-malformed',
          message: `elements nest ${depth} deep (more than ${MAX_XML_DEPTH}); the document was not read`,
          line: 1,
          column: 1,
        },
      ],
    }
  const parser = new SaxesParser({ xmlns: true, position: true })
  const problems: XmlProblem[] = []
  let root: E | undefined
  const stack: E[] = []

  const problem = (message: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push({ code: 'xml-malformed', message, line: parser.line, column: parser.column + 1 })
  }
  parser.on('error', (error) => problem(error.message.replace(/^\d+:\d+: /, '')))
  parser.on('doctype', () => {
    // Skipped on purpose: nothing a DTD declares is ever used.
  })
  parser.on('opentag', (tag) => {
    const element = make(tag as XmlTag, parser.line, parser.column + 1)
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(element)
    else if (!root) root = element
    stack.push(element)
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  const addText = (value: string) => {
    const parent = stack[stack.length - 1]
    if (!parent) return
    const last = parent.children[parent.children.length - 1]
    if (typeof last === 'string') parent.children[parent.children.length - 1] = last + value
    else parent.children.push(value)
  }
  parser.on('text', addText)
  parser.on('cdata', addText)
  try {
    parser.write(source).close()
  } catch (error) {
    // saxes reports through the error handler; this is only for a bug in it.
    problem(error instanceof Error ? error.message : String(error))
  }
  if (!root && problems.length === 0) problem('no document element')
  return root ? { root, problems } : { problems }
}

/**
 * How deep the document's elements nest, from its tags alone (comments, CDATA, processing
 * instructions and declarations skipped): one pass, no parser.
 */
function maxDepth(text: string): number {
  let depth = 0
  let max = 0
  let at = text.indexOf('<')
  while (at >= 0 && at < text.length) {
    const next = text.charCodeAt(at + 1)
    if (text.startsWith('<!--', at)) at = skipPast(text, '-->', at + 4)
    else if (text.startsWith('<![CDATA[', at)) at = skipPast(text, ']]>', at + 9)
    else if (next === 0x3f /* ? */ || next === 0x21 /* ! */) at = skipPast(text, '>', at + 2)
    else if (next === 0x2f /* / */) {
      depth--
      at = skipPast(text, '>', at + 2)
    } else {
      const close = text.indexOf('>', at + 1)
      if (close < 0) break
      if (text.charCodeAt(close - 1) !== 0x2f) {
        depth++
        if (depth > max) max = depth
      }
      at = close + 1
    }
    if (at < 0) break
    at = text.indexOf('<', at)
  }
  return max
}

function skipPast(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from)
  return found < 0 ? -1 : found + marker.length
}

/** The element's child elements, or only those with this local name. */
export function elements(element: XmlElement, local?: string): XmlElement[] {
  const out: XmlElement[] = []
  for (const child of element.children)
    if (typeof child !== 'string' && (local === undefined || child.local === local)) out.push(child)
  return out
}

/** The first child element with this local name. */
export function element(parent: XmlElement, local: string): XmlElement | undefined {
  for (const child of parent.children) if (typeof child !== 'string' && child.local === local) return child
  return undefined
}

/** Every descendant element with this local name, in document order (no recursion). */
export function descendants(root: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = []
  const stack: XmlElement[] = [root]
  while (stack.length > 0) {
    const node = stack.pop() as XmlElement
    if (node.local === local && node !== root) out.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]
      if (typeof child !== 'string') stack.push(child as XmlElement)
    }
  }
  return out
}

/** The element's text content, whitespace collapsed and trimmed (no recursion). */
export function textOf(element: XmlElement): string {
  let text = ''
  const stack: Array<XmlElement | string> = [element]
  while (stack.length > 0) {
    const node = stack.pop() as XmlElement | string
    if (typeof node === 'string') {
      text += node
      continue
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlElement | string)
  }
  return text.replace(/\s+/g, ' ').trim()
}

/** An attribute by local name, whatever its prefix (`opf:role` and `role` alike). */
export function attribute(element: XmlElement, local: string): string | undefined {
  if (local in element.attributes) return element.attributes[local]
  for (const [key, value] of Object.entries(element.attributesNs))
    if (key === local || key.endsWith(`}${local}`)) return value
  return undefined
}
