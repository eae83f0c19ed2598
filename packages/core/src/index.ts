/**
 * @octavo/core: the public API. Nothing else is exported; everything here is documented.
 */

// Node-only (the disk); a browser build gets versions that stop with a `platform-node-only` diagnostic.
export { createNodeEnv, loadPlugins, type NodeEnvOptions, type Plugin, pluginFrom } from '#disk'
export { generateCover } from './cover/generate.js'
export { type Code, codes } from './diagnostics/codes.js'
export { type Diagnostic, formatDiagnostic, type Level, OctavoError, SourceFile } from './diagnostics/file.js'
export {
  type Assets,
  createMemoryEnv,
  dateFromEpoch,
  type Env,
  type MemoryEnvOptions,
  type ProgressStep,
  ResourceError,
  type ResvgWasmSource,
} from './env.js'
export type { ImportedFile, ImportResult } from './import/index.js'

/**
 * Turn a book's tree into Markdown chapter files and a book.yaml (`octavo import`). Its writer
 * (mdast-util-to-markdown, YAML) loads when first called, not with the core.
 */
export const importBook: typeof import('./import/index.js').importBook = async (tree, env) =>
  (await import('./import/index.js')).importBook(tree, env)
export { lintBook } from './lint.js'
export { titleFromName } from './manifest/metadata.js'
export { carriesOutputMarker, OUTPUT_MARKER } from './manifest/output-marker.js'
export { outputName } from './manifest/slug.js'
export {
  chapterHead,
  chapterLabel,
  ENGLISH_LABEL_WORDS,
  type LabelStyle,
  type Labels,
  type LabelWords,
  labelsFor,
  labelsIn,
  partHead,
  partLabel,
} from './model/labels.js'
export type * from './model/types.js'
export { chaptersOf, toText, visit } from './model/walk.js'
export {
  type OptionKind,
  type OptionRow,
  type OptionSchema,
  type OptionSpec,
  optionRows,
} from './options/schema.js'
export {
  type Book,
  type BookCache,
  type BuildOptions,
  type ChapterInput,
  type CreateOptions,
  completeMetadata,
  createBook,
  createBookCache,
  diagnosticsOf,
  type FormatOptions,
  type LoadOptions,
  type LoadResult,
  type MetadataInput,
} from './pipeline/book.js'
export { loadBook } from './pipeline/load.js'
export { render, renderStream } from './pipeline/render.js'
export { type SplitOptions, splitVolumes } from './pipeline/volumes.js'
export { getReader, listReaders, type Reader, type ReaderOptions, registerReader } from './readers/index.js'
export {
  type AnyRenderer,
  getRenderer,
  listRenderers,
  type Pagination,
  type Renderer,
  registerRenderer,
} from './renderers/index.js'
export { type BookStats, bookStats, type ChapterStats, countWords } from './stats.js'
export {
  formatDate,
  hasStrings,
  joinNames,
  type StringOverrides,
  type Strings,
  stringLanguages,
  stringsFor,
} from './strings/index.js'
export { type FootnoteNumbering, footnoteNumbers } from './transforms/footnotes.js'
export { frontMatter, frontMatterPages, pagesOf } from './transforms/front-matter.js'
export { ids } from './transforms/ids.js'
export { labels, labelTitles } from './transforms/labels.js'
export { numbering } from './transforms/numbering.js'
export type { Transform } from './transforms/types.js'
export { type TypographyOptions, typography } from './transforms/typography/index.js'
