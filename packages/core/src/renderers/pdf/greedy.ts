/**
 * A simple first-fit line breaker implementing the `BreakParagraph` contract. The composer uses
 * Knuth-Plass from `layout/break.ts`; this one is its safety net (a paragraph that layout cannot
 * break) and the reference the composer was first written against. No hyphenation.
 */
import {
  type BreakParagraph,
  type Line,
  letterformsOf,
  type Measurer,
  type ParagraphSpec,
  type PlacedRun,
  type StyledRun,
} from './layout/types.js'

interface Piece {
  run: number
  text: string
  width: number
  space: boolean
}

function piecesOf(runs: StyledRun[], measurer: Measurer): Piece[] {
  const out: Piece[] = []
  runs.forEach((run, index) => {
    // Measured in the letterforms it is drawn with (small capitals are wider than the letters).
    const forms = letterformsOf(run)
    for (const part of run.text.split(/( +)/)) {
      if (!part) continue
      const space = part.startsWith(' ')
      const text = space ? ' ' : part
      // Collapse runs of spaces, including a space that ends one run and starts the next.
      if (space && (out.length === 0 || out[out.length - 1]!.space)) continue
      out.push({ run: index, text, width: measurer.width(text, run.style, run.size, forms), space })
    }
  })
  while (out.length > 0 && out[out.length - 1]!.space) out.pop()
  return out
}

export const greedyBreak: BreakParagraph = (spec: ParagraphSpec, measurer: Measurer) => {
  const pieces = piecesOf(spec.runs, measurer)
  const lines: Line[] = []
  const widthAt = (i: number) => spec.lineWidths[Math.min(i, spec.lineWidths.length - 1)] ?? 0
  let start = 0
  while (start < pieces.length) {
    const indent = lines.length === 0 ? spec.indent : 0
    const available = widthAt(lines.length) - indent
    let end = start
    let width = 0
    let lastFit = -1
    // Take whole words (runs of non-space pieces) while they fit.
    while (end < pieces.length) {
      let wordEnd = end
      let wordWidth = 0
      if (pieces[wordEnd]!.space) {
        wordWidth += pieces[wordEnd]!.width
        wordEnd++
      }
      while (wordEnd < pieces.length && !pieces[wordEnd]!.space) wordWidth += pieces[wordEnd++]!.width
      if (width + wordWidth > available + 0.01 && lastFit >= 0) break
      width += wordWidth
      end = wordEnd
      lastFit = end
    }
    const slice = pieces.slice(start, end)
    const last = end >= pieces.length
    lines.push(placeLine(slice, spec, available, indent, last))
    start = end
    while (start < pieces.length && pieces[start]!.space) start++
  }
  return { lines, fallback: false }
}

function placeLine(
  slice: Piece[],
  spec: ParagraphSpec,
  available: number,
  indent: number,
  last: boolean,
): Line {
  const natural = slice.reduce((sum, p) => sum + p.width, 0)
  const spaces = slice.filter((p) => p.space)
  const justify = spec.align === 'justify' && !last && spaces.length > 0
  const extra = justify ? (available - natural) / spaces.length : 0
  let x = indent
  if (spec.align === 'center') x += Math.max(0, (available - natural) / 2)
  else if (spec.align === 'right') x += Math.max(0, available - natural)
  const runs: PlacedRun[] = []
  for (const piece of slice) {
    const previous = runs[runs.length - 1]
    const width = piece.width + (piece.space ? extra : 0)
    if (
      previous &&
      previous.text !== undefined &&
      (previous as PlacedRun & { index: number }).index === piece.run
    ) {
      previous.text += piece.text
      previous.width += width
    } else {
      const source = spec.runs[piece.run]!
      runs.push(
        Object.assign({ ...source, text: piece.text, x, width, wordSpacing: extra }, { index: piece.run }),
      )
    }
    x += width
  }
  for (const run of runs) delete (run as Partial<{ index: number }>).index
  const spaceWidth = spaces[0]?.width ?? 1
  return {
    runs,
    width: justify ? available : natural,
    hyphenated: false,
    last,
    spaceRatio: spaces.length > 0 ? (spaceWidth + extra) / spaceWidth : 1,
  }
}
