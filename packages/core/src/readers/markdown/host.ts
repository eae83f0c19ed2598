/**
 * What the Markdown converter offers the modules it hands raw HTML and fenced divs to
 * (`inline-html.ts`, `containers.ts`), declared apart so that they need not import the converter.
 */
import type * as Mdast from 'mdast'
import type { SourceFile } from '../../diagnostics/file.js'
import type { BlockContent, Node, PhrasingContent, Position } from '../../model/types.js'
import type { LanguageAttributes, LanguageContext } from '../shared/phrasing.js'
import type { FileSink } from '../shared/sink.js'
import type { LineIndex } from './marks.js'
import type { FenceOpener, RawTag } from './raw-html.js'

type MdNode = Mdast.Nodes
type MdPosition = NonNullable<Mdast.Node['position']>

export interface ConverterHost {
  readonly options: { source: string; file: SourceFile; sink: FileSink }
  readonly maxDepth: number
  /** The document's language and direction, and those where the converter is. */
  readonly base: LanguageContext
  readonly scope: LanguageContext
  inScope<T>(scope: LanguageContext, convert: () => T): T
  languageAttributes(
    lang: string | undefined,
    dir: string | undefined,
    position: MdPosition | undefined,
  ): LanguageAttributes
  block(node: MdNode, depth: number): BlockContent[]
  inline(node: MdNode, depth: number): PhrasingContent[]
  link(
    url: string,
    title: string | null | undefined,
    children: PhrasingContent[],
    position?: MdPosition,
  ): PhrasingContent[]
  inlineImage(node: Mdast.Html): PhrasingContent[]
  at<T extends Node>(node: T, position: MdPosition | undefined): T
  positionOf(node: MdNode): Position | undefined
  slice(position: MdPosition | undefined): string | undefined
  lineIndex(): LineIndex
  htmlUnknown(tag: RawTag, node: MdNode): void
  htmlUnbalanced(reason: string, where: MdNode | MdPosition | undefined): void
  fencedDiv(opener: FenceOpener, position: MdPosition | undefined): void
}
