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
  /**
   * No-break spaces where a line must not break, as Standard Ebooks sets them: after `Mr.`,
   * `Mrs.`, `Dr.`, `St.` and the language's other titles (`Mr. Darcy`), and between a number and
   * `a.m.`/`p.m.` or a unit (`10 a.m.`, `5 km`). Default true.
   */
  noBreakSpaces?: boolean
  /**
   * A hair space (U+200A) between two quotation marks that touch (`“‘Tis`, `’”`), so they do
   * not read as one mark. Default true.
   */
  hairSpaces?: boolean
  /**
   * A word joiner (U+2060) before an em dash, so a line never begins with the dash. For the EPUB
   * edition: reading systems break before a dash otherwise. The PDF drops the character (its
   * line breaker never breaks before a dash); turn it off for an edition meant for Kindle
   * conversion, whose older firmware shows U+2060 as a box. Default true.
   */
  wordJoiners?: boolean
}

/**
 * Called for each quote whose direction the evidence leaves open (a word-initial `'` that could
 * open a quotation or stand for elided letters): `offset` is its index in the scanned string.
 */
export type AmbiguityReporter = (offset: number) => void

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

// The code units the scan stops at, by the rule that needs them; everything else is skipped with
// one table lookup. A scan stops where `stops[c] & mask` is non-zero, `mask` being the rules on.
const STOP_QUOTE = 1 // " '
const STOP_DASH = 2 // - and, for the word joiner, dashes already set
const STOP_DOT = 4 // .
const STOP_DIGIT = 8 // a digit, which a space and a unit of measure may follow
const STOP_FRENCH = 16 // ! : ; ? « »: French spacing
const STOP_JOINER = 32 // — ⸺ ⸻ already set: a word joiner before them
const stops: Uint8Array = (() => {
  const t = new Uint8Array(0x10000)
  t[0x22] = STOP_QUOTE
  t[0x27] = STOP_QUOTE
  t[0x2d] = STOP_DASH
  t[0x2013] = STOP_DASH // – typed: tied to the word before it when spaced
  t[0x2e] = STOP_DOT
  for (let c = 0x30; c <= 0x39; c++) t[c] = STOP_DIGIT
  for (const c of [0x21, 0x3a, 0x3b, 0x3f, 0xab, 0xbb]) t[c] = STOP_FRENCH
  for (const c of [0x2014, 0x2e3a, 0x2e3b]) t[c] = STOP_JOINER
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

/** A Hebrew letter (with the Yiddish ligatures and the presentation forms). */
function isHebrewLetter(c: number): boolean {
  return (c >= 0x05d0 && c <= 0x05f2) || (c >= 0xfb1d && c <= 0xfb4f)
}

/** A Hebrew point or cantillation mark, which follows its letter (צָה"ל). */
function isHebrewPoint(c: number): boolean {
  return c >= 0x0591 && c <= 0x05c7 && c !== 0x05be && c !== 0x05c0 && c !== 0x05c3 && c !== 0x05c6
}

/** The letters Hebrew writes before a word, joined to it: ו ה ב כ ל מ ש ("and", "the", "in"…). */
function isHebrewPrefix(c: number): boolean {
  return (
    c === 0x05d5 ||
    c === 0x05d4 ||
    c === 0x05d1 ||
    c === 0x05db ||
    c === 0x05dc ||
    c === 0x05de ||
    c === 0x05e9
  )
}

const GERESH = '\u05F3'
const GERSHAYIM = '\u05F4'

// ---------------------------------------------------------------- edits

/** The most edits a list given back is kept with: a pathological paragraph's storage is not. */
const KEPT_EDITS = 4096

/** Sorted, non-overlapping replacements of `[start, end)` in the scanned string. */
class Edits {
  /**
   * `start, end` pairs; typed storage because a pathological paragraph has one edit per character.
   * Room for all a list is kept with from the start: grown in the middle of a book (the first
   * paragraph with more than 32 edits), it took a branch the optimised `scan` had never run, which
   * sent it back to the interpreter.
   */
  private span = new Int32Array(2 * KEPT_EDITS)
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

  /** Forget every edit, keeping the storage for the next string. */
  clear(): this {
    this.text.length = 0
    return this
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
  noBreakSpaces: boolean
  hairSpaces: boolean
  wordJoiners: boolean
}

/**
 * Scan `s` and collect the edits that smarten `s[from, to)`; characters outside that range are
 * read as context only. `ambiguous` hears of each quote the evidence could not decide.
 */
function scan(
  s: string,
  from: number,
  to: number,
  settings: Settings,
  edits: Edits,
  ambiguous?: AmbiguityReporter,
): void {
  const { table, quotes, dashes, ellipses, noBreakSpaces, hairSpaces, wordJoiners } = settings
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
  // The last `'` read as a prime (`17′`), so the `"` of `17' 20"` reads as a double prime.
  let primeAt = -2
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
  // The same, reading straight quotes as themselves (for looking ahead, where nothing is decided).
  const rawPrev = (i: number): number => {
    let k = i - 1
    while (k >= 0 && k > i - 4 && isMarker(s.charCodeAt(k))) k--
    return k >= 0 ? classes[s.charCodeAt(k)]! : SPACE
  }
  const edit = (start: number, end: number, text: string) => {
    if (start >= editFrom && end <= to) edits.push(start, end, text)
  }
  // A quotation mark set right after another one gets a hair space between them (`“ ’Tis`).
  let lastMark = 0
  let lastMarkAt = -2
  const spaced = (i: number, mark: string): string => {
    const c = mark.charCodeAt(0)
    if (!hairSpaces || !isQuoteMark(c)) return mark
    const before = i === 0 ? 0 : i - 1 === lastMarkAt ? lastMark : i - 1 === quoteAt ? 0 : s.charCodeAt(i - 1)
    lastMark = c
    lastMarkAt = i
    // Joined for every mark (`''` and the mark is the mark): joined only for marks that touch,
    // rare, the first such came after `scan` was optimised, and sent it back to the interpreter.
    return (isQuoteMark(before) ? HAIR_SPACE : '') + mark
  }

  // ---- evidence: can an opening single quote at `i` be closed?
  // A straight `'` that ends a word has a closing quote's shape: strongly after punctuation or a
  // dash (`,'` `?'` `--'`: nothing else ends that way), weakly after a letter (`rubbish'` closes,
  // but `sisters'` and `natur'` are apostrophes). A `"` shaped like a closing quote ends the
  // double quotation an opening single quote would be inside. The positions are found by
  // pointers that only move forward, so every lookup in a paragraph costs one pass over it.
  const finalElision = table.finalElision
  const closingShape = (k: number): number => {
    const p = rawPrev(k)
    if (p !== WORD && p !== CLOSE && p !== DASH && p !== QUOTE) return 0
    if (nextClass(k) === WORD) return 0
    if (p !== WORD) return 2
    // `o'`, `an'`, `nothin'`: a word-final elision, no closing quote.
    if (finalElision) {
      let w = k
      while (w > 0 && k - w < 12 && isAsciiLetter(s.charCodeAt(w - 1))) w--
      if (finalElision.test(s.slice(w, k))) return 0
    }
    return 1
  }
  let weakAt = -1
  let strongAt = -1
  let doubleAt = -1
  const find = (start: number, code: number, strength: number): number => {
    for (let k = start; k < n; k++) {
      if (s.charCodeAt(k) !== code) continue
      const shape = closingShape(k)
      if (code === 0x22 ? shape > 0 : shape >= strength && rawPrev(k) !== QUOTE) return k
    }
    return n
  }
  const closable = (i: number): 'yes' | 'maybe' | 'no' => {
    if (doubleAt <= i) doubleAt = find(i + 1, 0x22, 1)
    const boundary = openDouble > 0 ? doubleAt : n
    if (strongAt <= i) strongAt = find(i + 1, 0x27, 2)
    if (strongAt < boundary) return 'yes'
    if (weakAt <= i) weakAt = find(i + 1, 0x27, 1)
    if (weakAt >= boundary) return 'no'
    // Within the sentence (`'poison' or not`, `'Uncle'?`) a quotation is what the shape says;
    // across a full stop, an elision and a plural possessive (`by 'lection. … sisters'`) look
    // the same.
    if (stopAt <= i) stopAt = nextStop(i + 1)
    return stopAt > weakAt ? 'yes' : 'maybe'
  }
  let stopAt = -1
  const nextStop = (start: number): number => {
    for (let k = start; k < n; k++) {
      const c = s.charCodeAt(k)
      if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026) return k
    }
    return n
  }
  // Nothing closes it in this paragraph, but the quotation may run on into the next one, where
  // its close would be: a `'` that begins the paragraph, or a sentence or a clause (`, 'I have`,
  // `. 'There's`) with a capital, while nothing closes the enclosing quotation here either.
  const beginsQuotation = (i: number): boolean => {
    let k = i - 1
    while (k >= 0 && (classes[s.charCodeAt(k)] === SPACE || isMarker(s.charCodeAt(k)))) k--
    if (k < 0) return true
    if (openDouble > 0 && doubleAt < n) return false
    const before = s.charCodeAt(k)
    return (
      (before === 0x2c || before === 0x3a || before === 0x2e || before === 0x21 || before === 0x3f) &&
      capitalAfter(i)
    )
  }
  const capitalAfter = (i: number): boolean => {
    const c = i + 1 < n ? s.charCodeAt(i + 1) : 0
    return (c >= 0x41 && c <= 0x5a) || (c > 0x7f && s[i + 1] !== s[i + 1]!.toLowerCase())
  }
  // A word-initial `'` that no list names: an opening quote only if something can close it.
  const opensByEvidence = (i: number): boolean => {
    const verdict = closable(i)
    if (verdict === 'yes') return true
    if (verdict === 'no' && beginsQuotation(i)) return true
    // A closing quote's shape only after a letter and a full stop away (`rubbish'` or
    // `sisters'`?), or a capital in mid-sentence with nothing to close it (`took 'Poleon`,
    // `'Arry`): it could go either way.
    // Choose the quote, as the writer's other quotes suggest, and say so.
    if (verdict === 'maybe' || capitalAfter(i)) {
      ambiguous?.(i)
      return true
    }
    return false
  }

  // Hebrew writes no quotation mark inside a word: a `"` there is gershayim (צה"ל, דו"חות) and a
  // `'` a geresh (ג'ורג', ז'אנר; after a word, an abbreviation or a numeral: וכו', א'), in any
  // book, since both neighbours say the word is Hebrew. Unless the letters before it are only
  // the prefixes Hebrew joins to a word (ו ה ב כ ל מ ש) and the next quote of its kind closes:
  // then it opens a quotation (ו"שלום", ה'לא'). `'` with a letter of another script after it
  // is that script's apostrophe (שלום's).
  const hebrewWordStart = (i: number): boolean => {
    let k = i - 1
    let letters = 0
    for (; k >= 0; k--) {
      const c = s.charCodeAt(k)
      if (isHebrewPoint(c)) continue
      if (!isHebrewLetter(c)) break
      if (!isHebrewPrefix(c) || ++letters > 4) return false
    }
    return letters > 0
  }
  const closesNext = (i: number, code: number): boolean => {
    const k = s.indexOf(code === 0x22 ? '"' : "'", i + 1)
    return k !== -1 && closingShape(k) > 0
  }
  /** 1: a Hebrew mark (gershayim or geresh); 2: an opening quote after prefixes; 0: neither. */
  const hebrewQuote = (i: number, code: number): number => {
    const before = s.charCodeAt(i - 1)
    if (!isHebrewLetter(before) && !isHebrewPoint(before)) return 0
    const after = i + 1 < n ? s.charCodeAt(i + 1) : 0x20
    const open = code === 0x22 ? openDouble : openSingle
    if (isHebrewLetter(after)) return open === 0 && hebrewWordStart(i) && closesNext(i, code) ? 2 : 1
    // `"` is gershayim only inside a word; `'` ends one as a geresh unless a quotation closes.
    if (code === 0x22 || open > 0) return 0
    return classes[after] === WORD && !isDigit(after) ? 0 : 1
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
    while (j < n && j - w < 12 && isAsciiLetter(s.charCodeAt(j))) j++
    if (j === w || j - w >= 12) return false
    if (j < n && classes[s.charCodeAt(j)] === WORD) return false
    const word = s.slice(w, j).toLowerCase()
    if (afterDash && word === 's') return true
    if (elisions?.has(word) === true) return true
    // Words elided only in one setting: `would 'a' been` (have), not `the letter 'a'`.
    const rule = table.elidedAfter?.[word]
    if (rule && j < n && s.charCodeAt(j) === 0x27) return rule.test(s.slice(Math.max(0, i - 24), i))
    return false
  }

  // Only the characters some rule that is on acts upon: one lookup for each of the others.
  const mask =
    STOP_DASH |
    STOP_DOT |
    (quotes ? STOP_QUOTE : 0) |
    (noBreakSpaces ? STOP_DIGIT : 0) |
    (french ? STOP_FRENCH : 0) |
    (wordJoiners ? STOP_JOINER : 0)
  for (let i = skip(s, from, to, mask); i < to; i = skip(s, i + 1, to, mask)) {
    const c = s.charCodeAt(i)
    switch (c) {
      case 0x30:
      case 0x31:
      case 0x32:
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x36:
      case 0x37:
      case 0x38:
      case 0x39: {
        // A space between a number and `a.m.` or a unit does not break. (Read from the digit:
        // numbers are rarer than spaces, and no rule skips a space that follows a digit.)
        if (i + 1 < n && s.charCodeAt(i + 1) === 0x20 && unitAt(s, i + 2)) edit(i + 1, i + 2, NBSP_STR)
        break
      }
      case 0x22: {
        // "
        if (!quotes) break
        const hebrew = i > 0 ? hebrewQuote(i, 0x22) : 0
        if (hebrew === 1) {
          edit(i, i + 1, GERSHAYIM)
          quoteAt = i
          quoteClass = WORD
          break
        }
        // `17' 20"`: seconds after minutes, a double prime.
        if (primeAt >= 0 && isDigit(s.charCodeAt(i - 1) || 0) && primeFollows(s, primeAt, i)) {
          edit(i, i + 1, '\u2033')
          quoteAt = i
          quoteClass = WORD
          break
        }
        const prev = prevClass(i)
        const next = nextClass(i)
        // Every comparison made for every quote: made only in the branches that need it, the
        // rare ones (a quote after a dash) came first after `scan` was optimised, and sent it back
        // to the interpreter.
        const afterSpace = prev === SPACE || prev === OPEN
        const afterWord = prev === WORD || prev === CLOSE
        const beforeWord = next === WORD
        const beforeOpen = beforeWord || next === OPEN
        const beforeSpace = next === SPACE || next === CLOSE
        const noneOpen = openDouble === 0
        let open: boolean
        // A quote with space before it and space or a closing mark after (`" Bonjour ",`) is
        // stranded: only what is open tells which it is.
        if (afterSpace) open = beforeSpace ? noneOpen : true
        else if (afterWord) open = beforeWord ? noneOpen : false
        else if (beforeOpen) open = true
        else if (beforeSpace) open = false
        else open = noneOpen
        if (open) openDouble++
        else if (openDouble > 0) openDouble--
        const mark = french ? '' : spaced(i, open ? dOpen : dClose)
        quoteAt = i
        quoteClass = open ? OPEN : CLOSE
        if (!french) {
          edit(i, i + 1, mark)
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
        // `62° 17'`, `5' 10"`: minutes or feet, a prime, unless a single quotation is open.
        if (openSingle === 0 && i > 0 && isDigit(s.charCodeAt(i - 1)) && isMeasure(s, i)) {
          edit(i, i + 1, '\u2032')
          primeAt = i
          quoteAt = i
          quoteClass = WORD
          break
        }
        const hebrew = i > 0 ? hebrewQuote(i, 0x27) : 0
        if (hebrew === 1) {
          edit(i, i + 1, GERESH)
          quoteAt = i
          quoteClass = WORD
          break
        }
        const prev = prevClass(i)
        const next = nextClass(i)
        // As for `"`, every comparison made for every quote, and the word-initial quotes read in
        // one place, not three: a rare one (`-'word`) came first after `scan` was optimised.
        const afterWord = prev === WORD
        const afterSpace = prev === SPACE || prev === OPEN
        const afterClose = prev === CLOSE
        const beforeWord = next === WORD
        const beforeSpace = next === SPACE || next === CLOSE
        const singleOpen = openSingle > 0
        // 0 apostrophe, 1 opening quote, 2 closing quote
        let kind: number
        if (hebrew === 2) kind = 1
        else if (afterWord) kind = beforeWord ? 0 : singleOpen ? 2 : 0
        else if (beforeWord && !(afterClose && singleOpen)) {
          // A word-initial `'` (after a dash `'s` is an elision too: `------'s`). Single
          // quotations do not nest: inside one, a word-initial `'` is an elision.
          const afterDash = !afterSpace && !afterClose
          kind = elided(i, afterDash) || singleOpen ? 0 : opensByEvidence(i) ? 1 : 0
        } else if (afterSpace) kind = beforeSpace && singleOpen ? 2 : 1
        else if (afterClose) kind = singleOpen ? 2 : 0
        else if (beforeSpace) kind = singleOpen ? 2 : 0
        else kind = singleOpen ? 2 : 1
        if (kind === 1) openSingle++
        else if (kind === 2) openSingle--
        const mark = spaced(i, kind === 0 ? apostrophe : kind === 1 ? sOpen : sClose)
        quoteAt = i
        quoteClass = kind === 1 ? OPEN : CLOSE
        edit(i, i + 1, mark)
        break
      }
      case 0x2d: {
        // -
        let j = i + 1
        while (j < n && s.charCodeAt(j) === 0x2d) j++
        const run = j - i
        if (dashes) {
          // The dash chosen first and set by one edit: an edit of its own for each kind, the
          // rare ones (an en dash, `----`) came first after `scan` was optimised, and sent it back
          // to the interpreter.
          let dash = ''
          if (run === 1) dash = isEnDashHyphen(s, i) ? '\u2013' : ''
          else if (run < DASH_RUNS.length) dash = joined(i, DASH_RUNS[run]!)
          if (dash !== '') {
            tie(i)
            edit(i, j, dash)
          }
        }
        i = j - 1
        break
      }
      case 0x2014: // — already set
      case 0x2e3a:
      case 0x2e3b: {
        // Only after a letter: a curly mark already there may be an opening one (Swedish ”).
        if (i > 0 && classes[s.charCodeAt(i - 1)] === WORD && i - 1 !== quoteAt) edit(i, i, joined(i, ''))
        else tie(i)
        break
      }
      case 0x2013: // – already set
        tie(i)
        break
      case 0x2e: {
        // .
        let j = i + 1
        while (j < n && s.charCodeAt(j) === 0x2e) j++
        const run = j - i
        if (run === 1 && noBreakSpaces && table.titles && titleBefore(s, i, table.titles)) {
          edit(i + 1, i + 2, NBSP_STR)
          i = j
          break
        }
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

  // A dash set off by a space after a word or a closing mark (`said – then`, `so, — he`) is
  // tied to it by a no-break space: no line begins with a dash. Not at a paragraph's start,
  // where a dialogue dash begins.
  function tie(i: number): void {
    if (!noBreakSpaces || i < 2 || s.charCodeAt(i - 1) !== 0x20) return
    const before = s.charCodeAt(i - 2)
    const cls = i - 2 === quoteAt ? quoteClass : classes[before]!
    if ((cls === WORD || cls === CLOSE) && edits.lastEnd() <= i - 1) edit(i - 1, i, NBSP_STR)
  }

  // A dash after a word or a closing mark is joined to it (`said⁠—`, `B⁠⸺`): a line may break
  // after the dash but not before it. Not after a space or an opening mark, where it begins.
  function joined(i: number, dash: string): string {
    if (!wordJoiners || i === 0) return dash
    const before = s.charCodeAt(i - 1)
    if (before === 0x2060) return dash
    const cls = i - 1 === quoteAt ? quoteClass : classes[before]!
    return cls === WORD || cls === CLOSE ? WORD_JOINER + dash : dash
  }
}

/** The first index from `i` (or `to`) of a code unit that a rule in `mask` acts upon. */
function skip(s: string, i: number, to: number, mask: number): number {
  while (i < to && (stops[s.charCodeAt(i)]! & mask) === 0) i++
  return i
}

const NBSP_STR = '\u00A0'
/** The dash a run of hyphens stands for, by length: `--` and `---` an em dash, `----` a 2-em dash… */
const DASH_RUNS = ['', '', '\u2014', '\u2014', '\u2E3A', '\u2E3A', '\u2E3B']
const HAIR_SPACE = '\u200A'
const WORD_JOINER = '\u2060'

/**
 * The curly quotation marks that get a hair space when they touch (`“‘`, `’”`), as English sets
 * them; guillemets carry their own spacing, and German `„‚` is set close.
 */
function isQuoteMark(c: number): boolean {
  return c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d
}

/**
 * The `.` at `i` ends a title that takes a no-break space after it (`Mr. Darcy`): the letters
 * before it are a whole word of the list, and one space and a capital or a digit follow.
 */
function titleBefore(s: string, i: number, titles: ReadonlySet<string>): boolean {
  const n = s.length
  if (i + 2 >= n || s.charCodeAt(i + 1) !== 0x20) return false
  const next = s.charCodeAt(i + 2)
  // The class read for every `next`: read only past ASCII, its first read came after
  // `titleBefore` was optimised, and sent it back to the interpreter.
  const word = classes[next] === WORD
  if (!((next >= 0x41 && next <= 0x5a) || isDigit(next) || (next > 0x7f && word))) return false
  let k = i
  while (k > 0 && k > i - 7 && isAsciiLetter(s.charCodeAt(k - 1))) k--
  if (k === i || (k > 0 && classes[s.charCodeAt(k - 1)] === WORD)) return false
  return titles.has(s.slice(k, i))
}

// What may follow a number and a no-break space: `a.m.`, `p.m.` and common units of measure.
const UNITS = new Set(
  'a.m. p.m. A.M. P.M. km cm mm kg mg lb lbs oz ft yd mi mph kph km/h ml mL kW Hz kHz MHz GHz kB KB MB GB TB °C °F %'.split(
    ' ',
  ),
)

/** A unit of measure (or `a.m.`) begins at `k` and ends there as a word. */
function unitAt(s: string, k: number): boolean {
  const n = s.length
  let j = k
  while (j < n && j - k < 5 && !isPlainSpace(s.charCodeAt(j)) && s.charCodeAt(j) > 0x20) {
    const c = s.charCodeAt(j)
    // `a.m.` and `km/h` keep their dots and slash; other punctuation ends the unit.
    if (classes[c] === CLOSE && c !== 0x2e) break
    j++
  }
  // Try the longest candidate first: `a.m.` before `a.m`, `km/h` before `km`.
  for (let end = j; end > k; end--) {
    if (UNITS.has(s.slice(k, end))) {
      const after = end < n ? s.charCodeAt(end) : 0x20
      if (!isAsciiLetter(after) && !isDigit(after)) return true
    }
  }
  return false
}

/** `'` at `i` after a number is a prime: degrees before it (`62° 17'`) or inches after (`5' 10"`). */
function isMeasure(s: string, i: number): boolean {
  let k = i - 1
  while (k > 0 && isDigit(s.charCodeAt(k - 1))) k--
  let b = k - 1
  if (b >= 0 && s.charCodeAt(b) === 0x20) b--
  if (b >= 0 && s.charCodeAt(b) === 0xb0) return true
  // The second side of `3' x 5'`.
  if (b >= 0 && (s.charCodeAt(b) === 0x78 || s.charCodeAt(b) === 0xd7)) {
    let p = b - 1
    if (p >= 0 && s.charCodeAt(p) === 0x20) p--
    const c = p >= 0 ? s.charCodeAt(p) : -1
    if ((c === 0x27 || c === 0x2032) && p > 0 && isDigit(s.charCodeAt(p - 1))) return true
  }
  let j = i + 1
  if (j < s.length && s.charCodeAt(j) === 0x20) j++
  // A word only a measure is followed by: `6' tall`, `10' long`, `3' x 5'`.
  if (j === i + 2) {
    MEASURED.lastIndex = j
    if (MEASURED.test(s)) return true
  }
  const digits = j
  while (j < s.length && j - digits < 3 && isDigit(s.charCodeAt(j))) j++
  return j > digits && j < s.length && s.charCodeAt(j) === 0x22
}

/** What follows a number of feet and no quotation: `tall`, `long`, `x 5'`… (sticky, at the word). */
const MEASURED = /(?:tall|long|wide|high|deep|thick|square|across|away|by|[x×](?= ?\d))(?![\p{L}\p{N}])/uy

/** The number ending before the `"` at `i` follows the prime at `prime` (`17' 20"`). */
function primeFollows(s: string, prime: number, i: number): boolean {
  let k = i - 1
  while (k > prime + 1 && isDigit(s.charCodeAt(k - 1))) k--
  return k === prime + 1 || (k === prime + 2 && s.charCodeAt(prime + 1) === 0x20)
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
    // A word joiner this transform set before a dash (`2024\u2060—2024`) does not part the number from it.
    let d = m
    while (d < n && s.charCodeAt(d) === 0x2060) d++
    const c = s.charCodeAt(d)
    if (d < n && classes[c] === DASH) {
      // `555-1234-5678`, `90-2024--2024`: a number run on by dashes is not a range.
      let e = d + 1
      while (e < n && classes[s.charCodeAt(e)] === DASH) e++
      if (e < n && isDigit(s.charCodeAt(e))) return false
    }
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
    noBreakSpaces: options.noBreakSpaces !== false,
    hairSpaces: options.hairSpaces !== false,
    wordJoiners: options.wordJoiners !== false,
  }
}

/**
 * One list of edits serves string after string (a book is tens of thousands of paragraphs), taken
 * while a scan runs and given back after; a nested call (from an ambiguity reporter) makes its own.
 */
let spareEdits: Edits | undefined = new Edits()

function takeEdits(): Edits {
  const edits = spareEdits ?? new Edits()
  spareEdits = undefined
  return edits
}

function giveBack(edits: Edits): void {
  // A pathological paragraph's storage is not kept for the rest of the book.
  if (edits.length < KEPT_EDITS) spareEdits = edits.clear()
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
  ambiguous?: AmbiguityReporter,
): string {
  const settings = settingsFor(language, options)
  const before = context.before ?? ''
  const after = context.after ?? ''
  const s = before + text + after
  const edits = takeEdits()
  try {
    scan(s, before.length, before.length + text.length, settings, edits, ambiguous)
    if (edits.length === 0) return text
    return applyEdits(s, before.length, before.length + text.length, edits)
  } finally {
    giveBack(edits)
  }
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
  ambiguous?: AmbiguityReporter,
): string[] {
  const settings = settingsFor(language, options)
  // An opaque item reads as a word: `"`x`"` opens before it and closes after.
  const s = runs.length === 1 && runs[0] !== null ? runs[0]! : joinRuns(runs)
  const edits = takeEdits()
  try {
    scan(s, 0, s.length, settings, edits, ambiguous)
    return writeBack(runs, s, edits)
  } finally {
    giveBack(edits)
  }
}

function joinRuns(runs: readonly Run[]): string {
  return runs.map((r) => (r === null ? '\uFFFC' : r)).join('')
}

/**
 * The new text of each run: the edits, which start in it, applied to it. A run an edit changes is
 * joined into a flat string of its own (one copy, which the renderer's escaping would otherwise
 * make of a chain of pieces while the chain and the pieces stay in the tree beside it).
 */
function writeBack(runs: readonly Run[], s: string, edits: Edits): string[] {
  const out: string[] = new Array(runs.length)
  const pieces: string[] = []
  let e = 0
  let consumed = 0 // everything before this index has been written or deleted
  let start = 0
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] ?? null
    const end = start + (run === null ? 1 : run.length)
    const last = r === runs.length - 1
    let cur = Math.max(start, consumed)
    // Unchanged: the run's own text, as it was (its whole self when it starts where the cut did).
    if (!(e < edits.length && (edits.start(e) < end || (last && edits.start(e) === end)))) {
      out[r] = run === null ? '' : cur === start ? run : s.slice(cur, end)
      start = end
      continue
    }
    pieces.length = 0
    while (e < edits.length && (edits.start(e) < end || (last && edits.start(e) === end))) {
      const es = edits.start(e)
      if (es > cur) pieces.push(s.slice(cur, es))
      pieces.push(edits.text[e]!)
      cur = Math.max(cur, edits.end(e))
      consumed = cur
      e++
    }
    if (cur < end) pieces.push(s.slice(cur, end))
    out[r] = run === null ? '' : pieces.join('')
    start = end
  }
  return out
}
