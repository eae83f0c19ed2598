/**
 * Smartening of plain strings: straight quotes to curly ones, `--` to dashes, `...` to ellipses.
 *
 * One left-to-right pass over UTF-16 code units, no regular expressions, so a 20 MB paragraph
 * costs the same per character as a short one. Each straight quote's direction is decided from the
 * characters on either side of it (with the quotes already decided on its left counting as what
 * they became) and, only where those are ambiguous, from which quotes are still open. The pass
 * produces a sorted list of edits on the input, so that text split over several inline nodes
 * (`"*Hello*," she said`) can be smartened as one string and the edits written back node by node:
 * see `smartenRuns`.
 */
import { en, type QuoteTable, quoteTableFor } from './languages.js'

/** Which replacements to make. All default to true. */
export interface SmartenOptions {
  /** Curly quotes and apostrophes (and French spacing for `fr`). Default true. */
  quotes?: boolean
  /**
   * `--` → em dash, `----` → 2-em dash, `------` → 3-em dash, a hyphen between two numbers → en
   * dash (`1805-6`), a hyphen with a space on both sides → en dash. Default true.
   */
  dashes?: boolean
  /** `...` and `. . .` → ellipsis; `....` → period and ellipsis. Default true. */
  ellipses?: boolean
}

/** Text around the string being smartened that it should be read with, but that is not changed. */
export interface SmartenContext {
  /** What comes before (only its last characters matter). Default: the start of a paragraph. */
  before?: string
  /** What comes after (only its first characters matter). Default: the end of a paragraph. */
  after?: string
}

/**
 * One piece of a paragraph for `smartenRuns`: a string is text to smarten; `null` is an opaque
 * inline item (inline code, an image) that reads like a word and is never changed.
 */
export type Run = string | null

// ---------------------------------------------------------------- character classes

const SPACE = 0 // whitespace, and the start or end of the text
const WORD = 1 // letters, digits, marks, symbols we know nothing about, opaque items
const OPEN = 2 // opening brackets and quotes, ¿ ¡
const CLOSE = 3 // closing brackets and quotes, . , ; : ! ? …
const DASH = 4 // hyphens and dashes
const NEUTRAL = 5 // * _ / # & and similar: say nothing about direction
const QUOTE = 6 // a straight quote not yet decided

/** Class of every BMP code unit; astral characters (surrogates) read as words. */
const classes: Uint8Array = (() => {
  const t = new Uint8Array(0x10000).fill(WORD)
  const set = (chars: string, cls: number) => {
    for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = cls
  }
  for (let c = 0; c <= 0x20; c++) t[c] = SPACE
  t[0x7f] = NEUTRAL
  for (let c = 0x80; c <= 0x9f; c++) t[c] = NEUTRAL
  set('\u00A0\u1680\u2028\u2029\u202F\u205F\u3000\uFEFF', SPACE)
  for (let c = 0x2000; c <= 0x200b; c++) t[c] = SPACE
  set('([{\u00AB\u2039\u201C\u2018\u201E\u201A\u201F\u201B\u00BF\u00A1\u2E18\u300C\u300E', OPEN)
  set(')]}\u00BB\u203A\u201D\u2019.,;:!?\u2026\u203D\u2047\u2048\u2049\u300D\u300F', CLOSE)
  set('-\u2010\u2011\u2012\u2013\u2014\u2015\u2E3A\u2E3B\u2212', DASH)
  set('*_/\\#&@%$+=<>|^~`\u00A7\u00B6\u2020\u2021\u2022\u00B7', NEUTRAL)
  set('"\'', QUOTE)
  return t
})()

const NBSP = 0x00a0
const NNBSP = '\u202F'

/** A space that French spacing may turn into a narrow no-break space. */
function isPlainSpace(c: number): boolean {
  return c === 0x20 || c === NBSP
}

