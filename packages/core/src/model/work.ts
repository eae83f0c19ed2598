/**
 * What an archive (AO3, FanFiction.Net, Royal Road…) says about a work, as `Metadata` fields: the
 * fields its site readers fill, book.yaml's archive keys set, and the pipeline adopts from a file.
 * One list, so the manifest, the pipeline and the preface page cannot drift apart.
 */
import type { Metadata } from './types.js'

export const WORK_FIELDS = [
  'fandoms',
  'rating',
  'warnings',
  'categories',
  'relationships',
  'characters',
  'tags',
  'status',
  'source',
  'published',
  'updated',
  'words',
  'notes',
  'endNotes',
] as const satisfies ReadonlyArray<keyof Metadata>
