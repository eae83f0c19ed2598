/**
 * The print cover's engine: one page, back + spine + front, with bleed on every side. The spine
 * is `spineWidth(pages, paper)`; the page count is the option's, or the book's PDF laid out with
 * the `interior` options (the book's `pdf:` section, with `print-cover: {interior:}` over it) and
 * counted. The front is the book's cover image (PNG or JPEG) over the
 * front panel and its bleed, else the title, subtitle and authors set in the book face; the spine
 * carries title and author (reading top to bottom) when `spineTextSize` allows; the back, the
 * book's description, with the barcode area kept clear. Colours are CMYK.
 */

import PDFDocument from 'pdfkit'
import { preparePdfkit } from '#platform'
import { concatBytes } from '../../../bytes.js'
import { isCjkCharacter } from '../../../cjk.js'
import { SourceFile } from '../../../diagnostics/file.js'
import type { Env } from '../../../env.js'
import type { Root } from '../../../model/types.js'
import { camelCase } from '../../../options/schema.js'
import { sniffImageType } from '../../../resources/image.js'
import { type Face, type FontSet, loadFonts, registerFaces } from '../fonts.js'
import { documentInfo } from '../metadata.js'
import { type PdfOptions, resolveOptions, volumeBudget } from '../options.js'
import { paginatePdf } from '../paginate.js'
import { visible } from '../visible.js'
import { type PrintCoverOptions, resolveCoverOptions } from './options.js'
import { BARCODE, spineTextSize, spineWidth } from './spine.js'

/** What the cover was made of, for tests. */
export interface CoverReport {
  pages: number
  /** Points. */
  spine: number
  width: number
  height: number
  spineText: boolean
}

const BACKGROUND = [88, 62, 28, 38] as const
const INK = [0, 0, 0, 0] as const
const ACCENT = [5, 25, 70, 0] as const

export async function renderPrintCover(
  tree: Root,
  options: Partial<PrintCoverOptions>,
  env: Env,
): Promise<{ bytes: Uint8Array; report: CoverReport }> {
  const settings = resolveCoverOptions(options, env.file)
  // The interior's trim and face: the book's `pdf:` options with `interior` over them (the
  // pipeline merges them, `Renderer.inherits`); its own messages are the PDF's to give, not
  // repeated here. A caller may spell keys as book.yaml does (`font-size`).
  const interiorOptions = Object.fromEntries(
    Object.entries(options.interior ?? {}).map(([key, value]) => [camelCase(key), value]),
  ) as Partial<PdfOptions>
  const quiet = new SourceFile(env.file.path)
  const interior = resolveOptions(interiorOptions, quiet)
  let pages = settings.pages
  if (pages === undefined) {
    // Laid out as the PDF is, nothing drawn: the same pages (`paginate.ts`), at the layout's cost.
    const scratch: Env = { ...env, file: quiet, progress: undefined }
    pages = (await paginatePdf(tree, interiorOptions, scratch)).pages
  }
  const count = pages
  const { paper } = settings
  if (paper.minPages !== undefined && count < paper.minPages)
    pagesWarning(env, `The book has ${count} pages; ${settings.paperName} is bound from ${paper.minPages}`)
  if (paper.maxPages !== undefined && count > paper.maxPages)
    pagesWarning(
      env,
      `The book has ${count} pages; ${settings.paperName} is bound up to ${paper.maxPages}: split it into volumes with \`volumes: {max-pages: ${volumeBudget(paper.maxPages)}}\` in book.yaml`,
    )

  const b = settings.bleed
  const trimW = interior.width
  const trimH = interior.height
  const spine = spineWidth(count, paper)
  const width = 2 * trimW + spine + 2 * b
  const height = trimH + 2 * b
  const textSize = spineTextSize(count, spine, paper)
  // The cover's texts as drawn: no invisible format characters (`visible.ts`).
  const meta = {
    ...tree.metadata,
    title: visible(tree.metadata.title),
    subtitle: tree.metadata.subtitle && visible(tree.metadata.subtitle),
    description: tree.metadata.description && visible(tree.metadata.description),
  }

  // The cover's text alone decides whether a CJK face is loaded (`loadFonts`), and which.
  const authorLine = visible(meta.authors.map((a) => a.name).join(', '))
  const texts = [meta.title, meta.subtitle, authorLine, meta.description].filter(
    (text): text is string => typeof text === 'string' && text !== '',
  )
  const coverText = { type: 'root', metadata: { texts }, children: [] } as unknown as Root
  const fonts = await loadFonts(interior.font, env, { tree: coverText, language: meta.language })
  const faceOf = coverFaces(fonts, texts, env)
  preparePdfkit()
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: [width, height],
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    compress: true,
    pdfVersion: '1.6',
    info: { ...documentInfo(tree.metadata, env.date), Title: `${tree.metadata.title} (cover)` },
  })
  const chunks: Uint8Array[] = []
  let length = 0
  const done = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => {
      chunks.push(chunk)
      length += chunk.length
    })
    doc.on('end', resolve)
    doc.on('error', reject)
  })
  registerFaces(doc, fonts)
  doc.addPage({ size: [width, height], margin: 0 })
  const page = (doc.page as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data
  page.TrimBox = [b, b, width - b, height - b]
  page.BleedBox = [0, 0, width, height]

  // The whole wrap, bleed included.
  doc.rect(0, 0, width, height).fill([...BACKGROUND])

  // Front: the cover image over the panel and its bleed, else type.
  const frontX = b + trimW + spine
  const image = meta.cover ? await coverImage(meta.cover, env) : undefined
  if (image) {
    doc.save()
    doc.rect(frontX, 0, trimW + b, height).clip()
    doc.image(image as unknown as Buffer, frontX, 0, {
      cover: [trimW + b, height],
      align: 'center',
      valign: 'center',
    })
    doc.restore()
  } else {
    const inset = 0.6 * 72
    const boxW = trimW - 2 * inset
    doc
      .fillColor([...INK])
      .font(faceOf('regular', meta.title))
      .fontSize(Math.min(40, trimW / 9))
    doc.text(meta.title, frontX + inset, b + trimH * 0.22, { width: boxW, align: 'center', lineGap: 4 })
    if (meta.subtitle) {
      doc
        .moveDown(0.6)
        .font(faceOf('italic', meta.subtitle))
        .fontSize(Math.min(18, trimW / 20))
      doc.text(meta.subtitle, frontX + inset, doc.y, { width: boxW, align: 'center' })
    }
    const ruleY = doc.y + 24
    doc
      .moveTo(frontX + trimW / 2 - 36, ruleY)
      .lineTo(frontX + trimW / 2 + 36, ruleY)
      .lineWidth(1)
      .stroke([...ACCENT])
    if (authorLine) {
      doc
        .fillColor([...INK])
        .font(faceOf('regular', authorLine))
        .fontSize(Math.min(20, trimW / 18))
      doc.text(authorLine, frontX + inset, b + trimH * 0.8, { width: boxW, align: 'center' })
    }
  }

  // Spine: title and author along it, reading top to bottom, centred across it.
  if (textSize !== undefined) {
    const along = trimH - 2 * 0.5 * 72
    doc.save()
    doc.translate(b + trimW + spine / 2, b + trimH / 2).rotate(90)
    const line = authorLine ? `${meta.title}   ·   ${authorLine}` : meta.title
    doc
      .fillColor([...INK])
      .font(faceOf('regular', line))
      .fontSize(textSize)
    let size = textSize
    while (size > 5 && doc.widthOfString(line) > along) {
      size -= 0.5
      doc.fontSize(size)
    }
    doc.text(line, -along / 2, -size * 0.62, { width: along, align: 'center', lineBreak: false })
    doc.restore()
  }

  // Back: the description, and the barcode area kept white.
  const inset = 0.6 * 72
  if (meta.description) {
    doc
      .fillColor([...INK])
      .font(faceOf('regular', meta.description))
      .fontSize(11)
    doc.text(meta.description, b + inset, b + inset + 24, {
      width: trimW - 2 * inset,
      height: trimH - 2 * inset - BARCODE.height - 48,
      align: 'left',
      lineGap: 3,
      ellipsis: true,
    })
  }
  doc
    .rect(
      b + trimW - BARCODE.inset - BARCODE.width,
      b + trimH - BARCODE.inset - BARCODE.height,
      BARCODE.width,
      BARCODE.height,
    )
    .fill([0, 0, 0, 0])
  doc.end()
  await done
  return {
    bytes: concatBytes(chunks, length),
    report: { pages: count, spine, width, height, spineText: textSize !== undefined },
  }
}

