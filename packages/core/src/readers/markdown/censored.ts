/**
 * Words censored with an asterisk (`f*ck`, `sh*t`, `f**k`), as fan fiction writes them: CommonMark
 * pairs an asterisk between two letters with the next one, so `what the f*ck is this sh*t` turns
 * "ck is this sh" italic, silently. An emphasis (or strong) whose both delimiter runs stand between
 * letters, inside words, and whose stretch crosses a space is no emphasis an author typed: real
 * emphasis inside a word (`un*believ*able`, `**Bold**ly`) stays within the word, or opens or
 * closes at its edge. A run inside a word can also end an emphasis early (`*italic with f*ck
 * inside*` italicizes "italic with f"): it is a censoring one when, masked, it lets the emphasis
 * pair across it. Such runs are read again as the asterisks they are: masked with a character
 * of the same length that pairs with nothing, the text parsed again (the parse is the same for
 * the fast parser and micromark, so is this), and the mask put back in the tree's strings.
 * Positions hold, as the mask takes the asterisk's place.
 */
import type * as Mdast from 'mdast'
import { pushAll } from '../../model/arrays.js'

/** What stands for a censoring asterisk while the text is parsed again: a private-use character. */
const MASK = '\uE000'

/** Rounds of masking: the asterisks freed by one may pair across words again (rare), not forever. */
const MAX_ROUNDS = 3

const LETTER_BEFORE = /\p{L}$/u
const LETTER_AFTER = /^\p{L}/u
const SPACE = /\s/

/** A delimiter run made only of `length` asterisks, with a letter on either side, at `at`. */
function betweenLetters(source: string, at: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (source[at + k] !== '*') return false
  return (
    LETTER_BEFORE.test(source.slice(Math.max(0, at - 2), at)) &&
    LETTER_AFTER.test(source.slice(at + length, at + length + 2))
  )
}

/**
 * An asterisk run inside a word that closed (or opened) an emphasis whose other end stands at a
 * word's edge: `*italic with f*ck inside*` ends the italic at "f". It may be the author's
 * emphasis (`**Bold**ly`) or a censored word inside one (`*F*ck*`); which, the parse with it
 * masked tells: whether the delimiter at the edge (`outer`) then pairs with another across it.
 */
interface Loose {
  /** The offsets of the run inside the word. */
  asterisks: number[]
  /** The offset of the emphasis's delimiter run at a word's edge. */
  outer: number
  /** Whether that run opened the emphasis (else it closed it). */
  opens: boolean
}

/** What `findCensoring` found in one tree. */
interface Found {
  /** Asterisks that censor for sure: both runs of their emphasis between letters, a space between. */
  sure: number[]
  /** Runs inside words that broke an emphasis around them, or that are emphasis (`Loose`). */
  loose: Loose[]
}

/**
 * The offsets of the asterisks of every emphasis or strong in `root` that censors words rather
 * than emphasizes: both its delimiter runs between letters, a space between them.
 */
export function censoringAsterisks(root: Mdast.Root, source: string): number[] {
  return findCensoring(root, source).sure
}

function findCensoring(root: Mdast.Root, source: string): Found {
  const found: Found = { sure: [], loose: [] }
  // Cheap test first: most chapters have no asterisk between two letters.
  if (!/\p{L}\*{1,2}\p{L}/u.test(source)) return found
  const stack: Mdast.Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) pushAll(stack, node.children as Mdast.Nodes[])
    if (node.type !== 'emphasis' && node.type !== 'strong') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    const length = node.type === 'emphasis' ? 1 : 2
    if (start === undefined || end === undefined || end - start <= 2 * length) continue
    const opening = betweenLetters(source, start, length)
    const closing = betweenLetters(source, end - length, length)
    if (opening && closing) {
      if (!SPACE.test(source.slice(start + length, end - length))) continue
      for (let k = 0; k < length; k++) found.sure.push(start + k, end - length + k)
    } else if ((opening || closing) && source[start] === '*') {
      const inside = opening ? start : end - length
      found.loose.push({
        asterisks: Array.from({ length }, (_, k) => inside + k),
        outer: opening ? end - length : start,
        opens: closing,
      })
    }
  }
  found.sure.sort((a, b) => a - b)
  return found
}

