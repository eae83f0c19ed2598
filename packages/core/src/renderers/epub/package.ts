/**
 * Builds the EPUB: plans the reading order, loads resources, renders every document through the
 * modules beside this one, and zips them in a fixed order. This is the only module that knows the
 * container layout:
 *
 *   mimetype · META-INF/container.xml (and Apple's display options, with fonts)
 *   OEBPS/{content.opf, nav.xhtml, toc.ncx}
 *   OEBPS/css/book.css · OEBPS/fonts/* · OEBPS/images/* · OEBPS/text/*.xhtml
 */
import type { Env } from '../../env.js'
import { dateFromMetadata } from '../../manifest/metadata.js'
import type { Metadata, Root } from '../../model/types.js'
import { pagesOf } from '../../transforms/front-matter.js'
import { renderChapter, renderPart } from './chapter.js'
import { containerXml, PACKAGE_PATH } from './container.js'
import type { Context } from './context.js'
import { coverPage, startCover } from './cover.js'
import { bookCss } from './css/book.js'
import { appleDisplayOptions, fontCss } from './css/fonts.js'
import { cleanMetadata } from './metadata.js'
import { navDocument } from './nav.js'
import { ncxDocument } from './ncx.js'
import { type GuideReference, identifierValue, isW3cDate, type ManifestItem, packageDocument } from './opf.js'
import type { EpubOptions } from './options.js'
import { resolveOptions } from './options.js'
import { renderPage } from './pages.js'
import { type ChapterEntry, chapterHead, partHead, planBook } from './plan.js'
import { loadCss, loadFonts, loadImages, type StoredFile } from './resources.js'
import { type Landmark, sectionTree, type TocEntry } from './toc.js'
import { type ZipPart, ZipWriter } from './zip.js'

/** Languages written right to left (primary subtags), and scripts that are. */
const RTL_LANGUAGES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'ha-arab',
  'he',
  'iw',
  'khw',
  'ks',
  'ku-arab',
  'ps',
  'sd',
  'syr',
  'ug',
  'ur',
  'yi',
])
const RTL_SCRIPTS = /-(arab|hebr|syrc|thaa|nkoo|adlm|rohg)(-|$)/i

export function directionOf(language: string, explicit?: 'ltr' | 'rtl'): 'ltr' | 'rtl' {
  if (explicit) return explicit
  const tag = language.toLowerCase()
  if (RTL_SCRIPTS.test(tag)) return 'rtl'
  return RTL_LANGUAGES.has(tag.split('-')[0]!) ? 'rtl' : 'ltr'
}

/** Already-compressed formats are stored: deflating them again costs time and gains nothing. */
function isCompressed(mediaType: string): boolean {
  return /^image\/(png|jpeg|gif|webp)$|^font\/woff2?$/.test(mediaType)
}

const encoder = new TextEncoder()

/**
 * When a serial last changed: its `updated` date, else its newest chapter's own date (from the
 * archive page), so a rebuild of the same chapters says the same `dcterms:modified`; never the clock.
 */
function workModified(tree: Root, metadata: Metadata): Date | undefined {
  let newest = metadata.updated
  if (!newest) {
    for (const node of tree.children) {
      for (const chapter of node.type === 'part' ? node.children : [node]) {
        if (chapter.date && (!newest || chapter.date > newest)) newest = chapter.date
      }
    }
  }
  return newest ? dateFromMetadata(newest) : undefined
}

/** Chapters from which documents are deflated on another thread (`Env.threads`), when there is one. */
export const THREADED_CHAPTERS = 32

/** What a format built on the EPUB changes in it (the kepub: Kobo's markup in each document). */
export interface EpubVariant {
  /** Each content document as it goes into the archive (not the navigation document). */
  document?(xhtml: string): string
}