/**
 * The face each cover text is set in: the book face when it has every glyph, else the first CJK
 * face that has them all (Noto Serif CJK sets Latin letters too, so a title mixing both stays in
 * one face), else the book face. A text with CJK characters no installed face has refuses the
 * cover with `print-cover-script-unsupported`, naming the package to install, as the PDF does.
 */
function coverFaces(
  fonts: FontSet,
  texts: string[],
  env: Env,
): (style: 'regular' | 'italic' | 'bold', text: string | undefined) => string {
  const covers = (face: Face, text: string) => {
    for (const char of text) {
      const c = char.codePointAt(0)!
      if (c > 0x20 && !/\s/u.test(char) && !face.font.hasGlyphForCodePoint(c)) return false
    }
    return true
  }
  const pick = (style: 'regular' | 'italic' | 'bold', text: string): Face | undefined => {
    if (covers(fonts.primary[style], text)) return fonts.primary[style]
    return fonts.cjk.map((set) => set[style]).find((face) => covers(face, text))
  }
  for (const text of texts) {
    if (pick('regular', text)) continue
    const missing = [...new Set([...text].filter((char) => isCjkCharacter(char.codePointAt(0)!)))]
    if (missing.length === 0) continue
    const install =
      fonts.cjkUnavailable.length > 0 ? `; install ${fonts.cjkUnavailable.join(', ')} to print it` : ''
    env.file.fail(
      'print-cover-script-unsupported',
      `The cover text "${text.slice(0, 40)}" has characters no installed face has (${missing.slice(0, 8).join('')}); they would print as empty boxes, so no cover was made${install}`,
      undefined,
      'print-cover',
    )
  }
  return (style, text) => (text ? (pick(style, text) ?? fonts.primary[style]) : fonts.primary[style]).name
}

function pagesWarning(env: Env, message: string): void {
  env.file.message('print-cover-pages', message, undefined, 'print-cover')
}

/** The cover image's bytes when pdfkit can draw them (PNG, JPEG); a warning otherwise. */
async function coverImage(path: string, env: Env): Promise<Uint8Array | undefined> {
  const refuse = (why: string) => {
    env.file.message(
      'print-cover-image',
      `The cover image "${path}" ${why}; the front is set in type`,
      undefined,
      'print-cover',
    )
    return undefined
  }
  let bytes: Uint8Array
  try {
    bytes = await env.readFile(path, 'image')
  } catch (error) {
    return refuse(`cannot be read (${(error as Error).message})`)
  }
  const type = sniffImageType(bytes)
  if (type !== 'image/png' && type !== 'image/jpeg') return refuse('is not a PNG or JPEG image')
  return bytes
}
