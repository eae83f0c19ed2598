/**
 * Liang hyphenation for paragraph layout, on the TeX patterns that the `hyphen` package ships.
 * A BCP 47 tag picks a pattern set (or none, with a reason the composer can report once per
 * book); hyphenators and the break points of each word are cached, since a book repeats its
 * words thousands of times. The typographic rules (shortest word, letters kept before and after
 * the break, which words are never broken) live here, so the line breaker only asks "where may
 * this word break?".
 */

import createHyphenator from 'hyphen/hyphen.js'
import { builtinHyphenation } from '#platform'
import type { Assets } from '../../../env.js'

/**
 * The typographers' minimums. TeX's English defaults are `\lefthyphenmin=2`,
 * `\righthyphenmin=3`; words shorter than five letters are never broken (a two-letter stub and
 * a three-letter stub make no sense around a shorter word).
 */
export const HYPHENATION_MINIMUMS = {
  /** Fewest letters in a word that may be hyphenated. */
  word: 5,
  /** Fewest letters left on the line before the hyphen. */
  left: 2,
  /** Fewest letters carried to the next line. */
  right: 3,
} as const

/** Pattern sets the `hyphen` package has (its `patterns/*.js` files). */
const PATTERN_SETS = new Set([
  'af',
  'as',
  'be',
  'bg',
  'bn',
  'ca',
  'cop',
  'cs',
  'cu',
  'cy',
  'da',
  'de-1901',
  'de-1996',
  'de-ch-1901',
  'el-monoton',
  'el-polyton',
  'en-gb',
  'en-us',
  'es',
  'et',
  'eu',
  'fi-x-school',
  'fi',
  'fr',
  'fur',
  'ga',
  'gl',
  'grc',
  'gu',
  'hi',
  'hr',
  'hsb',
  'hu',
  'hy',
  'ia',
  'id',
  'is',
  'it',
  'ka',
  'kmr',
  'kn',
  'la-x-classic',
  'la-x-liturgic',
  'la',
  'lt',
  'lv',
  'mk',
  'ml',
  'mn-cyrl-x-lmc',
  'mn-cyrl',
  'mr',
  'mul-ethi',
  'nb',
  'nl',
  'nn',
  'no',
  'oc',
  'or',
  'pa',
  'pi',
  'pl',
  'pms',
  'pt',
  'rm',
  'ro',
  'ru',
  'sa',
  'sh-cyrl',
  'sh-latn',
  'sk',
  'sl',
  'sq',
  'sr-cyrl',
  'sv',
  'ta',
  'te',
  'th',
  'tk',
  'tr',
  'uk',
  'zh-latn-pinyin',
])

/**
 * Tags (lower case) whose pattern set is not found by trimming subtags. Commonwealth English
 * follows Oxford/Cambridge practice (en-GB patterns); German means the 1996 reformed spelling,
 * Swiss German included (it differs by ß, not by its division rules).
 */
const ALIASES: Record<string, string> = {
  en: 'en-us',
  'en-gb': 'en-gb',
  'en-uk': 'en-gb',
  'en-au': 'en-gb',
  'en-nz': 'en-gb',
  'en-ie': 'en-gb',
  'en-za': 'en-gb',
  'en-in': 'en-gb',
  de: 'de-1996',
  'de-ch': 'de-1996',
  'de-1901': 'de-1901',
  'de-ch-1901': 'de-ch-1901',
  el: 'el-monoton',
  mn: 'mn-cyrl',
  sr: 'sr-cyrl',
  'sr-latn': 'sh-latn',
  'sr-cyrl': 'sr-cyrl',
  fi: 'fi',
  // Chinese is not hyphenated: only its romanisation has patterns.
  zh: '',
}

/** Hyphenates one word; returns the UTF-16 offsets where a hyphen may go. */
export interface Hyphenator {
  /** The pattern set in use (`en-gb`, `de-1996`, …). */
  patterns: string
  /**
   * Break offsets inside `word` (a run of letters, no punctuation), after the rules above.
   * Offset `i` means "between `word[i - 1]` and `word[i]`". The array is shared: don't mutate.
   */
  points(word: string): readonly number[]
}

export type HyphenatorLookup = { ok: true; hyphenator: Hyphenator } | { ok: false; reason: string }

type HyphenateSync = (text: string) => string

