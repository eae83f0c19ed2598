/**
 * A table as a simple ruled grid. Column widths come from the content, as a browser's automatic
 * table layout does: each column's narrowest (its longest word) and widest (its longest line
 * unbroken) widths, the table set at its natural width when that fits the measure, else the
 * room above the minimums shared in proportion to what each column would take. Cells are broken
 * into lines by the book's own line breaker (ragged, hyphenated, aligned as the column asks).
 * Rows are grouped into bands no row span crosses; a band never splits across pages unless it is
 * taller than a page, and the head rows are repeated (as a pagination artifact) at the top of
 * every page the table continues on. The caption is set above. Tagged as `Table` with `Caption`,
 * `THead`/`TBody`, `TR`, `TH`/`TD`.
 */
import { pushAll } from '../../model/arrays.js'
import { type GridCell, tableGrid } from '../../model/table.js'
import type { Table } from '../../model/types.js'
import { flatten, type InlineContext } from './inline.js'
import { tokenPieces } from './layout/break.js'
import { type Hyphenator, hyphenatorFor } from './layout/hyphenate.js'
import { letterformsOf, type StyledRun } from './layout/types.js'
import type { GridBox, LineBox, StructHandle } from './pages.js'
import { addEnd, layoutLines, type Typesetter } from './typeset.js'

/** Cell text size and leading relative to the body's. */
const TABLE_SIZE = 0.9
/**
 * The smallest a table too wide for the measure is set, relative to the body's size (6.3 pt at
 * 10.5 pt): the least dense tables (figures in a financial statement, a timetable) are set in
 * and stay readable; below it a table would want turning sideways instead.
 */
const TABLE_MIN_SIZE = 0.6
/** A hair added to each column over its text, so a word exactly as wide is not cut by rounding. */
const HAIR = 0.5
/** Padding inside a cell, in ems of the cell text: left and right, top and bottom. */
const PAD_X = 0.4
const PAD_Y = 0.3

/** Where a table sits (the block handlers' context has all of it). */
export interface TableContext {
  ts: Typesetter
  inline: InlineContext
  /** Left edge and width of the measure, from the text block's left edge. */
  left: number
  width: number
  /** Body type size and leading; the table is set a little smaller. */
  size: number
  leading: number
  /** The structure element the table belongs to. */
  struct: StructHandle
}

/** One cell ready to set: its runs, its structure element, its text's widths. */
interface Cell {
  placed: GridCell
  segments: StyledRun[][]
  struct: StructHandle
  /** At the table's size, padding left out (see `CellWidths`). */
  widths: CellWidths
  lines: LineBox[]
}

/**
 * A cell's text widths: the narrowest it can be set with whole words (`min`, its longest word),
 * the narrowest at all (`hard`, its longest piece no line may break inside: a number, a word
 * between the hyphenation points of its language with the hyphen shown, a URL between its
 * breaks), and its widest (`max`, its longest line).
 */
interface CellWidths {
  min: number
  hard: number
  max: number
}

/** A cell's text widths (`CellWidths`); `hyphenator` undefined where the cell is not hyphenated. */
function contentWidths(
  ts: Typesetter,
  segments: StyledRun[][],
  hyphenator: Hyphenator | undefined,
): CellWidths {
  let min = 0
  let hard = 0
  let max = 0
  for (const runs of segments) {
    let line = 0
    // A word may run across runs ("H", subscript "2", "O"): its pieces add up, as do the
    // unbreakable pieces that meet across the runs.
    let word = 0
    let piece = 0
    runs.forEach((run, r) => {
      const forms = letterformsOf(run)
      const width = (text: string) => ts.measurer.width(text, run.style, run.size, forms)
      line += width(run.text)
      const tokens = run.text.split(/\s+/)
      tokens.forEach((token, i) => {
        if (i > 0) {
          min = Math.max(min, word)
          hard = Math.max(hard, piece)
          word = 0
          piece = 0
        }
        if (!token) return
        const whole = width(token)
        const joined = word > 0
        word += whole
        const atEnd = i === tokens.length - 1 && r + 1 < runs.length && /^\S/.test(runs[r + 1]!.text)
        const pieces = tokenPieces(token, run, hyphenator, joined, atEnd)
        // The first piece continues what the run before left; the last, what the next adds.
        pieces.forEach((p, k) => {
          if (k > 0) {
            hard = Math.max(hard, piece)
            piece = 0
          }
          piece += pieces.length === 1 ? whole : width(p.hyphen ? `${p.text}-` : p.text)
        })
      })
    })
    min = Math.max(min, word)
    hard = Math.max(hard, piece)
    max = Math.max(max, line)
  }
  return { min, hard: Math.min(hard, min), max }
}

