/**
 * A fast Markdown parser for what chapters are made of, producing the same mdast, positions
 * included, as micromark with GFM and front matter: paragraphs, ATX and setext headings, scene
 * breaks, block quotes, lists, fenced and indented code, footnotes, link reference definitions,
 * emphasis, strikethrough, links, images, code spans, escapes and character references. It reads
 * a line at a time (CommonMark's container-matching algorithm) and each paragraph once
 * (`fast-inline.ts`), so its work is linear in the input on every shape; micromark, which it
 * stands in for, runs at about half a megabyte a second and walks back over a paragraph for each
 * closing mark. What it does not read exactly — raw HTML, autolinks, tables, tabs in indentation,
 * multi-line link definitions, a few rare list shapes — makes it decline the whole file (`undefined`),
 * and the reader then uses micromark, so output never depends on which parser ran; a test holds
 * the two to the same trees over the fixtures, the corpus and generated input.
 */
import type * as Mdast from 'mdast'
import {
  codeAt,
  Decline,
  type InlineStats,
  normalizeLabel,
  parseInline,
  type Segment,
  TAG,
  unescapeMarkdown,
} from './fast-inline.js'
import { LineIndex } from './marks.js'

type Position = NonNullable<Mdast.Node['position']>

/**
 * Input the fast parser leaves to micromark, found before any work is done: a tab, a NUL, an `@`,
 * `://`, `www.`, `mailto:` or `xmpp:` (any case: autolinks), or a line that may be a table's
 * delimiter row (`DELIMITER_ROW`): dashes with a pipe or a colon (`---:` under a line makes a
 * one-column table, where `---` makes a heading). Found with `indexOf` and a walk over line starts:
 * as regular expressions (one folding case, one tried at every offset) the same search took 21 ms
 * on War and Peace's chapters where this takes 9, warm. Exported for the test that holds it to
 * those expressions.
 */
export function declines(source: string): boolean {
  if (source.indexOf('\t') >= 0 || source.indexOf('\0') >= 0 || source.indexOf('@') >= 0) return true
  if (source.indexOf('://') >= 0 || autolinkWord(source)) return true
  return delimiterRow(source)
}

/** ASCII letters folded to lower case (other characters are never compared with letters). */
const folded = (c: number): number => c | 0x20

/** `www.`, `mailto:` or `xmpp:` in any case, found from the `.` and `:` that end them. */
function autolinkWord(s: string): boolean {
  for (let p = s.indexOf('.', 3); p >= 0; p = s.indexOf('.', p + 1)) {
    const w = 0x77
    if (
      folded(s.charCodeAt(p - 1)) === w &&
      folded(s.charCodeAt(p - 2)) === w &&
      folded(s.charCodeAt(p - 3)) === w
    )
      return true
  }
  for (let p = s.indexOf(':'); p >= 0; p = s.indexOf(':', p + 1)) {
    const word = s.slice(Math.max(0, p - 6), p).toLowerCase()
    if (word.endsWith('mailto') || word.endsWith('xmpp')) return true
  }
  return false
}

/** Characters `delimiterRow` has looked at (tests: each once, whatever the line ends). */
export const rowScan = { chars: 0 }

/**
 * A line that `DELIMITER_ROW` matches: after `[ >]*`, only `|`, `:`, `-` and spaces to the line's
 * end, with a `-` and a `|` or `:` among them. Lines end at LF or CR; a text holding U+2028 or
 * U+2029 (which end a line for the pattern too) is left to the pattern. One walk over the text:
 * a line that is no delimiter row is passed over to its end character by character (a search
 * for the next CR from each line, in a text with none, read the rest of the text every line).
 */
