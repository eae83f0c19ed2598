/**
 * Footnote references that name no definition. A `[^nope]` whose definition is missing (a typo,
 * a deleted note) is not a footnote to the Markdown parser: it stays in the text as written,
 * brackets and all. The reader says so once per label, at its first place, so the author can
 * find it; the text itself is kept, since the reader cannot know which note was meant.
 */
import type * as Mdast from 'mdast'
import type { SourceFile } from '../../diagnostics/file.js'
import { pointAt } from '../source.js'

/** `[^label]` as written, not escaped (`\[^x]` is the author's own literal brackets). */
const REFERENCE = /(?<!\\)\[\^([^\]\s]{1,200})\]/g

/** Report each undefined `[^label]` in the text nodes of `tree` once, with its line and column. */
export function reportUndefinedNotes(
  tree: Mdast.Root,
  source: string,
  file: SourceFile,
  origin: string,
): void {
  const reported = new Set<string>()
  const stack: Mdast.Nodes[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'text') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start === undefined || end === undefined || !node.value.includes('[^')) continue
      const raw = source.slice(start, end)
      for (const match of raw.matchAll(REFERENCE)) {
        const label = match[1]!
        if (reported.has(label.toLowerCase())) continue
        reported.add(label.toLowerCase())
        file.message(
          'md-footnote-undefined',
          `Footnote reference [^${label}] has no definition ([^${label}]: …); it is left as written`,
          pointAt(source, start + match.index),
          origin,
        )
      }
      continue
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!)
  }
}
