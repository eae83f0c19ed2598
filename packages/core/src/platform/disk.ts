/**
 * The disk-only API, behind the `#disk` import (package.json `imports`): a book folder's env,
 * `loadBook`'s planning from book.yaml and the file system, plugins imported by name. A bundler
 * for the browser takes `disk-browser.ts` instead, so the in-memory path never pulls these in.
 */
export { planBook } from '../manifest/index.js'
export { skipOutputs } from '../manifest/outputs.js'
export { loadPlugins, type Plugin, pluginFrom } from '../plugins.js'
export { createNodeEnv, type NodeEnvOptions } from './node-env.js'