export async function buildEpub(
  tree: Root,
  partial: Partial<EpubOptions>,
  env: Env,
  variant: EpubVariant = {},
): Promise<Uint8Array> {
  const metadata = cleanMetadata(tree.metadata)
  const lang = metadata.language
  const options = resolveOptions(partial, lang, metadata.strings)
  const dir = directionOf(lang, metadata.direction)
  const plan = planBook(tree)
  // A thread is worth starting for a long book only (its first results come after a few ms); it
  // is started now, so it runs by the time the first document is written.
  const threads = plan.chapters.length >= THREADED_CHAPTERS ? env.threads : undefined
  threads?.start?.()

  const report: Context['report'] = (code, message, node, file) => {
    env.file.messageIn(file, code, message, node?.position, 'epub')
  }
  if (metadata.date && !isW3cDate(metadata.date)) {
    report(
      'epub-date-invalid',
      `Date "${metadata.date}" is not a W3C date; it is left out of the metadata`,
      undefined,
      undefined,
    )
  }

  const images = await loadImages(plan.chapters, env, report)
  const fonts = await loadFonts(options.fonts, env, report)
  const authorCss = options.css ? await loadCss(options.css, env, report) : undefined
  // A generated cover is rasterised (on another thread where there is one) while the chapters
  // are written; its page, first in every list, is put in front when it is there.
  const coverJob = await startCover(metadata, options, env, report)

  const ctx: Context = {
    lang,
    dir,
    css: ['../css/book.css'],
    strings: options.strings,
    maxFileBytes: options.maxFileBytes,
    anchors: plan.anchors,
    imageHref: (node) => images.hrefs.get(node),
    report,
  }

  const items: ManifestItem[] = []
  const spine: string[] = []
  // Each document is deflated as soon as it is rendered and its text let go: only compressed
  // bodies wait for the archive (bench/pipeline.mjs: this keeps the 2M-word serial under 300 MB).
  const writer = new ZipWriter(options.compressionLevel, env.memo, threads)
  const texts: ZipPart[] = []
  const addText = (id: string, file: string, xhtml: string, inSpine = true, properties?: string) => {
    items.push({
      id,
      href: `text/${file}`,
      mediaType: 'application/xhtml+xml',
      ...(properties ? { properties } : {}),
    })
    if (inSpine) spine.push(id)
    texts.push(writer.text(`OEBPS/text/${file}`, variant.document ? variant.document(xhtml) : xhtml))
  }

  const toc: TocEntry[] = []
  const landmarks: Landmark[] = []
  const guide: GuideReference[] = []
  const s = options.strings

  // The pages the front-matter transform decided on, in its order; the contents page is the
  // navigation document, placed in the spine where the transform put it.
  const pages = pagesOf(tree)
  const addPage = (page: (typeof pages)[number]) => {
    if (page.type === 'contentsPage') {
      if (!options.toc) return
      spine.push('nav')
      landmarks.push({ type: 'toc', title: page.label, href: 'nav.xhtml#toc' })
      guide.push({ type: 'toc', title: page.label, href: 'nav.xhtml' })
      return
    }
    const drawn = renderPage(page, ctx)
    if (!drawn) return
    const href = `text/${drawn.file}`
    addText(drawn.id, drawn.file, drawn.xhtml)
    toc.push({ title: page.label, href, children: [] })
    if (drawn.landmark) {
      landmarks.push({ type: drawn.landmark.type, title: page.label, href })
      guide.push({ type: drawn.landmark.guide, title: page.label, href })
    }
  }
  for (const page of pages) if (page.matter === 'front') addPage(page)

  let firstBody: string | undefined
  const addChapter = (entry: ChapterEntry): TocEntry => {
    const pieces = renderChapter(entry, ctx)
    // Each listed heading links into the file that holds it (a long chapter is split).
    const hrefs = entry.sections.map((section) => {
      const marker = `id="${section.anchor}"`
      const piece = pieces.find((p) => p.xhtml.includes(marker)) ?? pieces[0]!
      return `text/${piece.file}#${section.anchor}`
    })
    pieces.forEach((piece, i) => {
      addText(i === 0 ? entry.file : `${entry.file}-${i + 1}`, piece.file, piece.xhtml)
    })
    return {
      title: entry.title,
      head: chapterHead(entry.node),
      href: `text/${entry.file}.xhtml`,
      children: sectionTree(
        entry.sections.map((s, i) => ({ depth: s.node.depth, title: s.title, href: hrefs[i]! })),
      ),
    }
  }
  for (const entry of plan.front) toc.push(addChapter(entry))
  for (const node of plan.body) {
    if (node.type === 'chapter') {
      firstBody ??= `text/${node.file}.xhtml`
      toc.push(addChapter(node))
      continue
    }
    const page = renderPart(node, ctx)
    addText(node.file, page.file, page.xhtml)
    firstBody ??= `text/${page.file}`
    toc.push({
      title: node.title,
      head: partHead(node.node),
      href: `text/${page.file}`,
      children: node.chapters.map(addChapter),
    })
  }
  for (const entry of plan.back) toc.push(addChapter(entry))
  for (const page of pages) if (page.matter === 'back') addPage(page)

  const cover = await coverJob.cover
  if (cover) {
    const first = { items: items.length, spine: spine.length, texts: texts.length }
    addText('cover', 'cover.xhtml', coverPage(cover, metadata.title, ctx), true, 'svg')
    // Moved to the front: the cover page opens the spine, the manifest and the archive.
    items.unshift(...items.splice(first.items))
    spine.unshift(...spine.splice(first.spine))
    texts.unshift(...texts.splice(first.texts))
    landmarks.unshift({ type: 'cover', title: s.cover, href: 'text/cover.xhtml' })
    guide.unshift({ type: 'cover', title: s.cover, href: 'text/cover.xhtml' })
  }

  const start =
    firstBody ?? (plan.chapters[0] ? `text/${plan.chapters[0].file}.xhtml` : 'text/titlepage.xhtml')
  landmarks.push({ type: 'bodymatter', title: s.start, href: start })
  guide.push({ type: 'text', title: s.start, href: start })

  const nav = navDocument(toc, landmarks, ctx)
  const ncx = ncxDocument(
    toc,
    identifierValue(metadata.identifier),
    metadata.title,
    metadata.authors.map((a) => a.name),
    lang,
  )
  const css = [bookCss, fontCss(fonts), authorCss ? `/* Author's stylesheet */\n${authorCss.css}\n` : '']
    .filter(Boolean)
    .join('\n')

  const binaries: StoredFile[] = [
    ...fonts.map((f) => f.file),
    ...(cover ? [cover.file] : []),
    ...images.files,
    ...(authorCss?.files ?? []),
  ]
  const manifest: ManifestItem[] = [
    { id: 'nav', href: 'nav.xhtml', mediaType: 'application/xhtml+xml', properties: 'nav' },
    { id: 'ncx', href: 'toc.ncx', mediaType: 'application/x-dtbncx+xml' },
    { id: 'css', href: 'css/book.css', mediaType: 'text/css' },
    ...binaries.map((f) => ({
      id: f.id,
      href: f.path,
      mediaType: f.mediaType,
      ...(cover && f === cover.file ? { properties: 'cover-image' } : {}),
    })),
    ...items,
  ]
  const opf = packageDocument({
    metadata,
    lang,
    dir,
    modified: workModified(tree, metadata) ?? env.date,
    items: manifest,
    spine,
    guide,
    ...(cover ? { coverId: cover.file.id } : {}),
    hasImages: images.files.length > 0,
    allImagesHaveAlt: !images.missingAlt,
    accessibilitySummary: s.accessibilitySummary,
  })

  const head = [
    { path: 'mimetype', data: encoder.encode('application/epub+zip'), store: true },
    { path: 'META-INF/container.xml', data: encoder.encode(containerXml) },
    ...(fonts.length > 0
      ? [{ path: 'META-INF/com.apple.ibooks.display-options.xml', data: encoder.encode(appleDisplayOptions) }]
      : []),
    { path: PACKAGE_PATH, data: encoder.encode(opf) },
    { path: 'OEBPS/nav.xhtml', data: encoder.encode(nav) },
    { path: 'OEBPS/toc.ncx', data: encoder.encode(ncx) },
    { path: 'OEBPS/css/book.css', data: encoder.encode(css) },
    ...binaries.map((f) => ({ path: `OEBPS/${f.path}`, data: f.data, store: isCompressed(f.mediaType) })),
  ].map((entry) => writer.part(entry))
  return writer.finish([...head, ...texts], env.date)
}