/** `*` and `_`: emphasis marks that plain text keeps and that say nothing about a quote. */
function isMarker(c: number): boolean {
  return c === 0x2a || c === 0x5f
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function isAsciiLetter(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
}

// ---------------------------------------------------------------- edits

/** Sorted, non-overlapping replacements of `[start, end)` in the scanned string. */
class Edits {
  /** `start, end` pairs; typed storage because a pathological paragraph has one edit per character. */
  private span = new Int32Array(64)
  readonly text: string[] = []

  get length(): number {
    return this.text.length
  }

  push(start: number, end: number, text: string): void {
    const k = this.text.length * 2
    if (k + 2 > this.span.length) {
      const grown = new Int32Array(this.span.length * 2)
      grown.set(this.span)
      this.span = grown
    }
    this.span[k] = start
    this.span[k + 1] = end
    this.text.push(text)
  }

  start(k: number): number {
    return this.span[k * 2]!
  }

  end(k: number): number {
    return this.span[k * 2 + 1]!
  }

  /** End of the last edit, -1 if none. */
  lastEnd(): number {
    const k = this.text.length
    return k === 0 ? -1 : this.span[k * 2 - 1]!
  }
}

interface Settings {
  table: QuoteTable
  quotes: boolean
  dashes: boolean
  ellipses: boolean
}

/**
 * Scan `s` and collect the edits that smarten `s[from, to)`; characters outside that range are
 * read as context only.
 */
function scan(s: string, from: number, to: number, settings: Settings, edits: Edits): void {
  const { table, quotes, dashes, ellipses } = settings
  const french = quotes && table.frenchSpacing === true
  const elisions = table.elisions
  const [dOpen, dClose] = table.primary
  const [sOpen, sClose] = table.secondary
  const apostrophe = table.apostrophe
  const n = s.length
  // Quotes still open on the left, for the ambiguous cases.
  let openDouble = 0
  let openSingle = 0
  // The class the last decided quote took, so `'"` reads the `'` as what it became.
  let quoteAt = -2
  let quoteClass = SPACE
  // Quotes in the context before `from` count as open or closed too, but are not edited.
  const editFrom = from
  from = Math.max(0, from - 64)

  // Emphasis marks left in plain text (`"*Hello*"`, `_no_'`) are looked through, a few at most.
  const prevClass = (i: number): number => {
    let k = i - 1
    while (k >= 0 && k > i - 4 && isMarker(s.charCodeAt(k))) k--
    if (k === quoteAt) return quoteClass
    return k >= 0 ? classes[s.charCodeAt(k)]! : SPACE
  }
  const nextClass = (i: number): number => {
    let k = i + 1
    while (k < n && k < i + 4 && isMarker(s.charCodeAt(k))) k++
    return k < n ? classes[s.charCodeAt(k)]! : SPACE
  }
  const edit = (start: number, end: number, text: string) => {
    if (start >= editFrom && end <= to) edits.push(start, end, text)
  }

  // A word right after a straight `'` that makes it an apostrophe: 'tis, 'em, '90s, ------'s.
  const elided = (i: number, afterDash: boolean): boolean => {
    const c1 = i + 1 < n ? s.charCodeAt(i + 1) : 0
    if (isDigit(c1)) {
      const c2 = i + 2 < n ? s.charCodeAt(i + 2) : 0
      const c3 = i + 3 < n ? s.charCodeAt(i + 3) : 0
      if (i + 3 >= n) return isDigit(c2)
      return isDigit(c2) && (c3 === 0x73 || (classes[c3] !== WORD && c3 !== 0x27))
    }
    let w = i + 1
    while (w < n && w < i + 4 && isMarker(s.charCodeAt(w))) w++
    let j = w
    while (j < n && j - w < 10 && isAsciiLetter(s.charCodeAt(j))) j++
    if (j === w || j - w >= 10) return false
    if (j < n && classes[s.charCodeAt(j)] === WORD) return false
    const word = s.slice(w, j).toLowerCase()
    if (afterDash && word === 's') return true
    return elisions?.has(word) === true
  }

  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i)
    // Everything we act on is at or below `.` except French high punctuation and guillemets.
    if (c > 0x2e && !(french && (c === 0x3a || c === 0x3b || c === 0x3f || c === 0xab || c === 0xbb)))
      continue
    switch (c) {
      case 0x22: {
        // "
        if (!quotes) break
        const prev = prevClass(i)
        const next = nextClass(i)
        let open: boolean
        // A quote with space before it and space or a closing mark after (`" Bonjour ",`) is
        // stranded: only what is open tells which it is.
        if (prev === SPACE || prev === OPEN) open = next === SPACE || next === CLOSE ? openDouble === 0 : true
        else if (prev === WORD || prev === CLOSE) open = next === WORD ? openDouble === 0 : false
        else if (next === WORD || next === OPEN) open = true
        else if (next === SPACE || next === CLOSE) open = false
        else open = openDouble === 0
        if (open) openDouble++
        else if (openDouble > 0) openDouble--
        quoteAt = i
        quoteClass = open ? OPEN : CLOSE
        if (!french) {
          edit(i, i + 1, open ? dOpen : dClose)
        } else if (open) {
          const after = i + 1 < n ? s.charCodeAt(i + 1) : -1
          if (after === -1 || classes[after] === SPACE) {
            edit(i, i + 1, dOpen)
            if (isPlainSpace(after)) edit(i + 1, i + 2, NNBSP)
          } else edit(i, i + 1, dOpen + NNBSP)
        } else {
          const before = i > 0 ? s.charCodeAt(i - 1) : -1
          if (before === -1 || classes[before] === SPACE) {
            if (isPlainSpace(before) && edits.lastEnd() <= i - 1) edit(i - 1, i, NNBSP)
            edit(i, i + 1, dClose)
          } else edit(i, i + 1, NNBSP + dClose)
        }
        break
      }
      case 0x27: {
        // '
        if (!quotes) break
        const prev = prevClass(i)
        const next = nextClass(i)
        // 0 apostrophe, 1 opening quote, 2 closing quote
        let kind: number
        if (prev === WORD) kind = next === WORD ? 0 : openSingle > 0 ? 2 : 0
        else if (prev === SPACE || prev === OPEN) {
          if (next === WORD) kind = elided(i, false) ? 0 : 1
          else if (next === SPACE || next === CLOSE) kind = openSingle > 0 ? 2 : 1
          else kind = 1
        } else if (prev === CLOSE) {
          if (next === WORD) kind = openSingle > 0 ? 2 : elided(i, false) ? 0 : 1
          else kind = openSingle > 0 ? 2 : 0
        } else if (next === WORD) kind = elided(i, true) ? 0 : 1
        else if (next === SPACE || next === CLOSE) kind = openSingle > 0 ? 2 : 0
        else kind = openSingle > 0 ? 2 : 1
        if (kind === 1) openSingle++
        else if (kind === 2) openSingle--
        quoteAt = i
        quoteClass = kind === 1 ? OPEN : CLOSE
        edit(i, i + 1, kind === 0 ? apostrophe : kind === 1 ? sOpen : sClose)
        break
      }
      case 0x2d: {
        // -
        let j = i + 1
        while (j < n && s.charCodeAt(j) === 0x2d) j++
        const run = j - i
        if (dashes) {
          if (run === 1) {
            if (isEnDashHyphen(s, i)) edit(i, i + 1, '\u2013')
          } else if (run <= 3) edit(i, j, '\u2014')
          else if (run <= 5) edit(i, j, '\u2E3A')
          else if (run === 6) edit(i, j, '\u2E3B')
        }
        i = j - 1
        break
      }
      case 0x2e: {
        // .
        let j = i + 1
        while (j < n && s.charCodeAt(j) === 0x2e) j++
        const run = j - i
        if (ellipses) {
          if (run === 3) edit(i, j, '\u2026')
          else if (run === 4) edit(i, j, '.\u2026')
          else if (run === 1 && (i === 0 || s.charCodeAt(i - 1) !== 0x2e)) j = spacedEllipsis(s, i, edit)
        }
        i = j - 1
        break
      }
      case 0x21: // !
      case 0x3a: // :
      case 0x3b: // ;
      case 0x3f: {
        // ?
        if (!french) break
        const before = i > 0 ? s.charCodeAt(i - 1) : -1
        const after = i + 1 < n ? s.charCodeAt(i + 1) : -1
        // Not inside `10:30`, `http://`, `a:b`: only where the mark ends a phrase.
        if (after !== -1 && (classes[after] === WORD || after === 0x2f)) break
        if (before === -1 || before === 0x21 || before === 0x3a || before === 0x3b || before === 0x3f) break
        if (isPlainSpace(before)) {
          if (edits.lastEnd() <= i - 1) edit(i - 1, i, NNBSP)
        } else {
          // Not after an opening mark (`(;`, `«!`): the space would stand inside the bracket.
          const bc = i - 1 === quoteAt ? quoteClass : classes[before]!
          if (bc !== SPACE && bc !== OPEN) edit(i, i + 1, NNBSP + s[i])
        }
        break
      }
      case 0xab: {
        // « typed as such, in French: the space inside.
        const after = i + 1 < n ? s.charCodeAt(i + 1) : -1
        if (isPlainSpace(after)) edit(i + 1, i + 2, NNBSP)
        else if (after !== -1 && classes[after] !== SPACE) edit(i, i + 1, `\u00AB${NNBSP}`)
        break
      }
      case 0xbb: {
        // »
        const before = i > 0 ? s.charCodeAt(i - 1) : -1
        if (isPlainSpace(before)) {
          if (edits.lastEnd() <= i - 1) edit(i - 1, i, NNBSP)
        } else if (before !== -1 && classes[before] !== SPACE) edit(i, i + 1, `${NNBSP}\u00BB`)
        break
      }
    }
  }
}

