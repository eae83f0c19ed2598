/**
 * Metadata as the package can carry it: every string stripped of characters XML cannot hold and
 * trimmed, empty names and subjects dropped, a title and language always present. EPUBCheck
 * rejects an empty `dc:creator` or `meta`, and a name made only of control characters is empty.
 */

import { cleanText } from '../../escape-xml.js'
import { defaultIdentifier } from '../../manifest/metadata.js'
import type { BlockContent, Metadata } from '../../model/types.js'
import { toText } from '../../model/walk.js'
import { workBlocks } from '../../transforms/work-text.js'

function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  return cleanText(value) || undefined
}

/** Multi-line values (description, dedication) keep their line breaks. */
function cleanLines(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  const lines = value.split(/\r?\n/).map(cleanText).filter(Boolean)
  return lines.length > 0 ? lines.join('\n') : undefined
}

/** The words of blocks, a paragraph (or heading, list item…) to a line. */
function blocksText(blocks: readonly BlockContent[]): string[] {
  return blocks.flatMap((block) => {
    if (block.type === 'paragraph' || block.type === 'heading') return [toText(block.children)]
    if (block.type === 'codeBlock') return [block.value]
    return 'children' in block ? blocksText(block.children as BlockContent[]) : []
  })
}

/**
 * The description as the package's plain text: book.yaml's is read as the preface page reads it
 * (`*italics*`, `**bold**` and `[links](…)` are marks, README), so its marks are left out and a
 * link is its words; a source's formatted summary gives its words. A paragraph to a line.
 */
function plainDescription(m: Metadata): string | undefined {
  if (!m.description && !m.formatted?.description) return undefined
  return blocksText(workBlocks(m, 'description')).join('\n')
}

export function cleanMetadata(m: Metadata): Metadata {
  const identifier = clean(m.identifier.value)
  const out: Metadata = {
    ...m,
    // A blank identifier (possible through the API) would be an empty dc:identifier, which
    // EPUBCheck rejects: the book gets the identifier it would have had without one.
    identifier: identifier
      ? { ...m.identifier, value: identifier }
      : defaultIdentifier(
          m.title,
          m.authors.map((a) => a.name),
        ),
    title: clean(m.title) ?? 'Untitled',
    language: clean(m.language) ?? 'und',
    authors: m.authors.flatMap((a) => {
      const name = clean(a.name)
      if (!name) return []
      const fileAs = clean(a.fileAs)
      return [{ name, ...(fileAs ? { fileAs } : {}) }]
    }),
    contributors: m.contributors.flatMap((c) => {
      const name = clean(c.name)
      if (!name) return []
      const fileAs = clean(c.fileAs)
      return [{ name, role: c.role, ...(fileAs ? { fileAs } : {}) }]
    }),
    subjects: m.subjects.map((s) => clean(s)).filter((s): s is string => !!s),
  }
  for (const key of ['fandoms', 'relationships', 'characters', 'tags'] as const) {
    const list = m[key]?.map((s) => clean(s)).filter((s): s is string => !!s)
    if (list && list.length > 0) out[key] = list
    else delete out[key]
  }
  const optional = [
    'subtitle',
    'publisher',
    'date',
    'rights',
    'edition',
    'cover',
    'published',
    'updated',
  ] as const
  for (const key of optional) {
    const value = clean(m[key])
    if (value) out[key] = value
    else delete out[key]
  }
  const description = cleanLines(plainDescription(m))
  if (description) out.description = description
  else delete out.description
  const dedication = cleanLines(m.dedication)
  if (dedication) out.dedication = dedication
  else delete out.dedication
  // `dc:source` takes a web address only; anything else (possible through the API) is left out.
  const source = clean(m.source)
  if (source && /^https?:\/\/\S+$/i.test(source)) out.source = source
  else delete out.source
  const seriesName = clean(m.series?.name)
  if (m.series && seriesName) out.series = { ...m.series, name: seriesName }
  else delete out.series
  return out
}
