/**
 * The PDF's paragraphs broken on a second thread, ahead of the pages that set them. A paragraph's
 * lines depend on its spec (runs, measure, indent, alignment, language, looseness: a
 * `ParagraphSpec`), the faces, the hyphenation patterns and the breaker's parameters, never on
 * the page it lands on. So a worker thread runs the same typesetting pass over the same book
 * (`typesetBook`, with the same options, faces and patterns) and sets the chapters it claims,
 * ahead of the main thread, which composes, draws and compresses the pages.
 *
 * Chapters are claimed in a shared array (`Atomics.compareExchange`): the worker takes, in reading
 * order, each chapter at least two after the one the main thread is at; the main thread sets
 * every chapter the worker has not taken itself. At a chapter the worker took, the main thread
 * waits for its layouts (a chapter's time at most: the worker took it a chapter ahead), then
 * sets the chapter as always, taking for each paragraph the worker's layout of an equal spec
 * (compared field by field, numbers with `Object.is`) and breaking the others itself: a
 * paragraph the page rules set again (a widow pulled back) or one the worker set in another
 * way (an image it could not read). Equal specs give equal layouts, so the PDF is the one a
 * single thread writes, byte for byte; a worker that fails, or keeps the main thread waiting
 * past `WAIT_LIMIT_MS`, is given up and the rest is set on the main thread.
 *
 * The worker is handed the tree, the PDF options, the author's font files this render read, and
 * the breaker's parameters; it loads the built-in faces and the hyphenation patterns from the
 * same installed packages as the main thread (a render handed its own `Env.assets`, as in a
 * browser, has no worker). It is started only for a book of `PREBREAK_CHAPTERS` chapters or
 * more (it takes a few hundred ms to load and set its first chapter), and only on a machine of
 * `PREBREAK_CORES` cores or more (see there: on two it was slower).
 */

import { SourceFile } from '../../diagnostics/file.js'
import { createMemoryEnv, type Env, type ThreadChannel } from '../../env.js'
import type { Root } from '../../model/types.js'
import { destinations, typesetBook } from './book.js'
import { loadFonts } from './fonts.js'
import { BREAK_PARAMETERS, FONT_EXPANSION, LETTER_SPACING } from './layout/break.js'
import { prepareHyphenation } from './layout/hyphenate.js'
import type { ParagraphLayout, ParagraphSpec } from './layout/types.js'
import { FontMeasurer } from './measure.js'
import { type PdfOptions, resolveOptions } from './options.js'
import { Composer } from './pages.js'
import { createTypesetter, type LayoutShare } from './typeset.js'

/** Books with fewer chapters are set on one thread. */
export const PREBREAK_CHAPTERS = 8

/**
 * Cores a render needs for the worker (`Threads.cores`). With two, it did not pay: War and
 * Peace to a 6x9 PDF took 7.0 s with it against 6.2 s without, though the main thread's own
 * work fell from 5.4 to 3.8 s of CPU. The second core was already two-thirds busy with V8's
 * own background work (optimising compiles and garbage collection, some 3.3 s) and the page
 * streams' compression (1.3 s), and the worker adds its own isolate's share of both.
 */
export const PREBREAK_CORES = 4

/**
 * Longest the main thread waits for a chapter the worker took, ms, before giving the worker up
 * (a starved or stuck thread): the main thread then sets that chapter and the rest itself.
 */
const WAIT_LIMIT_MS = 3000
/** The main thread's wait is sliced, to see a worker that failed. */
const WAIT_SLICE_MS = 50

/** The shared array: a stop flag, the chapter the main thread is at, then a state per chapter. */
const STOP = 0
const MAIN_AT = 1
const FIRST = 2
/** A chapter's state. */
const FREE = 0
const WORKER = 1
const MAIN = 2
const DONE = 3

/** What the worker is handed. */
export interface PrebreakData {
  tree: Root
  options: Partial<PdfOptions>
  language: string
  /** The author's font files this render read, by the path it read them at. */
  fonts: Array<[string, Uint8Array]>
  date: number
  /** The breaker's parameters as the main thread has them (a benchmark may change them). */
  params: {
    breaking: typeof BREAK_PARAMETERS
    letterSpacing: typeof LETTER_SPACING
    expansion: typeof FONT_EXPANSION
  }
  /** Over a `SharedArrayBuffer`: see `STOP`, `MAIN_AT`, `FIRST`. */
  state: Int32Array
}