const hyphenators = new Map<string, Hyphenator>()
/** `patternSetFor` by tag, as `hyphenatorFor` asked it (a book has one or a few tags). */
const setOfTag = new Map<string, string | undefined>()
const NONE: readonly number[] = Object.freeze([])
/** Beyond this many distinct words (a pathological input), a word cache starts afresh. */
const WORD_CACHE_LIMIT = 200_000

/** The pattern set for a BCP 47 tag, or undefined when none fits. */
export function patternSetFor(tag: string): string | undefined {
  const parts = tag.trim().toLowerCase().replace(/_/g, '-').split('-').filter(Boolean)
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('-')
    const alias = ALIASES[candidate]
    if (alias !== undefined) return alias === '' ? undefined : alias
    if (PATTERN_SETS.has(candidate)) return candidate
  }
  return undefined
}

/**
 * Languages whose words are never hyphenated, though written with spaces: Vietnamese, each
 * syllable a word of its own. (Thai, Lao, Khmer and Burmese, written without spaces between
 * words, are another matter: broken at spaces only, they do lack something, and are told so.)
 */
const NEVER_HYPHENATED = new Set(['vi'])

/** Whether a language is set without hyphenation by its own rules: nothing is missing. */
export function neverHyphenated(tag: string): boolean {
  return NEVER_HYPHENATED.has(tag.trim().toLowerCase().split(/[-_]/)[0] ?? '')
}

/** The cached hyphenator for a language, or why there is none. */
export function hyphenatorFor(tag: string): HyphenatorLookup {
  // Asked once a paragraph: the tag's set is worked out once.
  let set = setOfTag.get(tag)
  if (set === undefined && !setOfTag.has(tag)) {
    set = patternSetFor(tag)
    if (setOfTag.size >= 1_000) setOfTag.clear()
    setOfTag.set(tag, set)
  }
  if (set === undefined) {
    return {
      ok: false,
      reason: `no hyphenation patterns for language "${tag}": lines are broken at spaces only`,
    }
  }
  let hyphenator = hyphenators.get(set)
  if (!hyphenator) {
    const patterns = builtinHyphenation(set)
    if (patterns === undefined) {
      return {
        ok: false,
        reason: `the hyphenation patterns "${set}" were not given to this build (assets.hyphenation): lines are broken at spaces only`,
      }
    }
    hyphenator = makeHyphenator(set, patterns)
    hyphenators.set(set, hyphenator)
  }
  return { ok: true, hyphenator }
}

/**
 * Make the patterns for `tag` ready before layout asks for them synchronously: from
 * `assets.hyphenation` when it gives them (a browser hands them over this way), else the
 * platform finds them on first use (Node reads `node_modules`).
 */
export async function prepareHyphenation(tag: string, assets: Assets | undefined): Promise<void> {
  const set = patternSetFor(tag)
  if (set === undefined || hyphenators.has(set) || !assets?.hyphenation) return
  const given = await assets.hyphenation(set)
  // An ES module namespace (`await import('hyphen/patterns/en-us.js')`) carries them as `default`.
  const patterns = (given as { default?: unknown } | undefined)?.default ?? given
  if (patterns !== undefined && patterns !== null) hyphenators.set(set, makeHyphenator(set, patterns))
}

function makeHyphenator(set: string, patterns: unknown): Hyphenator {
  const hyphenate =
    patternMarkers(patterns) ??
    // A pattern set of another shape: the package's own hyphenator (synchronous, no HTML skipping:
    // we only ever pass bare words).
    createHyphenator(patterns, {
      hyphenChar: '\u00AD',
      minWordLength: HYPHENATION_MINIMUMS.word,
      html: false,
    })
  const cache = new Map<string, readonly number[]>()
  return {
    patterns: set,
    points(word) {
      let found = cache.get(word)
      if (found === undefined) {
        found = computePoints(word, hyphenate)
        if (cache.size >= WORD_CACHE_LIMIT) cache.clear()
        cache.set(word, found)
      }
      return found
    },
  }
}

/** A node of a `hyphen` pattern trie, by the next letter. */
type TrieNode = Record<string, unknown>

/**
 * Liang's pattern walk over a `hyphen` pattern set (`[levels table, trie, exceptions?]`), giving
 * for a bare word (letters and marks only: `computePoints` asks no other) exactly the soft hyphens
 * `hyphen`'s own hyphenator inserts (`hyphen/hyphen.js`, `hyphenateWord`, and its exceptions),
 * without that hyphenator's per-character reader, its copy of the word's tail at each position and
 * its type tests through `Object.prototype.toString`: a tenth of the time for a book's vocabulary.
 * Its quirks are kept (the word's levels are an array that a pattern may run past, and the last
 * two levels zeroed are the array's last then). Undefined for a set of another shape.
 */
