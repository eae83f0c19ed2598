/**
 * What writers' note apps (Obsidian, and the many that copy it) put in Markdown that CommonMark
 * reads as text, and that must not reach a printed book as written:
 *
 * - comments, `%%a note to self%%` (inline or over lines): never printed (`stripComments`, on the
 *   source before parsing, each character a space so positions hold; not inside code);
 * - wiki links, `[[Chapter 2]]` and `[[Chapter 2|the next one]]`: their text (a book has no
 *   links between notes); an embed of a picture, `![[map.png]]` or `![[map.png|The map]]`, is an
 *   image; an embed of a note (`![[Scene 4]]`) keeps its name, with a warning (`markWikiLinks`);
 * - highlights, `==word==`: the text, without the marks (no print convention; one warning a file);
 * - callouts, `> [!note] Title`: a block quote, without the `[!type]` marker, its title on a line of
 *   its own in bold (`markCallouts`).
 *
 * The tree passes work on text nodes as `marks.ts` does (escapes honoured, positions from the
 * source); each is one pass, skipped at once by a file without the characters it needs.
 */
import type * as Mdast from 'mdast'
import { align, blankOut, type LineIndex, splitTexts } from './marks.js'

/**
 * The source with its block comments made spaces (line ends kept), and where they were: a
 * comment that opens a block (`%%` first on a line after a blank line, or the file's first) and
 * closes at a line's end, whole lines and blank lines inside it included. Any other comment is
 * inside a paragraph, heading or cell, and `dropComments` takes it out of the parsed tree: spaces
 * there could make a line indented code or end it with a hard break. Not inside fenced code.
 */
export function stripComments(text: string): { text: string; ranges: Array<[number, number]> } {
  const ranges: Array<[number, number]> = []
  if (text.indexOf('%%') < 0) return { text, ranges }
  let fence: string | undefined
  let afterBlank = true
  let open = -1
  let at = 0
  while (at < text.length) {
    const newline = text.indexOf('\n', at)
    const end = newline < 0 ? text.length : newline + 1
    const line = text.slice(at, end).replace(/\r?\n$/, '')
    if (open >= 0) {
      // Inside a block comment: it ends at a line ending in `%%`.
      if (/%%[ \t]*$/.test(line) && !/^[ \t]*$/.test(line)) {
        ranges.push([open, at + line.length])
        open = -1
      }
    } else {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
      if (fence !== undefined) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
          fence = undefined
      } else if (marker) fence = marker
      else if (afterBlank && /^ {0,3}%%/.test(line)) {
        const from = at + line.indexOf('%%')
        const rest = line.slice(line.indexOf('%%') + 2)
        const close = rest.indexOf('%%')
        if (close < 0) open = from
        else if (rest.slice(close + 2).trim() === '') ranges.push([from, at + line.length])
      }
    }
    afterBlank = line.trim() === ''
    at = end
  }
  return { text: blankOut(text, ranges), ranges }
}

/**
 * Take `%%comments%%` out of the paragraphs, headings and cells of `tree` (parsed from `source`):
 * from an unescaped `%%` in a text node to the next one among the same parent's children, the
 * nodes between included, with one of the two spaces around it ("said it. %%note%% See" reads
 * "said it. See"). Returns how many there were, and the source offset where the first began.
 */
export function dropComments(
  tree: Mdast.Root,
  source: string,
  lines: () => LineIndex,
): { count: number; first?: number } {
  const found: { count: number; first?: number } = { count: 0 }
  if (source.indexOf('%%') < 0) return found
  const stack: Mdast.Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    const kids = parent.children as Mdast.Nodes[]
    if (kids.some((k) => k.type === 'text' && k.value.includes('%%')))
      parent.children = withoutComments(
        kids as Mdast.PhrasingContent[],
        source,
        lines,
        found,
      ) as typeof parent.children
    for (const child of parent.children as Mdast.Nodes[])
      if ('children' in child) stack.push(child as Mdast.Parent)
  }
  return found
}

