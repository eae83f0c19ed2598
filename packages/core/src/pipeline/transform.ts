/**
 * The transform stage: the built-in transforms (typography, a serial's chapter order, label
 * titles, numbering, labels,
 * ids, footnote numbers, front matter), then the caller's
 * and the plugins', in order, over the whole tree. Typography runs exactly once per build: over
 * the metadata and the chapters read in this build, never again over a chapter the cache kept
 * (it was smartened when it was read, and smartening is idempotent but not free).
 */
import type { SourceFile } from '../diagnostics/file.js'
import type { LabelStyle } from '../model/labels.js'
import type { Chapter, Part, Root } from '../model/types.js'
import { type FootnoteNumbering, footnoteNumbers } from '../transforms/footnotes.js'
import { frontMatter } from '../transforms/front-matter.js'
import { ids } from '../transforms/ids.js'
import { labels, labelTitles } from '../transforms/labels.js'
import { numbering } from '../transforms/numbering.js'
import { serialOrder } from '../transforms/serial.js'
import type { Transform } from '../transforms/types.js'
import { type SmartenOptions, typography } from '../transforms/typography/index.js'

/** What the stage works on: the tree (replaced when a transform returns a new one) and the book's file. */
export interface TransformTarget {
  tree: Root
  env: { file: SourceFile }
}

export interface TransformOptions {
  /** Smarten quotes, dashes and ellipses (default true); an object turns single rules off. */
  typography?: boolean | SmartenOptions
  /** How numbers are written in labels (see `BuildOptions.labels`). */
  labels?: LabelStyle
  /** How deep navigation and bookmarks go (see `BuildOptions.tocDepth`). */
  tocDepth?: number
  /** Footnote numbering (see `BuildOptions.footnotes`). */
  footnotes?: FootnoteNumbering
  /** Transforms run after the built-in ones, in order. */
  transforms?: Transform[]
}

/**
 * Run every transform over `target.tree`. `fresh` are the nodes read in this build (see
 * `ReadOutput.fresh`): typography smartens them and the metadata, in one run.
 */
export async function runTransforms(
  target: TransformTarget,
  fresh: Array<Part | Chapter>,
  options: TransformOptions,
): Promise<void> {
  const builtIns: Transform[] = [
    serialOrder(),
    labelTitles(),
    numbering(),
    labels({ style: options.labels }),
    ids({ tocDepth: options.tocDepth }),
    footnoteNumbers({ numbering: options.footnotes }),
    frontMatter(),
  ]
  if (options.typography !== false) {
    const rules = typeof options.typography === 'object' ? options.typography : {}
    const smarten = typography({ ...rules, language: target.tree.metadata.language })
    builtIns.unshift((tree, file) => {
      smarten({ ...tree, children: fresh }, file)
    })
  }
  for (const transform of [...builtIns, ...(options.transforms ?? [])]) {
    const result = await transform(target.tree, target.env.file)
    if (result) target.tree = result
  }
}
