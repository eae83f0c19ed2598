/**
 * Manuscript lint for `octavo check`: the slips a copy editor catches that a compiler can see
 * mechanically, and only those it can see with confidence. Published texts are clean, so a rule
 * earns its place by staying quiet on them (at most one warning per 50,000 words on the corpus
 * books and the synthetic serial, asserted in test/lint) while finding the slips authors make:
 * a word lost after an opening quote, a doubled word, a quotation left open or closed without
 * opening, mismatched quote pairs, `--` left between words, a stray `*` or `_` from a lost
 * emphasis, an author's note in the middle of a chapter.
 *
 * Runs on the transformed tree; a paragraph that still holds straight quotes (typography off) is
 * read through the same smartening first, so the quote rules see what a reader would. Every rule
 * is declared in `lintRules` with an example that fires and one that must not (test/lint runs
 * both); each finding is a diagnostic on the chapter's file at the line and column of the slip.
 */

import { SourceFile } from './diagnostics/file.js'
import { lastAtMost } from './model/arrays.js'
import type { Chapter, Paragraph, PhrasingContent, Point, Text } from './model/types.js'
import { chaptersOf, visit } from './model/walk.js'
import type { Book } from './pipeline/book.js'
import { en, type QuoteTable, quoteTableFor } from './transforms/typography/languages.js'
import { smartenRuns } from './transforms/typography/smarten.js'

/** A lint rule's documentation: what it finds, and a chapter (plain text) on each side of it. */
export interface LintRule {
  code: LintCode
  /** What the rule finds, in a sentence. */
  finds: string
  /** A chapter in which the rule fires (once). */
  fires: string
  /** A chapter in which it must stay quiet: the nearest thing that is not a slip. */
  quiet: string
  /** How the examples are written: plain text (the default) or Markdown. */
  format?: 'text' | 'markdown'
}

export type LintCode =
  | 'lint-missing-word'
  | 'lint-repeated-word'
  | 'lint-unclosed-quote'
  | 'lint-unopened-quote'
  | 'lint-mismatched-quotes'
  | 'lint-double-hyphen'
  | 'lint-stray-emphasis-mark'
  | 'lint-author-note-inside'
  | 'lint-scene-break-styles'
  | 'lint-image-no-alt'

