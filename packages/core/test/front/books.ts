/**
 * The books the front-matter tests and goldens use: one with every generated page in English,
 * one in French (a translator, a CC0 licence, no copyright line of its own).
 */

import type { Book } from '../../src/index.js'
import { type CreateOptions, createBook } from '../../src/index.js'

export const englishBook: CreateOptions = {
  metadata: {
    title: 'The Lighthouse Keeper’s Daughter',
    subtitle: 'A Novel',
    author: 'Ada Quill',
    language: 'en-GB',
    identifier: { scheme: 'isbn', value: '9781234567897' },
    publisher: 'Harbour Press',
    date: '2026-03-01',
    series: { name: 'The Tides', number: 2 },
    copyright: '© 2026 Ada Quill',
    rights: 'All rights reserved.',
    edition: 'First edition',
    contributors: [
      { name: 'Ben Marsh', role: 'editor' },
      { name: 'Iris Vane', role: 'illustrator' },
    ],
    dedication: 'For M.,\nwho kept the light on.',
    epigraph: { text: 'The sea has neither meaning nor pity.', source: 'Anton Chekhov' },
    aboutAuthor:
      'Ada Quill grew up on a tidal island and has kept a lighthouse log since she was nine.\n\nShe lives in Harbour Town with two cats and a great many barometers.',
    alsoBy: ['The Salt Road', 'Harbour Lights'],
  },
  chapters: [{ title: 'Landfall', text: 'The boat came in at dawn, low in the water.' }],
}

export const frenchBook: CreateOptions = {
  metadata: {
    title: 'La Fille du gardien de phare',
    author: 'Ada Quill',
    language: 'fr',
    identifier: { scheme: 'uuid', value: '2b1f7f0e-3c1a-4a55-9e3e-6f3c1b2a9d10' },
    publisher: 'Éditions du Port',
    date: '2026-03-01',
    series: { name: 'Les Marées', number: 2 },
    rights: 'CC0 1.0',
    contributors: [{ name: 'Louise Marin', role: 'translator' }],
    dedication: 'À M., qui gardait la lumière.',
    epigraph: { text: 'La mer n’a ni sens ni pitié.', source: 'Anton Tchekhov' },
    aboutAuthor: 'Ada Quill a grandi sur une île à marée.',
    alsoBy: ['La Route du sel'],
  },
  chapters: [{ title: 'L’arrivée', text: 'Le bateau arriva à l’aube.' }],
}

export async function make(options: CreateOptions): Promise<Book> {
  const { book } = await createBook({ ...options, date: new Date(Date.UTC(2026, 2, 1)) })
  if (!book) throw new Error('no book')
  return book
}
