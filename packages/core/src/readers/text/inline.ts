/**
 * Inline content of one plain-text paragraph: text, line breaks, and the emphasis people type in
 * plain text (`_x_`, `*x*` → emphasis; `__x__`, `**x**` → strong; `***x***` → both), and the
 * strike-through of chat logs and text messages (`~~x~~` → delete; a lone `~` is a tilde); and
 * the tags forum and site exports leave in the text (`[i]x[/i]`, `<b>x</b>`).
 *
 * A marker opens only at the start of a word and closes only at the end of one, within the same
 * paragraph; anything unmatched stays literal text, so no character is ever lost. Paragraphs
 * without `*` or `_` (nearly all of them) take a fast path with no scanning at all. Every node
 * gets a position mapped back through the paragraph's line segments.
 */
import { lastAtMost } from '../../model/arrays.js'
import type {
  Break,
  Delete,
  Emphasis,
  PhrasingContent,
  Point,
  Strong,
  Text,
  Underline,
} from '../../model/types.js'
import { detached } from '../source.js'

/** One line's share of a paragraph: its trimmed text and where that text starts in the file. */
export interface Segment {
  text: string
  /** 1-based line. */
  line: number
  /** 1-based column of `text[0]`. */
  column: number
  /** 0-based offset of `text[0]` in the decoded file. */
  offset: number
  /** In a `break` paragraph, joined to the segment before it with a space all the same (wrapped prose). */
  soft?: boolean
}

/** How a paragraph's lines are joined: a `break` node (verse, addresses) or a space (wrapped text). */
export type Join = 'break' | 'space'

/** Per-file tally of emphasis markers left open, reported once by the reader. */
export interface InlineStats {
  unclosed: number
  firstUnclosed?: Point
}

/** Most emphasis nesting we build; deeper openers stay literal, so trees stay shallow. */
const MAX_OPENERS = 32

const RUN = /\*+|_+|~+|[[<]\/?(?:i|em|b|strong|s|strike|del|u)[\]>]/gi
const TILDE = 0x7e
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
const SPACE_CHAR = /\s/

function isWord(code: number, s: string, i: number): boolean {
  if (Number.isNaN(code)) return false
  if (code < 0x80) {
    return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
  }
  return WORD_CHAR.test(s[i]!)
}

function isSpace(code: number, s: string, i: number): boolean {
  if (Number.isNaN(code)) return true
  if (code === 0x20 || code === 0x0a || code === 0x09) return true
  return code > 0x7f && SPACE_CHAR.test(s[i]!)
}

/** Collapse runs of spaces and tabs: typists' double spaces mean nothing in a typeset book. */
function tidy(value: string): string {
  return value.indexOf('  ') >= 0 || value.indexOf('\t') >= 0 ? value.replace(/[ \t]+/g, ' ') : value
}

interface Run {
  ch: number
  start: number
  len: number
  /** Index of the matching run, when matched. */
  partner: number
  opener: boolean
  /** A tag's mark (`[i]`, `</b>`): what it opens or closes, whatever its length. */
  tag?: TagMark
  /** A tag that closes (`[/i]`, `</i>`). */
  closing?: boolean
}

type TagMark = 'emphasis' | 'strong' | 'delete' | 'underline'

/**
 * The marks forum and site exports write as tags in plain text: BBCode (`[i]…[/i]`, `[b]`, `[u]`,
 * `[s]`) and HTML (`<i>`, `<em>`, `<b>`, `<strong>`, `<u>`, `<s>`, `<del>`). Paired as the
 * asterisks are, in one stack with them; an unpaired tag stays as written.
 */
const TAGS: Record<string, TagMark> = {
  i: 'emphasis',
  em: 'emphasis',
  b: 'strong',
  strong: 'strong',
  s: 'delete',
  strike: 'delete',
  del: 'delete',
  u: 'underline',
}
const TAG_RUN = /\[(\/?)(i|em|b|strong|s|strike|del|u)\]|<(\/?)(i|em|b|strong|s|strike|del|u)>/iy

/** Build the inline nodes of a paragraph made of `segments`. */
export function phrasing(segments: Segment[], join: Join, stats: InlineStats): PhrasingContent[] {
  if (segments.length === 0) return []
  const combined =
    segments.length === 1
      ? segments[0]!.text
      : join === 'break'
        ? joinLines(segments)
        : segments.map((s) => s.text).join(' ')
  if (
    combined.indexOf('*') < 0 &&
    combined.indexOf('_') < 0 &&
    combined.indexOf('~~') < 0 &&
    combined.indexOf('[') < 0 &&
    combined.indexOf('<') < 0
  )
    return plain(segments, join, combined)
  return new InlineBuilder(segments, join, combined, stats).build()
}

