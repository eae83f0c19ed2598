/**
 * A guard run before the Markdown parser, beside `depth.ts`: micromark resolves emphasis and
 * links by walking back over every earlier token of the paragraph for each closing `*`, `_`, `~`
 * or `]`, and splices the token list for each match, so a paragraph with tens of thousands of
 * them (`*a*a*a…`, `]]]…`, `a *b* a *b* …` for 100 KB) takes minutes. In a paragraph holding
 * more markers of one kind than any book's paragraph does (`MAX_MARKERS`), every marker of that
 * kind is backslash-escaped, which makes them the literal characters most of them would have been
 * anyway; keeping the first few hundred would not help, since each kept closer still walks the
 * whole paragraph. Runs far longer than emphasis uses are escaped too. Code spans, raw HTML tags,
 * fenced and indented code and front matter are left as they are; footnote references and the
 * labels of footnote and link definitions are neither counted nor escaped (the parser reads them
 * whole), and each footnote definition is a block of its own. Paragraphs under the limits are
 * not touched, so normal chapters parse exactly as before. Escapes add characters; `remap` moves
 * the parser's positions back onto the unescaped text.
 */
import type * as Mdast from 'mdast'

/** Emphasis, bracket or unmatched backtick runs a paragraph may hold before that kind is escaped. */
export const MAX_MARKERS = 500
/** A run of `*`, `_` or `~` longer than this inside text is escaped whole: emphasis needs three. */
export const MAX_RUN = 32

export interface Defused {
  /** The text to parse: `source` with backslashes inserted, or `source` itself. */
  text: string
  /** Offsets in `source` before which a backslash was inserted, ascending. */
  inserted: number[]
  /** 1-based line of the first escape; undefined when none was needed. */
  firstLine?: number
}

const isBlank = (line: string) => /^[\s>]*$/.test(line)
/** A footnote definition's first line (`[^id]: …`): a container, so a block of its own. */
const footnoteDefinition = /^ {0,3}(?:>\s?)*\[\^[^\]\s]{1,999}\]:/
/** A link reference definition's label at a line start (`[label]: url`): parsed without a walk. */
const definitionLabel = /^ {0,3}(?:>\s?)*(\[(?:[^\]\\]|\\.){1,999}\]):/
/** A footnote reference (`[^id]`): the footnote extension reads it whole, never as a label end. */
const footnoteCall = /\[\^[^\]\s]{1,999}\]/g
const fence = /^ {0,3}(?:>\s?)*(`{3,}|~{3,})/
/** A line made only of one marker and spaces: a thematic break, setext underline or fence. */
const markerLine = /^\s*(?:>\s*)*([*_~`=-])(?:\s*\1)*\s*$/

/** Escape the markers of paragraphs past the limits, paragraph by paragraph. Linear in the input. */
export function defuse(source: string, maxMarkers = MAX_MARKERS, maxRun = MAX_RUN): Defused {
  // Fast path: a file with few markers in all cannot have too many in one paragraph.
  if (!hasRisk(source, maxMarkers, maxRun)) return { text: source, inserted: [] }
  const escapeAt: number[] = []
  const lines = source.split('\n')
  let offset = 0
  let chunk: Array<{ text: string; offset: number }> = []
  let inFence: string | undefined
  let n = 0
  // YAML front matter is not Markdown.
  if (lines[0] === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l === '---' || l === '...'))
    if (end > 0) {
      for (; n <= end; n++) offset += lines[n]!.length + 1
    }
  }
  const flush = () => {
    if (chunk.length > 0) escapeChunk(chunk, maxMarkers, maxRun, escapeAt)
    chunk = []
  }
  for (; n < lines.length; n++) {
    const line = lines[n]!
    const open = fence.exec(line)
    if (inFence !== undefined) {
      if (open && open[1]![0] === inFence[0] && open[1]!.length >= inFence.length) inFence = undefined
    } else if (open) {
      flush()
      inFence = open[1]!
    } else if (isBlank(line)) flush()
    else {
      // Each footnote definition holds its own blocks: a run of 10,000 on consecutive lines is
      // 10,000 small blocks, not one paragraph of 20,000 brackets.
      if (footnoteDefinition.test(line)) flush()
      chunk.push({ text: line, offset })
    }
    offset += line.length + 1
  }
  flush()
  if (escapeAt.length === 0) return { text: source, inserted: [] }
  escapeAt.sort((a, b) => a - b)
  const parts: string[] = []
  let last = 0
  for (const at of escapeAt) {
    parts.push(source.slice(last, at), '\\')
    last = at
  }
  parts.push(source.slice(last))
  const firstLine = source.slice(0, escapeAt[0]).split('\n').length
  return { text: parts.join(''), inserted: escapeAt, firstLine }
}

function hasRisk(source: string, maxMarkers: number, maxRun: number): boolean {
  let markers = 0
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i)
    // * _ ~ [ ] `
    if (c === 42 || c === 95 || c === 126 || c === 91 || c === 93 || c === 96) markers++
  }
  if (markers > maxMarkers) return true
  return new RegExp(`[*_~]{${maxRun + 1}}`).test(source)
}

interface Run {
  at: number
  length: number
  char: string
}