function withoutComments(
  kids: Mdast.PhrasingContent[],
  source: string,
  lines: () => LineIndex,
  found: { count: number; first?: number },
): Mdast.PhrasingContent[] {
  /** Each unescaped `%%` of the children: the child and the offset in its value. */
  const marks: Array<[number, number]> = []
  const maps = new Map<number, ReturnType<typeof align>>()
  kids.forEach((kid, k) => {
    if (kid.type !== 'text' || !kid.value.includes('%%')) return
    const start = kid.position?.start.offset
    const end = kid.position?.end.offset
    const map = start === undefined || end === undefined ? undefined : align(kid.value, source, start, end)
    maps.set(k, map)
    for (let i = kid.value.indexOf('%%'); i >= 0; i = kid.value.indexOf('%%', i + 2)) {
      if (map?.escaped[i] || map?.escaped[i + 1]) continue
      marks.push([k, i])
    }
  })
  if (marks.length < 2) return kids
  const out: Mdast.PhrasingContent[] = []
  let from: [number, number] = [0, 0]
  const copy = (to: [number, number]) => {
    for (let k = from[0]; k <= to[0] && k < kids.length; k++) {
      const kid = kids[k]!
      const a = k === from[0] ? from[1] : 0
      const b = k === to[0] ? to[1] : Number.POSITIVE_INFINITY
      if (kid.type !== 'text') {
        if (k < to[0] || b === Number.POSITIVE_INFINITY) out.push(kid)
        continue
      }
      if (a === 0 && b >= kid.value.length) out.push(kid)
      else if (b > a) {
        // A piece, placed in the source where its characters are.
        const map = maps.get(k)
        const to = Math.min(b, kid.value.length)
        const piece: Mdast.Text = { type: 'text', value: kid.value.slice(a, to) }
        if (map) piece.position = { start: lines().point(map.from[a]!), end: lines().point(map.from[to]!) }
        out.push(piece)
      }
    }
  }
  for (let m = 0; m + 1 < marks.length; m += 2) {
    const open = marks[m]!
    const close = marks[m + 1]!
    copy(open)
    found.count++
    found.first ??= maps.get(open[0])?.from[open[1]] ?? kids[open[0]]!.position?.start.offset
    from = [close[0], close[1] + 2]
    // One space of the two around the comment.
    const before = out[out.length - 1]
    const after = kids[close[0]]
    if (
      before?.type === 'text' &&
      /\s$/.test(before.value) &&
      after?.type === 'text' &&
      /^[ \t]/.test(after.value.slice(from[1]))
    )
      from = [from[0], from[1] + 1]
  }
  copy([kids.length, 0])
  return out.filter((kid) => kid.type !== 'text' || kid.value !== '')
}

/** Picture files an embed may name. */
const PICTURE = /\.(?:png|jpe?g|gif|webp|svg|avif)$/i
/** `[[target|shown]]`, not inside more brackets (`[[[x]]]` is the author's own). */
const WIKI = /(?<!\[)(!?)\[\[([^[\]|\n]+)(?:\|([^[\]\n]*))?\]\](?!\])/g
const HIGHLIGHT = /==(?=[^\s=])([^=\n]*?[^\s=])==/g

export interface ObsidianReport {
  /** An embed of a note, not a picture: its name is kept (the first, for the warning). */
  noteEmbed?: NonNullable<Mdast.Node['position']>
  /** A highlight, whose marks were dropped (the first). */
  highlight?: NonNullable<Mdast.Node['position']>
}

/** Replace wiki links, embeds and highlights in the text nodes of `tree` (parsed from `source`). */
export function markWikiLinks(tree: Mdast.Root, source: string, lines: () => LineIndex): ObsidianReport {
  const report: ObsidianReport = {}
  if (source.indexOf('[[') < 0 && source.indexOf('==') < 0) return report
  splitTexts(tree, (node) => pieces(node, source, lines, report))
  return report
}

