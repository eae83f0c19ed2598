#!/usr/bin/env node
/**
 * Bundles the `octavo` command (after `tsc`, which writes the declarations and the modules
 * answers.js runs): dist/cli.js is one entry module, with the core and the pure-JavaScript
 * packages it uses inlined, and what only some commands or builds need in lazy chunks beside it
 * (code splitting: each dynamic `import()` of the sources is a chunk). Node then loads a handful
 * of files instead of some four hundred modules, most of a small build's start-up.
 *
 * Left out (imported from node_modules as before):
 *  - packages that read files of their own at run time, beside their code: css-tree (its data),
 *    the native resvg. Each is a dependency of this package, with the core's version
 *    (test/bundle.test.ts checks);
 *  - what the core resolves at run time (faces, hyphenation patterns, fflate for its thread):
 *    the core resolves those from the installed `@octavo/core` (platform/node.ts `coreRequire`).
 * yargs is inlined, but finds its messages in other languages (its `locales` folder) where it is
 * installed, as a dependency of this package: its platform module is told its own place. So is
 * pdfkit, for its standard faces' metrics; with fontkit and their dependencies inlined, a PDF
 * build loads one chunk where it resolved, read and compiled some fifty modules (a one-chapter
 * PDF 0.39 → 0.33 s), and what no build of ours uses is loaded on its first use: brotli's decoder
 * (WOFF2 faces) from where fontkit is installed, AES (encryption) from the chunk.
 * string-width (yargs' and cliui's, for laying out help) makes an `Intl.Segmenter` as it loads,
 * which costs a build tens of ms for help it never prints: it is evaluated on its first call.
 *
 * Chunks sit beside the entry, so `import.meta.url` of the CLI's modules (answers.json,
 * package.json) means what it meant unbundled. Source maps go beside them, mapped through the
 * core's own to its TypeScript sources (`--debug` turns them on for stack traces). The metafile
 * (dist/bundle.json: which source modules each chunk holds) lets the tests count modules.
 *
 *   node scripts/bundle.mjs
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const dist = path.join(root, 'dist')

/** Packages the bundle imports instead of inlining (see above). */
const EXTERNAL = ['css-tree', '@resvg/resvg-js', '@resvg/resvg-wasm']

/**
 * yargs' Node platform module finds the locales folder (and the program's folder) from its own
 * `import.meta.url`; inlined, that would be the chunk's. It is given the installed module's
 * instead (yargs is pinned: a change in that module fails the build here, not a user's help).
 */
const yargsInPlace = {
  name: 'yargs-in-place',
  setup(build) {
    const shim = /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/
    build.onLoad({ filter: shim, namespace: 'file' }, ({ path: file }) => {
      const source = readFileSync(file, 'utf8')
      const uses = source.split('import.meta.url').length - 1
      if (uses !== 2) throw new Error(`${file}: expected import.meta.url twice, found ${uses}`)
      const own =
        "import.meta.resolve('yargs/package.json').replace(/package\\.json$/, 'lib/platform-shims/esm.mjs')"
      return { contents: source.replaceAll('import.meta.url', `(${own})`), loader: 'js' }
    })
  },
}

/**
 * pdfkit finds its standard fonts' metrics (`#standard-fonts/*`, its package's imports) and its
 * sRGB profile from its own `import.meta.url`; inlined, that would be the chunk's. It is given
 * the installed module's instead, as yargs is.
 */
const pdfkitInPlace = {
  name: 'pdfkit-in-place',
  setup(build) {
    const own = /[\\/]pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/
    build.onLoad({ filter: own, namespace: 'file' }, ({ path: file }) => {
      const source = readFileSync(file, 'utf8')
      const uses = source.split('import.meta.url').length - 1
      if (uses !== 2) throw new Error(`${file}: expected import.meta.url twice, found ${uses}`)
      return { contents: source.replaceAll('import.meta.url', "import.meta.resolve('pdfkit')"), loader: 'js' }
    })
  },
}

/**
 * fontkit and the core's WOFF2 reader import brotli's decoder, and loading it (a 740 KB
 * dictionary, compiled) cost every PDF build ~20 ms though a book's faces are TrueType or
 * OpenType: it loads, from where fontkit is installed, on its first use instead. Under Node the
 * core decompresses WOFF2 with zlib (`nativeBrotli`), so the command loads it only on a Node
 * without brotli in zlib.
 */
const brotliOnFirstUse = {
  name: 'brotli-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^brotli\/decompress\.js$/ }, () => ({
      path: 'brotli/decompress.js',
      namespace: 'brotli-on-first-use',
    }))
    build.onLoad({ filter: /.*/, namespace: 'brotli-on-first-use' }, () => ({
      contents: [
        "import { createRequire } from 'node:module'",
        'let decompress',
        'export default function brotliDecompress(buffer, length) {',
        "  decompress ??= createRequire(import.meta.resolve('fontkit'))('brotli/decompress.js')",
        '  return decompress(buffer, length)',
        '}',
      ].join('\n'),
      loader: 'js',
    }))
  },
}

