/**
 * What a command is sure to wait for, started before yargs and the core load. A build that
 * writes an EPUB rasterises its generated cover on a thread of its own (the core's
 * `prepareCover`, platform/threads.ts); that thread takes tens of ms to start and load resvg,
 * and the cover's SVG is ready only once the book is read, so started here it is ready by then
 * instead of starting when the book's metadata is planned. A book with a cover image of its own
 * leaves it unused (it holds no process open); a PDF-only build does not start it.
 *
 * The arguments are read before yargs parses them, so loosely: a wrong guess costs a thread
 * started for nothing, or one started later, never a different book.
 */

/** Whether `octavo ARGS` is a build whose formats include the EPUB (the default's do). */
export function buildsEpub(args: readonly string[]): boolean {
  if (args[0] !== 'build') return false
  const formats: string[] = []
  let given = false
  for (let i = 1; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') break
    const inline = /^(?:--format|-f)=(.*)$/.exec(arg)
    if (inline) {
      given = true
      formats.push(inline[1]!)
    } else if (arg === '--format' || arg === '-f') {
      given = true
      // An array option: its values run to the next option.
      while (i + 1 < args.length && !args[i + 1]!.startsWith('-')) formats.push(args[++i]!)
    }
  }
  if (!given) return true
  return formats.some((list) => list.split(',').some((format) => format.trim() === 'epub'))
}
