/**
 * The browser side of `#disk` (see `disk.ts`): there is no disk, so each function of the
 * disk-only API stops with a `platform-node-only` diagnostic saying what to use instead.
 */
import { SourceFile } from '../diagnostics/file.js'
import type * as disk from './disk.js'

export type { Plugin } from '../plugins.js'
export type { NodeEnvOptions } from './node-env.js'

function nodeOnly(name: string): never {
  return new SourceFile('').fail(
    'platform-node-only',
    `${name} reads the disk and exists only in Node; in a browser, build the book with createBook (chapters as strings, files as bytes)`,
  )
}

export const createNodeEnv: typeof disk.createNodeEnv = () => nodeOnly('createNodeEnv')
export const planBook: typeof disk.planBook = async () => nodeOnly('loadBook')
export const skipOutputs: typeof disk.skipOutputs = () => nodeOnly('loadBook')
export const loadPlugins: typeof disk.loadPlugins = async () => nodeOnly('loadPlugins')
export const pluginFrom: typeof disk.pluginFrom = () =>
  nodeOnly(
    'pluginFrom (in a browser, register readers and renderers with registerReader and registerRenderer)',
  )