/**
 * pdfkit imports AES (`cbc`, `ecb`) for encrypted PDFs, and the module computes its tables as it
 * loads (~10 ms of every PDF build's start, though no build encrypts): inlined, it is evaluated on
 * the first call instead.
 */
const aesOnFirstUse = {
  name: 'aes-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^@noble\/ciphers\/aes$/ }, ({ importer, namespace }) =>
      namespace === 'file' ? { path: path.dirname(importer), namespace: 'aes-on-first-use' } : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'aes-on-first-use' }, ({ path: folder }) => ({
      contents: [
        'let aes',
        "const load = () => (aes ??= require('@noble/ciphers/aes'))",
        'export const cbc = (...args) => load().cbc(...args)',
        'export const ecb = (...args) => load().ecb(...args)',
      ].join('\n'),
      loader: 'js',
      resolveDir: folder,
    }))
  },
}

/**
 * `tiny-inflate` (a raw-deflate decoder in JavaScript) is how unicode-trie unpacks its tables as
 * fontkit, unicode-properties and linebreak load, and how fontkit reads a WOFF face's tables: in
 * a command, which runs on Node only, it is Node's zlib, the same bytes (`inflate(source, dest)`
 * fills `dest` and returns it, or its filled part). The tries cost every PDF build ~12 ms of its
 * start-up in JavaScript, under 1 ms in zlib.
 */
const nativeInflate = {
  name: 'native-inflate',
  setup(build) {
    build.onResolve({ filter: /^tiny-inflate$/ }, () => ({
      path: 'tiny-inflate',
      namespace: 'native-inflate',
    }))
    build.onLoad({ filter: /.*/, namespace: 'native-inflate' }, () => ({
      contents: [
        "const { inflateRawSync } = require('node:zlib')",
        'module.exports = function inflate(source, dest) {',
        '  const out = inflateRawSync(source)',
        '  if (out.length >= dest.length) {',
        '    dest.set(out.subarray(0, dest.length))',
        '    return dest',
        '  }',
        '  dest.set(out)',
        "  return typeof dest.slice === 'function' ? dest.slice(0, out.length) : dest.subarray(0, out.length)",
        '}',
      ].join('\n'),
      loader: 'js',
    }))
  },
}

// Chunks of an earlier bundle (their names carry a content hash).
const previous = path.join(dist, 'bundle.json')
try {
  const meta = JSON.parse(readFileSync(previous, 'utf8'))
  for (const file of Object.keys(meta.outputs)) rmSync(path.join(root, file), { force: true })
} catch {}

/**
 * `import stringWidth from 'string-width'` gets a function that loads the package (inlined, as
 * CommonJS-wrapped ES module: evaluated when first required) on its first call, the same width.
 */
const stringWidthOnFirstUse = {
  name: 'string-width-on-first-use',
  setup(build) {
    build.onResolve({ filter: /^string-width$/ }, ({ importer, namespace }) =>
      namespace === 'file'
        ? { path: path.dirname(importer), namespace: 'string-width-on-first-use' }
        : undefined,
    )
    build.onLoad({ filter: /.*/, namespace: 'string-width-on-first-use' }, ({ path: folder }) => ({
      contents:
        "let width\nmodule.exports = (text, options) => (width ??= require('string-width').default)(text, options)\n",
      loader: 'js',
      resolveDir: folder,
    }))
  },
}

/**
 * `@octavo/core/internal/threads` is the core's own threads module (its `dist/platform/threads.js`,
 * the one the core imports, so one module and one cover thread): the entry starts the cover's
 * thread from it before the rest of the core loads (src/ahead.ts). Not an export of the core
 * package; only the bundle resolves it.
 */
const coreThreads = {
  name: 'core-threads',
  setup(build) {
    build.onResolve({ filter: /^@octavo\/core\/internal\/threads$/ }, ({ resolveDir }) => {
      const core = path.dirname(
        createRequire(path.join(resolveDir, 'x.js')).resolve('@octavo/core/package.json'),
      )
      return { path: path.join(core, 'dist/platform/threads.js') }
    })
  },
}

const result = await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: '[name]-[hash]',
  external: EXTERNAL,
  plugins: [
    yargsInPlace,
    pdfkitInPlace,
    brotliOnFirstUse,
    aesOnFirstUse,
    stringWidthOnFirstUse,
    nativeInflate,
    coreThreads,
  ],
  // CommonJS packages inlined in an ES module still `require` Node's own modules.
  banner: {
    js: "import { createRequire as __octavoCreateRequire } from 'node:module'\nconst require = __octavoCreateRequire(import.meta.url)",
  },
  sourcemap: 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
})
writeFileSync(previous, `${JSON.stringify(result.metafile)}\n`)
