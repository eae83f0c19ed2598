/**
 * The manuscript tree as Markdown that Octavo's Markdown reader reads back to the same chapters
 * and words: the chapter heading as `# Label Numeral: Title`, emphasis, strong, links, images,
 * footnotes as `[^id]`, scene breaks as `* * *`, GFM tables, `~~delete~~`, `~sub~`, `^sup^`.
 * Text is escaped so a word never turns into markup. Walks with an explicit depth bound: block
 * nesting in a real manuscript is shallow, and a deeper tree is flattened rather than recursed.
 */
import type { BlockContent, Chapter, PhrasingContent } from '../model/types.js'
import { toText } from '../model/walk.js'

const MAX_DEPTH = 64

/** How an image's book path becomes the written file's reference (`../images/map.png`). */
export type ImageRef = (url: string) => string

/** The chapter heading as written: label, numeral and title. */
export function headingText(chapter: Chapter): string {
  const lead = [
    chapter.label,
    chapter.numeral ?? (chapter.label && chapter.number !== undefined ? String(chapter.number) : undefined),
  ]
    .filter(Boolean)
    .join(' ')
  const title = chapter.title ? inline(chapter.title, (u) => u) : ''
  return lead && title ? `${lead}: ${title}` : lead || title
}

export function chapterMarkdown(chapter: Chapter, image: ImageRef): string {
  const out: string[] = []
  const heading = headingText(chapter)
  if (heading) out.push(`# ${heading}`)
  if (chapter.subtitle) out.push(`## ${inline(chapter.subtitle, image)}`)
  const notes: string[] = []
  for (const block of chapter.children) {
    if (block.type === 'footnoteDefinition') notes.push(footnote(block, image))
    else out.push(blockText(block, image, 0))
  }
  return `${[...out, ...notes].filter((b) => b !== '').join('\n\n')}\n`
}

function footnote(block: Extract<BlockContent, { type: 'footnoteDefinition' }>, image: ImageRef): string {
  const body = block.children.map((b) => blockText(b, image, 1)).join('\n\n')
  const [first = '', ...rest] = body.split('\n')
  return [`[^${block.identifier}]: ${first}`, ...rest.map((l) => (l ? `    ${l}` : l))].join('\n')
}

function blockText(block: BlockContent, image: ImageRef, depth: number): string {
  if (depth > MAX_DEPTH) return escapeBlock(toText([block as never]))
  switch (block.type) {
    case 'paragraph':
      return escapeBlock(inline(block.children, image))
    case 'heading':
      return `${'#'.repeat(block.depth)} ${inline(block.children, image)}`
    case 'sceneBreak':
      return '* * *'
    case 'blockquote':
    case 'note':
      return prefix(
        block.children.map((b) => blockText(b, image, depth + 1)).join('\n\n'),
        block.type === 'note' ? '' : '> ',
      )
    case 'verse':
      return block.children
        .map((line) => `${escapeBlock(inline(line.children, image))}\\`)
        .join('\n')
        .replace(/\\$/, '')
    case 'list':
      return block.children
        .map((item, i) => {
          const marker = block.ordered ? `${(block.start ?? 1) + i}. ` : '- '
          const body = item.children.map((b) => blockText(b, image, depth + 1)).join('\n\n')
          return marker + body.split('\n').join(`\n${' '.repeat(marker.length)}`)
        })
        .join('\n')
    case 'figure': {
      const alt = block.caption ? toText(block.caption) : (block.image.alt ?? '')
      return `![${escapeInline(alt)}](${image(block.image.url)})`
    }
    case 'codeBlock':
      return `\`\`\`\`${block.lang ?? ''}\n${block.value}\n\`\`\`\``
    case 'table': {
      const rows = block.children.map(
        (row) =>
          `| ${row.children.map((cell) => inline(cell.children, image).replace(/\|/g, '\\|')).join(' | ')} |`,
      )
      const width = Math.max(1, ...block.children.map((r) => r.children.length))
      const rule = `|${' --- |'.repeat(width)}`
      const head = block.children[0]?.head ? 1 : 0
      const lines = head ? [rows[0]!, rule, ...rows.slice(1)] : [`|${'   |'.repeat(width)}`, rule, ...rows]
      return lines.join('\n')
    }
    case 'footnoteDefinition':
      return footnote(block, image)
    default:
      return ''
  }
}

function prefix(text: string, mark: string): string {
  if (!mark) return text
  return text
    .split('\n')
    .map((l) => (l ? mark + l : mark.trimEnd()))
    .join('\n')
}

export function inline(nodes: PhrasingContent[], image: ImageRef): string {
  let out = ''
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += escapeInline(node.value)
        break
      case 'emphasis':
        out += wrap('*', inline(node.children, image))
        break
      case 'strong':
        out += wrap('**', inline(node.children, image))
        break
      case 'smallCaps':
      case 'underline':
        out += inline(node.children, image)
        break
      case 'delete':
        out += wrap('~~', inline(node.children, image))
        break
      case 'subscript':
        out += wrap('~', inline(node.children, image))
        break
      case 'superscript':
        out += wrap('^', inline(node.children, image))
        break
      case 'link':
        out += `[${inline(node.children, image)}](<${node.url.replace(/[<>]/g, encodeURIComponent)}>)`
        break
      case 'break':
        out += '\\\n'
        break
      case 'footnoteReference':
        out += `[^${node.identifier}]`
        break
      case 'code': {
        const fence = node.value.includes('`') ? '`` ' : '`'
        out += fence + node.value + fence.split('').reverse().join('')
        break
      }
      case 'image':
        out += `![${escapeInline(node.alt ?? '')}](${image(node.url)})`
        break
    }
  }
  return out
}

/** Markup around content; spaces at its edges move outside, where Markdown needs them. */
function wrap(mark: string, content: string): string {
  const lead = /^\s*/.exec(content)![0]
  const trail = /\s*$/.exec(content.slice(lead.length))![0]
  const core = content.slice(lead.length, content.length - trail.length)
  return core ? `${lead}${mark}${core}${mark}${trail}` : content
}

function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>~^|]/g, '\\$&').replace(/\n/g, ' ')
}

/** A paragraph's start that Markdown would read as a heading, list, quote, rule or table. */
function escapeBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)([#>+=-])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2'))
    .join('\n')
}
