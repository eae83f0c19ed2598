/**
 * The "Weather" chapters the PDF's threading tests add to the sample book: given paragraphs, one
 * more with an outside link, a link to the first of them and a footnote, and a figure when given
 * an image.
 */
import type { BlockContent, Chapter } from '../../src/model/types.js'
import { p, t } from '../pdf/helpers.js'

/** Chapter `i` (0-based) of the weather chapters, as `chapters/extra-${i + 1}.md`. */
export function weatherChapter(i: number, paragraphs: BlockContent[], image?: string): Chapter {
  const children = [...paragraphs]
  children.splice(
    5,
    0,
    p(
      'See the ',
      { type: 'link', url: 'https://example.org/skerrow', children: [t('island’s record')] },
      ' and the ',
      { type: 'link', url: '#weather-1', children: [t('first storm')] },
      '.',
      { type: 'footnoteReference', identifier: `w${i}`, label: String(i + 1) },
    ),
    {
      type: 'footnoteDefinition',
      identifier: `w${i}`,
      label: String(i + 1),
      children: [p(`Logged in the keeper’s hand, storm ${i + 1}.`)],
    },
  )
  if (image)
    children.splice(12, 0, {
      type: 'figure',
      image: { type: 'image', url: image, alt: 'The sea' },
      caption: [t(`Storm ${i + 1}, from the gallery.`)],
    })
  return {
    type: 'chapter',
    matter: 'body',
    kind: 'chapter',
    number: 100 + i,
    label: 'Chapter',
    title: [t(`Weather ${i + 1}`)],
    id: `weather-${i + 1}`,
    file: `chapters/extra-${i + 1}.md`,
    children,
  } as Chapter
}
