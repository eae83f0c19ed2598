/**
 * A work's summary, notes and end notes as blocks for the preface and end notes pages: the
 * formatted content a reader kept from the archive's markup (`Metadata.formatted`), or the plain
 * text book.yaml gives, read the way people write it there: blank lines part paragraphs, and
 * Markdown's `*emphasis*`, `**strong**` (or with `_`), `[links](https://…)` and `\` escapes are
 * marks. Anything else is text as written; a marker with no partner stays a character. One pass
 * per level of nesting, each kind of marker searched for its partner to the end at most once, so a
 * run of lone asterisks costs time in proportion to its length, not its square.
 */
import type { BlockContent, Metadata, Paragraph, PhrasingContent, WorkText } from '../model/types.js'

/** The plain field each formatted entry goes with. */
type WorkField = keyof WorkText

/** A link book.yaml may give: the web and mail addresses a reader can follow. */
const LINKABLE = /^(?:https?:\/\/|mailto:)\S+$/i

const isSpace = (char: string | undefined) => char === undefined || /\s/.test(char)
const isWord = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char)

/** Inline content of a paragraph's text (or of a mark's inside). */
function inline(text: string): PhrasingContent[] {
  /** Per marker, the position from which it has no partner. */
  const failed = new Map<string, number>()
  const out: PhrasingContent[] = []
  let plain = ''
  const flush = () => {
    if (plain) out.push({ type: 'text', value: plain })
    plain = ''
  }
  /**
   * Where the partner of `marker` opened at `from` closes, or -1. Whether a marker can close
   * depends only on its neighbours, so once none can after some point, none can after any later.
   */
  const closer = (marker: string, from: number): number => {
    const start = from + marker.length
    if (start >= text.length || isSpace(text[start])) return -1
    if ((failed.get(marker) ?? Number.POSITIVE_INFINITY) <= start) return -1
    let at = start
    while (true) {
      const found = text.indexOf(marker, at + 1)
      if (found < 0) {
        failed.set(marker, start)
        return -1
      }
      const intraword = marker[0] === '_' && isWord(text[found + marker.length])
      if (!isSpace(text[found - 1]) && text[found - 1] !== '\\' && !intraword) return found
      at = found
    }
  }
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (char === '\\' && i + 1 < text.length && /[\\*_[\]()`]/.test(text[i + 1]!)) {
      plain += text[i + 1]
      i += 2
      continue
    }
    if ((char === '*' || char === '_') && text[i + 1] === char && text[i + 2] === char) {
      // `***both***`: strong emphasis, when it closes the same way.
      const end = char === '*' || !isWord(text[i - 1]) ? closer(char.repeat(3), i) : -1
      if (end > 0) {
        flush()
        const children = inline(text.slice(i + 3, end))
        out.push({ type: 'strong', children: [{ type: 'emphasis', children }] })
        i = end + 3
        continue
      }
    }
    if (char === '*' || char === '_') {
      const double = text[i + 1] === char
      const marker = double ? char + char : char
      // `_` opens only at the start of a word (snake_case stays as written).
      const opens = char === '*' || !isWord(text[i - 1])
      const end = opens ? closer(marker, i) : -1
      if (end > 0) {
        flush()
        const children = inline(text.slice(i + marker.length, end))
        out.push(double ? { type: 'strong', children } : { type: 'emphasis', children })
        i = end + marker.length
        continue
      }
      plain += marker
      i += marker.length
      continue
    }
    if (char === '[') {
      const link = /^\[([^\]\n]+)\]\(\s*(\S+?)\s*\)/.exec(text.slice(i, i + 2048))
      if (link && LINKABLE.test(link[2]!)) {
        flush()
        out.push({ type: 'link', url: link[2]!, children: inline(link[1]!) })
        i += link[0].length
        continue
      }
    }
    plain += char
    i++
  }
  flush()
  return out
}

/**
 * Paragraphs of book.yaml text: split on blank lines, each line break inside one a space, with
 * the marks described above.
 *
 * @example
 *   textBlocks('A *letter* goes missing.\n\nSee [the map](https://example.org/map).')
 */
export function textBlocks(text: string | undefined): BlockContent[] {
  return (text ?? '')
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter(Boolean)
    .map((p): Paragraph => ({ type: 'paragraph', children: inline(p) }))
}

/** The blocks of one of the work's texts: the formatted ones when the source kept them, else the plain text's. */
export function workBlocks(metadata: Metadata, field: WorkField): BlockContent[] {
  const formatted = metadata.formatted?.[field]
  if (formatted && formatted.length > 0) return formatted
  return textBlocks(metadata[field])
}
