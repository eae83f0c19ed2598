/**
 * The manuscript tree as Markdown that Octavo's Markdown reader reads back to the same chapters
 * and words: the chapter heading as `# Label Numeral: Title`, emphasis, strong, links, images,
 * footnotes as `[^id]`, scene breaks as `* * *`, GFM tables, `~~delete~~`, `~sub~`, `^sup^`;
 * marks Markdown has no syntax for as the HTML the reader maps back to them (`<u>`,
 * `<span class="smallcaps">`), and author's notes as pandoc's fenced divs (`::: note` … `:::`),
 * their placement stated only where the reader would not infer it. The language of parts is
 * pandoc's too: a span as `[mot]{lang=fr}`, paragraphs in another language or direction inside
 * `::: {lang=fr}` … `:::` (a run of them in one).
 * Text is escaped so a word never turns into markup. Walks with an explicit depth bound: block
 * nesting in a real manuscript is shallow, and a deeper tree is flattened rather than recursed.
 */
import { pushAll } from '../model/arrays.js'
import { numberedLabel, titledLabel } from '../model/labels.js'
import type { BlockContent, Chapter, Note, Paragraph, PhrasingContent } from '../model/types.js'
import { toText } from '../model/walk.js'

const MAX_DEPTH = 64

/** How an image's book path becomes the written file's reference (`../images/map.png`). */
export type ImageRef = (url: string) => string

/** The chapter heading as written: label, numeral and title. */
export function headingText(chapter: Chapter): string {
  const numeral =
    chapter.numeral ?? (chapter.label && chapter.number !== undefined ? String(chapter.number) : undefined)
  const lead = chapter.label ? numberedLabel(chapter.label, numeral) : (numeral ?? '')
  const title = chapter.title ? inline(chapter.title, (u) => u) : ''
  return lead && title ? titledLabel(lead, title) : lead || title
}

export function chapterMarkdown(chapter: Chapter, image: ImageRef): string {
  const out: string[] = []
  const heading = headingText(chapter)
  if (heading) out.push(`# ${heading}`)
  if (chapter.subtitle) out.push(`## ${inline(chapter.subtitle, image)}`)
  const notes: string[] = []
  const inferred = inferredPlacements(chapter.children)
  const story = chapter.children.filter((block) => block.type !== 'footnoteDefinition')
  for (const block of chapter.children)
    if (block.type === 'footnoteDefinition') notes.push(footnote(block, image))
  pushAll(
    out,
    blocksText(story, (block) =>
      block.type === 'note' ? noteText(block, image, 0, inferred.get(block)) : blockText(block, image, 0),
    ),
  )
  return `${[...out, ...notes].filter((b) => b !== '').join('\n\n')}\n`
}

/**
 * Blocks written one by one, and each run of paragraphs in the same other language or direction
 * inside one fenced div (`::: {lang=fr}`), which the reader gives each paragraph in it.
 */
function blocksText(blocks: readonly BlockContent[], write: (block: BlockContent) => string): string[] {
  const out: string[] = []
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i]!
    const attributes = block.type === 'paragraph' ? languageAttributes(block) : ''
    if (!attributes) {
      out.push(write(block))
      i++
      continue
    }
    const run: string[] = []
    for (; i < blocks.length; i++) {
      const next = blocks[i]!
      if (next.type !== 'paragraph' || languageAttributes(next) !== attributes) break
      run.push(write(next))
    }
    out.push([`::: {${attributes}}`, ...run, ':::'].join('\n\n'))
  }
  return out
}

/** A paragraph's or span's language and direction as pandoc's attributes: `lang=he dir=rtl`. */
function languageAttributes(node: Pick<Paragraph, 'lang' | 'dir'>): string {
  const parts: string[] = []
  if (node.lang) parts.push(`lang=${node.lang}`)
  if (node.dir) parts.push(`dir=${node.dir}`)
  return parts.join(' ')
}