/** Decide the escapes for one paragraph-like run of lines. */
function escapeChunk(
  chunk: Array<{ text: string; offset: number }>,
  maxMarkers: number,
  maxRun: number,
  out: number[],
): void {
  // An indented block is code: backslashes there are literal.
  if (chunk.every((l) => /^(?: {4}|\t)/.test(l.text))) return
  const runs: Run[] = []
  for (const { text, offset } of chunk) {
    if (markerLine.test(text)) continue
    const protectedRanges = safeRanges(text)
    let p = 0
    for (let i = 0; i < text.length; ) {
      const char = text[i]!
      if (!'*_~[]`'.includes(char) || isEscaped(text, i)) {
        i++
        continue
      }
      while (p < protectedRanges.length && protectedRanges[p]![1] <= i) p++
      const range = protectedRanges[p]
      if (range && range[0] <= i) {
        i = range[1]
        continue
      }
      let j = i + 1
      // Brackets are one marker each; the others come in runs.
      if (char !== '[' && char !== ']') while (text[j] === char) j++
      // A run with white space on both sides can neither open nor close emphasis: it costs the
      // parser nothing, and escaping it would only add tokens.
      const loose = '*_~'.includes(char) && /^\s?$/.test(text[i - 1] ?? '') && /^\s?$/.test(text[j] ?? '')
      if (!loose) runs.push({ at: offset + i, length: j - i, char })
      i = j
    }
  }
  const spans = codeSpans(runs)
  let emphasis = 0
  let brackets = 0
  let ticks = 0
  for (let r = 0; r < runs.length; r++) {
    if (spans.inside[r] || spans.delimiter[r]) continue
    const run = runs[r]!
    if (run.char === '`') ticks++
    // Closing brackets are what cost (each walks back to its opener); openers alone are cheap.
    else if (run.char === ']') brackets++
    else if (run.char === '[') continue
    else emphasis++
  }
  // Past the limit every marker of the kind is escaped: the parser's cost comes from the ones
  // kept as much as from the count (each closer walks back over the whole paragraph).
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!
    if (spans.inside[r] || spans.delimiter[r]) continue
    let literal: boolean
    // Unmatched backtick runs are literal anyway, so escaping them changes nothing.
    if (run.char === '`') literal = ticks > maxMarkers
    else if (run.char === '[' || run.char === ']') literal = brackets > maxMarkers
    else literal = run.length > maxRun || emphasis > maxMarkers
    if (literal) for (let k = 0; k < run.length; k++) out.push(run.at + k)
  }
}

/** True when the character at `i` follows an odd number of backslashes. */
function isEscaped(text: string, i: number): boolean {
  let n = 0
  while (i - n - 1 >= 0 && text[i - n - 1] === '\\') n++
  return n % 2 === 1
}

/**
 * The parts of a line never escaped and never counted, ascending and disjoint: raw HTML tags and
 * autolinks (`<a href="x*y">`, `<https://a_b>`), whose markers are not Markdown; footnote
 * references (`[^id]`) and the labels of footnote and link reference definitions (`[id]: url`),
 * which the parser reads whole without walking back over the paragraph, so a chapter of thousands
 * of footnotes is not a pathological shape.
 */
function safeRanges(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = []
  for (const m of text.matchAll(/<[A-Za-z/!?][^<>]*>/g)) found.push([m.index, m.index + m[0].length])
  for (const m of text.matchAll(footnoteCall)) found.push([m.index, m.index + m[0].length])
  const label = definitionLabel.exec(text)
  if (label) found.push([label[0].length - label[1]!.length - 1, label[0].length - 1])
  if (found.length < 2) return found
  found.sort((a, b) => a[0] - b[0])
  // A footnote reference inside a tag's attribute (or the reverse): keep the earlier range whole.
  const out: Array<[number, number]> = [found[0]!]
  for (const range of found.slice(1)) {
    const last = out[out.length - 1]!
    if (range[0] < last[1]) last[1] = Math.max(last[1], range[1])
    else out.push(range)
  }
  return out
}

/**
 * Which backtick runs open or close a code span and which runs sit inside one: a run closes the
 * span the nearest earlier unclosed run of the same length opened (CommonMark 6.1). Linear: the
 * next run of each length is found by a pointer into a list per length.
 */
function codeSpans(runs: Run[]): { delimiter: boolean[]; inside: boolean[] } {
  const delimiter = new Array<boolean>(runs.length).fill(false)
  const inside = new Array<boolean>(runs.length).fill(false)
  const byLength = new Map<number, number[]>()
  runs.forEach((run, r) => {
    if (run.char !== '`') return
    const list = byLength.get(run.length) ?? []
    list.push(r)
    byLength.set(run.length, list)
  })
  if (byLength.size === 0) return { delimiter, inside }
  const cursor = new Map<number, number>()
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!
    if (run.char !== '`') continue
    const list = byLength.get(run.length)!
    let c = cursor.get(run.length) ?? 0
    while (c < list.length && list[c]! <= r) c++
    cursor.set(run.length, c)
    const close = list[c]
    if (close === undefined) continue
    delimiter[r] = true
    delimiter[close] = true
    for (let k = r + 1; k < close; k++) inside[k] = true
    r = close
  }
  return { delimiter, inside }
}

/**
 * Move the positions of a tree parsed from `defuse(source).text` back onto `source`: offsets
 * lose the backslashes before them, and columns are counted again from the line's start (no
 * line ends were inserted, so lines are unchanged).
 */
export function remap(tree: Mdast.Root, source: string, inserted: readonly number[]): void {
  if (inserted.length === 0) return
  // Where each inserted backslash sits in the escaped text.
  const at = inserted.map((o, k) => o + k)
  const lineStarts = [0]
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1)
  const move = (point: { line: number; column: number; offset?: number }) => {
    if (point.offset === undefined) return
    // Backslashes strictly before the offset.
    let lo = 0
    let hi = at.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (at[mid]! < point.offset) lo = mid + 1
      else hi = mid
    }
    point.offset -= lo
    point.column = point.offset - (lineStarts[point.line - 1] ?? 0) + 1
  }
  const stack: Mdast.Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.position) {
      move(node.position.start)
      move(node.position.end)
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Mdast.Nodes)
  }
}