/**
 * A lone hyphen that stands for an en dash: between two numbers (`1805-6`, but not inside
 * `2024-05-01` or `1-800-555`), or between words with a space on each side (`this - that`).
 */
function isEnDashHyphen(s: string, i: number): boolean {
  const n = s.length
  const before = i > 0 ? s.charCodeAt(i - 1) : -1
  const after = i + 1 < n ? s.charCodeAt(i + 1) : -1
  if (isPlainSpace(before) && isPlainSpace(after)) {
    const b2 = i > 1 ? s.charCodeAt(i - 2) : -1
    const a2 = i + 2 < n ? s.charCodeAt(i + 2) : -1
    return b2 !== -1 && classes[b2] !== SPACE && a2 !== -1 && classes[a2] !== SPACE
  }
  if (!isDigit(before) || !isDigit(after)) return false
  let k = i - 1
  while (k > 0 && isDigit(s.charCodeAt(k - 1))) k--
  if (k > 0) {
    const c = s.charCodeAt(k - 1)
    // Any dash before the number, not just a hyphen: `------1-1` reads as `⸻1-1` the second time.
    if (classes[c] === DASH || isAsciiLetter(c) || (classes[c] === WORD && c > 0x7f)) return false
  }
  let m = i + 1
  while (m < n && isDigit(s.charCodeAt(m))) m++
  if (m < n) {
    const c = s.charCodeAt(m)
    if (classes[c] === DASH && m + 1 < n && isDigit(s.charCodeAt(m + 1))) return false
    if (isDigit(c)) return false
  }
  return true
}

