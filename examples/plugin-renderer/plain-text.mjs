/**
 * Example 4: a third-party renderer. It registers the format `txt`: the book as plain UTF-8 text,
 * wrapped at 72 columns, with chapter titles underlined. Load it with `plugins:` in book.yaml or
 * `octavo build --plugin ./plain-text.mjs --format txt`.
 */
import { chapterLabel, chaptersOf, toText } from '@octavo/core'

function wrap(text, width = 72) {
  const lines = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  if (line) lines.push(line)
  return lines.join('\n')
}

function blockText(node) {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return wrap(toText(node.children))
    case 'sceneBreak':
      return '                                  * * *'
    case 'verse':
      return node.children.map((line) => `    ${toText(line.children)}`).join('\n')
    case 'blockquote':
    case 'note':
    case 'listItem':
    case 'list':
      return node.children.map(blockText).join('\n\n')
    case 'codeBlock':
      return node.value
    default:
      return ''
  }
}

/** @type {import('@octavo/core').Renderer} */
export const plainTextRenderer = {
  name: 'txt',
  extension: '.txt',
  mediaType: 'text/plain',
  description: 'Plain text, 72 columns (example plugin)',
  async render(tree) {
    const { metadata } = tree
    const parts = [metadata.title.toUpperCase(), `by ${metadata.authors.map((a) => a.name).join(', ')}`, '']
    for (const chapter of chaptersOf(tree)) {
      const title = chapterLabel(chapter)
      parts.push('', title, '='.repeat(Math.min(72, title.length)), '')
      parts.push(chapter.children.map(blockText).filter(Boolean).join('\n\n'))
    }
    return new TextEncoder().encode(`${parts.join('\n')}\n`)
  },
}

export const renderers = [plainTextRenderer]