/** The offset of every asterisk or underscore that delimits an emphasis or strong in `root`. */
function delimiters(root: Mdast.Root): Set<number> {
  const out = new Set<number>()
  const stack: Mdast.Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) pushAll(stack, node.children as Mdast.Nodes[])
    if (node.type !== 'emphasis' && node.type !== 'strong') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) continue
    const length = node.type === 'emphasis' ? 1 : 2
    for (let k = 0; k < length; k++) out.add(start + k).add(end - length + k)
  }
  return out
}

/**
 * Whether `root` (parsed with the run masked) has an emphasis or strong from the delimiter run at
 * `loose.outer` across the run, to an asterisk that paired with nothing before (`was`, the
 * delimiters of the tree before): the stray asterisk the censored word left (`inside*`), not
 * another emphasis's (`*Bold*ly … wo*rd*` stays as it is).
 */
function pairsAcross(root: Mdast.Root, loose: Loose, was: ReadonlySet<number>): boolean {
  const at = loose.asterisks[0]!
  const stack: Mdast.Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) pushAll(stack, node.children as Mdast.Nodes[])
    if (node.type !== 'emphasis' && node.type !== 'strong') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined || start >= at || end <= at) continue
    const length = node.type === 'emphasis' ? 1 : 2
    if (loose.opens ? start !== loose.outer : end - length !== loose.outer) continue
    const other = loose.opens ? end - length : start
    let stray = true
    for (let k = 0; k < length; k++) if (was.has(other + k)) stray = false
    if (stray) return true
  }
  return false
}

/** What reading the censoring asterisks as text did: the tree, and where the words so censored are. */
export interface Uncensored<T> {
  parsed: T
  /** The offset of each censored word's asterisks (none when there were none). */
  words: number[]
}

/**
 * The tree of `source` with censoring asterisks read as text: `parsed` as it was when there are
 * none, else `reparse` of the text with them masked (undefined when it cannot: then `parsed`).
 * A run inside a word that broke an emphasis around it (`Loose`) is masked only when the
 * emphasis then pairs across it; each round tries them all, and again without those that did
 * not (masking one can change how another pairs), so a few parses at most.
 */
export function uncensor<T extends { root: Mdast.Root }>(
  parsed: T,
  source: string,
  reparse: (text: string) => T | undefined,
): Uncensored<T> {
  if (source.includes(MASK)) return { parsed, words: [] }
  let current = parsed
  let text = source
  const asterisks: number[] = []
  // Runs inside words found to be emphasis after all, by their first asterisk's offset.
  const emphasis = new Set<number>()
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = findCensoring(current.root, text)
    let loose = found.loose.filter((run) => !emphasis.has(run.asterisks[0]!))
    let again: T | undefined
    let offsets: number[] = []
    let was: Set<number> | undefined
    for (;;) {
      offsets = [...found.sure, ...loose.flatMap((run) => run.asterisks)].sort((a, b) => a - b)
      if (offsets.length === 0) break
      again = reparse(masked(text, offsets))
      if (!again || loose.length === 0) break
      const tree = again.root
      was ??= delimiters(current.root)
      const kept = loose.filter((run) => pairsAcross(tree, run, was!))
      if (kept.length === loose.length) break
      for (const run of loose) if (!kept.includes(run)) emphasis.add(run.asterisks[0]!)
      loose = kept
      again = undefined
    }
    if (!again) break
    text = masked(text, offsets)
    pushAll(asterisks, offsets)
    current = again
  }
  if (current !== parsed) unmask(current.root)
  asterisks.sort((a, b) => a - b)
  // `f**k` is one word of two asterisks.
  return { parsed: current, words: asterisks.filter((at, i) => asterisks[i - 1] !== at - 1) }
}

function masked(text: string, offsets: readonly number[]): string {
  let out = ''
  let from = 0
  for (const at of offsets) {
    out += `${text.slice(from, at)}${MASK}`
    from = at + 1
  }
  return out + text.slice(from)
}

/** Every string of the tree with the mask back as the asterisk it stands for. */
function unmask(root: Mdast.Root): void {
  const stack: Mdast.Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()! as unknown as Record<string, unknown>
    for (const key of Object.keys(node)) {
      const value = node[key]
      if (typeof value === 'string' && value.includes(MASK)) node[key] = value.replaceAll(MASK, '*')
    }
    if (Array.isArray(node.children)) pushAll(stack, node.children as Mdast.Nodes[])
  }
}
