/**
 * The shared EPUBCheck JVM answers as a JVM of its own would: same exit code, same messages, for a
 * broken EPUB (errors found) and then a valid one (state from the first check does not leak into
 * the second).
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'
import { has, need } from '../tools.js'
import { connectEpubcheck, runEpubcheck } from './run.js'
import { epubcheckOnce, startEpubcheckService } from './service.js'

const dir = mkdtempSync(path.join(tmpdir(), 'octavo-epubcheck-service-'))
const enc = new TextEncoder()

/** An EPUB whose OPF lists a chapter that is not in the archive. */
function broken(): string {
  const file = path.join(dir, 'broken.epub')
  writeFileSync(
    file,
    zipSync({
      mimetype: [enc.encode('application/epub+zip'), { level: 0 }],
      'META-INF/container.xml': enc.encode(
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
      ),
      'content.opf': enc.encode(
        '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier><dc:title>T</dc:title><dc:language>en</dc:language></metadata><manifest><item id="c" href="missing.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>',
      ),
    } as never),
  )
  return file
}

async function valid(): Promise<string> {
  const { book } = await createBook({
    metadata: { title: 'Checked', author: 'A. Writer', language: 'en' },
    chapters: [{ markdown: '# One\n\nA line.' }],
  })
  const file = path.join(dir, 'valid.epub')
  writeFileSync(file, await render(book!, 'epub'))
  return file
}

/** Message IDs and severities, which do not depend on the run (dates and timings do). */
function messages(stdout: string): string[] {
  const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    messages: Array<{ ID: string; severity: string; message: string }>
  }
  return report.messages.map((m) => `${m.severity} ${m.ID} ${m.message}`).sort()
}

describe.skipIf(!has('epubcheck'))('the EPUBCheck service', () => {
  it('gives the answer a JVM of its own gives, for a broken EPUB and then a valid one', async () => {
    need('epubcheck')
    const service = await startEpubcheckService()
    try {
      const bad = broken()
      const good = await valid()
      const runInService = (await connectEpubcheck(service.socket))!
      const shared = await runInService([bad, '--json', '-'])
      const alone = await epubcheckOnce([bad, '--json', '-'])
      expect(shared.status).toBe(alone.status)
      expect(shared.status).not.toBe(0)
      expect(messages(shared.stdout)).toEqual(messages(alone.stdout))
      expect(messages(shared.stdout).some((m) => m.startsWith('ERROR'))).toBe(true)
      const after = await runInService([good, '--json', '-'])
      expect(after.status).toBe(0)
      expect(messages(after.stdout)).toEqual([])
    } finally {
      await service.close()
    }
  })

  it('answers runEpubcheck', async () => {
    need('epubcheck')
    const run = await runEpubcheck([await valid(), '--json', '-'])
    expect(run.status).toBe(0)
    expect(messages(run.stdout)).toEqual([])
  })
})
