/**
 * Inline-content utilities both readers share: merging text runs, collapsing HTML white space,
 * and cutting a stretch of inline content by its plain-text offsets (how a chapter heading's
 * title keeps its italics once "Chapter 3:" is cut off the front).
 */
import type { PhrasingContent, Point, Position, Text } from '../../model/types.js'

/** Join adjacent text nodes (their positions joined too) and drop empty ones. */
export function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value === '') continue
      const prev = out[out.length - 1]
      if (prev?.type === 'text') {
        const joined: Text = { type: 'text', value: prev.value + node.value }
        const position = span(prev.position, node.position)
        if (position) joined.position = position
        out[out.length - 1] = joined
        continue
      }
    }
    out.push(node)
  }
  return out
}

/** The position running from the start of `a` to the end of `b`, when both are known. */
export function span(a: Position | undefined, b: Position | undefined): Position | undefined {
  if (!a || !b) return a ?? b
  return { start: a.start, end: b.end }
}

type Leaf = { node: Text; parent: PhrasingContent[] }

/**
 * What the collapsing walks: text, a line break, or an atom (a picture, a note's mark, code): an
 * atom stands between words as a word does, so the spaces on either side of it are kept.
 */
type Piece = Leaf | 'break' | 'atom'

/** White space that `normalizeSpace` changes: a tab, a line end, a form feed or two spaces. */
const spaceToCollapse = /[\t\n\r\f]| {2}/

/**
 * Collapse white space the way a browser lays out normal text: runs become one space, and none
 * is left at the start, the end, or around a line break. Empty inline wrappers are dropped.
 */
export function normalizeSpace(nodes: PhrasingContent[]): PhrasingContent[] {
  const leaves: Piece[] = []
  collect(nodes, leaves)
  let spaceBefore = true
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!
    if (leaf === 'break') {
      trimTrailing(leaves, i)
      spaceBefore = true
      continue
    }
    if (leaf === 'atom') {
      spaceBefore = false
      continue
    }
    // Most text has single spaces only (a saved page's paragraphs): left as it is, not rebuilt.
    let value = leaf.node.value
    if (spaceToCollapse.test(value)) value = value.replace(/[ \t\n\r\f]+/g, ' ')
    if (spaceBefore) value = value.replace(/^ /, '')
    if (value !== '') spaceBefore = value.endsWith(' ')
    leaf.node.value = value
  }
  trimTrailing(leaves, leaves.length)
  return prune(nodes)
}

function collect(nodes: PhrasingContent[], into: Piece[]): void {
  for (const node of nodes) {
    if (node.type === 'text') into.push({ node, parent: nodes })
    else if (node.type === 'break') into.push('break')
    else if ('children' in node) collect(node.children, into)
    else into.push('atom')
  }
}

function trimTrailing(leaves: Piece[], before: number): void {
  for (let j = before - 1; j >= 0; j--) {
    const leaf = leaves[j]!
    if (leaf === 'break' || leaf === 'atom') return
    leaf.node.value = leaf.node.value.replace(/ $/, '')
    if (leaf.node.value !== '') return
  }
}

/** Inline containers that mean nothing once empty. */
const MARKS = new Set(['emphasis', 'strong', 'smallCaps', 'delete', 'underline', 'subscript', 'superscript'])

function prune(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'text' && node.value === '') continue
    if (MARKS.has(node.type) && 'children' in node) {
      node.children = prune(node.children)
      if (node.children.length === 0) continue
    }
    if (node.type === 'link') node.children = prune(node.children)
    out.push(node)
  }
  return mergeText(out)
}

/** Trim white space at both ends of inline content (Markdown titles, front-matter strings). */
export function trimInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0]
  const last = nodes[nodes.length - 1]
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '')
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
  return prune(nodes)
}

/** The length a node adds to the plain text `toText` gives (a break counts as one space). */
function textLength(node: PhrasingContent): number {
  if (node.type === 'text' || node.type === 'code') return node.value.length
  if (node.type === 'break') return 1
  if ('children' in node) return node.children.reduce((n, c) => n + textLength(c), 0)
  return 0
}

/** Inline content between plain-text offsets `from` (inclusive) and `to` (exclusive). */
export function sliceInline(nodes: PhrasingContent[], from: number, to: number): PhrasingContent[] {
  const out: PhrasingContent[] = []
  let at = 0
  for (const node of nodes) {
    const length = textLength(node)
    const end = at + length
    if (length === 0) {
      if (at >= from && at <= to && node.type !== 'break') out.push(node)
    } else if (end > from && at < to) {
      if (node.type === 'text' || node.type === 'code') {
        const a = Math.max(0, from - at)
        const b = Math.min(length, to - at)
        out.push(a === 0 && b === length ? node : cutText(node, a, b))
      } else if (node.type === 'break') {
        out.push(node)
      } else if ('children' in node) {
        out.push({ ...node, children: sliceInline(node.children, from - at, to - at) } as PhrasingContent)
      }
    }
    at = end
  }
  return out
}

function cutText<T extends PhrasingContent & { value: string }>(node: T, a: number, b: number): T {
  const cut = { ...node, value: node.value.slice(a, b) }
  const pos = node.position
  // Columns shift exactly only when the source held the value verbatim on one line.
  if (pos && pos.start.line === pos.end.line && pos.end.column - pos.start.column === node.value.length) {
    cut.position = { start: shift(pos.start, a), end: shift(pos.start, b) }
  }
  return cut
}

function shift(point: Point, by: number): Point {
  const moved: Point = { line: point.line, column: point.column + by }
  if (point.offset !== undefined) moved.offset = point.offset + by
  return moved
}
