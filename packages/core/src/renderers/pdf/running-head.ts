/**
 * Fitting a running head to its measure. A head too long for the line is cut at a word and
 * ends in an ellipsis; the cut is found by bisection, so a 10,000-character title costs a
 * dozen measurements, not one per character (it was quadratic per page: ~17 s for one book).
 */

/**
 * The longest start of `text` that, followed by "…", is at most `maxWidth` wide as `widthOf`
 * measures it, cut after a whole word when one ends in its last third, without the punctuation
 * that word ends with (`TRAILING`); `text` itself when it fits. Never splits a surrogate pair.
 * Keeps at least one character.
 */
export function fitRunningHead(text: string, maxWidth: number, widthOf: (s: string) => number): string {
  if (widthOf(text) <= maxWidth) return text
  const chars = Array.from(text)
  const fits = (n: number) => widthOf(`${chars.slice(0, n).join('').trimEnd()}…`) <= maxWidth
  // Largest n with fits(n): widths grow with n (advances are never negative in a book face).
  let lo = 1
  let hi = chars.length - 1
  if (!fits(lo)) return `${chars[0] ?? ''}…`
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  let shown = chars.slice(0, lo).join('')
  // Prefer a cut between words, unless that throws away more than a third of the head.
  const space = shown.lastIndexOf(' ')
  if (space > 0 && space >= (shown.length * 2) / 3 && /\S/.test(chars[lo] ?? ' '))
    shown = shown.slice(0, space)
  // The ellipsis ends the head: a comma, colon or dash before it ("LONG,…") is dropped, and so
  // is an opening bracket or quote with nothing after it.
  const bare = shown.replace(TRAILING, '')
  return `${bare || shown.trimEnd()}…`
}

/** What a cut head does not end with before its ellipsis: spaces, , ; : dashes, opening marks. */
const TRAILING = /[\s,;:\u060C\u3001\uFF0C\uFF1A\uFF1B\u2010-\u2015\p{Ps}\p{Pi}-]+$/u