/** Every rule, with its two examples (the documentation `octavo check` is held to). */
export const lintRules: readonly LintRule[] = [
  {
    code: 'lint-missing-word',
    finds:
      'An opening quote followed by a space and a lower-case word: a word (often an italic one lost in an export) is missing.',
    fires:
      '"Explain what? You were kissing him Buffy!" Willow snapped, anger clear in her green eyes as she stared at the Slayer. " were kissing him. I knew you still felt something for him."',
    quiet: '"Off with her head!" the Queen said, and "quite" the day was done.',
  },
  {
    code: 'lint-repeated-word',
    finds: 'A word that is never doubled on purpose, doubled: "the the", "and and".',
    fires: 'She walked to the the door.',
    quiet: 'Let us hope that her being there may teach her her own insignificance; he had had enough.',
  },
  {
    code: 'lint-unclosed-quote',
    finds:
      'A quotation still open at the end of a paragraph that the next paragraphs neither continue nor close.',
    fires: '"I am going home, she said.\n\nNobody answered. Then he called, "Wait for me!"',
    quiet: '"I am going home.\n\n"And I shall stay there," she said.',
  },
  {
    code: 'lint-unopened-quote',
    finds: 'A closing quote with no opening quote before it, in the paragraph or in one it continues.',
    fires: 'He said hello," she told me.',
    quiet: '"Dear Sir,\n\nYours truly,\nA. Friend."\n\nShe folded the letter.',
  },
  {
    code: 'lint-mismatched-quotes',
    finds: 'A quotation opened with one kind of quote and closed with the other (“…’ or ‘…”).',
    fires: '"Come here,\' she said.',
    quiet: '"Come here," she said, "and bring the sailors\' chest."',
  },
  {
    code: 'lint-double-hyphen',
    finds: '`--` left between words where an em dash belongs (typography or its dashes turned off).',
    fires: 'She paused--then ran.',
    quiet: 'She paused—then ran; the rule ------ stays.',
  },
  {
    code: 'lint-stray-emphasis-mark',
    finds: 'A `*` or `_` against a word with no partner: the other half of an emphasis was lost.',
    fires: 'She was *so angry she could not speak.',
    quiet: 'Five * three is fifteen; the file is snake_case.txt; *sigh* she said.',
  },
  {
    code: 'lint-author-note-inside',
    finds: 'An author’s note (`A/N`) in the middle of a chapter, where it reads as part of the story.',
    // (A note with up to three paragraphs after it ends the chapter: the reader sets it apart.)
    fires:
      'The door opened.\n\nA/N: sorry for the late update!\n\nShe stepped inside.\n\nIt was dark.\n\nSomething moved.\n\nShe ran.',
    quiet:
      'The door opened.\n\nShe stepped inside, past the A/N sign on the wall.\n\nA/N: thanks for reading!',
  },
  {
    code: 'lint-scene-break-styles',
    finds: 'The manuscript mixes several scene-break styles.',
    fires: 'One.\n\n* * *\n\nTwo.\n\n~~~\n\nThree.',
    quiet: 'One.\n\n* * *\n\nTwo.\n\n* * *\n\nThree.',
  },
  {
    code: 'lint-image-no-alt',
    finds: 'An image has no alternative text.',
    fires: 'The island:\n\n![](map.png)',
    quiet: 'The island:\n\n![A map of the island, with the treasure marked](map.png)',
    format: 'markdown',
  },
]

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
  const fileFor = (chapter: Chapter | string) => {
    const path = typeof chapter === 'string' ? chapter : (chapter.file ?? '')
    let file = files.get(path)
    if (!file) {
      file = new SourceFile(path)
      files.set(path, file)
    }
    return file
  }
  const table = quoteTableFor(book.tree.metadata.language ?? 'en') ?? en
  const doubled = DOUBLED[table.language] ?? new Set<string>()
  const markers = new Map<string, { count: number; first: Chapter }>()
  for (const chapter of chaptersOf(book.tree)) {
    let file = fileFor(chapter)
    const quotes = new QuoteTracker(table, file)
    const last = chapter.children.length - 1
    visit(chapter, (node, parent) => {
      // A chapter joined from several files (a Scrivener chapter's scenes): each block's own.
      if (parent === chapter) {
        file = node.position?.file ? fileFor(node.position.file) : fileFor(chapter)
        quotes.file = file
      }
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
        const prose = Prose.of(node, table)
        const index = parent === chapter ? chapter.children.indexOf(node) : -1
        const middle = index > 0 && index < last
        lintParagraph(prose, file, doubled, middle)
        quotes.paragraph(prose)
        return false
      }
      return undefined
    })
    quotes.end()
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

// ---------------------------------------------------------------- a paragraph's text and places

/** A paragraph as one string (code excluded), smartened where it still holds straight quotes. */
class Prose {
  private constructor(
    readonly node: Paragraph,
    readonly text: string,
    readonly lostWord: RegExp | undefined,
    /** Start offset of each piece in `text`, and the text node it came from (if any). */
    private readonly starts: number[],
    private readonly nodes: Array<Text | undefined>,
  ) {}

  static of(node: Paragraph, table: QuoteTable): Prose {
    const runs: Array<string | null> = []
    const nodes: Array<Text | undefined> = []
    const stack: Array<[PhrasingContent[], number]> = [[node.children, 0]]
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!
      const [list, i] = frame
      if (i >= list.length) {
        stack.pop()
        continue
      }
      frame[1] = i + 1
      const child = list[i]!
      if (child.type === 'text') {
        runs.push(child.value)
        nodes.push(child)
      } else if (child.type === 'break') {
        runs.push('\n')
        nodes.push(undefined)
      } else if (child.type === 'code' || child.type === 'image') {
        runs.push(null)
        nodes.push(undefined)
      } else if ('children' in child) stack.push([child.children, 0])
    }
    const raw = runs.map((r) => r ?? '\uFFFC')
    // Typography off: read the quotes as the transform would have set them (nothing else).
    const joined = raw.join('')
    const pieces =
      joined.includes('"') || joined.includes("'")
        ? smartenRuns(runs, table, {
            dashes: false,
            ellipses: false,
            noBreakSpaces: false,
            hairSpaces: false,
            wordJoiners: false,
          }).map((p, k) => (runs[k] === null ? '\uFFFC' : p))
        : raw
    const starts: number[] = []
    let at = 0
    for (const p of pieces) {
      starts.push(at)
      at += p.length
    }
    return new Prose(node, pieces.join(''), lostWordPatterns(table), starts, nodes)
  }

  /** The source place of `offset`: exact where the text node is one source line as written. */
  place(offset: number): Point | { line: number } | undefined {
    const lo = lastAtMost(this.starts, offset)
    const node = this.nodes[lo]
    const position = node?.position ?? this.node.position
    if (!position) return undefined
    const { start, end } = position
    // Typography may have changed a node's length a little (`...` → `…`), never its lines: the
    // column is exact on a line without such changes before the slip, and near it otherwise.
    if (node && start.line === end.line) {
      return { line: start.line, column: Math.min(start.column + offset - this.starts[lo]!, end.column) }
    }
    return { line: start.line }
  }
}

