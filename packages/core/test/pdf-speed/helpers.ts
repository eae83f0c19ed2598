/**
 * What the PDF's threading tests share: a render to bytes with its report, a deflate whose
 * results are there at once, and the "Weather" chapters they add to the sample book.
 */
import { zlibSync } from 'fflate'
import type { Env, Threads } from '../../src/env.js'
import type { BlockContent, Chapter, Root } from '../../src/model/types.js'
import { type PdfOptions, type PdfReport, renderPdf } from '../../src/renderers/pdf/index.js'
import { p, t } from '../pdf/helpers.js'

/** A tree rendered through `renderPdf`'s stream: the file's bytes and the render's report. */
export async function renderWithReport(
  tree: Root,
  env: Env,
  options: Partial<PdfOptions> = {},
): Promise<{ bytes: Buffer; report: PdfReport }> {
  const chunks: Uint8Array[] = []
  let report: PdfReport | undefined
  for await (const chunk of renderPdf(tree, options, env, (r) => (report = r))) chunks.push(chunk)
  return { bytes: Buffer.concat(chunks), report: report! }
}

/**
 * `Threads.deflate` whose results are there at once, as if compressed on the caller's thread;
 * `count.jobs` counts the streams handed over.
 */
export function deflateAtOnce(count?: { jobs: number }): Threads['deflate'] {
  return (bytes, level) => {
    if (count) count.jobs++
    const out = zlibSync(bytes, { level: level as 6 })
    return () => out
  }
}

/**
 * The weather chapters: given paragraphs, one more with an outside link, a link to the first of
 * them and a footnote, and a figure when given an image.
 */
/** Chapter `i` (0-based) of the weather chapters, as `chapters/extra-${i + 1}.md`. */
export function weatherChapter(i: number, paragraphs: BlockContent[], image?: string): Chapter {
  const children = [...paragraphs]
  children.splice(
    5,
    0,
    p(
      'See the ',
      { type: 'link', url: 'https://example.org/skerrow', children: [t('island’s record')] },
      ' and the ',
      { type: 'link', url: '#weather-1', children: [t('first storm')] },
      '.',
      { type: 'footnoteReference', identifier: `w${i}`, label: String(i + 1) },
    ),
    {
      type: 'footnoteDefinition',
      identifier: `w${i}`,
      label: String(i + 1),
      children: [p(`Logged in the keeper’s hand, storm ${i + 1}.`)],
    },
  )
  if (image)
    children.splice(12, 0, {
      type: 'figure',
      image: { type: 'image', url: image, alt: 'The sea' },
      caption: [t(`Storm ${i + 1}, from the gallery.`)],
    })
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: 100 + i,
    label: 'Chapter',
    title: [t(`Weather ${i + 1}`)],
    id: `weather-${i + 1}`,
    file: `chapters/extra-${i + 1}.md`,
    children,
  } as Chapter
}
