/** The transform contract, after unified's transformers: change the tree in place or return a new one. */
import type { SourceFile } from '../diagnostics/file.js'
import type { Root } from '../model/types.js'

export type Transform = (tree: Root, file: SourceFile) => Root | void | Promise<Root | void>