/**
 * `. . .` (single spaces or no-break spaces) at `i` → ellipsis, `. . . .` → period and ellipsis; a longer spaced run
 * is left alone. Returns the index just past what was consumed.
 */
function spacedEllipsis(
  s: string,
  i: number,
  edit: (start: number, end: number, text: string) => void,
): number {
  const n = s.length
  let dots = 1
  let j = i + 1
  while (j + 1 < n && isPlainSpace(s.charCodeAt(j)) && s.charCodeAt(j + 1) === 0x2e) {
    dots++
    j += 2
  }
  // Dots or an ellipsis right after (`. . ...`, `. . . …`) make it something else: leave it all,
  // and skip it all, so a long run of spaced dots is read once.
  const c = j < n ? s.charCodeAt(j) : -1
  // The last spaced dot begins a run (`. . ...`): hand the run back to be read whole.
  if (c === 0x2e) return j - 1
  if (c === 0x2026 || (isPlainSpace(c) && j + 1 < n && s.charCodeAt(j + 1) === 0x2026)) return j
  if (dots === 3) edit(i, j, '\u2026')
  else if (dots === 4) edit(i, j, '.\u2026')
  return j
}

// ---------------------------------------------------------------- public functions

function settingsFor(language: string | QuoteTable | undefined, options: SmartenOptions): Settings {
  const table =
    language === undefined ? en : typeof language === 'string' ? (quoteTableFor(language) ?? en) : language
  return {
    table,
    quotes: options.quotes !== false,
    dashes: options.dashes !== false,
    ellipses: options.ellipses !== false,
  }
}

