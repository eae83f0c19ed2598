/**
 * Kindle books for the reader's tests, made by calibre (`ebook-convert`) from one pandoc EPUB
 * (three chapters, italics, a footnote, a picture, a cover, metadata), once per run: AZW3 (KF8),
 * old MOBI 6, and joint MOBI (both). Pictures are written by zlib here, not read from fixtures.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { zlibSync } from 'fflate'
import { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import { epubReader } from '../../src/readers/epub/index.js'
import { mobiReader } from '../../src/readers/mobi/index.js'
import type { ReadResult } from '../../src/readers/types.js'
import { run } from '../readers-epub/helpers.js'

export const tmp = mkdtempSync(path.join(tmpdir(), 'octavo-mobi-'))

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]

/** A one-colour RGB PNG. */
export function png(width: number, height: number, rgb: [number, number, number]): Uint8Array {
  const row = [0, ...Array.from({ length: width }, () => rgb).flat()]
  const raw = Uint8Array.from(Array.from({ length: height }, () => row).flat())
  const chunk = (type: string, data: Uint8Array) => {
    const body = Uint8Array.from([...type].map((c) => c.charCodeAt(0)).concat([...data]))
    return [...be32(data.length), ...body, ...be32(crc(body))]
  }
  const ihdr = Uint8Array.from([...be32(width), ...be32(height), 8, 2, 0, 0, 0])
  return Uint8Array.from([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', zlibSync(raw)),
    ...chunk('IEND', new Uint8Array()),
  ])
}

export const MAP = png(60, 40, [200, 30, 30])
export const COVER = png(300, 480, [30, 30, 200])

const SOURCE_MD = `---
title: The Lantern Keeper
author: Mira Vale
lang: en-GB
publisher: Harbour Press
description: A keeper and her light.
date: 2021-03-04
---

# Chapter One

The lantern was lit at dusk.[^n] It was *always* lit.

[^n]: Always at dusk.

![The map](map.png)

# The Second Night

Wind came off the sea, *hard*, and the café's sign swung.

* * *

Morning.

# Epilogue

And so the light went on.
`

export type Kind = 'azw3' | 'old' | 'both' | 'new'

let made: Promise<Record<'epub' | Kind, Uint8Array>> | undefined

/** The source EPUB and its Kindle conversions (calibre keeps the original pictures of an AZW3, and of a MOBI given `--mobi-keep-original-images`). */
export function books(): Promise<Record<'epub' | Kind, Uint8Array>> {
  made ??= (async () => {
    writeFileSync(path.join(tmp, 'source.md'), SOURCE_MD)
    writeFileSync(path.join(tmp, 'map.png'), MAP)
    writeFileSync(path.join(tmp, 'cover.png'), COVER)
    const epub = path.join(tmp, 'source.epub')
    await run('pandoc', ['source.md', '-o', epub, '--epub-cover-image=cover.png'], { cwd: tmp })
    const convert = (out: string, ...args: string[]) =>
      run('ebook-convert', [epub, path.join(tmp, out), ...args], { timeout: 180_000 })
    await Promise.all([
      convert('book.azw3'),
      convert('book-old.mobi', '--mobi-file-type', 'old', '--mobi-keep-original-images'),
      convert('book-both.mobi', '--mobi-file-type', 'both', '--mobi-keep-original-images'),
      convert('book-new.mobi', '--mobi-file-type', 'new', '--mobi-keep-original-images'),
    ])
    const read = (name: string) => new Uint8Array(readFileSync(path.join(tmp, name)))
    return {
      epub: read('source.epub'),
      azw3: read('book.azw3'),
      old: read('book-old.mobi'),
      both: read('book-both.mobi'),
      new: read('book-new.mobi'),
    }
  })()
  return made
}

export async function readKindle(bytes: Uint8Array | string, name = 'book.azw3') {
  const file = new SourceFile(name)
  const result: ReadResult = await mobiReader.read(bytes, file, { language: 'en' })
  return { result, file, codes: file.messages.map((m) => m.code) }
}

export async function readSourceEpub(bytes: Uint8Array) {
  const file = new SourceFile('source.epub')
  return { result: await epubReader.read(bytes, file, { language: 'en' }), file }
}

/** Every text node of the chapters, in order, white space collapsed. */
export function words(result: ReadResult): string {
  let text = ''
  for (const node of result.children)
    visit(node as Node, (n) => {
      if (n.type === 'text') text += ` ${n.value} `
    })
  return text.replace(/\s+/g, ' ').trim()
}

/** Node types anywhere in the chapters. */
export function kinds(result: ReadResult): Set<string> {
  const out = new Set<string>()
  for (const node of result.children) visit(node as Node, (n) => void out.add(n.type))
  return out
}
