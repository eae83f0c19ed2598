/**
 * A table's grid, as HTML's table model forms it: the head rows (the leading rows marked `head`),
 * the body rows, and for every cell the column it starts in and the columns and rows it spans,
 * after earlier rows' `rowSpan`s have taken their slots. A span never crosses from the head into
 * the body, nor past the last row (HTML clips it at the end of its row group the same way). Every
 * renderer reads a table through this, so the EPUB's column alignment and the PDF's ruled grid
 * agree on which column a cell is in. Linear in the number of slots the cells cover.
 */
import { MAX_COL_SPAN, MAX_ROW_SPAN } from './normalize.js'
import type { Table, TableCell, TableRow } from './types.js'

/** A cell placed in the grid. Rows are numbered across the whole table, head rows first. */
export interface GridCell {
  cell: TableCell
  row: number
  column: number
  colSpan: number
  /** Clipped to the end of the cell's row group. */
  rowSpan: number
}

export interface Grid {
  /** How many leading rows are head rows. */
  headRows: number
  rows: TableRow[]
  /** The cells of each row, in source order. */
  cells: GridCell[][]
  /** Columns the widest row reaches. */
  columns: number
}

function span(value: number | undefined, max: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.min(max, Math.max(1, Math.floor(value))) : 1
}

/** Lay a table's cells out on its grid. */
export function tableGrid(table: Table): Grid {
  const rows = table.children
  let headRows = 0
  while (headRows < rows.length && rows[headRows]!.head) headRows++
  // Slots still taken by a row span from above, per row group: column → rows left.
  let taken = new Map<number, number>()
  const cells: GridCell[][] = []
  let columns = 0
  rows.forEach((row, r) => {
    if (r === headRows) taken = new Map()
    const groupEnd = r < headRows ? headRows : rows.length
    const placed: GridCell[] = []
    let column = 0
    for (const cell of row.children) {
      while ((taken.get(column) ?? 0) > 0) column++
      const colSpan = span(cell.colSpan, MAX_COL_SPAN)
      const rowSpan = Math.min(span(cell.rowSpan, MAX_ROW_SPAN), groupEnd - r)
      placed.push({ cell, row: r, column, colSpan, rowSpan })
      if (rowSpan > 1) for (let c = column; c < column + colSpan; c++) taken.set(c, rowSpan)
      column += colSpan
    }
    // Slots spanned from above past the last cell still widen the row.
    for (const [c, left] of taken) if (left > 0) column = Math.max(column, c + 1)
    columns = Math.max(columns, column)
    cells.push(placed)
    // One row done: every span from above (and the ones just made) has one row fewer to go.
    const next = new Map<number, number>()
    for (const [c, left] of taken) if (left > 1) next.set(c, left - 1)
    taken = next
  })
  return { headRows, rows, cells, columns }
}
