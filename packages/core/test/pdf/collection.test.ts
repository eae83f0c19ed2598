/**
 * A font collection (`.ttc`, as a Mac's Palatino or Baskerville) as an author's PDF font
 * (`renderers/pdf/collection.ts`): given for `regular`, each style is set in the collection's
 * face for it, as if the four faces were given apart (the same PDF); a face named after `#` is
 * the one used; a collection without the face asked for, or a damaged one, is a
 * `pdf-font-invalid` naming the file, the faces it holds and a PDF in the default face.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { createBook, render } from '../../src/index.js'
import { type CollectionFace, collectionFaces, faceForStyle } from '../../src/renderers/pdf/collection.js'
import type { FontFiles } from '../../src/renderers/pdf/options.js'
import { collection } from '../font-files.js'
import { isPdf } from '../robustness/helpers.js'

const require = createRequire(import.meta.url)
const literata = (folder: string) =>
  readFileSync(require.resolve(`@expo-google-fonts/literata/${folder}/Literata_${folder}.ttf`))
const REGULAR = literata('400Regular')
const ITALIC = literata('400Regular_Italic')
const BOLD = literata('700Bold')
const BOLD_ITALIC = literata('700Bold_Italic')
// Bold first: the faces are found by their style, not their place.
const TTC = collection([BOLD, ITALIC, REGULAR, BOLD_ITALIC])

/** A book in every style, set in `font` with `files` beside it: its PDF and its messages. */
async function setIn(font: FontFiles, files: Record<string, Uint8Array>) {
  const { book } = await createBook({
    metadata: { title: 'Faces', author: 'A', date: '2020-01-01' },
    chapters: [
      { markdown: '# One\n\nRoman, *italic*, **bold** and ***bold italic*** words.\n', file: 'one.md' },
    ],
    files,
    formats: { pdf: { font } },
  })
  const pdf = Buffer.from(await render(book!, 'pdf'))
  return { pdf, messages: book!.env.file.messages.filter((d) => d.code === 'pdf-font-invalid') }
}

/** The book with `regular` a path into the collection of Literata's faces. */
const inCollection = (regular: string) => setIn({ regular }, { 'fonts/Literata.ttc': TTC })

/** The same book in `regular` and Literata's italic, bold and bold italic faces, given apart. */
function setApart(regular: Buffer) {
  return setIn(
    { regular: 'fonts/r.ttf', italic: 'fonts/i.ttf', bold: 'fonts/b.ttf', boldItalic: 'fonts/bi.ttf' },
    { 'fonts/r.ttf': regular, 'fonts/i.ttf': ITALIC, 'fonts/b.ttf': BOLD, 'fonts/bi.ttf': BOLD_ITALIC },
  )
}

describe('a font collection', () => {
  it('lists its faces, each a file of its own with its style', () => {
    const faces = collectionFaces(TTC) as CollectionFace[]
    expect(faces.map((f) => [f.name, f.italic, f.bold])).toEqual([
      ['Literata-Bold', false, true],
      ['Literata-Italic', true, false],
      ['Literata-Regular', false, false],
      ['Literata-BoldItalic', true, true],
    ])
    expect(Buffer.from(faces[2]!.sfnt).subarray(0, 4).equals(REGULAR.subarray(0, 4))).toBe(true)
    expect(faceForStyle(faces, { italic: true, bold: false })!.name).toBe('Literata-Italic')
    expect(faceForStyle(faces, { italic: false, bold: false }, 'Literata-BoldItalic')!.name).toBe(
      'Literata-BoldItalic',
    )
    expect(collectionFaces(REGULAR)).toBeUndefined()
  })

  it('given for regular, sets every style in its own face: the PDF of the four faces given apart', async () => {
    const fromCollection = await inCollection('fonts/Literata.ttc')
    const apart = await setApart(REGULAR)
    expect(fromCollection.messages).toEqual([])
    for (const name of ['Regular', 'Italic', 'Bold', 'BoldItalic'])
      expect(fromCollection.pdf.includes(`+Literata-${name}`), name).toBe(true)
    expect(fromCollection.pdf.equals(apart.pdf)).toBe(true)
  }, 60_000)

  it('a face named after # is the one used, the other styles still from the collection', async () => {
    const named = await inCollection('fonts/Literata.ttc#Literata-Italic')
    const apart = await setApart(ITALIC)
    expect(named.messages).toEqual([])
    expect(named.pdf.includes('+Literata-Regular')).toBe(false)
    expect(named.pdf.equals(apart.pdf)).toBe(true)
  }, 60_000)

  it('without the face asked for, or damaged: pdf-font-invalid naming the file, the default face', async () => {
    const missing = await inCollection('fonts/Literata.ttc#Palatino-Roman')
    expect(isPdf(missing.pdf)).toBe(true)
    expect(missing.messages.map((d) => d.message)).toEqual([
      expect.stringMatching(
        /"fonts\/Literata\.ttc#Palatino-Roman" \(regular\).*no face named "Palatino-Roman" \(it holds Literata-Bold, Literata-Italic, Literata-Regular, Literata-BoldItalic\)/,
      ),
    ])
    expect(missing.pdf.includes('+Literata-Regular')).toBe(true)

    const cut = await setIn({ regular: 'fonts/x.ttc' }, { 'fonts/x.ttc': TTC.subarray(0, 2000) })
    expect(isPdf(cut.pdf)).toBe(true)
    expect(cut.messages.map((d) => d.message)).toEqual([
      expect.stringMatching(/"fonts\/x\.ttc".*outside the file/),
    ])
    // An upright-only collection given for regular: the other styles borrow its face, as a lone
    // file's do, without a message.
    const upright = await setIn({ regular: 'fonts/u.ttc' }, { 'fonts/u.ttc': collection([REGULAR]) })
    expect(upright.messages).toEqual([])
    expect(upright.pdf.includes('+Literata-Italic')).toBe(false)
  }, 60_000)
})