/** How a table is set to fit its measure (`fitTable`). */
export interface TableFit {
  /** Of the table's type size (1, or less for a table too wide at it). */
  scale: number
  /** Of the cells' side padding (1, or `TIGHT_PADDING`). */
  padding: number
  widths: number[]
  /**
   * Whether the columns may be narrower than a word (`min`): the cells' words are then broken
   * by their language's patterns, with a hyphen.
   */
  hyphenate: boolean
  /** Whether even the unbreakable pieces do not fit at the smallest size: they will be cut. */
  cut: boolean
}

/** The cells' side padding of a table too wide for the measure, of the usual. */
export const TIGHT_PADDING = 0.5

/**
 * Column widths and type size for a table, as a book designer sets one. In this order, each only
 * when the one before cannot fit the measure (`available`):
 *
 * 1. every column at its natural width, or wrapped at spaces (`columnWidths`: the columns
 *    wanting least get all they want, none narrower than its longest word);
 * 2. long words hyphenated by the language's patterns, with a hyphen, as the text's are: no
 *    column narrower than its longest unbreakable piece (`CellWidths.hard`), so a number, a
 *    heading like "C4" or a word between its hyphenation points is never cut; the table keeps
 *    the size of the book's other tables;
 * 3. the gutters tightened, the cells' side padding halved (`TIGHT_PADDING`);
 * 4. the type set smaller, as far as `minScale`, at the largest size those pieces fit;
 * 5. at `minScale`, the columns in proportion to those pieces: only then is a piece cut (the
 *    line breaker's last resort), for a table no size can save (one to turn sideways or split).
 *
 * Cells' widths are their text's at scale 1; each column adds `padding` (both sides, scaled with
 * the type) and a hair.
 */
