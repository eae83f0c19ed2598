/**
 * Paragraph layouts kept between renders of the same book (watch mode: `Env.memo`). A
 * paragraph's lines depend only on its spec (runs, measure, indent, alignment, language,
 * looseness), the faces and their files, the hyphenation patterns and the breaker's parameters
 * (see `prebreak.ts`), so a rebuild after an edit takes the layout of every paragraph whose spec
 * equals one the last render set, and breaks only the others: those of the edited chapter, and
 * any the page rules set another way. The file is byte for byte the one a fresh render writes.
 *
 * What the spec does not hold is the memo's identity (`layoutIdentity`): the faces' names and
 * files, the content of the author's font files, the breaker's parameters and the assets the
 * render was handed. A render whose identity differs (another face, a font file edited in place)
 * finds nothing and keeps its own layouts instead. Only the last render's layouts are kept: a
 * paragraph deleted from the book is forgotten at the next rebuild, so the memo is never larger
 * than one book's layouts, nor than `MEMO_LIMITS` (each volume of a split book has its own memo:
 * `splitVolumes`). A render that fails leaves the last good
 * one's in place.
 */

import type { Assets, Deflating, Threads } from '../../env.js'
import { contentKey } from '../../hash.js'
import type { Node } from '../../model/types.js'
import type { Tally } from './coverage.js'
import type { FontSet } from './fonts.js'
import { BREAK_PARAMETERS, FONT_EXPANSION, LETTER_SPACING } from './layout/break.js'
import type { ParagraphLayout, ParagraphSpec, StyledRun } from './layout/types.js'
import type { Settings } from './options.js'
import { keyOf, sameSpec } from './prebreak.js'
import type { LayoutShare } from './typeset.js'

/**
 * How much a memo keeps: layouts of at most about this many lines (each with its spec). War and
 * Peace's 18,000 paragraphs are 63,000 lines, some 45–55 MB kept; the 2-million-word serial's
 * 213,000 lines would be 180 MB. A book past the limit keeps its first paragraphs' layouts, and
 * the rest is broken again at each rebuild. Mutable for tests.
 */
export const MEMO_LIMITS = { lines: 150_000 }

/** The `Env.memo` entry the layouts are kept under. */
export const LAYOUT_MEMO = 'pdf:paragraph-layouts'

/** A spec (a copy: the caller's runs may change later) and the layout made for it. */
type SpecLayout = [ParagraphSpec, ParagraphLayout]
/** Layouts by `keyOf` their spec. */
type Records = Map<string, SpecLayout[]>

/** What a render keeps for the next with the identity it had (`layoutIdentity`, `assets`). */
interface Identified {
  identity: string
  assets: Assets | undefined
}

/** What the last render kept under `key`, when its identity is this one's; else undefined. */
function keptWith<T extends Identified>(
  memo: Map<string, unknown>,
  key: string,
  identity: string,
  assets: Assets | undefined,
): T | undefined {
  const kept = memo.get(key) as T | undefined
  return kept && kept.identity === identity && kept.assets === assets ? kept : undefined
}

interface Kept extends Identified {
  records: Records
}

/** Figures of a render's memo (tests, the benchmark). */
export interface LayoutMemoStats {
  /** Paragraph layouts taken from the last render's. */
  taken: number
  /** Layouts this render broke itself (or had from another thread) and kept for the next. */
  made: number
}

/**
 * What decides a layout besides its spec, as a string: the settings' font option, each face
 * used (its registered name and file), the author's font files' content, the breaker's
 * parameters and the language.
 */
export function layoutIdentity(
  settings: Pick<Settings, 'font'>,
  fonts: FontSet,
  fontFiles: ReadonlyMap<string, Uint8Array>,
  language: string,
): string {
  const faces: string[] = []
  for (const set of [fonts.primary, fonts.fallback, ...fonts.cjk])
    for (const face of Object.values(set)) faces.push(`${face.name}|${face.file ?? ''}`)
  const files = [...fontFiles].map(([path, bytes]) => `${path}|${contentKey(bytes)}`).sort()
  return JSON.stringify([
    settings.font,
    faces,
    files,
    language,
    BREAK_PARAMETERS,
    LETTER_SPACING,
    FONT_EXPANSION,
  ])
}

/**
 * The layouts of the last render with this identity, offered to this one (`take`), and this
 * render's, kept for the next (`keep`, once it has ended).
 */
