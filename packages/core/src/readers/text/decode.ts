/**
 * Turn a plain-text file's bytes into a clean JavaScript string: decode them (the encoding is
 * chosen by `../encoding.ts`, as for every reader), repair lone surrogates, and remove the characters XML cannot carry, reporting each kind
 * of repair once per file with the place of its first occurrence rather than once per character.
 */
import type { SourceFile } from '../../diagnostics/file.js'
import { decodeSource, reportEncoding } from '../encoding.js'
import { pointAt, SURROGATE, scanForbidden, removeForbidden as strip } from '../source.js'

const TEXT_ENCODING_CODES = {
  detected: 'text-encoding-guessed',
  uncertain: 'text-encoding-uncertain',
  fallback: 'text-encoding-fallback',
  invalid: 'text-encoding-invalid',
  ignored: 'text-encoding-ignored',
} as const

/**
 * Bytes (or a string) to text, with encoding diagnostics on `file`. The BOM is not kept.
 * `encoding` is the caller's (any WHATWG label); without it the encoding is detected.
 */
export function decodeInput(input: Uint8Array | string, file: SourceFile, encoding?: string): string {
  const decoded = decodeSource(input, encoding ? { encoding } : {})
  reportEncoding(decoded, file, TEXT_ENCODING_CODES, 'text')
  return decoded.wellFormed ? decoded.text : repairSurrogates(decoded.text, file)
}

const LONE_SURROGATE = new RegExp(SURROGATE, 'g')

/** Replace each unpaired surrogate with U+FFFD (`text` has one: `DecodeResult.wellFormed`). */
function repairSurrogates(text: string, file: SourceFile): string {
  LONE_SURROGATE.lastIndex = 0
  let count = 0
  let first = -1
  const repaired = text.replace(LONE_SURROGATE, (_c, offset: number) => {
    if (first < 0) first = offset
    count++
    return '\ufffd'
  })
  file.message(
    'text-lone-surrogate',
    `${count} unpaired surrogate${count === 1 ? '' : 's'} replaced with U+FFFD`,
    pointAt(text, first, 'any'),
    'text',
  )
  return repaired
}

/**
 * Remove the characters a plain-text file should not pass on (the `text` set of `../source.ts`),
 * one warning for the whole file. Form and vertical tabs become spaces, because they separate
 * words ("end.\fNext") in old page-formatted files. `text` is `decodeInput`'s: no unpaired
 * surrogate is left in it.
 */
export function removeForbidden(text: string, file: SourceFile): string {
  const found = scanForbidden(text, 'text', 'any', true)
  if (found.count === 0) return text
  const code = text.charCodeAt(found.first?.offset ?? 0)
  const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  file.message(
    'text-control-characters',
    `Removed ${found.count} control character${found.count === 1 ? '' : 's'} XML cannot hold (first: ${name})`,
    found.first,
    'text',
  )
  return strip(text, 'text', true, true)
}