export function fitTable(
  columns: number,
  cells: Array<{ column: number; colSpan: number } & CellWidths>,
  available: number,
  padding: number,
  minScale: number,
): TableFit {
  const at = (scale: number, narrowest: 'min' | 'hard', pad: number) =>
    cells.map((c) => ({
      column: c.column,
      colSpan: c.colSpan,
      min: (c[narrowest] + padding * pad) * scale + HAIR,
      max: (c.max + padding * pad) * scale + HAIR,
    }))
  const fits = (scale: number, narrowest: 'min' | 'hard', pad: number) =>
    sum(columnMinimums(columns, at(scale, narrowest, pad)).min) <= available
  const set = (scale: number, narrowest: 'min' | 'hard', pad: number, cut = false): TableFit => ({
    scale,
    padding: pad,
    widths: columnWidths(columns, at(scale, narrowest, pad), available),
    hyphenate: narrowest === 'hard',
    cut,
  })
  if (fits(1, 'min', 1)) return set(1, 'min', 1)
  if (fits(1, 'hard', 1)) return set(1, 'hard', 1)
  if (fits(1, 'hard', TIGHT_PADDING)) return set(1, 'hard', TIGHT_PADDING)
  const floor = Math.min(1, minScale)
  if (!fits(floor, 'hard', TIGHT_PADDING)) return set(floor, 'hard', TIGHT_PADDING, true)
  // The largest scale the pieces fit at (a thousandth of the size is beyond what shows).
  let low = floor
  let high = 1
  while (high - low > 1e-3) {
    const mid = (low + high) / 2
    if (fits(mid, 'hard', TIGHT_PADDING)) low = mid
    else high = mid
  }
  return set(low, 'hard', TIGHT_PADDING)
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/**
 * Each column's narrowest and widest, from the cells': single-column cells first; then spanning
 * cells widen the columns they cross, evenly.
 */
function columnMinimums(
  columns: number,
  cells: Array<{ column: number; colSpan: number; min: number; max: number }>,
): { min: number[]; max: number[] } {
  const min = new Array<number>(columns).fill(0)
  const max = new Array<number>(columns).fill(0)
  const ordered = [...cells].sort((a, b) => a.colSpan - b.colSpan)
  for (const cell of ordered) {
    const span = Math.min(cell.colSpan, columns - cell.column)
    let hasMin = 0
    let hasMax = 0
    for (let c = cell.column; c < cell.column + span; c++) {
      hasMin += min[c]!
      hasMax += max[c]!
    }
    for (let c = cell.column; c < cell.column + span; c++) {
      if (cell.min > hasMin) min[c]! += (cell.min - hasMin) / span
      if (cell.max > hasMax) max[c]! += (cell.max - hasMax) / span
    }
  }
  for (let c = 0; c < columns; c++) max[c] = Math.max(max[c]!, min[c]!)
  return { min, max }
}

/** Column widths fitted to `available` from the cells' widths (automatic table layout). */
export function columnWidths(
  columns: number,
  cells: Array<{ column: number; colSpan: number; min: number; max: number }>,
  available: number,
): number[] {
  const { min, max } = columnMinimums(columns, cells)
  const sumMin = min.reduce((a, b) => a + b, 0)
  const sumMax = max.reduce((a, b) => a + b, 0)
  if (sumMax <= available) return max
  if (sumMin >= available) {
    // Even the minimums do not fit: narrower columns in proportion (words will be cut; `fitTable`
    // makes this the last resort).
    return min.map((w) => (sumMin > 0 ? (w / sumMin) * available : available / columns))
  }
  // The room above the minimums is poured in like water: the columns wanting least get all they
  // want (a column of numbers never wraps), the rest share what is left evenly.
  const widths = [...min]
  const order = widths.map((_, c) => c).sort((a, b) => max[a]! - min[a]! - (max[b]! - min[b]!) || a - b)
  let extra = available - sumMin
  order.forEach((c, i) => {
    const give = Math.min(max[c]! - min[c]!, extra / (order.length - i))
    widths[c]! += give
    extra -= give
  })
  return widths
}

/** Set a table: caption, head, body bands, head repeated on each page it continues on. */
export function table(node: Table, ctx: TableContext): void {
  const { ts } = ctx
  const grid = tableGrid(node)
  // The caption's size, and the cells' unless the table is too wide for the measure at it.
  const captionSize = ctx.size * TABLE_SIZE
  const captionLeading = Math.round(ctx.leading * TABLE_SIZE * 100) / 100
  const struct: StructHandle = { type: 'Table', parent: ctx.struct }
  const captionLines = node.caption?.length
    ? layoutLines(ts, flatten(node.caption, 'italic', captionSize, ctx.inline, node), {
        width: ctx.width,
        left: ctx.left,
        indent: 0,
        align: 'center',
        size: captionSize,
        leading: captionLeading,
        hyphenate: false,
        struct: { type: 'Caption', parent: struct },
      })
    : []
  if (grid.rows.length === 0 || grid.columns === 0) {
    if (captionLines.length > 0) {
      addEnd(captionLines[captionLines.length - 1], struct)
      ts.composer.placeLines(captionLines, { keepAll: true })
    }
    return
  }

  const head: StructHandle = { type: 'THead', parent: struct }
  const body: StructHandle = { type: 'TBody', parent: struct }
  const rowStructs = grid.rows.map(
    (_, r): StructHandle => ({ type: 'TR', parent: r < grid.headRows ? head : body }),
  )
  const cells: Cell[] = []
  const found = hyphenatorFor(ts.language)
  const hyphenator = found.ok ? found.hyphenator : undefined
  const alignOf = (column: number) => node.align?.[column] ?? 'left'
  grid.cells.forEach((row, r) => {
    for (const placed of row) {
      const headRow = r < grid.headRows
      const header = headRow || placed.cell.header === true
      const segments = flatten(
        placed.cell.children,
        header ? 'bold' : 'regular',
        captionSize,
        ctx.inline,
        placed.cell,
      )
      // Cells of a left-aligned column are hyphenated (`layoutLines` below), others not.
      const widths = contentWidths(ts, segments, alignOf(placed.column) === 'left' ? hyphenator : undefined)
      // The Table attributes PDF/UA asks of cells: a header's scope, and any spans.
      const attributes: Record<string, string | number> = { O: 'Table' }
      if (header) attributes.Scope = headRow ? 'Column' : 'Row'
      if (placed.rowSpan > 1) attributes.RowSpan = placed.rowSpan
      if (placed.colSpan > 1) attributes.ColSpan = placed.colSpan
      const cellStruct: StructHandle = { type: header ? 'TH' : 'TD', parent: rowStructs[r]! }
      if (Object.keys(attributes).length > 1) cellStruct.attributes = attributes
      cells.push({ placed, segments, struct: cellStruct, widths, lines: [] })
    }
  })
  const fit = fitTable(
    grid.columns,
    cells.map((c) => ({ column: c.placed.column, colSpan: c.placed.colSpan, ...c.widths })),
    ctx.width,
    2 * captionSize * PAD_X,
    TABLE_MIN_SIZE / TABLE_SIZE,
  )
  const { widths } = fit
  const size = captionSize * fit.scale
  const leading = Math.round(ctx.leading * TABLE_SIZE * fit.scale * 100) / 100
  const padX = size * PAD_X * fit.padding
  const padY = size * PAD_Y
  // Set smaller to fit: the cells' runs scaled (flattened again, their notes would be numbered twice).
  if (fit.scale < 1)
    for (const cell of cells)
      cell.segments = cell.segments.map((runs) => runs.map((run) => scaled(run, fit.scale)))
  const tableWidth = widths.reduce((a, b) => a + b, 0)
  // A table narrower than the measure is centred on it.
  const left = ctx.left + Math.max(0, (ctx.width - tableWidth) / 2)
  const xs = [left]
  for (const w of widths) xs.push(xs[xs.length - 1]! + w)

  // Set each cell's lines and find each row's height.
  const rowHeights = new Array<number>(grid.rows.length).fill(0)
  for (const cell of cells) {
    const { column, colSpan } = cell.placed
    const end = Math.min(grid.columns, column + colSpan)
    const width = xs[end]! - xs[column]! - 2 * padX
    const align = alignOf(column)
    const lines = layoutLines(ts, cell.segments, {
      width: Math.max(width, size),
      left: xs[column]! + padX,
      indent: 0,
      align,
      size,
      leading,
      hyphenate: align === 'left',
      letterSpacing: false,
      struct: cell.struct,
    })
    // An empty cell still has its element, so every row of the tag tree has all its cells.
    cell.lines = lines.length > 0 ? lines : [emptyLine(xs[column]! + padX, width, leading, cell.struct)]
  }
  const heightOf = (cell: Cell) => cell.lines.length * leading + 2 * padY
  for (const cell of cells)
    if (cell.placed.rowSpan === 1)
      rowHeights[cell.placed.row] = Math.max(rowHeights[cell.placed.row]!, heightOf(cell))
  for (let r = 0; r < rowHeights.length; r++) if (rowHeights[r] === 0) rowHeights[r] = leading + 2 * padY
  // A cell spanning rows taller than they are together deepens the last of them.
  for (const cell of cells) {
    const { row, rowSpan } = cell.placed
    if (rowSpan === 1) continue
    let together = 0
    for (let r = row; r < row + rowSpan; r++) together += rowHeights[r]!
    const need = heightOf(cell)
    if (need > together) rowHeights[row + rowSpan - 1]! += need - together
  }

  // Bands: runs of rows no row span crosses.
  const bands: Array<{ from: number; to: number }> = []
  let from = 0
  let reach = 0
  for (let r = 0; r < grid.rows.length; r++) {
    for (const placed of grid.cells[r]!) reach = Math.max(reach, r + placed.rowSpan)
    const boundary = r + 1 === grid.headRows || r + 1 === grid.rows.length
    if (reach <= r + 1 || boundary) {
      bands.push({ from, to: r + 1 })
      from = r + 1
      reach = r + 1
    }
  }
  // Each row's cells, so a band is built from its own rows only (linear in the table's size).
  const byRow: Cell[][] = grid.rows.map(() => [])
  for (const cell of cells) byRow[cell.placed.row]!.push(cell)
  const rowTop: number[] = []
  const bandBox = (band: { from: number; to: number }): GridBox => {
    let y = 0
    for (let r = band.from; r < band.to; r++) {
      rowTop[r] = y
      y += rowHeights[r]!
    }
    const box: GridBox = { kind: 'grid', height: y, lines: [], frames: [] }
    const refs: string[] = []
    const ends: StructHandle[] = []
    for (let r = band.from; r < band.to; r++) {
      for (const cell of byRow[r]!) {
        const { column, colSpan, rowSpan } = cell.placed
        const top = rowTop[r]!
        let height = 0
        for (let k = r; k < r + rowSpan; k++) height += rowHeights[k]!
        const end = Math.min(grid.columns, column + colSpan)
        box.frames.push({ x: xs[column]!, y: top, width: xs[end]! - xs[column]!, height })
        cell.lines.forEach((line, i) => {
          line.y = top + padY + i * leading
          if (line.refs) pushAll(refs, line.refs)
          if (line.ends) pushAll(ends, line.ends)
          delete line.ends
          box.lines.push(line)
        })
      }
      ends.push(rowStructs[r]!)
    }
    if (band.to === grid.headRows) {
      box.headRule = y
      ends.push(head)
    }
    if (refs.length > 0) box.refs = refs
    if (ends.length > 0) box.ends = ends
    return box
  }
  const boxes = bands.map(bandBox)
  // The head's bands are those up to the one ending at the last head row (none without a head).
  const headBoxes = boxes.slice(0, bands.findIndex((b) => b.to === grid.headRows) + 1)
  const bodyBoxes = boxes.slice(headBoxes.length)
  const headHeight = headBoxes.reduce((h, b) => h + b.height, 0)
  const last = boxes[boxes.length - 1]!
  last.ends = [...(last.ends ?? []), ...(bodyBoxes.length > 0 ? [body, struct] : [struct])]

  const { composer } = ts
  const captionHeight = captionLines.length * leading
  composer.space(ctx.leading * 0.5)
  // The caption, the head and the first row start together.
  const first = bodyBoxes[0]?.height ?? 0
  if (captionHeight + headHeight + first <= composer.textHeight)
    composer.need(captionHeight + headHeight + first)
  if (captionLines.length > 0) {
    composer.placeLines(captionLines, { keepAll: true })
    composer.space(leading * 0.3)
  }
  for (const box of headBoxes) composer.placeGrid(box)
  for (const box of bodyBoxes) {
    for (const piece of cut(box, composer.textHeight - headHeight, leading)) {
      const page = composer.index
      if (piece.height > composer.remaining + 0.01) composer.need(piece.height)
      // On each page the table continues on, its head rows come first again.
      if (composer.index !== page) for (const h of headBoxes) composer.placeGrid(repeat(h))
      composer.placeGrid(piece)
    }
  }
  composer.space(ctx.leading * 0.5)
}

/** A run at `scale` times its size, with its baseline shift and its rules' metrics. */
function scaled(run: StyledRun, scale: number): StyledRun {
  const out: StyledRun = { ...run, size: run.size * scale }
  if (run.shift !== undefined) out.shift = run.shift * scale
  if (run.underline) out.underline = { size: run.underline.size * scale, shift: run.underline.shift * scale }
  if (run.strike) out.strike = { size: run.strike.size * scale, shift: run.strike.shift * scale }
  return out
}

/** A line with nothing on it: an empty cell's place in the tag tree. */
function emptyLine(x: number, measure: number, height: number, struct: StructHandle): LineBox {
  return {
    kind: 'line',
    line: { runs: [], width: 0, hyphenated: false, last: true, spaceRatio: 1 },
    height,
    ascent: 0,
    x,
    measure,
    struct,
    ends: [struct],
  }
}

/** A head band again, for a later page: the same lines, outside the tag tree. */
function repeat(box: GridBox): GridBox {
  const copy: GridBox = {
    kind: 'grid',
    height: box.height,
    lines: box.lines.map((line) => {
      const { struct: _struct, ends: _ends, refs: _refs, ...rest } = line
      return { ...rest }
    }),
    frames: box.frames,
    artifact: true,
  }
  if (box.headRule !== undefined) copy.headRule = box.headRule
  return copy
}

/**
 * A band taller than `limit` cut into pieces that fit, between lines: each cell's lines go to the
 * piece they end in, its frame is cut with it. The band's structure ends come with the last piece.
 */
function cut(box: GridBox, limit: number, leading: number): GridBox[] {
  if (box.height <= limit || limit < leading * 3) return [box]
  const pieces: GridBox[] = []
  let offset = 0
  let lines = [...box.lines].sort((a, b) => a.y! - b.y!)
  while (offset < box.height - 0.01) {
    let end = Math.min(box.height, offset + limit)
    if (end < box.height) {
      // End above the first line the cut would cross.
      const crossing = lines.find((l) => l.y! < end && l.y! + l.height > end)
      if (crossing && crossing.y! > offset) end = crossing.y!
    }
    const height = end - offset
    const inside = lines.filter((l) => l.y! + l.height <= end + 0.01)
    lines = lines.filter((l) => l.y! + l.height > end + 0.01)
    const piece: GridBox = {
      kind: 'grid',
      height,
      lines: inside.map((l) => ({ ...l, y: l.y! - offset })),
      frames: box.frames
        .filter((f) => f.y < end && f.y + f.height > offset)
        .map((f) => {
          const top = Math.max(f.y, offset)
          const bottom = Math.min(f.y + f.height, end)
          return { x: f.x, y: top - offset, width: f.width, height: bottom - top }
        }),
    }
    const refs = inside.flatMap((l) => l.refs ?? [])
    if (refs.length > 0) piece.refs = refs
    pieces.push(piece)
    offset = end
  }
  if (box.ends) pieces[pieces.length - 1]!.ends = box.ends
  if (box.headRule !== undefined)
    pieces[pieces.length - 1]!.headRule = box.headRule - (box.height - pieces[pieces.length - 1]!.height)
  return pieces
}
