/**
 * Fiction writers put `~~~` between scenes, as in their plain text; in Markdown that line opens
 * a code block, and the rest of the chapter (up to another `~~~`, or the end) came out as
 * monospaced code, its quotes straight and its `*italics*` literal. A tilde fence with no
 * language whose lines read as prose is taken for what its writer meant: its opening line (and
 * its closing one) a scene break, what it held paragraphs. A fence with a language (`~~~text`),
 * a backtick fence, and a block whose lines read as code are code blocks as before.
 */

/** A tilde fence line with no info string: up to three spaces, three or more `~`, nothing after. */
const TILDES = /^( {0,3})(~{3,})[ \t]*$/
/** Any fence opener (backticks or tildes, with or without an info string). */
const FENCE = /^ {0,3}(`{3,}|~{3,})/

/** Whether the lines of a block read as prose: sentences of words, not code. */
function prose(lines: readonly string[]): boolean {
  const full = lines.filter((l) => l.trim() !== '')
  if (full.length === 0) return false
  let worded = 0
  let code = 0
  for (const line of full) {
    if (
      /^(?:\t| {4})/.test(line) ||
      /[{};]\s*$|^\s*[}\])]|[=!<>]=|=>|\(\)|^\s*(?:\/\/|#include|def |function |import |return\b)/.test(line)
    )
      code++
    else if ((line.match(/[\p{L}\p{N}'’]+/gu)?.length ?? 0) >= 3) worded++
  }
  return code === 0 && worded * 2 >= full.length
}

/**
 * The text with each such fence line's tildes made asterisks in place (`***`, the same length, so
 * every position holds): Markdown then reads a thematic break, a scene break, which stands apart
 * from a paragraph it touches as the fence did. The converter slices markers from the text as
 * written, so the break keeps `~~~`. The lines (1-based) changed, for the report.
 */
export function tildeBreaks(text: string): { text: string; lines: number[] } {
  if (!text.includes('~~~')) return { text, lines: [] }
  const lines = text.split('\n')
  const changed: number[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i]!.replace(/\r$/, '')
    const open = TILDES.exec(line)
    if (!open) {
      const other = FENCE.exec(line)
      if (other) {
        // Skip a code block (backticks, or tildes with a language) to its closing line.
        const fence = other[1]!
        const closing = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`)
        i++
        while (i < lines.length && !closing.test(lines[i]!.replace(/\r$/, ''))) i++
      }
      i++
      continue
    }
    const length = open[2]!.length
    let close = i + 1
    while (close < lines.length) {
      const m = TILDES.exec(lines[close]!.replace(/\r$/, ''))
      if (m && m[2]!.length >= length) break
      close++
    }
    if (!prose(lines.slice(i + 1, close))) {
      i = close + 1
      continue
    }
    for (const at of close < lines.length ? [i, close] : [i]) {
      lines[at] = lines[at]!.replace(/~/g, '*')
      changed.push(at + 1)
    }
    i = close + 1
  }
  return changed.length === 0 ? { text, lines: [] } : { text: lines.join('\n'), lines: changed }
}