// ---------------------------------------------------------------- rules within a paragraph

const lostWordCache = new WeakMap<QuoteTable, RegExp | undefined>()
function lostWordPatterns(table: QuoteTable): RegExp | undefined {
  if (!lostWordCache.has(table)) lostWordCache.set(table, lostWordPattern(table))
  return lostWordCache.get(table)
}

/**
 * Words whose doubling is a slip (`the the`), per language. Not words that double on purpose:
 * "had had", "that that", "teach her her own", "you you were", "ho ho", "will will", "came in
 * in about the nick", "what it is is".
 */
const DOUBLED: Record<string, ReadonlySet<string>> = {
  en: new Set(
    'the a an and of to at for with from into onto but or nor than was were are been being these those my our your their'.split(
      ' ',
    ),
  ),
  fr: new Set('le la les un une des du et au aux est'.split(' ')),
  de: new Set('der die das den dem des ein eine einen und zu ist'.split(' ')),
  es: new Set('el la los las un una unos unas y del al es'.split(' ')),
  it: new Set('il lo la gli le un una e del della è'.split(' ')),
}

const REPEATED = /(?<![\p{L}\p{N}’'-])(\p{L}+)[ \n\u00A0]+\1(?![\p{L}\p{N}’'-])/giu
const DOUBLE_HYPHEN = /[\p{L}\p{N},.;:!?’”)](?<dash> ?--(?!-) ?)[\p{L}\p{N}“‘(]/gu
const AUTHOR_NOTE = /^\s*[([]?\s*(?:A\/N\b|A\.N\.|AN:|Author[’']?s[’']? notes?\b)/i

/** An opening quote of the language, a plain space, a lower-case letter. */
function lostWordPattern(table: QuoteTable): RegExp | undefined {
  const closers = new Set([table.primary[1], table.secondary[1]])
  const opens = [table.primary[0], table.secondary[0]].filter((q) => !closers.has(q))
  return opens.length ? new RegExp(`[${opens.join('')}] +\\p{Ll}`, 'gu') : undefined
}

function lintParagraph(prose: Prose, file: SourceFile, doubled: ReadonlySet<string>, middle: boolean): void {
  const { text } = prose
  for (const m of prose.lostWord ? text.matchAll(prose.lostWord) : []) {
    const rest = /^. +(\p{Ll}[\p{L}’'-]*)/u.exec(text.slice(m.index, m.index + 40))
    file.message(
      'lint-missing-word',
      `"${text[m.index]} ${rest?.[1] ?? ''}": a quotation that begins with a space and a lower-case word; is a word missing?`,
      prose.place(m.index),
    )
  }
  for (const m of text.matchAll(REPEATED)) {
    const word = m[1]!
    if (!doubled.has(word.toLowerCase())) continue
    file.message('lint-repeated-word', `"${m[0].replace(/\s+/g, ' ')}": repeated word`, prose.place(m.index))
  }
  for (const m of text.matchAll(DOUBLE_HYPHEN)) {
    const at = m.index + 1 + (m.groups!.dash!.startsWith(' ') ? 1 : 0)
    file.message(
      'lint-double-hyphen',
      '`--` between words: an em dash (—) belongs here (typography or its dashes are turned off)',
      prose.place(at),
    )
  }
  strayMarks(prose, file)
  if (middle && AUTHOR_NOTE.test(text)) {
    file.message(
      'lint-author-note-inside',
      'an author’s note in the middle of the chapter reads as part of the story: move it to the start or the end',
      prose.place(text.length - text.trimStart().length),
    )
  }
}

/**
 * `*` or `_` touching a word on one side only is half an emphasis; pairs (`*sigh*`, kept on
 * purpose or escaped) and marks between spaces (`5 * 3`) or inside words (`snake_case`) are not.
 */
function strayMarks(prose: Prose, file: SourceFile): void {
  const { text } = prose
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c)
  for (const mark of ['*', '_']) {
    const open: number[] = []
    const lone: number[] = []
    for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + 1)) {
      const before = isWord(text[i - 1])
      const after = isWord(text[i + 1])
      if (before === after) continue
      if (after) open.push(i)
      else if (open.length > 0) open.pop()
      else lone.push(i)
    }
    for (const i of [...lone, ...open].sort((a, b) => a - b)) {
      file.message(
        'lint-stray-emphasis-mark',
        `a lone \`${mark}\` against a word: half of an emphasis may have been lost`,
        prose.place(i),
      )
    }
  }
}

// ---------------------------------------------------------------- quotations across paragraphs

/**
 * Follows quotations through a chapter. A paragraph that ends inside a quotation is continued
 * when the next one opens with a quote (the convention for speech over several paragraphs), or
 * closed later by a closing quote with no opening (a quoted letter or song set as its own
 * paragraphs); it was left open when a new quotation begins first, or the chapter ends.
 */
class QuoteTracker {
  private readonly dOpen: string
  private readonly dClose: string
  private readonly sOpen: string
  private readonly sClose: string
  /** The paragraph whose quotation is still open, where, and with which mark. */
  private pending: { prose: Prose; at: number; mark: string; file: SourceFile } | undefined

  constructor(
    table: QuoteTable,
    /** Where findings go: the file of the paragraph being read. */
    public file: SourceFile,
  ) {
    ;[this.dOpen, this.dClose] = table.primary
    ;[this.sOpen, this.sClose] = table.secondary
  }

  paragraph(prose: Prose): void {
    const { text } = prose
    // Speech over several paragraphs (or stanzas, with unquoted ones between) opens each with
    // the same quote again.
    const first = text.trimStart()[0]
    if (this.pending && first === this.pending.mark) this.pending = undefined
    const stack: Array<{ mark: string; at: number }> = []
    const same = this.dOpen === this.dClose || this.sOpen === this.sClose
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!
      if (c === this.dOpen && !(same && stack.at(-1)?.mark === c)) {
        if (this.pending) this.unclosed()
        // A verse line that opens with the quote again continues the quotation (a stanza).
        if (stack.at(-1)?.mark === c && text[i - 1] === '\n') continue
        stack.push({ mark: c, at: i })
      } else if (c === this.sOpen && c !== this.sClose) {
        stack.push({ mark: c, at: i })
      } else if (c === this.dClose) {
        const top = stack.at(-1)
        if (top?.mark === this.dOpen) stack.pop()
        else if (top?.mark === this.sOpen && stack.some((q) => q.mark === this.dOpen)) {
          // `“… took ‘Poleon himself …”`: the ‘ was an elision after all; the quotation closes.
          while (stack.at(-1)?.mark !== this.dOpen) stack.pop()
          stack.pop()
        } else if (top?.mark === this.sOpen) {
          this.file.message(
            'lint-mismatched-quotes',
            `a quotation opened with ${this.sOpen} is closed with ${this.dClose}`,
            prose.place(i),
          )
          stack.pop()
        } else if (this.pending) this.pending = undefined
        else
          this.file.message(
            'lint-unopened-quote',
            `${c} closes a quotation that was never opened`,
            prose.place(i),
          )
      } else if (c === this.sClose) {
        const top = stack.at(-1)
        if (top?.mark === this.sOpen) {
          // An apostrophe inside a word (`don’t`) or ending one (`sailors’`) keeps it open.
          if (!isLetter(text[i + 1])) stack.pop()
        } else if (
          top?.mark === this.dOpen &&
          /[,.!?;:—–]/.test(text[i - 1] ?? '') &&
          !isLetter(text[i + 1])
        ) {
          // `“Come here,’ she said`: only where nothing but a closing quote can stand.
          if (!text.includes(this.dClose, i)) {
            this.file.message(
              'lint-mismatched-quotes',
              `a quotation opened with ${this.dOpen} is closed with ${this.sClose}`,
              prose.place(i),
            )
            stack.pop()
          }
        }
      }
    }
    // Only a double quotation (or a single one where the writer uses no doubles) may run on.
    const open =
      stack.find((q) => q.mark === this.dOpen) ?? (text.includes(this.dOpen) ? undefined : stack[0])
    // A single quotation left open inside a pending double one is nested in it (a poem's stanzas).
    if (open && !(this.pending && open.mark !== this.dOpen)) {
      if (this.pending) this.unclosed()
      this.pending = { prose, at: open.at, mark: open.mark, file: this.file }
    }
  }

  /** The chapter ends: a quotation still open was never closed. */
  end(): void {
    if (this.pending) this.unclosed()
  }

  private unclosed(): void {
    const { prose, at, file } = this.pending!
    this.pending = undefined
    file.message(
      'lint-unclosed-quote',
      `the quotation opened here is not closed, and the next paragraph does not continue it`,
      prose.place(at),
    )
  }
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c)
}
