/**
 * The PDF renderer's engine: a print-ready book on pdfkit. Options and trim (`options.ts`, `trim.ts`),
 * faces (`fonts.ts`, `measure.ts`), paragraphs (`typeset.ts`, `breaker.ts`, `layout/`), blocks
 * and footnotes (`blocks.ts`, `footnotes.ts`, `images.ts`), pages (`pages.ts`), the book's order
 * and front matter (`book.ts`, `front-matter.ts`), drawing (`draw.ts`) and document data
 * (`metadata.ts`). Pages stream out as they are composed, in one pass.
 */

import { preparePdfkit } from '#platform'
import { concatBytes } from '../../bytes.js'
import type { Env } from '../../env.js'
import type { Root } from '../../model/types.js'
import { visit } from '../../model/walk.js'
import { type Destinations, destinations, typesetBook } from './book.js'
import { checkCoverage } from './coverage.js'
import { Document } from './document.js'
import { PdfWriter } from './draw.js'
import { FontFailure, type FontSet, loadFonts, registerFaces, trimFaceCaches } from './fonts.js'
import { prepareHyphenation } from './layout/hyphenate.js'
import { FontMeasurer } from './measure.js'
import {
  coverageMemo,
  DeflateMemo,
  DrawMemo,
  LayoutMemo,
  type LayoutMemoStats,
  layoutIdentity,
} from './memo.js'
import { documentInfo, escapeXmp, pageLabels } from './metadata.js'
import { type PdfOptions, resolveOptions, type Settings } from './options.js'
import { Composer, type PageStats } from './pages.js'
import { type PrebreakStats, startPrebreak } from './prebreak.js'
import { applyStandard, outputIntent, pdfVersion } from './standards.js'
import { THREADS_AHEAD_CHAPTERS, THREADS_FROM_PAGE } from './threads.js'
import { createTypesetter } from './typeset.js'

/** Figures from a render, for tests and the benchmark. */
export interface PdfReport extends PageStats {
  /** Paragraph layouts asked of the line breaker (relayouts for page rules included). */
  paragraphs: number
  /** Of those, how many the total-fit breaker could not set and first-fit did. */
  fallbackParagraphs: number
  /** Index of the page where arabic page 1 is. */
  bodyStart: number | undefined
  /** What a second thread setting paragraphs ahead did (`prebreak.ts`), when there was one. */
  prebreak?: PrebreakStats
  /** Layouts taken from the last render and made in this one (`memo.ts`), when the env keeps a memo. */
  memo?: LayoutMemoStats
  /** Compressed streams taken from the last render and compressed in this one (`memo.ts`). */
  deflated?: DeflateMemo['stats']
  /** Text drawn as the last render drew it, and drawn anew in this one (`memo.ts`). */
  drawn?: DrawMemo['stats']
}

/** Output waiting to be handed on is joined into one chunk up to this size, else handed on as it is. */
const JOIN_AT_MOST = 4 << 20

/** Bytes of output copied to join pieces into one chunk (tests). */
export const outputStats = { joined: 0 }

/**
 * Resolve on the event loop's next turn: `setImmediate` in Node, a zero timeout where there is
 * none (a browser), so streaming works in both.
 */
const nextTurn: (resolve: () => void) => void =
  typeof setImmediate === 'function'
    ? (resolve) => setImmediate(resolve)
    : (resolve) => setTimeout(resolve, 0)

interface Shared {
  settings: Settings
  fonts: FontSet
  measurer: FontMeasurer
  dests: Destinations
}

