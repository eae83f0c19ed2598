/**
 * A micromark extension that makes GFM footnotes linear. `micromark-extension-gfm-footnote` keeps
 * the identifiers of the definitions seen so far in `parser.gfmFootnotes`, a plain array, and
 * calls `includes` on it for every definition and every reference: a chapter of 100,000 footnotes
 * made 10^10 string comparisons (minutes, then out of memory). This extension's only construct
 * runs before the footnote constructs at every `[` and replaces that array with a list answering
 * `includes` from a Set; it then declines, so it consumes nothing and changes no parse.
 */
import type { gfm } from 'micromark-extension-gfm'

/** micromark's extension shape, from the one `gfm()` returns (its types package is not a dependency). */
type Extension = ReturnType<typeof gfm>
type State = (code: number | null) => unknown

/** The two operations the footnote extension uses, answered in constant time. */
class FootnoteIdentifiers {
  private readonly seen = new Set<string>()

  constructor(existing: Iterable<string>) {
    for (const id of existing) this.seen.add(id)
  }

  includes(id: string): boolean {
    return this.seen.has(id)
  }

  push(...ids: string[]): number {
    for (const id of ids) this.seen.add(id)
    return this.seen.size
  }
}

interface FootnoteParser {
  gfmFootnotes?: Iterable<string> | FootnoteIdentifiers
}

const install = {
  name: 'octavoFootnoteIndex',
  tokenize(this: { parser: unknown }, _effects: unknown, _ok: State, nok: State): State {
    const parser = this.parser as FootnoteParser
    if (!(parser.gfmFootnotes instanceof FootnoteIdentifiers))
      parser.gfmFootnotes = new FootnoteIdentifiers(parser.gfmFootnotes ?? [])
    return (code) => nok(code)
  },
}

/** Add after `gfm()` in `extensions`: later extensions' constructs are tried first. */
export function footnoteIndex(): Extension {
  return { document: { 91: install }, text: { 91: install } } as unknown as Extension
}
