/** `octavo formats`: the renderers available, built-in and from plugins, with their book.yaml options. */
import { type CommonArgs, reporterFor } from '../common.js'
import { EXIT } from '../report.js'

export async function formatsCommand(argv: CommonArgs): Promise<number> {
  const reporter = reporterFor(argv)
  const { listRenderers, loadPlugins, optionRows, SourceFile } = await import('@octavo/core')
  if (argv.plugin?.length) {
    const file = new SourceFile('')
    await loadPlugins(argv.plugin, process.cwd(), file)
    reporter.diagnostics(file.messages)
    if (file.hasErrors) return EXIT.errors
  }
  const list = listRenderers().map((r) => ({
    name: r.name,
    extension: r.extension,
    mediaType: r.mediaType,
    description: r.description,
    options: r.options ? optionRows(r.options) : [],
  }))
  if (argv.json) for (const r of list) reporter.json({ type: 'format', ...r })
  else {
    const width = Math.max(...list.map((r) => r.name.length))
    for (const r of list) {
      process.stdout.write(`${r.name.padEnd(width)}  ${r.extension.padEnd(6)}  ${r.description}\n`)
      // The options as book.yaml's section for the format spells them.
      const keyWidth = Math.max(0, ...r.options.map((o) => o.key.length))
      for (const o of r.options) {
        const fallback = o.default === undefined ? '' : ` (default ${o.default})`
        process.stdout.write(`    ${o.key.padEnd(keyWidth)}  ${o.description}${fallback}; ${o.takes}\n`)
      }
    }
  }
  return EXIT.ok
}