function pieces(
  node: Mdast.Text,
  source: string,
  lines: () => LineIndex,
  report: ObsidianReport,
): Mdast.PhrasingContent[] | undefined {
  const value = node.value
  if (value.indexOf('[[') < 0 && value.indexOf('==') < 0) return undefined
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const map = align(value, source, start, end)
  if (!map) return undefined
  const point = (j: number) => lines().point(map.from[j]!)
  const found: Array<{ a: number; b: number; make: () => Mdast.PhrasingContent }> = []
  for (const m of value.matchAll(WIKI)) {
    const a = m.index
    if (map.escaped[a] || (m[1] && map.escaped[a + 1])) continue
    const b = a + m[0].length
    const target = m[2]!.trim()
    const shown = (m[3] ?? '').trim()
    const position = { start: point(a), end: point(b) }
    found.push({
      a,
      b,
      make: () => {
        if (m[1] && PICTURE.test(target)) {
          const image: Mdast.Image = { type: 'image', url: encodeURI(target), position }
          if (shown && !/^\d+(x\d+)?$/.test(shown)) image.alt = shown
          return image
        }
        if (m[1]) report.noteEmbed ??= position
        // `[[Note#Heading]]` and `[[Note^block]]`: the note's name is what shows.
        return { type: 'text', value: shown || target.replace(/[#^].*$/, ''), position }
      },
    })
  }
  // A highlight overlapping a link is the link's text: the links, in order, passed once.
  const links = found.length
  let link = 0
  for (const m of value.matchAll(HIGHLIGHT)) {
    const a = m.index
    while (link < links && found[link]!.b <= a) link++
    if (map.escaped[a] || (link < links && found[link]!.a < a + m[0].length)) continue
    const b = a + m[0].length
    found.push({
      a,
      b,
      make: () => {
        report.highlight ??= { start: point(a), end: point(b) }
        return { type: 'text', value: m[1]!, position: { start: point(a + 2), end: point(b - 2) } }
      },
    })
  }
  if (found.length === 0) return undefined
  found.sort((x, y) => x.a - y.a)
  const out: Mdast.PhrasingContent[] = []
  let last = 0
  for (const f of found) {
    if (f.a < last) continue
    if (f.a > last)
      out.push({
        type: 'text',
        value: value.slice(last, f.a),
        position: { start: point(last), end: point(f.a) },
      })
    out.push(f.make())
    last = f.b
  }
  if (last < value.length)
    out.push({
      type: 'text',
      value: value.slice(last),
      position: { start: point(last), end: node.position!.end },
    })
  return out
}

const CALLOUT = /^\[!([\w-]+)\][+-]?[ \t]*/

/**
 * Obsidian's callouts: a block quote whose first line is `[!type] Title`: the marker dropped, the
 * title (when there is one) in bold on a line of its own.
 */
export function markCallouts(tree: Mdast.Root, source: string): void {
  if (source.indexOf('[!') < 0) return
  const stack: Mdast.Parent[] = [tree]
  while (stack.length > 0) {
    const parent = stack.pop()!
    for (const node of parent.children as Mdast.Nodes[]) {
      if (node.type === 'blockquote') callout(node)
      if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading')
        stack.push(node as Mdast.Parent)
    }
  }
}

function callout(quote: Mdast.Blockquote): void {
  const paragraph = quote.children[0]
  if (paragraph?.type !== 'paragraph') return
  const first = paragraph.children[0]
  if (first?.type !== 'text') return
  const m = CALLOUT.exec(first.value)
  if (!m) return
  const rest = first.value.slice(m[0].length)
  const newline = rest.indexOf('\n')
  const title = newline < 0 ? rest : rest.slice(0, newline)
  const after = newline < 0 ? '' : rest.slice(newline + 1)
  const kids = paragraph.children.slice(1)
  const opened: Mdast.PhrasingContent[] = []
  if (title.trim()) {
    opened.push({ type: 'strong', children: [{ type: 'text', value: title.trim() }] })
    if (after || kids.length > 0) opened.push({ type: 'break' })
  }
  if (after) opened.push({ type: 'text', value: after })
  paragraph.children = [...opened, ...kids]
  if (paragraph.children.length === 0) quote.children.shift()
}
