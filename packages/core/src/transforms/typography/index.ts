/**
 * The typography transform: curly quotes, dashes and ellipses in every piece of prose in the
 * book, in the book's language, never inside code.
 *
 * Each block of inline content (a paragraph, a heading, a title, all the lines of a verse, a
 * caption) is smartened as one string, read across its inline nodes, so that in `"*Hello*," she
 * said` the quote before the emphasis and the one after it are decided by the letters they touch.
 * The string work is `smarten` / `smartenRuns`, exported for other uses; the walk over the tree is
 * a table of handlers, one per node type that holds prose. A quote the evidence leaves open (see
 * smarten.ts) is still set, and reported as `typography-ambiguous-quote` (info) at its place in
 * the chapter's file, for `octavo check` to show.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import type {
  BlockContent,
  Chapter,
  Image,
  Metadata,
  Part,
  PhrasingContent,
  Root,
  Text,
} from '../../model/types.js'
import type { Transform } from '../types.js'
import { typographyCodes } from './codes.js'
import { en, type QuoteTable, quoteTableFor } from './languages.js'
import { type Run, type SmartenOptions, smarten, smartenRuns } from './smarten.js'

export { type QuoteTable, quoteTableFor, supportedLanguages } from './languages.js'
export {
  type AmbiguityReporter,
  type Run,
  type SmartenContext,
  type SmartenOptions,
  smarten,
  smartenRuns,
} from './smarten.js'

export interface TypographyOptions extends SmartenOptions {
  /**
   * BCP 47 language whose quote table to use. Default: the book's `metadata.language`. A region
   * variant uses its base language's table (`en-GB` → `en`); a language without a table uses
   * English, with an info diagnostic.
   */
  language?: string
  /** Also smarten the book's title, subtitle, description, dedication and series name. Default true. */
  metadata?: boolean
}

/**
 * Smarten quotes, dashes and ellipses in all text outside code.
 *
 * @example
 *   const { book } = await loadBook('my-novel/', {
 *     transforms: [typography({ language: 'de', dashes: false })],
 *   })
 */
export function typography(options: TypographyOptions = {}): Transform {
  // The codes this transform raises; loading its table is what defines them.
  void typographyCodes
  return (tree: Root, file: SourceFile) => {
    const language = options.language ?? tree.metadata.language ?? 'en'
    let table = quoteTableFor(language)
    if (!table) {
      file.message(
        'typography-unknown-language',
        `No quotation-mark rules for language \`${language}\`; using English quotes`,
        undefined,
        'typography',
      )
      table = en
    }
    const state: State = { table, options, file, chapterFile: undefined }
    if (options.metadata !== false) smartenMetadata(tree.metadata, state)
    for (const child of tree.children) {
      if (child.type === 'part') part(child, state)
      else chapter(child, state)
    }
  }
}

interface State {
  table: QuoteTable
  options: SmartenOptions
  /** Where diagnostics go, and the path of the chapter being read (they name it). */
  file: SourceFile
  chapterFile: string | undefined
}

function part(node: Part, state: State): void {
  if (node.title) inline(node.title, state)
  for (const child of node.children) chapter(child, state)
}

function chapter(node: Chapter, state: State): void {
  state.chapterFile = node.file
  if (node.title) inline(node.title, state)
  if (node.subtitle) inline(node.subtitle, state)
  blocks(node.children, state)
}

function smartenMetadata(metadata: Metadata, state: State): void {
  const one = (value: string) => smarten(value, state.table, {}, state.options)
  if (metadata.title) metadata.title = one(metadata.title)
  if (metadata.subtitle) metadata.subtitle = one(metadata.subtitle)
  if (metadata.description) metadata.description = one(metadata.description)
  if (metadata.dedication) metadata.dedication = one(metadata.dedication)
  if (metadata.series?.name) metadata.series.name = one(metadata.series.name)
  // Text of the generated pages (see transforms/front-matter.ts).
  if (metadata.epigraph?.text) {
    metadata.epigraph = {
      text: one(metadata.epigraph.text),
      ...(metadata.epigraph.source ? { source: one(metadata.epigraph.source) } : {}),
    }
  }
  if (metadata.aboutAuthor) metadata.aboutAuthor = one(metadata.aboutAuthor)
  if (metadata.alsoBy) metadata.alsoBy = metadata.alsoBy.map(one)
}

// ---------------------------------------------------------------- blocks

/** A handler smartens what a block holds itself and returns the block lists nested in it. */
type BlockHandler<T extends BlockContent> = (node: T, state: State) => BlockContent[][] | undefined
type BlockHandlers = { [K in BlockContent['type']]: BlockHandler<Extract<BlockContent, { type: K }>> }

/** One handler per block type; a new block type fails to compile until it is given one. */
const blockHandlers: BlockHandlers = {
  paragraph: (node, state) => inline(node.children, state),
  heading: (node, state) => inline(node.children, state),
  // A quotation may run over several lines of a poem: read the lines as one text, broken by newlines.
  verse: (node, state) => inline(node.children, state, true),
  figure: (node, state) => {
    image(node.image, state)
    if (node.caption) inline(node.caption, state)
    return undefined
  },
  blockquote: (node) => [node.children],
  list: (node) => node.children.map((item) => item.children),
  note: (node) => [node.children],
  footnoteDefinition: (node) => [node.children],
  sceneBreak: () => undefined,
  codeBlock: () => undefined,
  table: (node, state) => {
    if (node.caption) inline(node.caption, state)
    for (const row of node.children) for (const cell of row.children) inline(cell.children, state)
    return undefined
  },
}

