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
import {
  type DefaultTreeAdapterTypes,
  defaultTreeAdapter,
  type ParserOptions,
  parse,
  parseFragment,
  type Token,
} from 'parse5'

type Map = DefaultTreeAdapterTypes.DefaultTreeAdapterMap
type Location = Token.ElementLocation

/** parse5's own adapter, ends moved in place. */
export const positionsAdapter: typeof defaultTreeAdapter = {
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

const options: ParserOptions<Map> = { sourceCodeLocationInfo: true, treeAdapter: positionsAdapter }

/** A whole HTML document, positions kept. */
export function parseHtml(text: string): DefaultTreeAdapterTypes.Document {
  return parse(text, options)
}

/** An HTML fragment (a chapter file without `<html>`, raw HTML in Markdown), positions kept. */
export function parseHtmlFragment(text: string): DefaultTreeAdapterTypes.DocumentFragment {
  return parseFragment(text, options)
}
