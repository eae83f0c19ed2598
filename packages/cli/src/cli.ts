#!/usr/bin/env node
/**
 * The `octavo` command. Thin by design (remark-cli is 43 lines): parse arguments with yargs, call
 * @octavo/core, report, set the exit code. Nothing about books lives here. The core is imported
 * by each command when it runs, never up front. `--version`, `--help`, `help CMD` and shell
 * completion are answered before yargs loads (most of the start-up time), from a table the build
 * makes by running the same yargs definition (fast.ts, answers.ts).
 */
import nodeModule from 'node:module'
import { buildsEpub } from './ahead.js'
import { EXIT } from './exit.js'
import { answerFast, readTable, version } from './fast.js'
import { tuneProcess } from './tuning.js'

// `octavo stats --json | head -3`: a reader that stops early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok)
    throw error
  })
}

const given = process.argv.slice(2)
// The command is bundled (scripts/bundle.mjs): the stack traces --debug prints name the sources
// through the source maps beside it, read only then (they cost start-up time).
if (given.includes('--debug')) process.setSourceMapsEnabled(true)
const fast = answerFast(given, process.env, process.stdout.columns)
if (fast) {
  process.stdout.write(fast.stdout)
  process.stderr.write(fast.stderr)
  process.exitCode = fast.code
} else {
  // From Node 22.1 the compiled code of the modules loaded from here on (yargs, the core) is kept
  // in a cache on disk, as npm and tsc keep theirs (a one-chapter book: 0.21 s → 0.19 s on Node
  // 22 here); Node 20 has no such cache, and this is nothing there.
  ;(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  await tuneProcess()
  // The cover's thread starts now, and loads resvg while yargs and the core load (ahead.ts).
  if (buildsEpub(given)) await startCoverThread()
  await run(given)
}

async function startCoverThread(): Promise<void> {
  try {
    ;(await import('@octavo/core/internal/threads')).nodeThreads.prepareCover?.()
  } catch {
    // Started when the book is planned instead, as without this.
  }
}

async function run(given: string[]): Promise<void> {
  const [{ default: yargs }, { defineProgram }, { SHELLS }] = await Promise.all([
    import('yargs'),
    import('./program.js'),
    import('./choices.js'),
  ])
  let args = given
  // `octavo help build` is `octavo build --help`, as with npm and git.
  if (args[0] === 'help') args = args.length > 1 ? [...args.slice(1), '--help'] : ['--help']
  // `octavo completion fish`: yargs picks the script by $SHELL, so name the shell for it.
  if (args[0] === 'completion' && args[1] !== undefined && !args[1].startsWith('-')) {
    if (!SHELLS.includes(args[1])) {
      process.stderr.write(`octavo: no completion for "${args[1]}"; choose one of: ${SHELLS.join(', ')}\n`)
      process.exit(EXIT.usage)
    }
    process.env.SHELL = `/bin/${args[1]}`
    // yargs takes zsh's own variable before $SHELL: the shell named wins.
    delete process.env.ZSH_NAME
    args = ['completion', ...args.slice(2)]
  }
  let exitCode: number = EXIT.ok
  const completing = args.includes('--get-yargs-completions')
  const program = defineProgram(yargs(args), {
    version: version(),
    width: Math.min(100, process.stdout.columns || 100),
    setExit: (code) => {
      exitCode = code
    },
    completing,
    args,
    ...(completing ? { formats: readTable()?.formats ?? [] } : {}),
  })
  skipHelpCache(program)
  await program.parseAsync()
  process.exitCode = exitCode
}

/**
 * yargs lays out the whole help text each time a command runs, in case something shows it later
 * (usage.js `cacheHelpMessage`); nothing here does (`fail` prints one line), and the layout (string
 * widths of every line) costs a build about a tenth of its start-up. Internal to yargs, which is
 * pinned: if it is not there, nothing changes.
 */
function skipHelpCache(program: object): void {
  type Internals = { getInternalMethods?(): { getUsageInstance?(): { cacheHelpMessage?: () => void } } }
  const usage = (program as Internals).getInternalMethods?.().getUsageInstance?.()
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {}
}
