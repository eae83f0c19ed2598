/**
 * Recognising a scene-break line or paragraph, in every format: `* * *`, `***`, `~~~`, `-----`,
 * `___`, `#`, `o0o`/`oOo`/`xXx`/`-o-`, ornaments such as `❧`, `§`, `+ + +`, `=====`, `<>` (often
 * centred with leading spaces), and a break said in words, `[scene break]`, `~Line Break~`,
 * `(time skip)`. Lines that are dialogue or punctuation in prose ("...", "?!", `"—"`, ":)") are
 * not breaks, nor is a dash or two. The text reader reads lines with it; the HTML, Markdown and
 * office readers a paragraph's text (or a Markdown paragraph's source, where `~o~` was read as
 * a subscript and `***Line Break***` as bold italics).
 */

/** Longest trimmed line we consider; ornaments are short (a row of 72 tildes is one). */
const MAX_LENGTH = 80

const HAS_WORD = /[\p{L}\p{N}]/u
/** An emoji drawn as one (😀, ❤️): a reply in a text message, not an ornament (♥ and ❦ are). */
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u
const SPACES = /\s+/g
/** Quotes and brackets: a line of them is speech ("...", "!?") or an emoticon, not a break. */
const SPEECH = /["“”„‘’'«»‹›()[\]{}]/
const SENTENCE_PUNCTUATION = /^[.…?!,;:¿¡]+$/
const DASHES = /^[-‐‑‒–—―]+$/
const LETTER_ORNAMENT = /^(?:[oO0]*(?:o0|0o|O0|0O)[oO0]*|(?:oO)+o|(?:Oo)+O|(?:xX)+x|(?:Xx)+X)$/
const FLANKED_ORNAMENT = /^[^\p{L}\p{N}\s]+[oOxX0]{1,5}[^\p{L}\p{N}\s]+$/u
/**
 * A break written as words, alone on its line, bare or bracketed or decorated: "Scene Break",
 * "[line break]", "~*~Time Skip~*~", "(POV change)", "-Page Break-".
 */
const SAID =
  /^[^\p{L}\p{N}]*(?:scene|line|page|section|time|pov)[\s_-]?(?:break|change|skip|switch|shift)[^\p{L}\p{N}]*$/iu

const CENTRED = /^(?:\[center\]|<center>)\s*(.*?)\s*(?:\[\/center\]|<\/center>)$/i

/** The marker as written (trimmed) when `line` is a scene break; otherwise `undefined`. */
export function sceneBreakMarker(line: string): string | undefined {
  const trimmed = line.trim()
  if (trimmed.length === 0 || trimmed.length > MAX_LENGTH) return undefined
  // Centred by a forum's or a page's markup: `[center]* * *[/center]`, `<center>~~~</center>`.
  const centred = CENTRED.exec(trimmed)
  if (centred) return sceneBreakMarker(centred[1]!) === undefined ? undefined : trimmed
  const compact = trimmed.replace(SPACES, '')
  if (HAS_WORD.test(compact)) {
    if (compact.length >= 3 && (LETTER_ORNAMENT.test(compact) || FLANKED_ORNAMENT.test(compact)))
      return trimmed
    if (SAID.test(trimmed)) return trimmed
    return undefined
  }
  if (SPEECH.test(compact) || SENTENCE_PUNCTUATION.test(compact) || EMOJI.test(compact)) return undefined
  if (DASHES.test(compact)) return compact.length >= 3 ? trimmed : undefined
  return trimmed
}

/** True when `text` (a paragraph's) is only a scene-break marker. */
export function isOrnament(text: string): boolean {
  return sceneBreakMarker(text) !== undefined
}