export class LayoutMemo implements LayoutShare {
  readonly stats: LayoutMemoStats = { taken: 0, made: 0 }
  /** The last render's layouts, when its identity is this one's. */
  private readonly last: Records | undefined
  private readonly next: Records = new Map()
  /** Lines of the layouts in `next`. */
  private lines = 0
  /** The last render's records this one has taken. */
  private readonly taken = new Set<SpecLayout>()

  /** Another share (a thread setting paragraphs ahead), asked for what the memo has not. */
  inner: LayoutShare | undefined

  constructor(
    private readonly memo: Map<string, unknown>,
    private readonly identity: string,
    private readonly assets: Assets | undefined,
  ) {
    this.last = keptWith<Kept>(memo, LAYOUT_MEMO, identity, assets)?.records
  }

  /** Whether this render's layouts have reached `MEMO_LIMITS`: the rest are not kept. */
  get full(): boolean {
    return this.lines >= MEMO_LIMITS.lines
  }

  /** Whether the last render left layouts this one can take. */
  get warm(): boolean {
    return this.last !== undefined && this.last.size > 0
  }

  chapter(index: number): boolean {
    return this.inner ? this.inner.chapter(index) : true
  }

  take(spec: ParagraphSpec): ParagraphLayout | undefined {
    const key = keyOf(spec)
    const records = this.last?.get(key)
    if (records) {
      // Each taken once: two equal paragraphs get two layouts, as in a fresh render. The last
      // render's lists are left as they are, for the next render should this one fail.
      const record = records.find((r) => !this.taken.has(r) && sameSpec(r[0], spec))
      if (record) {
        this.taken.add(record)
        this.record(key, record)
        this.stats.taken++
        return record[1]
      }
    }
    const layout = this.inner?.take?.(spec)
    if (layout) this.made(spec, layout)
    return layout
  }

  made(spec: ParagraphSpec, layout: ParagraphLayout): void {
    this.stats.made++
    if (this.lines < MEMO_LIMITS.lines) this.record(keyOf(spec), [copySpec(spec), layout])
    this.inner?.made?.(spec, layout)
  }

  /** Keep this render's layouts for the next, in place of the last render's. */
  keep(): void {
    this.memo.set(LAYOUT_MEMO, {
      identity: this.identity,
      assets: this.assets,
      records: this.next,
    } satisfies Kept)
  }

  private record(key: string, record: SpecLayout): void {
    // Past the limit the rest of the book is not kept: broken again at each rebuild.
    if (this.lines >= MEMO_LIMITS.lines) return
    this.lines += record[1].lines.length
    const list = this.next.get(key)
    if (list) list.push(record)
    else this.next.set(key, [record])
  }
}

/**
 * A copy of a spec that shares no object with it: the runs are the caller's objects, which it may
 * change after a layout (the renderer's own code cuts a drop cap's letter from a copy, before),
 * and the kept spec must stay the one the layout was made for. By hand, not `structuredClone`:
 * that cost 0.1–0.2 s more over War and Peace's paragraphs, this about 30 ms of a profile. Every
 * object a spec or run holds is copied here (a test walks both).
 */
export function copySpec(spec: ParagraphSpec): ParagraphSpec {
  const copy: ParagraphSpec = { ...spec, runs: spec.runs.map(copyRun), lineWidths: spec.lineWidths.slice() }
  if (spec.letterSpacing) copy.letterSpacing = { ...spec.letterSpacing }
  if (spec.expansion) copy.expansion = { ...spec.expansion }
  return copy
}

function copyRun(run: StyledRun): StyledRun {
  const copy = { ...run }
  if (run.underline) copy.underline = { ...run.underline }
  if (run.strike) copy.strike = { ...run.strike }
  return copy
}

/** The `Env.memo` entry the streams' compressed bodies are kept under. */
export const DEFLATE_MEMO = 'pdf:deflated'

/**
 * Compressed bytes kept at most, in all: War and Peace's streams are some 6 MB compressed, the
 * serial's some 20 MB. Past it a stream is compressed again at each rebuild. Mutable for tests.
 */
export const DEFLATE_MEMO_LIMITS = { bytes: 64 << 20 }

/**
 * `threads` whose `deflate` answers from the last render's results (`Env.memo`) for bytes it
 * compressed before, at the same level: a rebuild's pages are mostly the last build's, byte for
 * byte, and each went to the compression thread again (War and Peace: a message each way per
 * page, some 60 ms of the main thread, and 0.7 s of the other core). Keyed by the SHA-1 of the
 * bytes; deflating is a function of them, so a kept result is the one the thread would give.
 * Only this render's results are kept for the next (`keep`), at most `DEFLATE_MEMO_LIMITS`.
 */
