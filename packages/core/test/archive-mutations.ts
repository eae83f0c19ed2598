/**
 * Mutations of a zipped document (a Word file, an OpenDocument text) for the readers' "never
 * throw" properties: bytes overwritten anywhere in the archive, or XML parts edited with the
 * characters and tags that break them and stored uncompressed so each edit reaches the parser.
 */
import fc from 'fast-check'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { fcRuns } from './fast-check.js'

/** Check `never` on `seed` with up to eight bytes overwritten, `runs` times. */
export async function mutatedBytes(
  seeds: Uint8Array[],
  never: (bytes: Uint8Array) => Promise<void>,
  runs = 150,
) {
  await fc.assert(
    fc.asyncProperty(
      fc.nat(seeds.length - 1),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      async (which, flips) => {
        const bytes = seeds[which]!.slice()
        for (const [at, value] of flips) bytes[at % bytes.length] = value
        await never(bytes)
      },
    ),
    { numRuns: fcRuns(runs) },
  )
}

/** Check `never` on `seed` with one XML part (named as `parts` picks) edited with `tokens`. */
export async function mutatedXml(
  seed: Uint8Array,
  parts: (name: string) => boolean,
  tokens: string[],
  never: (bytes: Uint8Array) => Promise<void>,
  runs = 150,
) {
  const entries = unzipSync(seed)
  const names = Object.keys(entries).filter(parts)
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...names),
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...tokens)), { maxLength: 6 }),
      async (name, edits) => {
        let text = new TextDecoder().decode(entries[name]!)
        for (const [at, insert] of edits) {
          const i = at % (text.length + 1)
          text = text.slice(0, i) + insert + text.slice(i + 1)
        }
        await never(zipSync({ ...entries, [name]: strToU8(text) }, { level: 0 }))
      },
    ),
    { numRuns: fcRuns(runs) },
  )
}
