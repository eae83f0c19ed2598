/**
 * The book manifest (`book.yaml`) and finding a book's files: `planBook` turns what the user
 * pointed at into a `BookPlan` (folder, complete metadata, chapter files in reading order,
 * renderer options, plugins) for the pipeline; `parseManifest` checks book.yaml text alone.
 */
export { BookFolder, isChapterName } from './files.js'
export {
  defaultIdentifier,
  directionOf,
  parseDate,
  parseIdentifier,
  parseLanguage,
  titleFromName,
  uuidV5,
} from './metadata.js'
export { comparePaths, naturalCompare } from './natural.js'
export {
  type BookOptions,
  type ChapterSpec,
  type Manifest,
  type PartEntry,
  type PathSpec,
  parseManifest,
} from './parse.js'
export {
  type BookPlan,
  type ManifestChapterEntry,
  type PlanOptions,
  type PlanResult,
  planBook,
} from './plan.js'
export { outputName, SLUG_LIMIT } from './slug.js'