export class DeflateMemo {
  private readonly last: Map<string, Uint8Array> | undefined
  private readonly next = new Map<string, Uint8Array>()
  private bytes = 0
  /** Results taken from the last render's, and computed (tests, the benchmark). */
  readonly stats = { taken: 0, made: 0 }
  readonly threads: Threads

  constructor(
    private readonly memo: Map<string, unknown>,
    inner: Threads,
  ) {
    this.last = memo.get(DEFLATE_MEMO) as Map<string, Uint8Array> | undefined
    this.threads = {
      ...inner,
      deflate: (bytes, level, raw = false) => this.deflate(inner, bytes, level, raw),
    }
  }

  /** Keep this render's results for the next, in place of the last render's. */
  keep(): void {
    this.memo.set(DEFLATE_MEMO, this.next)
  }

  private deflate(inner: Threads, bytes: Uint8Array, level: number, raw: boolean): Deflating {
    const key = `${level}:${raw ? 'raw' : 'zlib'}:${contentKey(bytes)}`
    const known = this.last?.get(key) ?? this.next.get(key)
    if (known) {
      this.stats.taken++
      this.record(key, known)
      const done = (() => known) as Deflating
      done.ready = () => true
      return done
    }
    const result = inner.deflate(bytes, level, raw)
    const kept = (out: Uint8Array): Uint8Array => {
      this.stats.made++
      this.record(key, out)
      return out
    }
    const wrapped = (() => kept(result())) as Deflating
    if (result.ready) wrapped.ready = () => result.ready!()
    if (result.here) wrapped.here = () => kept(result.here!())
    return wrapped
  }

  private record(key: string, out: Uint8Array): void {
    if (this.next.has(key) || this.bytes + out.length > DEFLATE_MEMO_LIMITS.bytes) return
    this.bytes += out.length
    this.next.set(key, out)
  }
}

/** The `Env.memo` entry the drawn text is kept under. */
export const DRAW_MEMO = 'pdf:drawn-text'

/**
 * Bytes of drawn text kept at most: War and Peace's lines are some 10 MB, the serial's some
 * 35 MB. Past it a line is drawn again at each rebuild. Mutable for tests.
 */
export const DRAW_MEMO_LIMITS = { bytes: 48 << 20 }

/**
 * One stretch of text as `PdfWriter.glyphs` drew it: the TJ operand between its first `(` and
 * its last, what it was drawn with, and the font subset it was drawn into. A page's glyph codes
 * are the subset's order of first use, so the same text drawn again writes the same bytes when
 * each glyph it shows has the code it had then (`codes`), none new to the subset; or when the
 * face's subset holds the same glyphs in the same order as it did then (`count`, `hash` and
 * `mix`): then the glyphs it added are added again (`added`, with the /W width and ToUnicode each
 * was given), in their order, and the subset is what drawing it would have made it.
 */
export interface DrawnText {
  text: string
  face: string
  features: string | undefined
  size: number
  wordSpacing: number
  letters: number
  /** The face's subset before: its glyph count and two hashes of its glyph ids in order. */
  count: number
  hash: number
  mix: number
  /** Glyph ids the drawing added to the subset, in order, with their widths and code points. */
  added: number[]
  widths: number[]
  unicode: number[][]
  /** The subset's glyph ids by code, as the render that drew the text made it. */
  subset: readonly number[]
  /**
   * The glyphs the text shows, each once: its code, then its glyph id; read from the body the
   * first time they are asked for.
   */
  codes?: Uint16Array
  /** The body: `length` bytes at `at` in `chunk`, one of the memo's (`DrawMemo.keepBytes`). */
  chunk: Uint8Array
  at: number
  length: number
}

/** Whether text was drawn so. */
export function drawnWith(
  drawn: DrawnText,
  text: string,
  face: string,
  features: string | undefined,
  size: number,
  wordSpacing: number,
  letters: number,
): boolean {
  return (
    drawn.text === text &&
    drawn.face === face &&
    drawn.features === features &&
    drawn.size === size &&
    drawn.wordSpacing === wordSpacing &&
    drawn.letters === letters
  )
}

interface KeptText extends Identified {
  drawn: Map<object, DrawnText[]>
  chunk: Uint8Array
  used: number
}

/** Bytes of a chunk of kept bodies. */
const CHUNK_BYTES = 64 << 10