export function patternMarkers(patterns: unknown): HyphenateSync | undefined {
  if (!Array.isArray(patterns) || !Array.isArray(patterns[0]) || !isTrie(patterns[1])) return undefined
  const table = patterns[0] as ArrayLike<number>[]
  const trie = patterns[1] as TrieNode
  const exceptions = isTrie(patterns[2]) ? (patterns[2] as Record<string, number[]>) : {}
  const own = Object.prototype.hasOwnProperty
  let flat: FlatTrie | undefined
  return (word) => {
    if (word.length < HYPHENATION_MINIMUMS.word) return word
    // `hyphen` looks the word up as written among its exceptions, then lower-cased.
    if (own.call(exceptions, word)) return insertHyphens(word, exceptions[word]!)
    const lowered = lowerCase(word)
    if (own.call(exceptions, lowered)) return insertHyphens(word, exceptions[lowered]!)
    flat ??= flatten(trie)
    return insertHyphens(word, liang(word, `.${lowered}.`, flat))
  }

  function liang(word: string, dotted: string, flat: FlatTrie): number[] {
    const { levels: rows, next: nexts } = flat
    const levels: number[] = new Array(word.length + 1).fill(0)
    // `hyphen` starts its patterns' levels at 0 for the first two positions (the dot, the first letter).
    for (let start = 0; start + 3 <= dotted.length; start++) {
      const at = start === 0 ? 0 : start - 1
      let node = 0
      for (let k = start; k < dotted.length && node >= 0; k++) {
        const step = stepOf(flat, node, dotted.charCodeAt(k))
        if (step < 0) break
        node = nexts[step]!
        const index = rows[step]!
        if (index < 0) continue
        const row = table[index]!
        for (let j = 0; j < row.length; j++) levels[at + j] = Math.max(row[j]!, levels[at + j]!)
      }
    }
    levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0
    const markers: number[] = []
    for (let i = 0; i < levels.length; i++) if ((levels[i]! & 1) === 1) markers.push(i)
    return markers
  }
}

/**
 * A `hyphen` trie as numbered nodes, each with its steps by UTF-16 code unit (the trie's objects,
 * looked up by a character string each, cost most of the walk): a step's pattern levels (an index
 * in the levels table, -1 none) and the node it leads to (-1: none, the walk stops at the next
 * letter). A key of other than one code unit is never looked up by `hyphen` and is left out. The
 * steps are found by (node, code unit) in one open-addressing table of typed arrays (`stepOf`),
 * not a map a node: a word's walk takes some fifty steps.
 */
interface FlatTrie {
  levels: number[]
  next: number[]
  /** Per slot: 1 + the node (0: empty), the code unit, the step. */
  slotNode: Int32Array
  slotUnit: Uint16Array
  slotStep: Int32Array
  mask: number
}

/** The step from `node` by code unit `c`, or -1. */
function stepOf(flat: FlatTrie, node: number, c: number): number {
  const { slotNode, mask } = flat
  for (let i = slotHash(node, c) & mask; ; i = (i + 1) & mask) {
    const n = slotNode[i]!
    if (n === 0) return -1
    if (n === node + 1 && flat.slotUnit[i] === c) return flat.slotStep[i]!
  }
}

function slotHash(node: number, c: number): number {
  return Math.imul(node, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b)
}

