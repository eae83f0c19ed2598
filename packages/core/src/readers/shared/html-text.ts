/**
 * The text of a parse5 subtree, for every reader that walks one (web pages, EPUB documents, a
 * Kindle book's rebuilt parts): its text nodes in order, what scripts and styles hold left out,
 * as a browser shows none of it. Walked with a stack, so a deep tree cannot overflow.
 */
import type { DefaultTreeAdapterTypes as P5 } from 'parse5'
import { dangerousTags } from './html-marks.js'

type Walked = P5.ParentNode | P5.ChildNode

/** Call `found` with each text node's value in order until it returns true; whether it did. */
function someText(node: Walked, found: (value: string) => boolean): boolean {
  const stack: Walked[] = [node]
  while (stack.length > 0) {
    const current = stack.pop()!
    if (current.nodeName === '#text') {
      if (found((current as P5.TextNode).value)) return true
    } else if ('childNodes' in current) {
      const kids = current.childNodes
      for (let i = kids.length - 1; i >= 0; i--) {
        const kid = kids[i]!
        if (!('tagName' in kid && dangerousTags.has(kid.tagName))) stack.push(kid)
      }
    }
  }
  return false
}

/** The plain text of a subtree. */
export function textContent(node: Walked): string {
  let out = ''
  someText(node, (value) => {
    out += value
    return false
  })
  return out
}

/** A character `trim` keeps (JavaScript's `\s` is the white space and line ends it removes). */
const notSpace = /\S/

/**
 * Whether a subtree holds any text but white space (what `textContent(node).trim() !== ''`
 * says), read until the first such character: no string of the whole is made.
 */
export function hasText(node: Walked): boolean {
  return someText(node, (value) => notSpace.test(value))
}