/**
 * Text drawn by the last render with this identity (`layoutIdentity`: the same faces and font
 * files), offered to this one by the run drawn (`find`), and this render's, kept for the next
 * (`keep`). A rebuild's lines are mostly the last build's, the very runs of the paragraph
 * layouts it took (`LayoutMemo`), and each was encoded word by word again: half of a War and
 * Peace rebuild's drawing. Known by the run, not by its text: a map of 60,000 strings cost a
 * rebuild some 60 ms to look up and fill. Only this render's are kept, at most
 * `DRAW_MEMO_LIMITS`.
 */
export class DrawMemo {
  readonly stats = { taken: 0, made: 0 }
  private readonly last: Map<object, DrawnText[]> | undefined
  private readonly next = new Map<object, DrawnText[]>()
  private bytes = 0
  /** The chunk bodies are copied into (`keepBytes`), and how much of it is used. */
  private chunk: Uint8Array
  private used: number

  constructor(
    private readonly memo: Map<string, unknown>,
    private readonly identity: string,
    private readonly assets: Assets | undefined,
    /**
     * The render's paragraph layouts: a line is kept while they are, since past their limit the
     * next render sets the paragraphs again, with runs of their own, and finds none of it.
     */
    private readonly layouts?: { readonly full: boolean },
  ) {
    const kept = keptWith<KeptText>(memo, DRAW_MEMO, identity, assets)
    this.last = kept?.drawn
    this.chunk = kept?.chunk ?? new Uint8Array(CHUNK_BYTES)
    this.used = kept?.used ?? 0
  }

  /**
   * The ways the last render drew a run (as many as it was drawn differently); the caller picks
   * one drawn as it would draw it (`drawnWith`) and its subset allows (`taken`).
   */
  find(run: object): readonly DrawnText[] | undefined {
    return this.last?.get(run)
  }

  /** Text the last render drew, drawn so again. */
  taken(run: object, drawn: DrawnText): void {
    this.stats.taken++
    this.record(run, drawn)
  }

  /** Text this render drew itself (kept when `drawn` is given). */
  made(run: object, drawn: DrawnText | undefined): void {
    this.stats.made++
    if (drawn) this.record(run, drawn)
  }

  /** Whether a line drawn now would be kept (`made`): else it need not be copied. */
  get keeping(): boolean {
    return !this.layouts?.full && this.bytes < DRAW_MEMO_LIMITS.bytes
  }

  /** Keep this render's text for the next, in place of the last render's. */
  keep(): void {
    this.memo.set(DRAW_MEMO, {
      identity: this.identity,
      assets: this.assets,
      drawn: this.next,
      chunk: this.chunk,
      used: this.used,
    } satisfies KeptText)
  }

  /**
   * A copy of `bytes` in one of the memo's chunks: a line's bytes each in an array of their own
   * were 60,000 buffers outside the heap for War and Peace, which each collection visited (the
   * collector's time over six rebuilds 619 ms with them, 537 ms in chunks).
   */
  keepBytes(bytes: Uint8Array): { chunk: Uint8Array; at: number } {
    const length = bytes.length
    if (this.used + length > this.chunk.length) {
      this.chunk = new Uint8Array(Math.max(CHUNK_BYTES, length))
      this.used = 0
    }
    const at = this.used
    this.chunk.set(bytes, at)
    this.used += length
    return { chunk: this.chunk, at }
  }

  private record(run: object, drawn: DrawnText): void {
    if (!this.keeping) return
    const list = this.next.get(run)
    if (list?.includes(drawn) || this.bytes + drawn.length > DRAW_MEMO_LIMITS.bytes) return
    this.bytes += drawn.length
    if (list) list.push(drawn)
    else this.next.set(run, [drawn])
  }
}

/** The `Env.memo` entry the chapters' coverage is kept under. */
export const COVERAGE_MEMO = 'pdf:coverage'

interface KeptCoverage extends Identified {
  chapters: WeakMap<Node, Tally>
}

/**
 * What each chapter holds that the faces cannot show (`coverageOf`), kept for renders with this
 * identity: a chapter not edited since is the same node, and is not read again (War and Peace:
 * some 25 ms of a rebuild). A chapter's count depends on nothing else, so the entries outlive any
 * render, and go with their nodes.
 */
export function coverageMemo(
  memo: Map<string, unknown>,
  identity: string,
  assets: Assets | undefined,
): WeakMap<Node, Tally> {
  const kept = keptWith<KeptCoverage>(memo, COVERAGE_MEMO, identity, assets)
  if (kept) return kept.chapters
  const chapters = new WeakMap<Node, Tally>()
  memo.set(COVERAGE_MEMO, { identity, assets, chapters } satisfies KeptCoverage)
  return chapters
}
