/**
 * Recognise a scene-break line in plain text: `* * *`, `***`, `~~~`, `-----`, `___`, `#`,
 * `o0o`/`oOo`/`-o-`, and ornament lines such as `❧`, `§`, `+ + +`, `=====`, `<>` (often centred
 * with leading spaces). Lines that are dialogue or punctuation in prose ("...", "?!", `"—"`,
 * ":)") are not breaks, nor is a dash or two.
 */

/** Longest trimmed line we consider; ornaments are short. */
const MAX_LENGTH = 60

const HAS_WORD = /[\p{L}\p{N}]/u
const SPACES = /\s+/g
/** Quotes and brackets: a line of them is speech ("...", "!?") or an emoticon, not a break. */
const SPEECH = /["“”„‘’'«»‹›()[\]{}]/
const SENTENCE_PUNCTUATION = /^[.…?!,;:¿¡]+$/
const DASHES = /^[-‐‑‒–—―]+$/
const LETTER_ORNAMENT = /^(?:[oO0]*(?:o0|0o|O0|0O)[oO0]*|(?:oO)+o|(?:Oo)+O|(?:xX)+x|(?:Xx)+X)$/
const FLANKED_ORNAMENT = /^[^\p{L}\p{N}\s]+[oOxX0]{1,5}[^\p{L}\p{N}\s]+$/u

/** The marker as written (trimmed) when `line` is a scene break; otherwise `undefined`. */
export function sceneBreakMarker(line: string): string | undefined {
  const trimmed = line.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return undefined
  const compact = trimmed.replace(SPACES, '')
  if (HAS_WORD.test(compact)) {
    if (compact.length >= 3 && (LETTER_ORNAMENT.test(compact) || FLANKED_ORNAMENT.test(compact)))
      return trimmed
    return undefined
  }
  if (SPEECH.test(compact) || SENTENCE_PUNCTUATION.test(compact)) return undefined
  if (DASHES.test(compact)) return compact.length >= 3 ? trimmed : undefined
  return trimmed
}
