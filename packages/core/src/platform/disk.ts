/**
 * The disk-only API, behind the `#disk` import (package.json `imports`): a book folder's env,
 * `loadBook`'s planning from book.yaml and the file system, plugins imported by name. A bundler
 * for the browser takes `disk-browser.ts` instead, so the in-memory path never pulls these in.
 */

export { skipOutputs } from '../manifest/outputs.js'
export { planBook } from '../manifest/plan.js'
export { loadPlugins, type Plugin, pluginFrom } from '../plugins.js'
export { createNodeEnv, type NodeEnvOptions } from './node-env.js'