function footnote(block: Extract<BlockContent, { type: 'footnoteDefinition' }>, image: ImageRef): string {
  const body = blocksText(block.children, (b) => blockText(b, image, 1)).join('\n\n')
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
      return prefix(blocksText(block.children, (b) => blockText(b, image, depth + 1)).join('\n\n'), '> ')
    case 'note':
      return noteText(block, image, depth, 'inline')
    case 'verse':
      return block.children
        .map((line) => `${escapeBlock(inline(line.children, image))}\\`)
        .join('\n')
        .replace(/\\$/, '')
    case 'list':
      return block.children
        .map((item, i) => {
          const marker = block.ordered ? `${(block.start ?? 1) + i}. ` : '- '
          const body = blocksText(item.children, (b) => blockText(b, image, depth + 1)).join('\n\n')
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

/**
 * Where the Markdown reader places a note it reads at the top of a chapter: before any story it
 * opens the chapter, after all of it it closes it, otherwise it is inline (footnotes are no story).
 */
function inferredPlacements(children: readonly BlockContent[]): Map<BlockContent, Note['placement']> {
  const story = children.map((c) => c.type !== 'note' && c.type !== 'footnoteDefinition')
  const first = story.indexOf(true)
  const last = story.lastIndexOf(true)
  const out = new Map<BlockContent, Note['placement']>()
  children.forEach((child, i) => {
    if (child.type === 'note')
      out.set(child, first === -1 || i < first ? 'start' : i > last ? 'end' : 'inline')
  })
  return out
}

/** An author's note as a fenced div; `inferred` is the placement the reader would give it unsaid. */
function noteText(
  note: Note,
  image: ImageRef,
  depth: number,
  inferred: Note['placement'] | undefined,
): string {
  const open = note.placement === inferred ? '::: note' : `::: {.note placement="${note.placement}"}`
  const body = blocksText(
    note.children.flatMap((b) => (b.type === 'note' ? b.children : [b])),
    (b) => blockText(b, image, depth + 1),
  ).filter((b) => b !== '')
  return [open, ...body, ':::'].join('\n\n')
}

function prefix(text: string, mark: string): string {
  if (!mark) return text
  return text
    .split('\n')
    .map((l) => (l ? mark + l : mark.trimEnd()))
    .join('\n')
}

/** Marks with a Markdown syntax (`*x*`, `**x**`, `~~x~~`, `~x~`, `^x^`), and their HTML forms. */
const markdownMarks = {
  emphasis: { mark: '*', html: ['<em>', '</em>'] },
  strong: { mark: '**', html: ['<strong>', '</strong>'] },
  delete: { mark: '~~', html: ['<s>', '</s>'] },
  subscript: { mark: '~', html: ['<sub>', '</sub>'] },
  superscript: { mark: '^', html: ['<sup>', '</sup>'] },
} as const

/** Where inline content sits: the Markdown-syntax marks around it, and whether one encloses it directly. */
interface InlineContext {
  open: ReadonlySet<string>
  inMarkdownMark: boolean
}

export function inline(
  nodes: PhrasingContent[],
  image: ImageRef,
  context: InlineContext = { open: new Set(), inMarkdownMark: false },
): string {
  let out = ''
  // The previous sibling was written with Markdown delimiters (`*a**b*` would pair them wrongly).
  let afterDelimiter = false
  nodes.forEach((node, i) => {
    let delimited = false
    switch (node.type) {
      case 'text':
        out += escapeInline(node.value)
        break
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'subscript':
      case 'superscript': {
        const { mark, html } = markdownMarks[node.type]
        const atEdge = context.inMarkdownMark && (i === 0 || i === nodes.length - 1)
        const script = node.type === 'subscript' || node.type === 'superscript'
        const only = node.children.length === 1 ? node.children[0] : undefined
        // Delimiters pair by Markdown's rules, not by the tree's: where they could pair with
        // others (the same mark around it, delimiters touching) the HTML form says it exactly.
        // Pandoc's `~x~` and `^x^` hold one run of text without spaces.
        const useHtml =
          context.open.has(node.type) ||
          atEdge ||
          afterDelimiter ||
          (script && !(only?.type === 'text' && /^[^\s~^]+$/.test(only.value)))
        if (useHtml) {
          const inner = inline(node.children, image, { open: context.open, inMarkdownMark: false })
          out += htmlMark(html[0], html[1], inner)
        } else {
          const open = new Set(context.open).add(node.type)
          out += wrap(mark, inline(node.children, image, { open, inMarkdownMark: true }))
          delimited = true
        }
        break
      }
      case 'smallCaps':
        out += htmlMark(
          '<span class="smallcaps">',
          '</span>',
          inline(node.children, image, { ...context, inMarkdownMark: false }),
        )
        break
      case 'underline':
        out += htmlMark('<u>', '</u>', inline(node.children, image, { ...context, inMarkdownMark: false }))
        break
      case 'span': {
        const content = inline(node.children, image, { ...context, inMarkdownMark: false })
        const attributes = languageAttributes(node)
        out += content === '' || !attributes ? content : `[${content}]{${attributes}}`
        break
      }
      case 'link':
        out += `[${inline(node.children, image, { ...context, inMarkdownMark: false })}](<${node.url.replace(/[<>]/g, encodeURIComponent)}>)`
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
    afterDelimiter = delimited
  })
  return out
}

/** Markup around content; spaces at its edges move outside, where Markdown needs them. */
function wrap(mark: string, content: string): string {
  const lead = /^\s*/.exec(content)![0]
  const trail = /\s*$/.exec(content.slice(lead.length))![0]
  const core = content.slice(lead.length, content.length - trail.length)
  return core ? `${lead}${mark}${core}${mark}${trail}` : content
}

/** A mark as raw HTML, which the reader pairs back into the same node; empty content is no mark. */
function htmlMark(open: string, close: string, content: string): string {
  return content === '' ? '' : `${open}${content}${close}`
}

function escapeInline(text: string): string {
  // `&` too: `&amp;` written as text would read back as `&`.
  return text.replace(/[\\`*_[\]<>~^|&]/g, '\\$&').replace(/\n/g, ' ')
}

/** A paragraph's start that Markdown would read as a heading, list, quote, rule or table. */
function escapeBlock(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s*)([#>+=-])/, '$1\\$2')
        .replace(/^(\s*\d+)([.)])/, '$1\\$2')
        // `:::` opens or closes a fenced div (an author's note).
        .replace(/^(\s*):(?=::)/, '$1\\:'),
    )
    .join('\n')
}
