/**
 * Helpers for the print-standard tests: render a book to bytes with its messages, and read a
 * PDF's objects through `qpdf --json` (boxes, output intents, Info, trailer) and a stream's
 * decoded data through `qpdf --show-object --filtered-stream-data`.
 */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { SourceFile } from '../../src/diagnostics/file.js'
import { createMemoryEnv } from '../../src/env.js'
import type { Root } from '../../src/model/types.js'
import { type PdfOptions, renderPdf } from '../../src/renderers/pdf/index.js'
import { tempPdf } from '../pdf/helpers.js'
import { need } from '../tools.js'

const { PNG } = createRequire(import.meta.url)('pngjs') as typeof import('pngjs')

export async function render(
  tree: Root,
  options: Partial<PdfOptions>,
  files: Record<string, Uint8Array> = {},
): Promise<{ bytes: Uint8Array; messages: SourceFile['messages'] }> {
  const env = createMemoryEnv(files, { file: new SourceFile('') })
  const chunks: Uint8Array[] = []
  for await (const chunk of renderPdf(tree, options, env)) chunks.push(chunk)
  return { bytes: Buffer.concat(chunks), messages: env.file.messages }
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value }

/** A PDF's objects as qpdf's JSON (v2) gives them, with lookups that follow references. */
export class PdfObjects {
  readonly path: string
  private readonly objects: Record<string, { value?: Value; stream?: { dict: Record<string, Value> } }>

  constructor(bytes: Uint8Array) {
    need('qpdf')
    this.path = tempPdf(bytes)
    const json = JSON.parse(
      execFileSync('qpdf', ['--json=2', '--json-key=qpdf', this.path], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
    ) as { qpdf: [unknown, PdfObjects['objects']] }
    this.objects = json.qpdf[1]
  }

  get trailer(): Record<string, Value> {
    return this.objects.trailer!.value as Record<string, Value>
  }

  /** The object a reference (`12 0 R`) names, or the value itself; a stream's dictionary. */
  get(ref: Value | undefined): Record<string, Value> & Value {
    if (typeof ref === 'string' && / R$/.test(ref)) {
      const object = this.objects[`obj:${ref}`]!
      return (object.stream?.dict ?? object.value) as Record<string, Value>
    }
    return ref as Record<string, Value>
  }

  /** A direct value, following a reference (Info values are indirect objects). */
  value(ref: Value | undefined): Value | undefined {
    if (typeof ref === 'string' && / R$/.test(ref)) return this.objects[`obj:${ref}`]!.value
    return ref
  }

  get root(): Record<string, Value> {
    return this.get(this.trailer['/Root'])
  }

  /** Every page's dictionary, in order. */
  pages(): Record<string, Value>[] {
    const out: Record<string, Value>[] = []
    const walk = (node: Record<string, Value>) => {
      if (node['/Type'] === '/Page') out.push(node)
      else for (const kid of node['/Kids'] as Value[]) walk(this.get(kid))
    }
    walk(this.get(this.root['/Pages']))
    return out
  }

  /** The decoded data of a stream object. */
  stream(ref: Value): Uint8Array {
    const id = String(ref).split(' ')[0]!
    return execFileSync('qpdf', [`--show-object=${id}`, '--filtered-stream-data', this.path], {
      maxBuffer: 1 << 28,
    })
  }

  /** Object keys anywhere in the file, as qpdf's JSON spells them (`/SMask`), counted. */
  count(key: string): number {
    let n = 0
    const visit = (v: Value | undefined) => {
      if (Array.isArray(v)) v.forEach(visit)
      else if (v && typeof v === 'object')
        for (const [k, inner] of Object.entries(v)) {
          if (k === key) n++
          visit(inner)
        }
      else if (v === key) n++
    }
    for (const object of Object.values(this.objects)) visit((object.stream?.dict ?? object.value) as Value)
    return n
  }
}

/** qpdf writes text strings as `u:text` and binary ones as `b:hex`. */
export function text(value: Value | undefined): string | undefined {
  return typeof value === 'string' && value.startsWith('u:') ? value.slice(2) : undefined
}

/** A PNG of `colorType` 0 (grey), 4 (grey and alpha), 2 (RGB) or 6 (RGB and alpha), 1,500 px wide. */
export function png(colorType: 0 | 2 | 4 | 6, width = 1500): Uint8Array {
  const height = 1000
  const image = new PNG({ width, height })
  for (let i = 0; i < width * height; i++) {
    const v = (i % width) % 256
    image.data[i * 4] = v
    image.data[i * 4 + 1] = v
    image.data[i * 4 + 2] = v
    image.data[i * 4 + 3] = colorType >= 4 ? 128 : 255
  }
  return new Uint8Array(PNG.sync.write(image, { colorType, inputHasAlpha: true }))
}
