/**
 * Pandoc's bracketed spans for the marks Markdown has no syntax for: `[Rome]{.smallcaps}` and
 * `[never]{.underline}`, and for the language of parts: `[je ne sais quoi]{lang=fr}`,
 * `[שלום]{lang=he dir=rtl}`, with classes or not (`[Roma]{.smallcaps lang=it}`); and pandoc's
 * inline notes, `^[A note written where it is cited.]`.
 * CommonMark reads them as text (a `[`, the words, `]{.smallcaps}`), so this pass finds them in a
 * parsed tree: an unescaped `[` in a text node (after an unescaped `^`: a note), the siblings
 * after it, and the unescaped `]` that closes it within the same parent, followed at once by
 * `{…}` naming the classes and attributes for a span. Braces naming anything else are left as
 * written; a `lang` or `dir` value is kept as written, for the converter to judge. An inline
 * note becomes a `footnoteReference` where it stands and a `footnoteDefinition` at the end of the
 * tree, which the chapter split then gives to the chapter citing it, as for `[^1]` notes. One pass
 * over each parent's children, each text once.
 */
import type * as Mdast from 'mdast'
import { type Alignment, align, type LineIndex } from './marks.js'
import { braceAttributes } from './raw-html.js'

/** A `smallCaps` or `underline` span in the parsed tree (not in mdast itself). */
export interface Span extends Mdast.Parent {
  type: 'smallCaps' | 'underline'
  children: Mdast.PhrasingContent[]
}

/** A span in another language or direction (`{lang=fr}`, `{dir=rtl}`), its values as written. */
export interface LanguageSpan extends Mdast.Parent {
  type: 'languageSpan'
  lang?: string
  dir?: string
  children: Mdast.PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    smallCaps: Span
    underline: Span
    languageSpan: LanguageSpan
  }
  interface RootContentMap {
    smallCaps: Span
    underline: Span
    languageSpan: LanguageSpan
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

/**
 * An inline note's identifier: numbered in the order the notes close, with a space, which no
 * `[^label]` can hold, so none is taken for another.
 */
const INLINE_NOTE = 'inline note '

/**
 * Replace `[text]{.smallcaps}`, `[text]{.underline}`, `[text]{lang=fr}` and `^[note]` in `tree`
 * (parsed from `source`).
 */
export function markSpans(tree: Mdast.Root, source: string, lines: () => LineIndex): void {
  // Cheap test first: most chapters have none.
  if (source.indexOf(']{') < 0 && source.indexOf('^[') < 0) return
  const notes: Mdast.FootnoteDefinition[] = []
  // Each parent, and whether it is inside an inline note: a note holds no note (as in pandoc,
  // `^[a ^[b] c]` is one note whose text shows `^[b]` as written).
  const stack: Array<[Mdast.Parent, boolean]> = [[tree, false]]
  while (stack.length > 0) {
    const [parent, inNote] = stack.pop()!
    if (
      parent.type === 'paragraph' ||
      parent.type === 'heading' ||
      parent.type === 'tableCell' ||
      isPhrasingParent(parent)
    ) {
      const made = notes.length
      parent.children = spansIn(
        parent.children as Mdast.PhrasingContent[],
        source,
        lines,
        inNote ? undefined : notes,
      ) as typeof parent.children
      // What a note took from this parent is looked into where it now is (`*a* [b]{.ul}` in it).
      for (let n = made; n < notes.length; n++)
        for (const child of (notes[n]!.children[0] as Mdast.Paragraph).children)
          if ('children' in child) stack.push([child as Mdast.Parent, true])
    }
    for (const child of parent.children as Mdast.Nodes[])
      if ('children' in child) stack.push([child as Mdast.Parent, inNote])
  }
  // After everything else, where `[^1]: …` definitions at a file's end stand.
  for (const note of notes) tree.children.push(note)
}

function isPhrasingParent(node: Mdast.Parent): boolean {
  return [
    'emphasis',
    'strong',
    'delete',
    'link',
    'linkReference',
    'smallCaps',
    'underline',
    'languageSpan',
  ].includes(node.type)
}

interface Opener {
  /** Index in `out` of the text node holding the `[`. */
  index: number
  /** Offset of the `[` in that node's value. */
  at: number
  /** Whether an unescaped `^` comes right before it: an inline note's opener. */
  note: boolean
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
  /** Where the inline notes go; undefined inside a note, where `^[` is text. */
  notes: Mdast.FootnoteDefinition[] | undefined,
): Mdast.PhrasingContent[] {
  if (!kids.some((k) => k.type === 'text' && k.value.includes('['))) return kids
  const out: Mdast.PhrasingContent[] = []
  const openers: Opener[] = []
  /** How many of `openers` open a note. */
  let notesOpen = 0
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
        // Inside a note's brackets, or inside a note, another `^[` is text.
        const note =
          notes !== undefined &&
          notesOpen === 0 &&
          j > 0 &&
          node.value[j - 1] === '^' &&
          !ref.map.escaped[ref.shift + j - 1]
        openers.push({ index: out.length - 1, at: j, note })
        if (note) notesOpen++
        j++
        continue
      }
      const opener = openers.pop()
      if (opener?.note) notesOpen--
      const m = opener?.note ? null : ATTRS.exec(node.value.slice(j, j + 200))
      const attributes = m ? spanAttributes(m[1]!) : undefined
      if (!opener || (!opener.note && !attributes)) {
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
      // `[]{.smallcaps}` marks nothing and `^[]` says nothing: they stay text.
      if (inner.length === 0) {
        j++
        continue
      }
      const endAt = m ? j + m[0].length : j + 1
      // A note's place starts at its `^`.
      const startAt = opener.note ? opener.at - 1 : opener.at
      const position = {
        start: point(offsetAt(openNode, openRef, startAt)),
        end: point(offsetAt(node, ref, endAt)),
      }
      let made: Mdast.PhrasingContent
      if (attributes) made = spanOf(attributes, inner, position)
      else {
        const identifier = `${INLINE_NOTE}${notes!.length + 1}`
        made = { type: 'footnoteReference', identifier, position }
        const paragraph: Mdast.Paragraph = {
          type: 'paragraph',
          children: inner,
          position: {
            start: point(offsetAt(openNode, openRef, opener.at + 1)),
            end: point(offsetAt(node, ref, j)),
          },
        }
        notes!.push({ type: 'footnoteDefinition', identifier, children: [paragraph], position })
      }
      out.length = opener.index
      if (startAt > 0) out.push(piece(openNode, openRef, 0, startAt))
      out.push(made)
      if (endAt >= node.value.length) break
      node = piece(node, ref, endAt, node.value.length)
      out.push(node)
      j = 0
    }
  }
  return out
}

