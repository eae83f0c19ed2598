/**
 * Heading lines inside a plain-text manuscript: a whole work exported as one file ("Chapter 1"
 * … "Chapter 40"). Conservative, because a false split cuts a chapter in two: a line counts only
 * when it stands alone as a paragraph (blank line or file edge on both sides), or over its title
 * in a paragraph of two lines ("Chapter One", "The Beginning"), and `parseHeading`
 * reads it as a chapter, part or named section ("Prologue", "Epilogue"). Author's-note labels
 * stay with the notes. A bare number ("2", "XII.") counts only in a run that counts up by one
 * from 1 (or from the file's own opening number), so a countdown or a numbered list in the prose
 * is not a chapter, and never in a file whose chapters are labelled ("Chapter 2"): there a run
 * numbers the sections of a chapter. The caller splits only when the file then has two or more
 * chapter headings.
 */
import { type ParsedHeading, parseHeading } from '../heading.js'
import { titleLineSpan } from './title-under.js'

/** A heading line that opens a chapter or part after the file's first line. */
export interface SplitLine {
  /** 0-based line index. */
  line: number
  heading: ParsedHeading
}

/** Longest line looked at: a heading with its title, not a paragraph of prose. */
const MAX_LENGTH = 150
/** Longest heading line looked at with its title on the line under it: a label and number. */
const MAX_LABEL = 40
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

/** What `findSplitLines` finds: the lines that open chapters and parts, and numbered sections. */
export interface SplitFound {
  splits: SplitLine[]
  /**
   * Lines (0-based) of bare numbers that number sections inside a chapter: in a file whose
   * chapters are labelled ("Chapter 2"), a run "1", "2", "3" counting up from 1 within one
   * chapter, with text between each number and the next.
   */
  sections: number[]
}

/** A bare number alone on its line: a chapter in a file of bare numbers, else maybe a section. */
interface BareLine extends SplitLine {
  value: number
  digits: boolean
}

/**
 * The heading lines from line `from` on. `opening` is the heading the file opens with (read by
 * the reader's first-line rule), which a run of bare numbers may continue. In a file whose
 * chapters are labelled ("Chapter 2: Middle"), a bare number is never a chapter: a run of them
 * numbers the chapter's sections, and anything else ("1.", "2.", "3." counted off in the story)
 * stays text.
 */
export function findSplitLines(
  lines: readonly string[],
  from: number,
  opening: { heading: ParsedHeading; text: string } | undefined,
  language: string,
): SplitFound {
  const found: SplitLine[] = []
  const bares: BareLine[] = []
  // Each line's blankness is computed once: this scan runs over every line of every file.
  let prevBlank = from === 0 || isBlank(lines[from - 1])
  let blank = isBlank(lines[from])
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!
    const nextBlank = isBlank(lines[i + 1])
    const standalone = !blank && prevBlank && nextBlank
    // "Chapter One" over "The Beginning", the two alone between blank lines.
    const overTitle = !blank && prevBlank && !nextBlank && line.length <= MAX_LABEL && isBlank(lines[i + 2])
    prevBlank = blank
    blank = nextBlank
    if ((!standalone && !overTitle) || line.length > MAX_LENGTH) continue
    const lead = line.length - line.trimStart().length
    if (!STARTS_WORD.test(line[lead]!)) continue
    const heading = parseHeading(line, language)
    if (!heading || heading.kind === 'other') continue
    if (
      overTitle &&
      (heading.title !== undefined || heading.kind === 'part' || !titleLineSpan(lines[i + 1]!, language))
    )
      continue
    if (heading.label !== undefined) {
      found.push({ line: i, heading })
      continue
    }
    // A bare number: only alone on its line.
    const value = heading.number
    if (heading.title !== undefined || value === undefined) continue
    bares.push({ line: i, heading, value, digits: /\d/.test(line) })
  }
  const labelled = (h: ParsedHeading | undefined) => h?.kind === 'chapter' && h.label !== undefined
  if (labelled(opening?.heading) || found.some((s) => labelled(s.heading))) {
    return { splits: found, sections: sectionRuns(lines, bares, found) }
  }
  // Chapters numbered bare: a run counting up by one from 1 (or from the opening number).
  const openingBare = opening && opening.heading.label === undefined
  let lastBare = openingBare ? opening.heading.number : undefined
  // Digits or Roman numerals: a run keeps to one ("I", "II", "3" is a countdown, not chapter 3).
  let digitsRun = openingBare ? /\d/.test(opening.text) : undefined
  const bare: SplitLine[] = []
  for (const b of bares) {
    if (lastBare === undefined ? b.value !== 1 : b.value !== lastBare + 1) continue
    if (digitsRun !== undefined && digitsRun !== b.digits) continue
    digitsRun = b.digits
    lastBare = b.value
    bare.push({ line: b.line, heading: b.heading })
  }
  if (bare.length + (openingBare ? 1 : 0) < 2) return { splits: found, sections: [] }
  return { splits: [...found, ...bare].sort((a, b) => a.line - b.line), sections: [] }
}

/**
 * The bare numbers that number sections: within each chapter (between labelled headings), runs
 * of two or more counting up by one from 1, in one kind of numeral, with text between each
 * number and the next ("1", story, "2", story). Numbers with nothing between them are a list or
 * a count in the story, and stay text.
 */
function sectionRuns(lines: readonly string[], bares: BareLine[], found: SplitLine[]): number[] {
  const out: number[] = []
  let run: BareLine[] = []
  let boundary = 0
  const end = () => {
    if (run.length >= 2) for (const b of run) out.push(b.line)
    run = []
  }
  const textBetween = (a: number, b: number) => {
    for (let l = a + 1; l < b; l++) if (!isBlank(lines[l])) return true
    return false
  }
  for (const b of bares) {
    // A new chapter starts its sections afresh.
    while (boundary < found.length && found[boundary]!.line < b.line) {
      boundary++
      end()
    }
    const prev = run[run.length - 1]
    if (prev && b.value === prev.value + 1 && b.digits === prev.digits && textBetween(prev.line, b.line)) {
      run.push(b)
      continue
    }
    end()
    if (b.value === 1) run.push(b)
  }
  end()
  return out
}
