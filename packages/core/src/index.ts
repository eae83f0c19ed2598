/**
 * @octavo/core: the public API. Nothing else is exported; everything here is documented.
 */
export type * from './model/types.js'
export { visit, toText, chaptersOf, chapterLabel } from './model/walk.js'
export { SourceFile, OctavoError, formatDiagnostic, type Diagnostic, type Level } from './diagnostics/file.js'
export { codes, type Code } from './diagnostics/codes.js'
export { createNodeEnv, createMemoryEnv, ResourceError, dateFromEpoch, type Env } from './env.js'
export { registerReader, getReader, listReaders, type Reader, type ReaderOptions } from './readers/index.js'
export { registerRenderer, getRenderer, listRenderers, type Renderer } from './renderers/index.js'
export type { Transform } from './transforms/types.js'
export {
  loadBook,
  createBook,
  render,
  renderStream,
  diagnosticsOf,
  completeMetadata,
  createBookCache,
  type BookCache,
  type Book,
  type BuildOptions,
  type LoadOptions,
  type LoadResult,
  type CreateOptions,
  type ChapterInput,
  type MetadataInput,
  type FormatOptions,
} from './book.js'
export { loadPlugins, pluginFrom, type Plugin } from './plugins.js'
export { lintBook } from './lint.js'
export { bookStats, countWords, type BookStats, type ChapterStats } from './stats.js'
export { typography, type TypographyOptions } from './transforms/typography/index.js'
export { numbering } from './transforms/numbering.js'
export { ids } from './transforms/ids.js'
export { generateCover } from './renderers/epub/cover-image.js'