function applyEdits(s: string, from: number, to: number, edits: Edits): string {
  // Joining an array beats `+=` once there are many pieces; few pieces, the other way round.
  if (edits.length < 32) {
    let out = ''
    let cur = from
    for (let k = 0; k < edits.length; k++) {
      out += s.slice(cur, edits.start(k)) + edits.text[k]
      cur = edits.end(k)
    }
    return out + s.slice(cur, to)
  }
  const parts: string[] = []
  let cur = from
  for (let k = 0; k < edits.length; k++) {
    const start = edits.start(k)
    if (start > cur) parts.push(s.slice(cur, start))
    parts.push(edits.text[k]!)
    cur = edits.end(k)
  }
  parts.push(s.slice(cur, to))
  return parts.join('')
}

/**
 * Smarten one string in `language` (a BCP 47 tag or a quote table; unknown tags and the default
 * use English). `context` gives the text around it, read but not changed, for a string that is
 * a piece of a larger one.
 */
export function smarten(
  text: string,
  language: string | QuoteTable = 'en',
  context: SmartenContext = {},
  options: SmartenOptions = {},
): string {
  const settings = settingsFor(language, options)
  const before = context.before ?? ''
  const after = context.after ?? ''
  const s = before + text + after
  const edits = new Edits()
  scan(s, before.length, before.length + text.length, settings, edits)
  if (edits.length === 0) return text
  return applyEdits(s, before.length, before.length + text.length, edits)
}

/**
 * Smarten a paragraph given as pieces (the text nodes of its inline content, in order), reading
 * the pieces as one string so a quote at the edge of one piece is decided by its neighbours in
 * the next. Returns the new text of each piece; `null` pieces (opaque items) give `''`.
 * A replacement that spans two pieces (`-` + `-`) is written into the piece where it starts.
 */
export function smartenRuns(
  runs: readonly Run[],
  language: string | QuoteTable = 'en',
  options: SmartenOptions = {},
): string[] {
  const settings = settingsFor(language, options)
  // An opaque item reads as a word: `"`x`"` opens before it and closes after.
  const s = runs.map((r) => (r === null ? '\uFFFC' : r)).join('')
  const edits = new Edits()
  scan(s, 0, s.length, settings, edits)
  const out: string[] = new Array(runs.length)
  let e = 0
  let consumed = 0 // everything before this index has been written or deleted
  let start = 0
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] ?? null
    const end = start + (run === null ? 1 : run.length)
    const last = r === runs.length - 1
    let piece = ''
    let cur = Math.max(start, consumed)
    while (e < edits.length && (edits.start(e) < end || (last && edits.start(e) === end))) {
      const es = edits.start(e)
      if (es >= cur) piece += s.slice(cur, es)
      piece += edits.text[e]
      cur = Math.max(cur, edits.end(e))
      consumed = cur
      e++
    }
    if (cur < end) piece += s.slice(cur, end)
    out[r] = run === null ? '' : piece
    start = end
  }
  return out
}
