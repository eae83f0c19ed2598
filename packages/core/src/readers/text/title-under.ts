/**
 * A chapter's title on its own line under a heading that has none ("Chapter One", then "The
 * Beginning" on the next line or after a blank line, both often centred). Parts take theirs the
 * same way (`isSubtitle` in `index.ts`). The line must read as a title, not as the story's first
 * paragraph: short, no sentence-ending or clause punctuation at its end, not dialogue, not a
 * scene break, a heading or an author's note, and standing alone (a blank line or the end of the
 * file under it), so a file of one paragraph a line never gives its first sentence.
 */
import { parseHeading, unwrapTitle } from '../heading.js'
import { noteLabel } from './notes.js'
import { sceneBreakMarker } from './scene-break.js'

/** Longest title taken from the line under a heading, in characters and in words. */
const MAX_LENGTH = 60
const MAX_WORDS = 10
/** A quotation as the whole line: a title ("The Letter") when it is words, not speech. */
const QUOTED = /^["“'‘«](.*)["”'’»]$/u

/** Where a line's title is (`start`, `end`: indices in the line), or undefined when it is none. */
export function titleLineSpan(line: string, language = 'en'): { start: number; end: number } | undefined {
  const start = line.length - line.trimStart().length
  const end = line.trimEnd().length
  const text = line.slice(start, end)
  if (text.length === 0 || text.length > MAX_LENGTH) return undefined
  if (sceneBreakMarker(text) !== undefined || noteLabel(text) !== undefined) return undefined
  if (parseHeading(text, language) !== undefined) return undefined
  const inner = unwrapTitle(text)
  const title = text.slice(inner.start, inner.end)
  if (title.split(/\s+/).length > MAX_WORDS) return undefined
  // "It was cold." "Run!" "Well," "Why?" "Don't--": the story's own sentences, not a title;
  // nor is a line with a sentence ending inside it ("She stopped. "Wait"").
  if (/[.!?,;:…\-–—]["”’'»)\]]*$/u.test(title) || /\p{Ll}[.!?]["”’'»)\]]*\s/u.test(title)) return undefined
  const quoted = QUOTED.exec(title)
  if (quoted) {
    // "Harry" alone is a call, "The Letter" a title; a comma inside is speech.
    const words = quoted[1]!.trim()
    if (words.split(/\s+/).length < 2 || /[,.!?;]/.test(words) || !/^\p{Lu}/u.test(words)) return undefined
  } else if (!/^[\p{Lu}\p{Lt}\p{N}]/u.test(title) && !/^[\p{Lo}]/u.test(title)) return undefined
  return { start: start + inner.start, end: start + inner.end }
}

/**
 * The title line under the heading at line `at` (0-based), looking no further than line `to`
 * (exclusive): the next line, or the first after one or two blank lines, when it reads as a
 * title, stands alone, and the chapter's text follows it.
 */
export function titleUnder(
  lines: readonly string[],
  at: number,
  to: number,
  language = 'en',
): { line: number; start: number; end: number } | undefined {
  let i = at + 1
  while (i < to && i - at <= 3 && lines[i]!.trim() === '') i++
  if (i >= to || i - at > 3) return undefined
  if (i + 1 < to && lines[i + 1]!.trim() !== '') return undefined
  // A chapter of one short line ("The End") keeps it as its text.
  let body = i + 1
  while (body < to && lines[body]!.trim() === '') body++
  if (body >= to) return undefined
  const span = titleLineSpan(lines[i]!, language)
  return span && { line: i, ...span }
}
