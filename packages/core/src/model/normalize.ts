/**
 * Bring any tree within the limits every renderer relies on, before it is rendered. Readers
 * already produce such trees; this guards the ones built through the API or by plugins:
 *
 * - nesting is bounded: block containers (blockquote, list, note…) deeper than
 *   `MAX_BLOCK_DEPTH`, and inline containers (emphasis, strong…) deeper than `MAX_INLINE_DEPTH`,
 *   have their content flattened in order, so recursive renderers cannot overflow the stack and
 *   no word is lost;
 * - a link never contains a link (the inner one becomes its text) nor a footnote reference
 *   (moved to just after the link), as XHTML forbids `<a>` inside `<a>`;
 * - a table cell's `colSpan`/`rowSpan` are whole numbers within HTML's bounds;
 * - a span's or paragraph's `lang` is a canonical BCP 47 tag and its `dir` `ltr` or `rtl` (others
 *   are dropped), and a span left with neither is replaced by its content.
 *
 * It works with explicit stacks (a 100,000-deep tree is fine), changes the tree in place, and
 * returns how many repairs it made; a tree that needs none is left untouched.
 */

import { canonicalLanguage } from '../language.js'
import { pushAll } from './arrays.js'
import type { BlockContent, Node, Paragraph, PhrasingContent, Root, Span, TableCell } from './types.js'

/** Block containers deeper than this have their content flattened. */
export const MAX_BLOCK_DEPTH = 64
/** Inline containers deeper than this have their content flattened. */
export const MAX_INLINE_DEPTH = 32

const BLOCK_CONTAINERS = new Set(['blockquote', 'list', 'listItem', 'note', 'footnoteDefinition'])
const INLINE_CONTAINERS = new Set([
  'emphasis',
  'strong',
  'smallCaps',
  'delete',
  'underline',
  'subscript',
  'superscript',
  'span',
  'link',
])

/** HTML's own bounds on spans (`colspan` ≤ 1000, `rowspan` ≤ 65534): renderers size grids by them. */
export const MAX_COL_SPAN = 1000
export const MAX_ROW_SPAN = 65534

type Children = Node[]

function kids(node: Node): Children | undefined {
  return 'children' in node && Array.isArray(node.children) ? (node.children as Children) : undefined
}

/** Every leaf block under `nodes`, in document order (list items and quotes dissolved). */
function leafBlocks(nodes: readonly Node[]): BlockContent[] {
  const out: BlockContent[] = []
  const stack: Node[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    const children = BLOCK_CONTAINERS.has(node.type) ? kids(node) : undefined
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    else out.push(node as BlockContent)
  }
  return out
}

/** Every leaf inline under `nodes`, in order (formatting dissolved). */
function leafInlines(nodes: readonly Node[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  const stack: Node[] = [...nodes].reverse()
  while (stack.length > 0) {
    const node = stack.pop()!
    const children = INLINE_CONTAINERS.has(node.type) ? kids(node) : undefined
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
    else out.push(node as PhrasingContent)
  }
  return out
}

/** Whether some node of `list` is of `type` (a loop, not a closure per list). */
function hasType(list: readonly Node[], type: Node['type']): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.type === type) return true
  return false
}

/** Whether a node needs a look: it has content of its own (a leaf such as text has none). */
function holdsContent(node: Node): boolean {
  return 'children' in node || node.type === 'figure'
}