/** Segments' texts joined by newlines, or by a space before a `soft` one. */
function joinLines(segments: Segment[]): string {
  let out = segments[0]!.text
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i]!
    out += (seg.soft ? ' ' : '\n') + seg.text
  }
  return out
}

/** For each segment, the last one of the group it opens or belongs to: soft segments join the one before. */
function groupEnds(segments: Segment[]): Int32Array {
  const ends = new Int32Array(segments.length)
  for (let i = segments.length - 1; i >= 0; i--) {
    ends[i] = i + 1 < segments.length && segments[i + 1]!.soft ? ends[i + 1]! : i
  }
  return ends
}

function pointOf(segment: Segment, delta: number): Point {
  return { line: segment.line, column: segment.column + delta, offset: segment.offset + delta }
}

function textNode(value: string, start: Point, end: Point): Text {
  // Its own copy: a slice of a line would keep the chapter's whole text alive.
  return { type: 'text', value: detached(tidy(value)), position: { start, end } }
}

/** The fast path: no markers, so each line is one text node (or all lines one, when joined). */
function plain(segments: Segment[], join: Join, combined: string): PhrasingContent[] {
  const first = segments[0]!
  const last = segments[segments.length - 1]!
  if (join === 'space' || segments.length === 1) {
    return [textNode(combined, pointOf(first, 0), pointOf(last, last.text.length))]
  }
  const out: PhrasingContent[] = []
  const ends = groupEnds(segments)
  for (let i = 0; i < segments.length; i = ends[i]! + 1) {
    const seg = segments[i]!
    if (i > 0) {
      const prev = segments[i - 1]!
      const br: Break = {
        type: 'break',
        position: { start: pointOf(prev, prev.text.length), end: pointOf(seg, 0) },
      }
      out.push(br)
    }
    const last = segments[ends[i]!]!
    let text = seg.text
    for (let k = i + 1; k <= ends[i]!; k++) text += ` ${segments[k]!.text}`
    out.push(textNode(text, pointOf(seg, 0), pointOf(last, last.text.length)))
  }
  return out
}

type Container = { children: PhrasingContent[] }

class InlineBuilder {
  /** Index in `combined` where each segment starts. */
  private readonly starts: number[] = []
  /** The last segment of each one's group (segments joined by spaces), when a `break` join has soft ones. */
  private readonly ends: Int32Array | undefined

  constructor(
    private readonly segments: Segment[],
    private readonly join: Join,
    private readonly s: string,
    private readonly stats: InlineStats,
  ) {
    let at = 0
    for (const seg of segments) {
      this.starts.push(at)
      at += seg.text.length + 1
    }
    this.ends = join === 'break' && segments.some((seg) => seg.soft) ? groupEnds(segments) : undefined
  }

  /** The segment holding `index` of `combined` (or ending just before it, at a join). */
  private segmentAt(index: number): number {
    return lastAtMost(this.starts, index)
  }

  /** Map an index in `combined` (possibly one past a segment's end) to a file point. */
  private point(index: number): Point {
    const k = this.segmentAt(index)
    return pointOf(this.segments[k]!, index - this.starts[k]!)
  }

  private runs(): Run[] {
    const s = this.s
    const runs: Run[] = []
    const stack: number[] = []
    RUN.lastIndex = 0
    for (let m = RUN.exec(s); m; m = RUN.exec(s)) {
      const start = m.index
      const len = m[0].length
      const end = start + len
      const first = s.charCodeAt(start)
      if (first === 0x5b || first === 0x3c) {
        // `[` or `<`: a tag, when its brackets match (`[i]`, `<i>`, not `[i>`).
        TAG_RUN.lastIndex = start
        const t = TAG_RUN.exec(s)
        if (!t || t[0].length !== len) continue
        const closing = (t[1] ?? t[3]) === '/'
        const tag = TAGS[(t[2] ?? t[4])!.toLowerCase()]!
        const run: Run = { ch: first, start, len, partner: -1, opener: false, tag, closing }
        const index = runs.length
        runs.push(run)
        if (!closing) {
          if (stack.length < MAX_OPENERS) stack.push(index)
          continue
        }
        let k = stack.length - 1
        while (k >= 0 && runs[stack[k]!]!.tag !== tag) k--
        if (k >= 0) this.pair(runs, stack, k, index)
        continue
      }
      const before = start - 1
      const prev = start > 0 ? s.charCodeAt(before) : Number.NaN
      const next = end < s.length ? s.charCodeAt(end) : Number.NaN
      const run: Run = { ch: s.charCodeAt(start), start, len, partner: -1, opener: false }
      const index = runs.length
      runs.push(run)
      if (len > 3 || (run.ch === TILDE && len !== 2)) continue
      const prevSpace = isSpace(prev, s, before)
      const nextSpace = isSpace(next, s, end)
      const canOpen = !nextSpace && !isWord(prev, s, before)
      const canClose = !prevSpace && !isWord(next, s, end)
      if (canClose) {
        let k = stack.length - 1
        for (; k >= 0; k--) {
          const opener = runs[stack[k]!]!
          if (opener.ch === run.ch && opener.len === len && opener.tag === undefined) break
        }
        if (k >= 0) {
          this.pair(runs, stack, k, index)
          continue
        }
      }
      if (canOpen) {
        if (stack.length < MAX_OPENERS) stack.push(index)
      }
    }
    for (const o of stack) this.unclosed(runs[o]!)
    return runs
  }

