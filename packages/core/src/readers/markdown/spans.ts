/**
 * Pandoc's bracketed spans for the marks Markdown has no syntax for: `[Rome]{.smallcaps}` and
 * `[never]{.underline}`. CommonMark reads them as text (a `[`, the words, `]{.smallcaps}`), so this
 * pass finds them in a parsed tree: an unescaped `[` in a text node, the siblings after it, and an
 * unescaped `]` followed at once by `{…}` naming the class, within the same parent. Other classes
 * and attributes are left as written. One pass over each parent's children, each text once.
 */
import type * as Mdast from 'mdast'
import { type Alignment, align, type LineIndex } from './marks.js'

/** A `smallCaps` or `underline` span in the parsed tree (not in mdast itself). */
export interface Span extends Mdast.Parent {
  type: 'smallCaps' | 'underline'
  children: Mdast.PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    smallCaps: Span
    underline: Span
  }
  interface RootContentMap {
    smallCaps: Span
    underline: Span
  }
}

const ATTRS = /^\]\{([^{}\n\r]*)\}/
const classMarks: Record<string, Span['type']> = {
  smallcaps: 'smallCaps',
  'small-caps': 'smallCaps',
  underline: 'underline',
  ul: 'underline',
}

type Point = { line: number; column: number; offset: number }

/** Replace `[text]{.smallcaps}` and `[text]{.underline}` in `tree` (parsed from `source`). */
export function markSpans(tree: Mdast.Root, source: string, lines: () => LineIndex): void {
  // Cheap test first: most chapters have none.
  if (source.indexOf(']{') < 0) return
  const stack: Mdast.Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    if (
      parent.type === 'paragraph' ||
      parent.type === 'heading' ||
      parent.type === 'tableCell' ||
      isPhrasingParent(parent)
    )
      parent.children = spansIn(
        parent.children as Mdast.PhrasingContent[],
        source,
        lines,
      ) as typeof parent.children
    for (const child of parent.children as Mdast.Nodes[])
      if ('children' in child) stack.push(child as Mdast.Parent)
  }
}

function isPhrasingParent(node: Mdast.Parent): boolean {
  return ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'smallCaps', 'underline'].includes(
    node.type,
  )
}

interface Opener {
  /** Index in `out` of the text node holding the `[`. */
  index: number
  /** Offset of the `[` in that node's value. */
  at: number
}

/** Where a text node's characters sit in the source: its alignment, shifted for a piece cut from it. */
interface Ref {
  map: Alignment
  shift: number
}

function spansIn(
  kids: Mdast.PhrasingContent[],
  source: string,
  lines: () => LineIndex,
): Mdast.PhrasingContent[] {
  if (!kids.some((k) => k.type === 'text' && (k.value.includes('[') || k.value.includes(']{')))) return kids
  const out: Mdast.PhrasingContent[] = []
  const openers: Opener[] = []
  // Pieces share the alignment of the node they were cut from: each text is aligned once.
  const refs = new Map<Mdast.Text, Ref | undefined>()
  const refOf = (node: Mdast.Text) => {
    if (!refs.has(node)) {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      const map = start === undefined || end === undefined ? undefined : align(node.value, source, start, end)
      refs.set(node, map ? { map, shift: 0 } : undefined)
    }
    return refs.get(node)
  }
  const point = (offset: number): Point => lines().point(offset)
  const offsetAt = (node: Mdast.Text, ref: Ref, k: number) =>
    k < node.value.length ? ref.map.from[ref.shift + k]! : node.position!.end.offset!
  const piece = (node: Mdast.Text, ref: Ref, a: number, b: number): Mdast.Text => {
    const cut: Mdast.Text = {
      type: 'text',
      value: node.value.slice(a, b),
      position: { start: point(offsetAt(node, ref, a)), end: point(offsetAt(node, ref, b)) },
    }
    refs.set(cut, { map: ref.map, shift: ref.shift + a })
    return cut
  }
  for (const kid of kids) {
    if (kid.type !== 'text') {
      out.push(kid)
      continue
    }
    let node: Mdast.Text = kid
    out.push(node)
    let j = 0
    while (j < node.value.length) {
      const c = node.value[j]
      const ref = c === '[' || c === ']' ? refOf(node) : undefined
      if (!ref || ref.map.escaped[ref.shift + j]) {
        j++
        continue
      }
      if (c === '[') {
        openers.push({ index: out.length - 1, at: j })
        j++
        continue
      }
      const opener = openers.pop()
      const m = ATTRS.exec(node.value.slice(j, j + 200))
      const type = m ? markOf(m[1]!) : undefined
      if (!opener || !m || !type) {
        j++
        continue
      }
      // The opener's text before `[`, the span, and what follows `}` in this text.
      const openNode = out[opener.index] as Mdast.Text
      const openRef = refOf(openNode)!
      const inner: Mdast.PhrasingContent[] = []
      if (openNode === node) {
        if (j > opener.at + 1) inner.push(piece(node, ref, opener.at + 1, j))
      } else {
        if (openNode.value.length > opener.at + 1)
          inner.push(piece(openNode, openRef, opener.at + 1, openNode.value.length))
        for (let k = opener.index + 1; k < out.length - 1; k++) inner.push(out[k]!)
        if (j > 0) inner.push(piece(node, ref, 0, j))
      }
      // `[]{.smallcaps}` marks nothing: it stays text.
      if (inner.length === 0) {
        j++
        continue
      }
      const endAt = j + m[0].length
      const span: Span = {
        type,
        children: inner,
        position: {
          start: point(offsetAt(openNode, openRef, opener.at)),
          end: point(offsetAt(node, ref, endAt)),
        },
      }
      out.length = opener.index
      if (opener.at > 0) out.push(piece(openNode, openRef, 0, opener.at))
      out.push(span)
      if (endAt >= node.value.length) break
      node = piece(node, ref, endAt, node.value.length)
      out.push(node)
      j = 0
    }
  }
  return out
}

/** The mark a span's attributes name (`.smallcaps`, `.underline`), when they name only that. */
function markOf(attrs: string): Span['type'] | undefined {
  const parts = attrs.trim().split(/\s+/)
  if (parts.length !== 1 || !parts[0]!.startsWith('.')) return undefined
  return classMarks[parts[0]!.slice(1).toLowerCase()]
}
