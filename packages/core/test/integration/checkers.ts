/** Run the real external checkers (EPUBCheck, smartcheck.py) on bytes; skip reasons when absent. */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { runEpubcheck } from '../epubcheck/run.js'
import { EPUBCHECK_JAR, has } from '../tools.js'

const run = promisify(execFile)

export { EPUBCHECK_JAR }
export const SHARED = path.resolve(import.meta.dirname, '../../../../../shared')
export const CORPUS = path.join(SHARED, 'corpus')

export const hasEpubcheck = has('epubcheck')
export const hasPython = has('python3')
export const hasCorpus = existsSync(path.join(CORPUS, 'war-and-peace/txt'))

export function tempFile(name: string, bytes: Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'octavo-it-')), name)
  writeFileSync(file, bytes)
  return file
}

/** EPUBCheck's errors and warnings (and fatals), as "ID path:line message" strings. */
export async function epubcheck(file: string): Promise<string[]> {
  const report = `${file}.json`
  await runEpubcheck([file, '--json', report])
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    messages: Array<{
      ID: string
      severity: string
      message: string
      locations: Array<{ path: string; line: number }>
    }>
  }
  return json.messages
    .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
    .map(
      (m) => `${m.severity} ${m.ID} ${m.locations[0]?.path ?? ''}:${m.locations[0]?.line ?? ''} ${m.message}`,
    )
}

/** The counters smartcheck.py prints for an EPUB against a corpus book's ref/. */
export async function smartcheck(file: string, book: string): Promise<Record<string, number>> {
  const { stdout } = await run(
    'python3',
    [path.join(SHARED, 'tools/smartcheck.py'), file, path.join(CORPUS, book)],
    {
      maxBuffer: 1 << 24,
    },
  )
  const dict = stdout.split('\n')[0]!.replace(/^\S+ /, '')
  return JSON.parse(dict.replace(/'/g, '"')) as Record<string, number>
}
