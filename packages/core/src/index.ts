/**
 * @octavo/core: the public API. Nothing else is exported; everything here is documented.
 */

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
  loadBook,
  type MetadataInput,
  render,
  renderStream,
} from './book.js'
export { type Code, codes } from './diagnostics/codes.js'
export { type Diagnostic, formatDiagnostic, type Level, OctavoError, SourceFile } from './diagnostics/file.js'
export { createMemoryEnv, createNodeEnv, dateFromEpoch, type Env, ResourceError } from './env.js'
export { lintBook } from './lint.js'
export {
  chapterHead,
  chapterLabel,
  ENGLISH_LABEL_WORDS,
  type LabelStyle,
  type Labels,
  type LabelWords,
  labelsIn,
  partHead,
  partLabel,
} from './model/labels.js'
export type * from './model/types.js'
export { chaptersOf, toText, visit } from './model/walk.js'
export { loadPlugins, type Plugin, pluginFrom } from './plugins.js'
export { getReader, listReaders, type Reader, type ReaderOptions, registerReader } from './readers/index.js'
export { generateCover } from './renderers/epub/cover-image.js'
export { getRenderer, listRenderers, type Renderer, registerRenderer } from './renderers/index.js'
export { type BookStats, bookStats, type ChapterStats, countWords } from './stats.js'
export { type FootnoteNumbering, footnoteNumbers } from './transforms/footnotes.js'
export { ids } from './transforms/ids.js'
export { labels, labelTitles } from './transforms/labels.js'
export { numbering } from './transforms/numbering.js'
export type { Transform } from './transforms/types.js'
export { type TypographyOptions, typography } from './transforms/typography/index.js'