function delimiterRow(s: string): boolean {
  if (s.indexOf('-') < 0) return false
  if (s.indexOf('\u2028') >= 0 || s.indexOf('\u2029') >= 0) return DELIMITER_ROW.test(s)
  const n = s.length
  let k = 0
  // Read through `codeAt`: the walk reads at the text's end, where `charCodeAt` gives NaN, and
  // the optimised walk went back to the interpreter there.
  while (k <= n) {
    const start = k
    let c = codeAt(s, k)
    while (c === 0x20 || c === 0x3e) c = codeAt(s, ++k)
    let dash = false
    let mark = false
    while (c === 0x2d || c === 0x7c || c === 0x3a || c === 0x20) {
      if (c === 0x2d) dash = true
      else if (c !== 0x20) mark = true
      c = codeAt(s, ++k)
    }
    // Not a delimiter row: on to the line's end.
    if (k < n && c !== 10 && c !== 13) {
      while (k < n && c !== 10 && c !== 13) c = codeAt(s, ++k)
    } else if (dash && mark) {
      rowScan.chars += k - start
      return true
    }
    rowScan.chars += k + 1 - start
    k++
  }
  return false
}

const DELIMITER_ROW = /^[ >]*(?=[^\n\r]*[|:])[|: -]*-[|: -]*$/m

export interface FastStats extends InlineStats {
  /** Lines read. */
  lines: number
}

type Parent = Mdast.Parent & { position: Position }

interface Box {
  kind: 'root' | 'quote' | 'list' | 'item' | 'footnote'
  node: Parent
  /** Column where an item's or footnote's content starts (continuation lines need as much). */
  indent: number
  /** Source offset where the box ends so far. */
  end: number
  /** A blank line was seen since the box's last child started. */
  blank: boolean
  /** A list's marker (`-`, `*`, `+`, `.` or `)`). */
  marker?: string
}

interface Para {
  kind: 'para'
  segments: Segment[]
  /** Content end (trailing white space left out) of each segment's line. */
  ends: number[]
  /** End of each segment's line, trailing white space included. */
  lineEnds: number[]
  /** End of the last line, trailing white space included (the paragraph's own end). */
  lineEnd: number
}

interface Fence {
  kind: 'fence'
  char: string
  length: number
  indent: number
  start: number
  end: number
  info: string
  lines: string[]
  /** Start of the line after the last one it holds: where it ends when left open. */
  next: number
}

interface IndentedCode {
  kind: 'code'
  start: number
  end: number
  lines: string[]
  /** Blank lines not yet known to be inside the block. */
  pending: string[]
  /** A pending blank line holds spaces (micromark's end for the block then differs). */
  spaced: boolean
}

type Leaf = Para | Fence | IndentedCode

interface Line {
  start: number
  /** End of the content, line ending left out. */
  end: number
  /** Start of the next line. */
  next: number
}

/** Parse `source` to mdast, or `undefined` when it holds what only micromark reads exactly. */
export function parseFast(source: string, stats: FastStats = { steps: 0, lines: 0 }): Mdast.Root | undefined {
  if (declines(source)) return undefined
  try {
    return new BlockParser(source, stats).parse()
  } catch (error) {
    if (error instanceof Decline) return undefined
    throw error
  }
}