/** A chapter's layouts, as the worker posts them. */
interface ChapterMessage {
  chapter: number
  records: Array<[ParagraphSpec, ParagraphLayout]>
}

/** Figures of a render's second thread (tests, the benchmark). */
export interface PrebreakStats {
  /** Chapters the worker set. */
  chapters: number
  /** Paragraph layouts taken from the worker. */
  taken: number
  /** Layouts broken on the main thread inside chapters the worker set (page rules' relayouts). */
  missed: number
  /** Times the main thread waited for a chapter. */
  waits: number
  /** Why the worker was given up, if it was. */
  gaveUp?: string
}

/**
 * Start a worker for this render, or undefined (a short book, no thread to run it on, assets of
 * the caller's own). `fonts` are the author's font files the render read.
 */
export function startPrebreak(
  tree: Root,
  options: Partial<PdfOptions>,
  language: string,
  fonts: Map<string, Uint8Array>,
  env: Env,
  chapters: number,
): Prebreak | undefined {
  const threads = env.threads
  if (chapters < PREBREAK_CHAPTERS || !threads?.spawn || (threads.cores ?? 1) < PREBREAK_CORES)
    return undefined
  // Faces and patterns handed over by the caller: the worker could not load the same ones.
  if (env.assets) return undefined
  const state = new Int32Array(new SharedArrayBuffer(4 * (FIRST + chapters)))
  state[MAIN_AT] = -1
  const data: PrebreakData = {
    tree,
    options: options ?? {},
    language,
    fonts: [...fonts],
    date: env.date.getTime(),
    params: { breaking: BREAK_PARAMETERS, letterSpacing: LETTER_SPACING, expansion: FONT_EXPANSION },
    state,
  }
  let channel: ThreadChannel | undefined
  try {
    channel = threads.spawn('pdf-layout', data)
  } catch {
    // Something in the options that cannot be handed over (a function): one thread, as before.
    return undefined
  }
  return channel ? new Prebreak(channel, state) : undefined
}

/** The main thread's side: claims chapters, waits for the worker's, hands out its layouts. */
export class Prebreak implements LayoutShare {
  readonly stats: PrebreakStats = { chapters: 0, taken: 0, missed: 0, waits: 0 }
  /** The worker's layouts by chapter, then by `keyOf` their spec. */
  private readonly chapters = new Map<number, Map<string, Array<[ParagraphSpec, ParagraphLayout]>>>()
  private current = -1
  private stopped = false

  constructor(
    private readonly channel: ThreadChannel,
    private readonly state: Int32Array,
  ) {}

  chapter(index: number): boolean {
    this.current = index
    // A chapter's footnotes may be set as the next one starts: its layouts are kept until then.
    for (const k of this.chapters.keys()) if (k < index - 1) this.chapters.delete(k)
    Atomics.store(this.state, MAIN_AT, index)
    if (this.stopped) return true
    this.drain()
    const slot = FIRST + index
    if (index + FIRST >= this.state.length) return true
    if (Atomics.compareExchange(this.state, slot, FREE, MAIN) === FREE) return true
    // The worker took it: its layouts are there, or come within a chapter's time.
    let waited = 0
    while (!this.chapters.has(index) && !this.stopped) {
      // A worker that failed said why on the port (read by `drain`), else only in the array.
      if (Atomics.load(this.state, STOP) !== 0) this.stop('the worker failed')
      else if (waited >= WAIT_LIMIT_MS) {
        this.stop(`no layouts for chapter ${index + 1} after ${WAIT_LIMIT_MS} ms`)
      } else {
        if (waited === 0) this.stats.waits++
        Atomics.wait(this.state, slot, WORKER, WAIT_SLICE_MS)
        waited += WAIT_SLICE_MS
        this.drain()
      }
    }
    return true
  }

  take(spec: ParagraphSpec): ParagraphLayout | undefined {
    const here = this.chapters.get(this.current)
    const before = this.chapters.get(this.current - 1)
    if (!here && !before) return undefined
    const key = keyOf(spec)
    for (const records of [here?.get(key), before?.get(key)]) {
      if (!records) continue
      const at = records.findIndex((r) => sameSpec(r[0], spec))
      if (at < 0) continue
      const layout = records[at]![1]
      records.splice(at, 1)
      this.stats.taken++
      return layout
    }
    if (here) this.stats.missed++
    return undefined
  }

