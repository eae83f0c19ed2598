/**
 * Heading lines inside a plain-text manuscript: a whole work exported as one file ("Chapter 1"
 * … "Chapter 40"). Conservative, because a false split cuts a chapter in two: a line counts only
 * when it stands alone as a paragraph (blank line or file edge on both sides) and `parseHeading`
 * reads it as a chapter, part or named section ("Prologue", "Epilogue"). Author's-note labels
 * stay with the notes. A bare number ("2", "XII.") counts only in a run that counts up by one
 * from 1 (or from the file's own opening number), so a countdown or a numbered list in the prose
 * is not a chapter. The caller splits only when the file then has two or more chapter headings.
 */
import { type ParsedHeading, parseHeading } from '../heading.js'

/** A heading line that opens a chapter or part after the file's first line. */
export interface SplitLine {
  /** 0-based line index. */
  line: number
  heading: ParsedHeading
}

/** Longest line looked at: a heading with its title, not a paragraph of prose. */
const MAX_LENGTH = 150
const STARTS_WORD = /[\p{L}\p{N}]/u

/** True for a missing, empty or all-white-space line; looks only as far as the first visible character. */
function isBlank(line: string | undefined): boolean {
  if (line === undefined) return true
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (c > 32 && c < 128) return false
    if (c !== 32 && c !== 9) return line.trim().length === 0
  }
  return true
}

/**
 * The heading lines from line `from` on. `opening` is the heading the file opens with (read by
 * the reader's first-line rule), which a run of bare numbers may continue.
 */
export function findSplitLines(
  lines: readonly string[],
  from: number,
  opening: { heading: ParsedHeading; text: string } | undefined,
  language: string,
): SplitLine[] {
  const found: SplitLine[] = []
  const bare: SplitLine[] = []
  const openingBare = opening && opening.heading.label === undefined
  let lastBare = openingBare ? opening.heading.number : undefined
  // Digits or Roman numerals: a run keeps to one ("I", "II", "3" is a countdown, not chapter 3).
  let digitsRun = openingBare ? /\d/.test(opening.text) : undefined
  // Each line's blankness is computed once: this scan runs over every line of every file.
  let prevBlank = from === 0 || isBlank(lines[from - 1])
  let blank = isBlank(lines[from])
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!
    const nextBlank = isBlank(lines[i + 1])
    const standalone = !blank && prevBlank && nextBlank
    prevBlank = blank
    blank = nextBlank
    if (!standalone || line.length > MAX_LENGTH) continue
    const lead = line.length - line.trimStart().length
    if (!STARTS_WORD.test(line[lead]!)) continue
    const heading = parseHeading(line, language)
    if (!heading || heading.kind === 'other') continue
    if (heading.label !== undefined) {
      found.push({ line: i, heading })
      continue
    }
    // A bare number: only alone on its line, counting up by one.
    const value = heading.number
    if (heading.title !== undefined || value === undefined) continue
    if (lastBare === undefined ? value !== 1 : value !== lastBare + 1) continue
    const isDigits = /\d/.test(line)
    if (digitsRun !== undefined && digitsRun !== isDigits) continue
    digitsRun = isDigits
    lastBare = value
    bare.push({ line: i, heading })
  }
  if (bare.length + (openingBare ? 1 : 0) < 2) return found
  return [...found, ...bare].sort((a, b) => a.line - b.line)
}
