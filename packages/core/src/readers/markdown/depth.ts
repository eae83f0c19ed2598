/**
 * A guard run before the Markdown parser: micromark nests block quotes and lists by recursion and
 * slows quadratically with depth, so `>` ten thousand times over overflows the stack. Lines whose
 * container prefix (`>`, list markers, indentation) goes deeper than a book ever needs are cut back
 * to that depth; their text is kept, lazily continuing the deepest block.
 */

/** Container depth kept; deeper prefixes are cut. No real chapter nests a tenth as deep. */
export const MAX_CONTAINER_DEPTH = 64

export interface Capped {
  text: string
  /** First line that was cut, 1-based; undefined when none was. */
  firstLine?: number
  lines: number
}

/** Cut every line's container prefix to `max` levels. Linear in the input. */
export function capContainers(source: string, max = MAX_CONTAINER_DEPTH): Capped {
  // Fast path: a prefix this deep needs at least `max` marker or space characters in a row.
  if (!new RegExp(`(?:^|\\n)[ \\t>*+\\-.)0-9]{${max},}`).test(source)) return { text: source, lines: 0 }
  const lines = source.split('\n')
  let firstLine: number | undefined
  let count = 0
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!
    const cut = prefixCut(line, max)
    if (cut === undefined) continue
    lines[n] = line.slice(0, cut.keep) + line.slice(cut.resume)
    firstLine ??= n + 1
    count++
  }
  if (firstLine === undefined) return { text: source, lines: 0 }
  return { text: lines.join('\n'), firstLine, lines: count }
}

/** Where a line's prefix passes `max` levels (`keep`), and where its content starts (`resume`). */
function prefixCut(line: string, max: number): { keep: number; resume: number } | undefined {
  let i = 0
  let depth = 0
  let columns = 0
  let keep = -1
  while (i < line.length) {
    const c = line[i]!
    let next = i
    if (c === ' ' || c === '\t') {
      columns += c === '\t' ? 4 - (columns % 4) : 1
      next = i + 1
    } else if (c === '>') {
      depth++
      next = i + 1
    } else if ((c === '-' || c === '+' || c === '*') && /^(?:[ \t]|$)/.test(line[i + 1] ?? '')) {
      depth++
      next = i + 1
    } else {
      const m = /^\d{1,9}[.)](?=[ \t]|$)/.exec(line.slice(i, i + 11))
      if (!m) break
      depth++
      next = i + m[0].length
    }
    if (keep < 0 && depth + Math.floor(columns / 2) > max) keep = i
    i = next
  }
  if (keep < 0) return undefined
  return { keep, resume: i }
}