/** What a span's braces say: the marks its classes name, and its language and direction as written. */
interface SpanAttributes {
  marks: Array<Span['type']>
  lang?: string
  dir?: string
}

/**
 * The attributes of `[…]{attrs}`, when every part is one Octavo reads (`.smallcaps`,
 * `.underline`, `lang=`, `dir=`); undefined when one is not (`{.highlight}`), so it stays text.
 */
function spanAttributes(attrs: string): SpanAttributes | undefined {
  const braces = braceAttributes(attrs)
  if (!braces || braces.ids.length > 0) return undefined
  const out: SpanAttributes = { marks: [] }
  for (const name of braces.classes) {
    const mark = classMarks[name]
    if (!mark) return undefined
    if (!out.marks.includes(mark)) out.marks.push(mark)
  }
  for (const [key, value] of braces.attributes) {
    if (key === 'lang') out.lang = value
    else if (key === 'dir') out.dir = value
    else return undefined
  }
  return out.marks.length > 0 || out.lang !== undefined || out.dir !== undefined ? out : undefined
}

/** The span `attributes` make of `inner`: the marks outside, the language inside them, as in HTML. */
function spanOf(
  attributes: SpanAttributes,
  inner: Mdast.PhrasingContent[],
  position: Mdast.Node['position'],
): Mdast.PhrasingContent {
  let made: Mdast.PhrasingContent[] = inner
  if (attributes.lang !== undefined || attributes.dir !== undefined) {
    const span: LanguageSpan = { type: 'languageSpan', children: made, position: position! }
    if (attributes.lang !== undefined) span.lang = attributes.lang
    if (attributes.dir !== undefined) span.dir = attributes.dir
    made = [span]
  }
  for (let i = attributes.marks.length - 1; i >= 0; i--)
    made = [{ type: attributes.marks[i]!, children: made, position: position! }]
  return made[0]!
}
