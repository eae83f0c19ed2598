/**
 * Words censored with an asterisk (`f*ck`, `sh*t`, `f**k`), as fan fiction writes them: CommonMark
 * pairs an asterisk between two letters with the next one, so `what the f*ck is this sh*t` turns
 * "ck is this sh" italic, silently. An emphasis (or strong) whose both delimiter runs stand between
 * letters, inside words, and whose stretch crosses a space is no emphasis an author typed: real
 * emphasis inside a word (`un*believ*able`, `**Bold**ly`) stays within the word, or opens or
 * closes at its edge. Such runs are read again as the asterisks they are: masked with a character
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
 * The offsets of the asterisks of every emphasis or strong in `root` that censors words rather
 * than emphasizes: both its delimiter runs between letters, a space between them.
 */
export function censoringAsterisks(root: Mdast.Root, source: string): number[] {
  // Cheap test first: most chapters have no asterisk between two letters.
  if (!/\p{L}\*{1,2}\p{L}/u.test(source)) return []
  const out: number[] = []
  const stack: Mdast.Nodes[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()!
    if ('children' in node) pushAll(stack, node.children as Mdast.Nodes[])
    if (node.type !== 'emphasis' && node.type !== 'strong') continue
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    const length = node.type === 'emphasis' ? 1 : 2
    if (start === undefined || end === undefined || end - start <= 2 * length) continue
    if (!betweenLetters(source, start, length) || !betweenLetters(source, end - length, length)) continue
    if (!SPACE.test(source.slice(start + length, end - length))) continue
    for (let k = 0; k < length; k++) out.push(start + k, end - length + k)
  }
  return out.sort((a, b) => a - b)
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
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const found = censoringAsterisks(current.root, text)
    if (found.length === 0) break
    text = masked(text, found)
    const again = reparse(text)
    if (!again) break
    pushAll(asterisks, found)
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