function blocks(children: BlockContent[], state: State): void {
  // An explicit stack, not recursion, so a 10,000-deep blockquote cannot overflow.
  const stack: BlockContent[][] = [children]
  while (stack.length > 0) {
    const list = stack.pop()!
    for (let i = list.length - 1; i >= 0; i--) {
      const node = list[i]!
      const nested = (blockHandlers[node.type] as BlockHandler<BlockContent>)(node, state)
      if (nested) for (let k = nested.length - 1; k >= 0; k--) stack.push(nested[k]!)
    }
  }
}

function image(node: Image, state: State): void {
  if (node.alt) node.alt = smarten(node.alt, state.table, {}, state.options)
  if (node.title) node.title = smarten(node.title, state.table, {}, state.options)
}

// ---------------------------------------------------------------- inline content

/**
 * Smarten inline content as one string. Text nodes are the pieces written back; a break reads as
 * a newline, inline code and images as an opaque word, a footnote reference as nothing (it sits
 * after the word or quote it annotates and should not change how that reads).
 */
function inline(
  content: PhrasingContent[] | Array<{ children: PhrasingContent[] }>,
  state: State,
  lines = false,
): undefined {
  const runs: Run[] = []
  const targets: Array<Text | undefined> = []
  let texts = 0
  if (lines) {
    const verseLines = content as Array<{ children: PhrasingContent[] }>
    for (let i = 0; i < verseLines.length; i++) {
      if (i > 0) {
        runs.push('\n')
        targets.push(undefined)
      }
      texts += collect(verseLines[i]!.children, runs, targets, state)
    }
  } else texts = collect(content as PhrasingContent[], runs, targets, state)
  if (texts === 0) return undefined
  // Web and mail addresses are words to the quotes around them, and are left as written:
  // `https://t.co/AbC--xyz` is no dash, `a...b` no ellipsis.
  let kept: Map<number, string[]> | undefined
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i]
    if (typeof run !== 'string' || !mayHoldAddress(run)) continue
    const found: string[] = []
    const masked = run.replace(ADDRESS, (address) => {
      found.push(address)
      return MASK.repeat(address.length)
    })
    if (found.length === 0 || run.includes(MASK)) continue
    runs[i] = masked
    kept ??= new Map()
    kept.set(i, found)
  }
  const out = smartenRuns(runs, state.table, state.options, (offset) =>
    ambiguous(runs, targets, offset, state),
  )
  if (kept)
    for (const [i, found] of kept) {
      let k = 0
      out[i] = out[i]!.replace(MASKED, () => found[k++] ?? '')
    }
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i]
    if (target) target.value = out[i]!
  }
  return undefined
}

/** A web or mail address in running text (`https://…`, `www.…`, `name@host.tld`), less its end punctuation. */
const ADDRESS =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"“”‘’«»]*[^\s<>"“”‘’«».,;:!?)\]'*_]|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/giu
/** Stands for an address while the text is smartened: a word to its neighbours (private use). */
const MASK = '\uE000'
const MASKED = /\uE000+/g
const mayHoldAddress = (run: string) => run.includes('://') || run.includes('www.') || run.includes('@')

/**
 * Add the runs of `top` (and the text nodes they are written back to) in reading order; returns
 * how many are text nodes. Iterative, with a stack of lists and of the next index in each, so deep
 * nesting cannot overflow and a paragraph costs no closure or pair.
 */
function collect(
  top: PhrasingContent[],
  runs: Run[],
  targets: Array<Text | undefined>,
  state: State,
): number {
  let texts = 0
  const lists: PhrasingContent[][] = [top]
  const next: number[] = [0]
  while (lists.length > 0) {
    const depth = lists.length - 1
    const nodes = lists[depth]!
    const index = next[depth]!
    if (index >= nodes.length) {
      lists.pop()
      next.pop()
      continue
    }
    next[depth] = index + 1
    const node = nodes[index]!
    switch (node.type) {
      case 'text':
        runs.push(node.value)
        targets.push(node)
        texts++
        break
      case 'break':
        runs.push('\n')
        targets.push(undefined)
        break
      case 'code':
        runs.push(null)
        targets.push(undefined)
        break
      case 'image':
        runs.push(null)
        targets.push(undefined)
        image(node, state)
        break
      case 'footnoteReference':
        break
      case 'link':
        if (node.title) node.title = smarten(node.title, state.table, {}, state.options)
        lists.push(node.children)
        next.push(0)
        break
      default:
        lists.push(node.children)
        next.push(0)
    }
  }
  return texts
}

/** Report the quote at `offset` of the joined runs, at its place in the chapter's file. */
function ambiguous(runs: Run[], targets: Array<Text | undefined>, offset: number, state: State): void {
  let start = 0
  let r = 0
  for (; r < runs.length; r++) {
    const length = runs[r] === null ? 1 : runs[r]!.length
    if (offset < start + length) break
    start += length
  }
  const text = runs[r] ?? ''
  const at = offset - start
  // The word the quote begins, for the message: `'lection`.
  let end = at + 1
  while (end < text.length && end - at < 24 && /[\p{L}\p{N}'’-]/u.test(text[end]!)) end++
  const word = text.slice(at, end)
  const position = targets[r]?.position
  // Columns are exact when the text node holds one source line as it was written.
  let place: { line: number; column?: number } | undefined
  if (position) {
    const { start: from, end: to } = position
    const verbatim =
      from.line === to.line && (to.column - from.column === text.length || from.offset === undefined)
    place = verbatim ? { line: from.line, column: from.column + at } : { line: from.line }
  }
  state.file.messageIn(
    position?.file ?? state.chapterFile,
    'typography-ambiguous-quote',
    `\`${word}\`: the quote could open a quotation or stand for left-out letters; set as an opening quote. Write ’ (or ‘) in the source to say which`,
    place,
    'typography',
  )
}