  /** Pair the opener at `stack[k]` with the closer `runs[index]`, and drop the openers above it. */
  private pair(runs: Run[], stack: number[], k: number, index: number): void {
    const o = stack[k]!
    runs[o]!.partner = index
    runs[o]!.opener = true
    runs[index]!.partner = o
    // Openers between the pair can no longer close properly: they stay literal.
    for (let j = k + 1; j < stack.length; j++) this.unclosed(runs[stack[j]!]!)
    stack.length = k
  }

  private unclosed(run: Run): void {
    // A stray `~~` is text, not a mark someone forgot to close ("~~ meh ~~").
    if (run.ch === TILDE) return
    this.stats.unclosed++
    this.stats.firstUnclosed ??= this.point(run.start)
  }

  build(): PhrasingContent[] {
    const root: PhrasingContent[] = []
    const stack: Array<Emphasis | Strong | Delete | Underline> = []
    const top = (): Container => (stack.length > 0 ? stack[stack.length - 1]! : { children: root })
    let cursor = 0
    const runs = this.runs()
    for (const run of runs) {
      if (run.partner < 0) continue
      this.emitText(cursor, run.start, top().children)
      if (run.opener) {
        const start = this.point(run.start)
        const closer = runs[run.partner]!
        const end = this.point(closer.start + closer.len)
        if (run.tag !== undefined) {
          const node = { type: run.tag, children: [], position: { start, end } } as
            | Emphasis
            | Strong
            | Delete
            | Underline
          top().children.push(node)
          stack.push(node)
        } else if (run.ch === TILDE) {
          const del: Delete = { type: 'delete', children: [], position: { start, end } }
          top().children.push(del)
          stack.push(del)
        } else if (run.len === 3) {
          const em: Emphasis = { type: 'emphasis', children: [], position: { start, end } }
          const strong: Strong = {
            type: 'strong',
            children: [],
            position: { start: this.point(run.start + 1), end: this.point(closer.start + 2) },
          }
          em.children.push(strong)
          top().children.push(em)
          stack.push(em, strong)
        } else {
          const node: Emphasis | Strong =
            run.len === 2
              ? { type: 'strong', children: [], position: { start, end } }
              : { type: 'emphasis', children: [], position: { start, end } }
          top().children.push(node)
          stack.push(node)
        }
      } else {
        stack.length -= run.tag === undefined && run.len === 3 && run.ch !== TILDE ? 2 : 1
      }
      cursor = run.start + run.len
    }
    this.emitText(cursor, this.s.length, root)
    return root
  }

  /**
   * Text from `from` to `to` of `combined`, split at line joins into text and break nodes. Walks
   * the segments rather than searching for newlines, so a huge one-line paragraph stays linear.
   */
  private emitText(from: number, to: number, out: PhrasingContent[]): void {
    if (from >= to) return
    const s = this.s
    if (this.join === 'space') {
      out.push(textNode(s.slice(from, to), this.point(from), this.point(to)))
      return
    }
    let k = this.segmentAt(from)
    let at = from
    while (at < to) {
      const g = this.ends ? this.ends[k]! : k
      const segmentEnd = this.starts[g]! + this.segments[g]!.text.length
      const end = Math.min(to, segmentEnd)
      if (end > at) out.push(textNode(s.slice(at, end), this.point(at), this.point(end)))
      if (to <= segmentEnd) return
      out.push({
        type: 'break',
        position: { start: this.point(segmentEnd), end: this.point(segmentEnd + 1) },
      })
      at = segmentEnd + 1
      k = g + 1
    }
  }
}
