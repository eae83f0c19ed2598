/**
 * Raw HTML in Markdown, read by the HTML reader's sanitising converter on parse5: a block of HTML
 * becomes blocks, an `<img>` tag in running text an image. Apart from `convert.ts` because parse5
 * and the HTML converter are a third of a Markdown build's code and few chapters hold a `<`: the
 * reader loads this module with the first file that does (`read.ts`) and hands it to the converter.
 */
import type * as Mdast from 'mdast'
import type { BlockContent, PhrasingContent } from '../../model/types.js'
import { HtmlConverter } from '../html/convert.js'
import type { DataImages } from '../shared/data-images.js'
import { parseHtmlFragment } from '../shared/parse5.js'
import type { LanguageContext } from '../shared/phrasing.js'
import type { FileSink } from '../shared/sink.js'

/** Where the HTML sits: its file (image paths resolve against it) and where losses are reported. */
export interface HtmlContext {
  filePath: string
  sink: FileSink
  /** Where pictures written as data: URLs are taken in. */
  dataImages?: DataImages
  /** The document's language, and the one where the HTML stands (inside `::: {lang=fr}`). */
  language?: LanguageContext
  within?: LanguageContext
}

function converterFor(
  node: Mdast.Html,
  { filePath, sink, dataImages, language, within }: HtmlContext,
): HtmlConverter {
  const base = node.position?.start
  return new HtmlConverter({
    source: node.value,
    filePath,
    sink,
    ...(base ? { base } : {}),
    ...(dataImages ? { dataImages } : {}),
    ...(language ? { language } : {}),
    ...(within ? { within } : {}),
  })
}

/** A raw HTML block → blocks, positions counted from where the block starts in the file. */
export function htmlBlocks(node: Mdast.Html, context: HtmlContext): BlockContent[] {
  return converterFor(node, context).convert(parseHtmlFragment(node.value))
}

/** An `<img>` tag in running text → phrasing (the same path rules as a Markdown image). */
export function htmlPhrasing(node: Mdast.Html, context: HtmlContext): PhrasingContent[] {
  return converterFor(node, context).phrasing(parseHtmlFragment(node.value))
}