function flatten(root: TrieNode): FlatTrie {
  const children: Array<Map<number, number>> = []
  const flat = { levels: [] as number[], next: [] as number[] }
  const ids = new Map<TrieNode, number>()
  const queue: TrieNode[] = []
  const idOf = (node: TrieNode): number => {
    let id = ids.get(node)
    if (id === undefined) {
      id = children.length
      ids.set(node, id)
      children.push(new Map())
      queue.push(node)
    }
    return id
  }
  idOf(root)
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q]!
    const steps = children[ids.get(node)!]!
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (key.length !== 1 || value === undefined) continue
      // As `hyphen` reads a step: [subtrie, levels], levels alone, or a subtrie alone.
      let index = -1
      let next = -1
      if (Array.isArray(value)) {
        if (isTrie(value[0])) next = idOf(value[0] as TrieNode)
        if (typeof value[1] === 'number') index = value[1]
      } else if (typeof value === 'number') index = value
      else if (isTrie(value)) next = idOf(value as TrieNode)
      steps.set(key.charCodeAt(0), flat.levels.length)
      flat.levels.push(index)
      flat.next.push(next)
    }
  }
  // At most half full: a walk's step is found at its first or second probe.
  let size = 16
  while (size < 2 * flat.levels.length) size *= 2
  const table: FlatTrie = {
    ...flat,
    slotNode: new Int32Array(size),
    slotUnit: new Uint16Array(size),
    slotStep: new Int32Array(size),
    mask: size - 1,
  }
  children.forEach((steps, node) => {
    for (const [c, step] of steps) {
      let i = slotHash(node, c) & table.mask
      while (table.slotNode[i] !== 0) i = (i + 1) & table.mask
      table.slotNode[i] = node + 1
      table.slotUnit[i] = c
      table.slotStep[i] = step
    }
  })
  return table
}

function isTrie(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `word.toLocaleLowerCase()`, as `hyphen` looks words up: for a word of ASCII letters (most of
 * an English book's) `toLowerCase`, which gives the same where the default locale lowers 'I' to
 * 'i' (not Turkish or Azeri) and skips the locale's case rules.
 */
function lowerCase(word: string): string {
  if (ASCII_LOWERING) {
    let ascii = true
    for (let i = 0; i < word.length && ascii; i++) ascii = word.charCodeAt(i) < 0x80
    if (ascii) return word.toLowerCase()
  }
  return word.toLocaleLowerCase()
}
const ASCII_LOWERING =
  'I'.toLocaleLowerCase() === 'i' &&
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.toLocaleLowerCase() === 'abcdefghijklmnopqrstuvwxyz'

/** The word with a soft hyphen at each marker, as `hyphen` joins its slices. */
function insertHyphens(word: string, markers: readonly number[]): string {
  if (markers.length === 0) return word
  const parts = [word.slice(0, markers[0])]
  for (let i = 1; i < markers.length; i++) parts.push(word.slice(markers[i - 1], markers[i]))
  parts.push(word.slice(markers[markers.length - 1]))
  return parts.join('\u00AD')
}

const LETTERS = /^[\p{L}\p{M}]+$/u
const MARK = /\p{M}/u
const LOWER = /\p{Ll}/u

function computePoints(word: string, hyphenate: HyphenateSync): readonly number[] {
  if (!LETTERS.test(word)) return NONE
  const letters = countLetters(word, 0, word.length)
  if (letters < HYPHENATION_MINIMUMS.word) return NONE
  // ALL-CAPS words are acronyms or display text: an acronym is never divided.
  if (!LOWER.test(word)) return NONE
  const marked = hyphenate(word)
  if (marked.length === word.length) return NONE
  const points: number[] = []
  let offset = 0
  for (let i = 0; i < marked.length; i++) {
    if (marked[i] === '\u00AD') {
      if (
        offset > 0 &&
        offset < word.length &&
        !MARK.test(word[offset]!) &&
        countLetters(word, 0, offset) >= HYPHENATION_MINIMUMS.left &&
        countLetters(word, offset, word.length) >= HYPHENATION_MINIMUMS.right
      ) {
        points.push(offset)
      }
    } else {
      offset++
    }
  }
  // Kept per word for the render: a copy at its length, not the pushed array's spare capacity
  // (a first push makes room for 17 numbers).
  return points.length === 0 ? NONE : points.slice()
}

/** Letters (code points that are not combining marks) in word[from, to). */
function countLetters(word: string, from: number, to: number): number {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = word.charCodeAt(i)
    if (c >= 0xdc00 && c <= 0xdfff) continue // low surrogate: counted with its high half
    if (c >= 0x300 && MARK.test(word[i]!)) continue
    n++
  }
  return n
}

/**
 * Whether a space-delimited token may have pattern hyphens at all. Numbers, URLs, e-mail
 * addresses and paths are never divided by a hyphen (a reader would take it for part of them).
 * Capitalised words (proper nouns, sentence starts) may be, as TeX's `\uchyph=1` allows.
 */
export function tokenMayHyphenate(token: string): boolean {
  if (/\p{N}/u.test(token)) return false
  if (token.includes('://') || token.includes('@') || token.includes('/') || /^www\./i.test(token))
    return false
  return true
}
