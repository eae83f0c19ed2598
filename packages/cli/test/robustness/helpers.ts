/**
 * Checks for the CLI fault tests, kept inside the CLI package: temporary folders, a minimal zip
 * reader (node:zlib) to open an EPUB, and well-formedness of its XML with saxes.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import nodePath from 'node:path'
import { inflateRawSync } from 'node:zlib'
import { SaxesParser } from 'saxes'

const made: string[] = []

export async function tempDir(prefix = 'octavo-cli-robust-'): Promise<string> {
  const dir = await mkdtemp(nodePath.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}

export async function cleanupTempDirs(): Promise<void> {
  while (made.length) await rm(made.pop()!, { recursive: true, force: true })
}

export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = nodePath.join(root, name)
    await mkdir(nodePath.dirname(path), { recursive: true })
    await writeFile(path, content)
  }
}

/** Entries of a zip, in central-directory order; throws on a truncated or corrupt archive. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('no end of central directory: truncated zip')
  const count = buf.readUInt16LE(eocd + 10)
  let at = buf.readUInt32LE(eocd + 16)
  const out = new Map<string, Buffer>()
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory entry')
    const method = buf.readUInt16LE(at + 10)
    const compressed = buf.readUInt32LE(at + 20)
    const nameLength = buf.readUInt16LE(at + 28)
    const extra = buf.readUInt16LE(at + 30)
    const comment = buf.readUInt16LE(at + 32)
    const local = buf.readUInt32LE(at + 42)
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8')
    const dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const data = buf.subarray(dataAt, dataAt + compressed)
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data))
    at += 46 + nameLength + extra + comment
  }
  return out
}

/** Problems with an EPUB: not a zip, mimetype not first, any XML file not well-formed. */
export function epubProblems(bytes: Uint8Array): string[] {
  let entries: Map<string, Buffer>
  try {
    entries = unzip(bytes)
  } catch (error) {
    return [(error as Error).message]
  }
  const problems: string[] = []
  if ([...entries.keys()][0] !== 'mimetype') problems.push('mimetype is not the first entry')
  for (const [name, data] of entries) {
    if (!/\.(xhtml|opf|ncx|xml)$/.test(name)) continue
    const parser = new SaxesParser({ xmlns: true })
    parser.on('error', (e) => problems.push(`${name}: ${e.message}`))
    try {
      parser.write(data.toString('utf8')).close()
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`)
    }
  }
  return problems
}

export function isPdf(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes)
  return (
    b.subarray(0, 5).toString('latin1') === '%PDF-' &&
    b
      .subarray(Math.max(0, b.length - 1024))
      .toString('latin1')
      .includes('%%EOF')
  )
}