/** Render as chunks of the PDF file, in order; `report` receives the figures when done. */
export async function* renderPdf(
  tree: Root,
  options: Partial<PdfOptions>,
  env: Env,
  report?: (r: PdfReport) => void,
): AsyncGenerator<Uint8Array> {
  const settings = resolveOptions(options ?? {}, env.file)
  const language = tree.metadata.language || 'en'
  const chapterCount = countChapters(tree)
  // A long book's thread runs by its first page: every page stream goes to it.
  const ahead = chapterCount >= THREADS_AHEAD_CHAPTERS && env.threads?.start !== undefined
  if (ahead) env.threads!.start!()
  // The author's font files, as read: a worker setting paragraphs ahead is handed the same bytes.
  const fontFiles = new Map<string, Uint8Array>()
  const fonts = await loadFonts(
    settings.font,
    {
      ...env,
      async readFile(path, kind) {
        const bytes = await env.readFile(path, kind)
        if (kind === 'font') fontFiles.set(path, bytes)
        return bytes
      },
    },
    { tree, language },
  )
  const shared: Shared = {
    settings,
    fonts,
    measurer: new FontMeasurer(fonts, language),
    dests: destinations(tree),
  }
  await prepareHyphenation(language, env.assets)
  // Paragraphs and spans in other languages are hyphenated by their own patterns: a browser hands
  // those over too (Node finds them on first use, so it need not walk the book).
  if (env.assets?.hyphenation)
    for (const other of partLanguages(tree)) await prepareHyphenation(other, env.assets)
  const intent = await outputIntent(settings, env)

  const b = settings.bleed
  preparePdfkit()
  // One deflate on every platform (`document.ts`): the same bytes in Node and in a browser.
  const doc = new Document({
    autoFirstPage: false,
    size: [settings.width + 2 * b, settings.height + 2 * b],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: false,
    compress: true,
    pdfVersion: pdfVersion(settings.standard),
    tagged: true,
    lang: language,
    displayTitle: true,
    info: documentInfo(tree.metadata, env.date),
  })
  escapeXmp(doc)
  if (intent) applyStandard(doc, settings, intent, env.date)
  // Name the faces for pdfkit (it embeds only those drawn with).
  registerFaces(doc, fonts)

  const queue: Uint8Array[] = []
  let queued = 0
  let ended = false
  let failure: unknown
  let wake: (() => void) | undefined
  const signal = () => {
    const w = wake
    wake = undefined
    w?.()
  }
  doc.on('data', (chunk: Uint8Array) => {
    queue.push(chunk)
    queued += chunk.length
    signal()
  })
  doc.on('end', () => {
    ended = true
    signal()
  })
  let drained: (() => void) | undefined
  // Rebuilding (watch mode), the last render's compressed streams: unchanged pages are not sent.
  const deflated = env.memo && env.threads ? new DeflateMemo(env.memo, env.threads) : undefined
  doc.threadsForLarge = deflated?.threads ?? env.threads
  const composer = new Composer(settings, (page) => {
    writer.page(page)
    if (!doc.threads && (ahead || page.index >= THREADS_FROM_PAGE))
      doc.threads = deflated?.threads ?? env.threads
    doc.compressSoon()
  })
  const ts = createTypesetter({
    settings,
    fonts,
    measurer: shared.measurer,
    composer,
    env,
    file: env.file,
    language,
  })
  // Rebuilding (watch mode), the last render's layouts: only paragraphs that changed are broken,
  // and no thread is started to break the others ahead.
  const identity = env.memo ? layoutIdentity(settings, fonts, fontFiles, language) : ''
  const memo = env.memo ? new LayoutMemo(env.memo, identity, env.assets) : undefined
  // And the text it drew: a line set as before is not encoded again, word by word.
  const drawn = env.memo ? new DrawMemo(env.memo, identity, env.assets, memo) : undefined
  const prebreak = memo?.warm
    ? undefined
    : startPrebreak(tree, options, language, fontFiles, env, shared.dests.chapters.size)
  if (memo) memo.inner = prebreak
  ts.share = memo ?? prebreak
  const writer = new PdfWriter(
    doc,
    fonts,
    shared.measurer,
    settings,
    {
      language,
      linkTarget: (url) => {
        const name = url.slice(1)
        return ts.dests.has(name) ? name : undefined
      },
      imageFailed: (_box, error) => {
        env.file.message(
          'pdf-image-unsupported',
          `A figure image could not be embedded: ${error.message}`,
          undefined,
          'pdf',
        )
      },
    },
    drawn,
  )
  let chapters = 0
  ts.pause = async () => {
    // Called as each chapter starts: the ones before it are typeset.
    env.progress?.({ stage: 'pdf', done: chapters, total: chapterCount, pages: composer.index })
    if (++chapters % 8 === 0) trimFaceCaches(fonts)
    // Let pdfkit's stream deliver what it has, and wait while the reader is behind.
    await new Promise<void>(nextTurn)
    while (queued > 4 << 20 && !failure) await new Promise<void>((resolve) => (drained = resolve))
  }
  const work = (async () => {
    // Before the first page: a book the faces cannot show is refused, not printed as boxes.
    checkCoverage(tree, shared.measurer, env.file, env.memo && coverageMemo(env.memo, identity, env.assets))
    await typesetBook(tree, ts, shared.dests)
    env.progress?.({ stage: 'pdf', done: chapterCount, total: chapterCount, pages: composer.index })
    writer.finish(composer.labels)
    pageLabels(doc, composer.bodyStart)
    doc.end()
    memo?.keep()
    deflated?.keep()
    drawn?.keep()
    report?.({
      ...composer.stats,
      ...ts.stats,
      bodyStart: composer.bodyStart,
      ...(prebreak ? { prebreak: prebreak.stats } : {}),
      ...(memo ? { memo: memo.stats } : {}),
      ...(deflated ? { deflated: deflated.stats } : {}),
      ...(drawn ? { drawn: drawn.stats } : {}),
    })
  })()
  void work.finally(() => prebreak?.close()).catch(() => {})
  work.catch((error: unknown) => {
    failure =
      error instanceof FontFailure ? fontFailed(error, env) : (error ?? new Error('PDF rendering failed'))
    signal()
  })
  while (true) {
    if (queue.length > 0) {
      // pdfkit writes an object in many small pieces: hand them on as one chunk, not one
      // promise round trip each; past a few megabytes (a figure's data among them) as they
      // are, not copied once more into one (a 12 MP photo's 32 MB: some 30 ms).
      const batch = queue.splice(0)
      const size = queued
      queued = 0
      if (batch.length === 1 || size > JOIN_AT_MOST) yield* batch
      else {
        outputStats.joined += size
        yield concatBytes(batch, size)
      }
    }
    const d = drained
    drained = undefined
    d?.()
    if (failure) throw failure
    // Chunks may have come in while the consumer held the last one, the end with them (pdfkit's
    // browser stream delivers both in one turn): hand those on before stopping.
    if (ended && queue.length === 0) break
    if (queue.length > 0) continue
    await new Promise<void>((resolve) => {
      wake = resolve
      if (queue.length > 0 || ended || failure) signal()
    })
  }
  await work
}

/**
 * An author's face that passed the check up front and failed on some text: the PDF is already
 * part written in it, so it stops with one error naming the file, never a stack trace.
 */
function fontFailed(error: FontFailure, env: Env): unknown {
  const cause = error.reason as Error | undefined
  try {
    env.file.fail(
      'pdf-font-invalid',
      `Font file "${error.file}" is damaged: fontkit failed on it while the PDF was set (${cause?.message || cause?.name || String(cause)}); no PDF is written: replace the file, or remove it from the PDF's font option to use the default face`,
      undefined,
      'pdf',
    )
  } catch (octavo) {
    return octavo
  }
}

/** Chapters the typesetter will pause at (one pause each): for progress, and whether the book is long. */
function countChapters(tree: Root): number {
  let n = 0
  for (const node of tree.children) n += node.type === 'part' ? node.children.length : 1
  return n
}

/** The languages paragraphs and spans of the book state for themselves (`lang`). */
function partLanguages(tree: Root): Set<string> {
  const found = new Set<string>()
  visit(tree, (node) => {
    if ((node.type === 'paragraph' || node.type === 'span') && node.lang) found.add(node.lang)
  })
  return found
}
