/** STUB plain-text reader; replaced by the text-reader work. */
import type { Reader } from '../types.js'

export const textReader: Reader = {
  name: 'text',
  extensions: ['.txt', '.text'],
  read(input, file, options) {
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input)
    const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim())
    return {
      children: [
        {
          type: 'chapter',
          matter: options.matter ?? 'body',
          kind: 'chapter',
          file: file.path,
          children: paragraphs.map((p) => ({ type: 'paragraph', children: [{ type: 'text', value: p.trim() }] })),
        },
      ],
    }
  },
}
