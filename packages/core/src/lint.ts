/**
 * Manuscript lint for `octavo check`: the slips a copy editor catches that a compiler can see
 * mechanically. Runs on the transformed tree (curly quotes make quote pairing unambiguous).
 * Each finding is a diagnostic on the chapter's file with the paragraph's position.
 */

import { SourceFile } from './diagnostics/file.js'
import type { Chapter, Paragraph, PhrasingContent } from './model/types.js'
import { chaptersOf, visit } from './model/walk.js'
import type { Book } from './pipeline/book.js'

/** Plain text of inline content, code excluded (it is not prose). */
function prose(children: PhrasingContent[]): string {
  let out = ''
  for (const node of children) {
    if (node.type === 'text') out += node.value
    else if (node.type === 'break') out += '\n'
    else if ('children' in node) out += prose(node.children)
  }
  return out
}

const SPEECH_VERBS = new Set(
  'said says asked asks replied replies answered whispered shouted cried called muttered murmured added continued began repeated yelled snapped sighed laughed exclaimed observed remarked returned interrupted screamed agreed admitted explained insisted suggested told thought wondered went goes came'.split(
    ' ',
  ),
)

/**
 * Lint the whole book; returns one SourceFile per chapter file that has findings.
 *
 * @example
 *   const { book } = await loadBook('my-novel/')
 *   for (const file of lintBook(book!)) {
 *     for (const d of file.messages) console.log(formatDiagnostic(d))
 *   }
 */
export function lintBook(book: Book): SourceFile[] {
  const files = new Map<string, SourceFile>()
  const fileFor = (chapter: Chapter) => {
    const path = chapter.file ?? ''
    let file = files.get(path)
    if (!file) {
      file = new SourceFile(path)
      files.set(path, file)
    }
    return file
  }
  const markers = new Map<string, { count: number; first: Chapter }>()
  for (const chapter of chaptersOf(book.tree)) {
    const file = fileFor(chapter)
    // A quotation may run over several paragraphs: each opens with “ and only the last closes.
    let openCarried = false
    visit(chapter, (node) => {
      if (node.type === 'codeBlock') return false
      if (node.type === 'sceneBreak') {
        const marker = node.marker ?? '(rule)'
        const seen = markers.get(marker)
        if (seen) seen.count++
        else markers.set(marker, { count: 1, first: chapter })
      }
      if (node.type === 'image' && node.alt === undefined) {
        file.message('lint-image-no-alt', `image "${node.url}" has no alternative text`, node.position)
      }
      if (node.type === 'paragraph') {
        openCarried = lintParagraph(node, file, openCarried)
        return false
      }
      return undefined
    })
  }
  if (markers.size > 1) {
    const list = [...markers].map(([m, v]) => `"${m}" ×${v.count}`).join(', ')
    const first = [...markers.values()][1]!.first
    fileFor(first).message(
      'lint-scene-break-styles',
      `scene breaks are written in ${markers.size} styles: ${list}`,
    )
  }
  return [...files.values()].filter((f) => f.messages.length > 0)
}

function lintParagraph(node: Paragraph, file: SourceFile, openCarried: boolean): boolean {
  const text = prose(node.children)
  let depth = 0
  let unmatchedClose = false
  for (const ch of text) {
    if (ch === '“') depth++
    else if (ch === '”') {
      if (depth > 0) depth--
      else if (!openCarried) unmatchedClose = true
    }
  }
  const startsWithOpen = text.trimStart().startsWith('“')
  if (unmatchedClose) {
    file.message(
      'lint-unbalanced-quotes',
      'a closing quote has no opening quote in this paragraph',
      node.position,
    )
  }
  // An unclosed quote is fine only when the next paragraph continues the quotation; we cannot see
  // the next paragraph here, so carry the state and report when the continuation does not come.
  if (openCarried && !startsWithOpen) {
    file.message(
      'lint-unbalanced-quotes',
      'the previous paragraph opens a quotation that is never closed',
      node.position,
    )
  }
  for (const m of text.matchAll(/\b(\p{L}+)\s+\1\b/giu)) {
    const word = m[1]!
    if (word.length < 2 && !/^[aI]$/i.test(word)) continue
    if (
      /^(had|that|is|do|bye|no|yes|very|so|ha|oh|ah|knock|far|now|well|there|again|more|on|many|round|over|little)$/i.test(
        word,
      )
    )
      continue
    file.message('lint-repeated-word', `"${m[0]}": repeated word`, node.position)
  }
  for (const m of text.matchAll(/”\s+(\p{Ll}+)/gu)) {
    const next = m[1]!
    if (
      SPEECH_VERBS.has(next) ||
      /^(he|she|they|i|we|you|it|his|her|their|my|and|but|or|as|then|with|from|in|to|for|of|at|said)$/.test(
        next,
      )
    )
      continue
    file.message('lint-missing-word', `“…” followed by "${next}": is a word missing?`, node.position)
  }
  return depth > 0
}
