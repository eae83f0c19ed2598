/**
 * Pandoc's subscript and superscript in Markdown text: `H~2~O` and `x^2^`. CommonMark and GFM have
 * neither (GFM's single-tilde strikethrough is turned off, so `~2~` reaches us as text and `~~`
 * stays strikethrough); this pass finds them in the text nodes of a parsed tree, by pandoc's rules:
 * the marked text is not empty and holds no white space unless the space is backslash-escaped
 * (`P~a\ cat~`, which pandoc reads as a no-break space, as here), and a backslash-escaped `\~` or
 * `\^` is a plain character. Positions are taken from the source, so diagnostics and the model
 * point at the marks as written. One pass over each text node: linear.
 */
import type * as Mdast from 'mdast'
import { lastAtMost } from '../../model/arrays.js'

/** A `subscript` or `superscript` node in the parsed tree (not in mdast itself). */
export interface Script extends Mdast.Parent {
  type: 'subscript' | 'superscript'
  children: Mdast.PhrasingContent[]
}

declare module 'mdast' {
  interface PhrasingContentMap {
    subscript: Script
    superscript: Script
  }
  interface RootContentMap {
    subscript: Script
    superscript: Script
  }
}

type Point = { line: number; column: number; offset?: number }

const NBSP = '\u00a0'
/** CommonMark's escapable characters: ASCII punctuation. */
const isPunct = (c: string) => /[!-/:-@[-`{-~]/.test(c)
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r'

/** Replace `~sub~` and `^sup^` in the text nodes of `tree` (parsed from `source`) by script nodes. */
export function markScripts(tree: Mdast.Root, source: string): void {
  // Cheap test first: most chapters have neither mark.
  if (source.indexOf('~') < 0 && source.indexOf('^') < 0) return
  const lines = new LineIndex(source)
  splitTexts(tree, (node) => scripts(node, source, lines))
}

/**
 * Each text node of `tree` replaced by the pieces `split` makes of it (undefined: left as it is),
 * in one pass over the tree; the pieces are not looked into again.
 */
export function splitTexts(
  tree: Mdast.Root,
  split: (node: Mdast.Text) => Mdast.PhrasingContent[] | undefined,
): void {
  const stack: Mdast.Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    const kids = parent.children as Mdast.Nodes[]
    let changed: Mdast.Nodes[] | undefined
    for (let k = 0; k < kids.length; k++) {
      const node = kids[k]!
      const pieces = node.type === 'text' ? split(node) : undefined
      if (pieces) {
        changed ??= kids.slice(0, k)
        for (const piece of pieces) changed.push(piece)
        continue
      }
      changed?.push(node)
      if ('children' in node) stack.push(node as Mdast.Parent)
    }
    if (changed) parent.children = changed as typeof parent.children
  }
}

/** The pieces a text node splits into, or undefined when it holds no mark. */
function scripts(node: Mdast.Text, source: string, lines: LineIndex): Mdast.PhrasingContent[] | undefined {
  const value = node.value
  if (value.indexOf('~') < 0 && value.indexOf('^') < 0) return undefined
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const map = align(value, source, start, end)
  if (!map) return undefined
  const { from, escaped } = map
  const at = (j: number): Point => lines.point(from[j]!)
  const out: Mdast.PhrasingContent[] = []
  let last = 0
  let a = 0
  while (a < value.length) {
    const mark = value[a]!
    if ((mark !== '~' && mark !== '^') || escaped[a]) {
      a++
      continue
    }
    // Pandoc: the closing mark is the next unescaped one; unescaped white space before it voids
    // the opener, and scanning goes on after the space (so each character is looked at once).
    let b = a + 1
    let void_ = false
    while (b < value.length) {
      const c = value[b]!
      if (c === mark && !escaped[b]) break
      if (isSpace(c)) {
        const escapedSpace = c === ' ' && value[b - 1] === '\\' && !escaped[b - 1] && b - 1 > a
        if (!escapedSpace) {
          void_ = true
          break
        }
      }
      b++
    }
    if (void_ || b >= value.length) {
      a = b
      continue
    }
    // `~~` is strikethrough's, never an empty subscript; `^^` is no superscript either.
    if (b === a + 1) {
      a = b + 1
      continue
    }
    if (a > last) out.push(text(value.slice(last, a), at(last), at(a)))
    const inner = value.slice(a + 1, b).replace(/\\ /g, NBSP)
    const script: Script = {
      type: mark === '~' ? 'subscript' : 'superscript',
      children: [text(inner, at(a + 1), at(b))],
      position: { start: at(a), end: at(b + 1) },
    }
    out.push(script)
    last = b + 1
    a = b + 1
  }
  if (out.length === 0) return undefined
  if (last < value.length) out.push(text(value.slice(last), at(last), node.position!.end))
  return out
}

function text(value: string, start: Point, end: Point): Mdast.Text {
  return { type: 'text', value, position: { start, end } }
}

export interface Alignment {
  /** Source offset of each character of the value; one more entry for the end. */
  from: number[]
  /** Whether each character of the value was backslash-escaped in the source. */
  escaped: boolean[]
}

/**
 * Where each character of a text node's value sits in the source. The value is the source less
 * backslash escapes and the white space that starts a continuation line; anything else (a
 * character reference such as `&amp;`) and the node is left alone rather than guessed at.
 */
export function align(value: string, source: string, start: number, end: number): Alignment | undefined {
  const from: number[] = new Array(value.length + 1)
  const escaped: boolean[] = new Array(value.length).fill(false)
  let i = start
  let j = 0
  while (j < value.length) {
    if (i >= end) return undefined
    const s = source[i]!
    const v = value[j]!
    if (s === '\\' && i + 1 < end && isPunct(source[i + 1]!) && v === source[i + 1]) {
      from[j] = i
      escaped[j] = true
      i += 2
      j++
    } else if (s === v) {
      from[j] = i
      i++
      j++
    } else if (s === ' ' || s === '\t' || s === '>') {
      // A continuation line's indent or block-quote marker is not part of the text.
      i++
    } else return undefined
  }
  from[value.length] = end
  return { from, escaped }
}

/** `text` with the characters of each range (ascending, apart) made spaces, line ends kept: positions hold. */
export function blankOut(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  if (ranges.length === 0) return text
  let out = ''
  let last = 0
  for (const [a, b] of ranges) {
    out += text.slice(last, a) + text.slice(a, b).replace(/[^\r\n]/g, ' ')
    last = b
  }
  return out + text.slice(last)
}

/** Offset → line and column, by binary search over the line starts. */
export class LineIndex {
  private readonly starts: number[] = [0]

  constructor(source: string) {
    // Without a carriage return, the line feeds are all there is to find.
    if (source.indexOf('\r') < 0) {
      for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1)
      return
    }
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i)
      if (c === 10) this.starts.push(i + 1)
      else if (c === 13 && source.charCodeAt(i + 1) !== 10) this.starts.push(i + 1)
    }
  }

  point(offset: number): { line: number; column: number; offset: number } {
    const lo = lastAtMost(this.starts, offset)
    return { line: lo + 1, column: offset - this.starts[lo]! + 1, offset }
  }
}