  /** Stop the worker (the render is done, or failed). */
  close(): void {
    Atomics.store(this.state, STOP, 1)
    this.channel.close()
  }

  private stop(why: string): void {
    if (!this.stopped) this.stats.gaveUp = why
    this.stopped = true
    this.close()
  }

  private drain(): void {
    for (let m = this.channel.receive(); m !== undefined; m = this.channel.receive()) {
      const message = m as Partial<ChapterMessage> & { failed?: string; done?: boolean }
      if (message.failed !== undefined) {
        this.stop(`the worker failed: ${message.failed.split('\n')[0]}`)
        continue
      }
      if (message.chapter === undefined || !message.records) continue
      const byKey = new Map<string, Array<[ParagraphSpec, ParagraphLayout]>>()
      for (const record of message.records) {
        const key = keyOf(record[0])
        const list = byKey.get(key)
        if (list) list.push(record)
        else byKey.set(key, [record])
      }
      this.chapters.set(message.chapter, byKey)
      this.stats.chapters++
    }
  }
}

/** A cheap key that equal specs share (`sameSpec` decides). */
export function keyOf(spec: ParagraphSpec): string {
  const first = spec.runs[0]
  return `${spec.runs.length}|${first ? first.text.length : 0}|${first ? first.text.slice(0, 24) : ''}|${spec.lineWidths[0]}|${spec.looseness ?? 0}`
}

/**
 * Whether two specs are equal in every field (a field absent equals one set to undefined):
 * plain data, compared to the last number (`Object.is`: 0 and -0 differ).
 */
export function sameSpec(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameSpec(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  for (const k in x) if (!sameSpec(x[k], y[k])) return false
  for (const k in y) if (!(k in x) && y[k] !== undefined) return false
  return true
}

/**
 * The worker's side (the `pdf-layout` thread entry): the same typesetting pass over the book,
 * setting only the chapters it claims, each chapter's layouts posted as it ends.
 */
export async function thread(data: PrebreakData, post: (message: unknown) => void): Promise<void> {
  const { state, tree, language } = data
  try {
    Object.assign(BREAK_PARAMETERS, data.params.breaking)
    Object.assign(LETTER_SPACING, data.params.letterSpacing)
    Object.assign(FONT_EXPANSION, data.params.expansion)
    const file = new SourceFile('')
    // The font files only: a figure's image is missing here, and its chapter's main thread sets
    // the figure's paragraphs itself.
    const env = createMemoryEnv(Object.fromEntries(data.fonts), { date: new Date(data.date), file })
    const settings = resolveOptions(data.options, file)
    const fonts = await loadFonts(settings.font, env, { tree, language })
    await prepareHyphenation(language, undefined)
    const ts = createTypesetter({
      settings,
      fonts,
      measurer: new FontMeasurer(fonts, language),
      composer: new Composer(settings, () => {}),
      env,
      file,
      language,
    })
    let open: number | undefined
    let records: ChapterMessage['records'] = []
    const finish = () => {
      if (open === undefined) return
      post({ chapter: open, records } satisfies ChapterMessage)
      records = []
      Atomics.store(state, FIRST + open, DONE)
      Atomics.notify(state, FIRST + open)
      open = undefined
    }
    ts.share = {
      chapter(index) {
        finish()
        if (Atomics.load(state, STOP) !== 0 || FIRST + index >= state.length) return false
        if (index < Atomics.load(state, MAIN_AT) + 2) return false
        if (Atomics.compareExchange(state, FIRST + index, FREE, WORKER) !== FREE) return false
        open = index
        return true
      },
      made(spec, layout) {
        // A copy as it is now: the runs are the caller's, which may change them afterwards.
        if (open !== undefined) records.push([structuredClone(spec), layout])
      },
    }
    await typesetBook(tree, ts, destinations(tree))
    finish()
    post({ done: true })
  } catch (error) {
    Atomics.store(state, STOP, 2)
    for (let i = FIRST; i < state.length; i++) Atomics.notify(state, i)
    post({ failed: String((error as Error)?.stack ?? error) })
  }
}
