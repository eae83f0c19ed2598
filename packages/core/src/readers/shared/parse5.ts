/**
 * HTML parsed with parse5, source positions kept (diagnostics and chapter splits need them), as
 * every reader that parses HTML does. parse5's tree adapter records where a node ends by making
 * its location object anew at each step (`{ ...location, ...end }`): a text node grows by one
 * character token at a time (a word, then the space after it), so a page's text made one object
 * per word and copied it, a third of the time spent parsing a long page (War and Peace as one
 * 3.4 MB page: 450 ms with positions, 230 without). Here a node's end is moved in place:
 * the object is the node's alone (a copy made for the element, the spent token's for text and
 * comments), so the tree and every position in it are the ones parse5's own adapter gives.
 */
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, parse, parseFragment, type Token } from 'parse5'

type Location = Token.ElementLocation

/** parse5's own adapter, ends moved in place. */
const positionsAdapter: typeof defaultTreeAdapter = {
  ...defaultTreeAdapter,
  updateNodeSourceCodeLocation(node, end: Partial<Location>) {
    const location = node.sourceCodeLocation as Location | null | undefined
    if (!location) {
      node.sourceCodeLocation = end as Location
      return
    }
    if (end.endTag !== undefined) location.endTag = end.endTag
    location.endLine = end.endLine!
    location.endCol = end.endCol!
    location.endOffset = end.endOffset!
  },
}

type TextNode = DefaultTreeAdapterTypes.TextNode
type ParentNode = DefaultTreeAdapterTypes.ParentNode

/**
 * The adapter for one parse: `positionsAdapter`, with a text node's pieces kept in a list as it
 * grows, joined once at the end (`finish`). parse5 adds a word, then the space after it, to the
 * node (`value += text`): a page of text became a million strings of strings, each flattened
 * when first read. parse5 never reads a text node's value while it parses.
 */
function adapterForOneParse() {
  const pieces = new Map<TextNode, string[]>()
  const grow = (node: TextNode, text: string) => {
    const list = pieces.get(node)
    if (list) list.push(text)
    else pieces.set(node, [node.value, text])
  }
  const adapter: typeof defaultTreeAdapter = {
    ...positionsAdapter,
    insertText(parent: ParentNode, text: string) {
      const last = parent.childNodes[parent.childNodes.length - 1]
      if (last && last.nodeName === '#text') grow(last as TextNode, text)
      else positionsAdapter.insertText(parent, text)
    },
    insertTextBefore(parent: ParentNode, text: string, reference) {
      const before = parent.childNodes[parent.childNodes.indexOf(reference) - 1]
      if (before && before.nodeName === '#text') grow(before as TextNode, text)
      else positionsAdapter.insertTextBefore(parent, text, reference)
    },
  }
  const finish = () => {
    for (const [node, list] of pieces) node.value = list.join('')
  }
  return { adapter, finish }
}

/** A whole HTML document, positions kept. */
export function parseHtml(text: string): DefaultTreeAdapterTypes.Document {
  const { adapter, finish } = adapterForOneParse()
  const document = parse(text, { sourceCodeLocationInfo: true, treeAdapter: adapter })
  finish()
  return document
}

/** An HTML fragment (a chapter file without `<html>`, raw HTML in Markdown), positions kept. */
export function parseHtmlFragment(text: string): DefaultTreeAdapterTypes.DocumentFragment {
  const { adapter, finish } = adapterForOneParse()
  const fragment = parseFragment(text, { sourceCodeLocationInfo: true, treeAdapter: adapter })
  finish()
  return fragment
}