/** Repair the tree in place; returns the number of repairs (0: the tree was already fine). */
export function normalizeTree(root: Root): number {
  let repairs = 0
  // Four stacks in step: a node, its block depth, its inline depth, whether it is inside a link.
  // No tuple is made per node, and leaves (text, breaks, references) are never pushed.
  const nodes: Node[] = [root]
  const blocks: number[] = [0]
  const inlines: number[] = [0]
  const links: boolean[] = [false]
  const push = (node: Node, blockDepth: number, inlineDepth: number, inLink: boolean) => {
    nodes.push(node)
    blocks.push(blockDepth)
    inlines.push(inlineDepth)
    links.push(inLink)
  }
  while (nodes.length > 0) {
    const node = nodes.pop()!
    const blockDepth = blocks.pop()!
    const inlineDepth = inlines.pop()!
    const inLink = links.pop()!
    let children = kids(node)
    if (!children) {
      if (node.type === 'figure' && node.caption)
        push({ type: 'paragraph', children: node.caption }, blockDepth, 0, false)
      continue
    }
    if (node.type === 'table') {
      if (node.caption) push({ type: 'paragraph', children: node.caption }, blockDepth, 0, false)
    } else if (node.type === 'tableCell') repairs += clampSpans(node)
    const isBlock = BLOCK_CONTAINERS.has(node.type)
    const isInline = INLINE_CONTAINERS.has(node.type)
    const nextBlock = isBlock ? blockDepth + 1 : blockDepth
    const nextInline = isInline ? inlineDepth + 1 : inlineDepth
    if (isBlock && nextBlock >= MAX_BLOCK_DEPTH && children.some((c) => BLOCK_CONTAINERS.has(c.type))) {
      const flat = leafBlocks(children)
      // A list must hold list items: keep one item holding everything.
      children = node.type === 'list' ? [{ type: 'listItem', children: flat }] : flat
      ;(node as { children: Children }).children = children
      repairs++
    }
    if (isInline && nextInline >= MAX_INLINE_DEPTH && children.some((c) => INLINE_CONTAINERS.has(c.type))) {
      children = leafInlines(children)
      ;(node as { children: Children }).children = children
      repairs++
    }
    if (node.type === 'paragraph' && (node.lang !== undefined || node.dir !== undefined))
      repairs += fixLanguage(node)
    if (hasType(children, 'span')) repairs += fixSpans(children)
    const hasLink = hasType(children, 'link')
    if ((node.type === 'link' || inLink) && hasLink) {
      // Inside a link: unwrap inner links; lift footnote references out (handled by the parent).
      // Rebuilt in one pass, never spliced: a link of 200,000 inlines stays linear and off the stack.
      const flat: Node[] = []
      const pending: Node[] = [...children].reverse()
      while (pending.length > 0) {
        const child = pending.pop()!
        if (child.type !== 'link') flat.push(child)
        else {
          for (let k = child.children.length - 1; k >= 0; k--) pending.push(child.children[k]!)
          repairs++
        }
      }
      children.length = 0
      pushAll(children as Node[], flat)
    }
    // Footnote references inside this node's links move to just after the link (the links an
    // inner link held are its children now, so look again).
    if (node.type !== 'link' && (inLink ? hasType(children, 'link') : hasLink)) {
      const rebuilt: Node[] = []
      for (const child of children) {
        rebuilt.push(child)
        if (child.type !== 'link') continue
        const refs = liftReferences(child)
        pushAll(rebuilt, refs)
        repairs += refs.length
      }
      children.length = 0
      pushAll(children as Node[], rebuilt)
    }
    const childInLink = inLink || node.type === 'link'
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]!
      if (holdsContent(child)) push(child, nextBlock, nextInline, childInLink)
    }
    if ('title' in node && Array.isArray(node.title))
      push({ type: 'paragraph', children: node.title }, 0, 0, false)
    if ('subtitle' in node && Array.isArray(node.subtitle)) {
      push({ type: 'paragraph', children: node.subtitle }, 0, 0, false)
    }
  }
  return repairs
}

/**
 * Keep a cell's spans whole numbers within HTML's bounds (a plugin may write `colSpan: 1e9` or
 * `NaN`). Returns 1 when it changed something.
 */
function clampSpans(cell: TableCell): number {
  let changed = 0
  for (const [key, max] of [
    ['colSpan', MAX_COL_SPAN],
    ['rowSpan', MAX_ROW_SPAN],
  ] as const) {
    const value = cell[key]
    if (value === undefined) continue
    const fixed = Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : 1
    if (fixed === value) continue
    cell[key] = fixed
    changed = 1
  }
  return changed
}

/** Remove every footnote reference inside a link (at any depth) and return them in order. */
function liftReferences(link: Node): PhrasingContent[] {
  const found: PhrasingContent[] = []
  const stack: Node[] = [link]
  while (stack.length > 0) {
    const node = stack.pop()!
    const children = kids(node)
    if (!children) continue
    if (!children.some((c) => c.type === 'footnoteReference')) {
      for (const child of children) if (kids(child)) stack.push(child)
      continue
    }
    const kept: Node[] = []
    for (const child of children) {
      if (child.type === 'footnoteReference') found.push(child)
      else {
        kept.push(child)
        if (kids(child)) stack.push(child)
      }
    }
    children.length = 0
    pushAll(children as Node[], kept)
  }
  return found
}

/**
 * Make a span's or paragraph's `lang` canonical and drop a `lang` that is not BCP 47 or a `dir`
 * other than `ltr`/`rtl`. Returns 1 when it changed something.
 */
function fixLanguage(node: Span | Paragraph): number {
  let changed = 0
  if (node.lang !== undefined) {
    const lang = typeof node.lang === 'string' ? canonicalLanguage(node.lang) : undefined
    if (lang !== node.lang) {
      if (lang === undefined) delete node.lang
      else node.lang = lang
      changed = 1
    }
  }
  if (node.dir !== undefined && node.dir !== 'ltr' && node.dir !== 'rtl') {
    delete node.dir
    changed = 1
  }
  return changed
}

/**
 * Check every span among `children` (`fixLanguage`) and replace one left with neither `lang` nor
 * `dir` by its content, in one pass. Returns the number of repairs.
 */
function fixSpans(children: Node[]): number {
  let repairs = 0
  // A span unwrapped may hold spans of its own: look again until none is left empty.
  for (;;) {
    let empty = false
    for (const child of children) {
      if (child.type !== 'span') continue
      repairs += fixLanguage(child)
      if (child.lang === undefined && child.dir === undefined) empty = true
    }
    if (!empty) return repairs
    const rebuilt: Node[] = []
    for (const child of children) {
      if (child.type === 'span' && child.lang === undefined && child.dir === undefined) {
        pushAll(rebuilt, child.children)
        repairs++
      } else rebuilt.push(child)
    }
    children.length = 0
    pushAll(children, rebuilt)
  }
}