const ATX = /^(#{1,6})(?:[ ]+|$)/
const FENCE = /^(`{3,}|~{3,})[ ]*([^\n\r]*)$/
const THEMATIC = /^([-*_])(?:[ ]*\1){2,}[ ]*$/
const SETEXT = /^(=+|-+)[ ]*$/
const BULLET = /^([-+*])( {1,5}|$)/
const ORDERED = /^([0-9]{1,9})([.)])( {1,5}|$)/
const FOOTNOTE = /^\[\^([^\]\s\\[]{1,999})\]:[ ]*/
const DEFINITION =
  /^[ ]{0,3}\[((?:[^\\[\]]|\\.){1,999})\]:[ ]*(?:<((?:[^<>\n\r\\]|\\.)*)>|([^\s<][^\s]*))(?:[ ]+("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?[ ]*$/

class BlockParser {
  private readonly index: LineIndex
  private readonly boxes: Box[]
  private leaf: Leaf | undefined
  /** The box the open leaf belongs to. */
  private leafBox: Box | undefined
  private readonly jobs: Array<{ node: Parent; segments: Segment[] }> = []
  private readonly definitions = new Set<string>()
  private readonly footnotes = new Set<string>()

  constructor(
    private readonly source: string,
    private readonly stats: FastStats,
  ) {
    this.index = new LineIndex(source)
    const root = { type: 'root', children: [], position: this.position(0, source.length) } as Parent
    this.boxes = [{ kind: 'root', node: root, indent: 0, end: source.length, blank: false }]
  }

  parse(): Mdast.Root {
    const source = this.source
    let offset = this.frontMatter()
    // The next carriage return at or after `offset` (-1: none), found again only once passed.
    let cr = -2
    while (offset < source.length) {
      let end = source.indexOf('\n', offset)
      if (end < 0) end = source.length
      if (cr !== -1 && cr < offset) cr = source.indexOf('\r', offset)
      if (cr >= 0 && cr < end) end = cr
      let next = end
      // `codeAt`: the last line ends at the text's end, past which `charCodeAt` is NaN.
      if (codeAt(source, next) === 13) next++
      if (codeAt(source, next) === 10 && (next === end || source.charCodeAt(end) === 13)) next++
      this.line({ start: offset, end, next })
      offset = next
    }
    // A fence left open runs to the end of the file, the empty line after a last line ending too.
    // Not `leaf?.kind`: see `leafKind`.
    if (this.leaf !== undefined && this.leaf.kind === 'fence') {
      if (this.boxes.length > 1) throw new Decline()
      this.leaf.end = source.length
      this.touch(this.boxes.length, source.length)
    }
    this.closeLeaf()
    while (this.boxes.length > 1) this.closeBox()
    const context = {
      source,
      definitions: this.definitions,
      footnotes: this.footnotes,
      point: (offset: number) => this.point(offset),
      stats: this.stats,
    }
    for (const job of this.jobs) job.node.children = parseInline(job.segments, context)
    return this.boxes[0]!.node as Mdast.Root
  }

  // ------------------------------------------------------------------ positions

  private point(offset: number): { line: number; column: number; offset: number } {
    return this.index.point(offset)
  }

  private position(start: number, end: number): Position {
    return { start: this.point(start), end: this.point(end) }
  }

  // ------------------------------------------------------------------ front matter

  private frontMatter(): number {
    const source = this.source
    const open = /^---[ ]*(?:\r\n|\r|\n)/.exec(source)
    if (!open) {
      if (/^---[ ]*$/.test(source)) throw new Decline()
      return 0
    }
    const close = /(?:\r\n|\r|\n)---[ ]*(?:\r\n|\r|\n|$)/.exec(source.slice(open[0].length - 1))
    // An unclosed opening fence changes how micromark reads what follows: its to read.
    if (!close) throw new Decline()
    const bodyStart = open[0].length
    const closeAt = open[0].length - 1 + close.index
    const value = bodyStart <= closeAt ? source.slice(bodyStart, closeAt) : ''
    const fenceLine = closeAt + close[0].replace(/[\r\n]+$/, '').length
    const node = { type: 'yaml', value, position: this.position(0, fenceLine) } as Mdast.Yaml
    this.boxes[0]!.node.children.push(node)
    this.stats.lines += value.split('\n').length + 2
    return closeAt + close[0].length
  }

  // ------------------------------------------------------------------ lines

  private line(line: Line): void {
    this.stats.lines++
    this.stats.steps += line.next - line.start
    const source = this.source
    const boxes = this.boxes
    let pos = line.start
    // 1. Which open containers does the line continue?
    let matched = 1
    for (; matched < boxes.length; matched++) {
      const box = boxes[matched]!
      if (box.kind === 'list') continue
      const first = this.skip(pos, line.end)
      const blank = first >= line.end
      if (box.kind === 'quote') {
        if (!blank && first - pos <= 3 && source[first] === '>') {
          pos = first + 1
          if (source[pos] === ' ') pos++
          box.end = line.end
          continue
        }
        break
      }
      if (blank) {
        if (box.node.children.length === 0 && !(this.leafBox === box && this.leaf)) throw new Decline()
        continue
      }
      if (first - line.start >= box.indent) {
        pos = line.start + box.indent
        continue
      }
      break
    }
    // A line blank but for quote markers, with a list or quote open inside the innermost quote
    // it continues: micromark stretches that inner container's end over the markers, a rule
    // of its own that is rare in books; micromark reads such a chapter.
    if (pos > line.start && this.skip(pos, line.end) >= line.end) {
      let quote = matched - 1
      while (quote > 0 && boxes[quote]!.kind !== 'quote') quote--
      if (quote > 0 && quote < boxes.length - 1) throw new Decline()
    }
    // A list whose item was not continued is matched only by a new item: count it out for now.
    const allMatched = matched === boxes.length
    let container = matched

    // 2. Code blocks take their lines as they are.
    const leaf = this.leaf
    // Not `leaf?.kind`: see `leafKind`.
    if (leaf !== undefined && leaf.kind === 'fence' && allMatched) {
      const first = this.skip(pos, line.end)
      const rest = source.slice(first, line.end)
      const close = new RegExp(`^\\${leaf.char}{${leaf.length},}[ ]*$`)
      if (first - pos <= 3 && close.test(rest)) {
        leaf.end = line.end
        this.touch(matched, leaf.end)
        this.closeLeaf()
        return
      }
      let from = pos
      for (let k = 0; k < leaf.indent && source[from] === ' '; k++) from++
      leaf.lines.push(source.slice(from, line.next))
      this.touch(matched, line.end)
      leaf.end = Math.max(leaf.end, line.end)
      leaf.next = line.next
      return
    }
    if (leaf !== undefined && leaf.kind === 'code' && allMatched) {
      const first = this.skip(pos, line.end)
      if (first >= line.end) {
        leaf.pending.push(source.slice(Math.min(pos + 4, line.end), line.next))
        if (line.end > pos) leaf.spaced = true
        return
      }
      if (first - pos >= 4) {
        for (const blank of leaf.pending) leaf.lines.push(blank)
        leaf.pending = []
        leaf.spaced = false
        leaf.lines.push(source.slice(pos + 4, line.next))
        leaf.end = line.end
        this.touch(matched, line.end)
        return
      }
    }

    // 3. New containers and leaves.
    let started = false
    const startBlock = () => {
      if (!started) {
        this.closeFrom(container)
        started = true
      }
    }
    for (;;) {
      const first = this.skip(pos, line.end)
      if (first >= line.end) break
      const indent = first - pos
      const rest = source.slice(first, line.end)
      const tipIsPara = this.leafKind() === 'para' && this.leafBox === boxes[boxes.length - 1]
      if (indent >= 4) {
        if (tipIsPara && (!started || allMatched)) break
        if (this.leafKind() === 'para' && !started && !allMatched) break
        startBlock()
        this.openLeafIn(first)
        const code: IndentedCode = {
          kind: 'code',
          start: line.start,
          end: line.end,
          lines: [source.slice(pos + 4, line.next)],
          pending: [],
          spaced: false,
        }
        if (pos + 4 > line.start && pos !== line.start) code.start = pos
        this.leaf = code
        this.leafBox = this.boxes[this.boxes.length - 1]
        this.touch(this.boxes.length, line.end)
        return
      }
      const c = source[first]
      if (c === '>') {
        startBlock()
        this.closeLeaf()
        const parent = this.parentForBlock()
        pos = first + 1
        if (source[pos] === ' ') pos++
        const node = { type: 'blockquote', children: [], position: this.position(first, pos) } as Parent
        this.addChild(parent, node)
        this.boxes.push({ kind: 'quote', node, indent: 0, end: line.end, blank: false })
        container = this.boxes.length
        continue
      }
      if (c === '#') {
        const m = ATX.exec(rest)
        if (m) {
          startBlock()
          this.closeLeaf()
          this.heading(first, line, m[1]!.length)
          return
        }
      }
      if (c === '`' || c === '~') {
        const m = FENCE.exec(rest)
        if (m && !(c === '`' && m[2]!.includes('`'))) {
          startBlock()
          this.closeLeaf()
          this.openLeafIn(first)
          this.leaf = {
            kind: 'fence',
            char: c,
            length: m[1]!.length,
            indent: first - pos,
            start: first,
            end: line.end,
            info: m[2]!,
            lines: [],
            next: line.next,
          }
          this.leafBox = this.boxes[this.boxes.length - 1]
          this.touch(this.boxes.length, line.end)
          return
        }
      }
      if ((c === '=' || c === '-') && !started && allMatched && tipIsPara && SETEXT.test(rest)) {
        this.setext(c === '=' ? 1 : 2, line.end)
        return
      }
      if ((c === '*' || c === '-' || c === '_') && THEMATIC.test(rest)) {
        startBlock()
        this.closeLeaf()
        const parent = this.parentForBlock()
        const end = line.end
        this.addChild(parent, {
          type: 'thematicBreak',
          position: this.position(first, end),
        } as Mdast.ThematicBreak)
        this.touch(this.boxes.length, end)
        return
      }
      const bullet = c === '-' || c === '+' || c === '*' ? BULLET.exec(rest) : undefined
      const ordered = !bullet && c !== undefined && c >= '0' && c <= '9' ? ORDERED.exec(rest) : undefined
      if (bullet || ordered) {
        const spaces = (bullet ? bullet[2] : ordered![3])!
        const markerWidth = bullet ? 1 : ordered![1]!.length + 1
        if (spaces === '' || this.skip(first + markerWidth, line.end) >= line.end) {
          // An empty item cannot interrupt its own container's paragraph; elsewhere its rules
          // are subtle and it is rare in chapters: micromark's.
          if (tipIsPara && allMatched && !started) break
          throw new Decline()
        }
        if (spaces.length >= 5) throw new Decline()
        const start = ordered ? Number(ordered[1]) : undefined
        if (tipIsPara && !started && allMatched && start !== undefined && start !== 1) break
        // An ordered list opening on its container's first line or after indented code:
        // micromark's rules differ.
        if ((started || this.leafKind() === 'code') && start !== undefined && start !== 1) throw new Decline()
        startBlock()
        this.closeLeaf()
        const marker = bullet ? bullet[1]! : ordered![2]!
        let parent = this.boxes[this.boxes.length - 1]!
        if (parent.kind === 'list' && parent.marker !== marker) {
          this.closeBox()
          parent = this.boxes[this.boxes.length - 1]!
        }
        if (parent.kind !== 'list') {
          const list = {
            type: 'list',
            ordered: start !== undefined,
            start: start ?? null,
            spread: false,
            children: [],
            position: this.position(first, first + 1),
          } as unknown as Parent
          this.addChild(parent, list)
          this.boxes.push({ kind: 'list', node: list, indent: 0, end: first + 1, blank: false, marker })
          parent = this.boxes[this.boxes.length - 1]!
        } else if (parent.blank) {
          ;(parent.node as Mdast.List).spread = true
        }
        // A blank line after the last item's content ends that item's run of blocks.
        parent.blank = false
        const item = {
          type: 'listItem',
          spread: false,
          checked: null,
          children: [],
          position: this.position(first, first + 1),
        } as unknown as Parent
        parent.node.children.push(item as never)
        const contentAt = first + markerWidth + spaces.length
        this.boxes.push({
          kind: 'item',
          node: item,
          indent: contentAt - line.start,
          end: first + 1,
          blank: false,
        })
        container = this.boxes.length
        pos = contentAt
        // A task item (`[x]` then a space, tab or line end) is micromark's to read.
        if (/^\[[ xX]\][ \t\r\n]/.test(source.slice(pos, pos + 4))) throw new Decline()
        continue
      }
      if (c === '[' && source[first + 1] === '^') {
        const m = FOOTNOTE.exec(rest)
        if (m) {
          // Notes inside quotes or lists end where micromark's container rules say: its to read.
          if (first + m[0].length >= line.end || container > 1) throw new Decline()
          startBlock()
          this.closeLeaf()
          const parent = this.parentForBlock()
          const label = m[1]!
          const id = normalizeLabel(label)
          this.footnotes.add(id)
          const node = {
            type: 'footnoteDefinition',
            identifier: id.toLowerCase(),
            label,
            children: [],
            position: this.position(first, first + 1),
          } as unknown as Parent
          this.addChild(parent, node)
          this.boxes.push({
            kind: 'footnote',
            node,
            indent: first - line.start + 4,
            end: first + 1,
            blank: false,
          })
          container = this.boxes.length
          pos = first + m[0].length
          continue
        }
      }
      break
    }

    // 4. The rest of the line: blank, a paragraph's next line (maybe lazily), or a new paragraph.
    const first = this.skip(pos, line.end)
    const blank = first >= line.end
    // A line opening with a tag may be an HTML block (or interrupt a paragraph): micromark's.
    if (codeAt(source, first) === 60 && mayOpenHtmlBlock(source.slice(first, line.end))) throw new Decline()
    if (!started && !allMatched && !blank && this.leafKind() === 'para') {
      this.addSegment(pos, line)
      return
    }
    if (!started) this.closeFrom(container)
    if (blank) {
      if (this.leafKind() !== 'code') this.closeLeaf()
      for (let k = 1; k < this.boxes.length; k++) this.boxes[k]!.blank = true
      return
    }
    if (this.leafKind() === 'para' && this.leafBox === this.boxes[this.boxes.length - 1]) {
      // A continuation line keeps its indent: code spans hold it, text drops it (`fast-inline.ts`).
      this.addSegment(pos, line)
      return
    }
    this.closeLeaf()
    this.openLeafIn(first)
    this.leaf = { kind: 'para', segments: [], ends: [], lineEnds: [], lineEnd: line.end }
    this.leafBox = this.boxes[this.boxes.length - 1]
    this.addSegment(first, line)
  }

  /**
   * The open leaf's kind, '' when there is none. `leaf?.kind === 'para'` compares `undefined`
   * as well as strings, and code optimised while a leaf was always open bailed out at the first
   * line that had none (a compare of strings, given `undefined`); this one is always a string.
   */
  private leafKind(): Leaf['kind'] | '' {
    const leaf = this.leaf
    return leaf === undefined ? '' : leaf.kind
  }

  /** First offset at or after `from` that is not a space, up to `end`. */
  private skip(from: number, end: number): number {
    let i = from
    while (i < end && this.source.charCodeAt(i) === 32) i++
    return i
  }

  private trimEnd(from: number, end: number): number {
    let e = end
    while (e > from && this.source.charCodeAt(e - 1) === 32) e--
    return e
  }

  /** Extend the ends of the first `count` boxes to `end`. */
  private touch(count: number, end: number): void {
    for (let k = 1; k < count && k < this.boxes.length; k++) {
      const box = this.boxes[k]!
      if (end > box.end) box.end = end
    }
  }

  private addSegment(first: number, line: Line): void {
    const para = this.leaf as Para
    const end = this.trimEnd(first, line.end)
    // Lines are kept whole up to their ending (trailing spaces decide hard breaks); the last
    // one is cut back to its content when the paragraph closes.
    para.segments.push({ start: first, end: line.next })
    para.ends.push(end)
    para.lineEnds.push(line.end)
    para.lineEnd = line.end
    this.touch(this.boxes.length, line.end)
  }

  // ------------------------------------------------------------------ boxes

  /** Close the boxes from index `from` on (those the line did not continue). */
  private closeFrom(from: number): void {
    // A fence its container leaves open ends where micromark's container rules say: its to read.
    if (from < this.boxes.length && this.leafKind() === 'fence') throw new Decline()
    if (from < this.boxes.length) this.closeLeaf()
    while (this.boxes.length > from) this.closeBox()
  }

  private closeBox(): void {
    const box = this.boxes.pop()!
    if (this.leafBox === box) this.closeLeaf()
    const node = box.node
    const kids = node.children as Array<{ position?: Position }>
    if (box.kind === 'list') {
      const last = kids[kids.length - 1]
      node.position.end = last?.position?.end ?? this.point(box.end)
    } else {
      node.position.end = this.point(box.end)
    }
    const parent = this.boxes[this.boxes.length - 1]
    if (parent && box.end > parent.end) parent.end = box.end
  }

  /** The box a new block goes into: a list takes only items, so it closes first. */
  private parentForBlock(): Box {
    while (this.boxes[this.boxes.length - 1]!.kind === 'list') this.closeBox()
    return this.boxes[this.boxes.length - 1]!
  }

  private openLeafIn(_first: number): void {
    this.closeLeaf()
    this.parentForBlock()
  }

  private addChild(box: Box, child: Mdast.Nodes | Parent): void {
    const node = child as Mdast.Nodes
    const kids = box.node.children as Mdast.Nodes[]
    if (box.blank && kids.length > 0 && box.kind === 'item')
      (box.node as unknown as Mdast.ListItem).spread = true
    box.blank = false
    kids.push(node)
  }

  // ------------------------------------------------------------------ leaves

  private closeLeaf(): void {
    const leaf = this.leaf
    const box = this.leafBox
    this.leaf = undefined
    this.leafBox = undefined
    if (!leaf || !box) return
    if (leaf.kind === 'fence') {
      const node = {
        type: 'code',
        lang: null,
        meta: null,
        value: joinLines(leaf.lines),
        position: this.position(leaf.start, leaf.end),
      } as Mdast.Code
      if (leaf.info) {
        const m = /^(\S+)(?:[ ]+(.*))?$/.exec(leaf.info)
        if (m) {
          node.lang = unescapeInfo(m[1]!)
          node.meta = m[2] ? unescapeInfo(m[2]) : null
        }
      }
      this.addChild(box, node)
      return
    }
    if (leaf.kind === 'code') {
      if (leaf.spaced) throw new Decline()
      this.addChild(box, {
        type: 'code',
        lang: null,
        meta: null,
        value: joinLines(leaf.lines),
        position: this.position(leaf.start, leaf.end),
      } as Mdast.Code)
      return
    }
    const segments = leaf.segments
    const ends = leaf.ends
    let first = 0
    // Link reference definitions at the start of a paragraph.
    while (first < segments.length && this.source[segments[first]!.start] === '[') {
      const start = segments[first]!.start
      const text = this.source.slice(start, ends[first])
      const m = DEFINITION.exec(text)
      if (!m) {
        // A definition whose label or title runs over several lines: micromark's to read.
        if (text.includes(']:') || segments.some((s) => this.source.slice(s.start, s.end).includes(']:')))
          throw new Decline()
        break
      }
      const label = m[1]!
      const id = normalizeLabel(label)
      // Parentheses in a bare destination must balance; micromark's to judge.
      if (id === '' || (m[3] && /[()]/.test(m[3]))) throw new Decline()
      const nextLine = segments[first + 1]
      if (nextLine && /^["'(]/.test(this.source[this.skip(nextLine.start, nextLine.end)] ?? ''))
        throw new Decline()
      this.definitions.add(id)
      const title = m[4]
      this.addChild(box, {
        type: 'definition',
        identifier: id.toLowerCase(),
        // The label as text (escapes and character references resolved), as micromark gives it.
        label: unescapeInfo(label),
        title: title ? unescapeInfo(title.slice(1, -1)) : null,
        url: unescapeInfo(m[2] ?? m[3] ?? ''),
        position: this.position(start, leaf.lineEnds[first]!),
      } as Mdast.Definition)
      first++
    }
    if (first >= segments.length) return
    const kept = segments.slice(first)
    if (first > 0) kept[0] = { start: this.skip(kept[0]!.start, kept[0]!.end), end: kept[0]!.end }
    const last = kept.length - 1
    kept[last] = { start: kept[last]!.start, end: ends[segments.length - 1]! }
    const node = {
      type: 'paragraph',
      children: [],
      position: this.position(kept[0]!.start, leaf.lineEnd),
    } as Parent
    this.addChild(box, node)
    this.jobs.push({ node, segments: kept })
  }

  private heading(first: number, line: Line, depth: number): void {
    const source = this.source
    const end = this.trimEnd(first, line.end)
    const nodeEnd = line.end
    let contentStart = this.skip(first + depth, end)
    let contentEnd = end
    // A closing run of `#`, after a space (or alone), is not content.
    let k = contentEnd
    while (k > contentStart && source[k - 1] === '#') k--
    if (k < contentEnd && (k === contentStart || source[k - 1] === ' '))
      contentEnd = this.trimEnd(contentStart, k)
    if (contentStart > contentEnd) contentStart = contentEnd
    const parent = this.parentForBlock()
    const node = {
      type: 'heading',
      depth,
      children: [],
      position: this.position(first, nodeEnd),
    } as unknown as Parent
    this.addChild(parent, node as unknown as Mdast.Nodes)
    if (contentEnd > contentStart)
      this.jobs.push({ node, segments: [{ start: contentStart, end: contentEnd }] })
    this.touch(this.boxes.length, nodeEnd)
  }

  private setext(depth: 1 | 2, end: number): void {
    const para = this.leaf as Para
    const box = this.leafBox!
    if (this.source[para.segments[0]!.start] === '[') throw new Decline()
    this.leaf = undefined
    this.leafBox = undefined
    const segments = para.segments
    const last = segments.length - 1
    segments[last] = { start: segments[last]!.start, end: para.ends[last]! }
    const node = {
      type: 'heading',
      depth,
      children: [],
      position: this.position(segments[0]!.start, end),
    } as unknown as Parent
    this.addChild(box, node as unknown as Mdast.Nodes)
    this.jobs.push({ node, segments })
    this.touch(this.boxes.length, end)
  }
}

const unescapeInfo = unescapeMarkdown

/** CommonMark's HTML block names (kinds 1 and 6): a line opening with one of them starts a block. */
const htmlBlockNames = new Set(
  `address article aside base basefont blockquote body caption center col colgroup dd details dialog dir
   div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html
   iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary
   table tbody td tfoot th thead title tr track ul pre script style textarea`.split(/\s+/),
)

const TAG_LINE = new RegExp(`^(?:${TAG.source}) *$`)

/**
 * Whether a line opening with `<` may be (or interrupt with) an HTML block: a comment or
 * declaration, a block element's tag, or any whole tag alone on the line. Otherwise the tag is
 * inline raw HTML in a paragraph (`<u>Rome</u> fell`), which the inline parser reads.
 */
function mayOpenHtmlBlock(rest: string): boolean {
  const m = /^<\/?([A-Za-z][A-Za-z0-9-]*)/.exec(rest)
  if (!m) return /^<[!?/]/.test(rest)
  return htmlBlockNames.has(m[1]!.toLowerCase()) || TAG_LINE.test(rest)
}

/** Code lines as written, each with its own line ending, less the last one's. */
function joinLines(lines: readonly string[]): string {
  return lines.join('').replace(/(?:\r\n|\r|\n)$/, '')
}
