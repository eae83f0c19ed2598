/**
 * Where Kobo's sentence spans end: never at a no-break space (the typography's `Mr. Smith`,
 * `5 p.m.`), never before a word in lower case, never after a title, an initial or a dotted
 * abbreviation; spaces right inside a paragraph are spanned as kepubify spans them, and the head
 * ends with Kobo's `kobostylehacks` style.
 */
import { describe, expect, test } from 'vitest'
import { koboSpans, sentences } from '../../src/renderers/kepub/spans.js'

describe('kepub sentences', () => {
  test('a no-break space holds its words together', () => {
    expect(sentences('Mr.\u00A0Smith arrived. He sat.')).toEqual(['Mr.\u00A0Smith arrived. ', 'He sat.'])
    expect(sentences('At 5\u202Fp.m.\u00A0Then it rained.')).toEqual(['At 5\u202Fp.m.\u00A0Then it rained.'])
  })

  test('a word in lower case after a stop goes on with the sentence', () => {
    expect(sentences('Mr. Smith arrived at 5 p.m. sharp. He said “Hello!” and sat.')).toEqual([
      'Mr. Smith arrived at 5 p.m. sharp. ',
      'He said “Hello!” and sat.',
    ])
    expect(sentences('Yes… it was. “Stop!” she said.')).toEqual(['Yes… it was. ', '“Stop!” she said.'])
  })

  test('titles, initials, dotted abbreviations and numbered ones end no sentence', () => {
    expect(sentences('Was it Dr. Who? No. It was Mrs. Hudson.')).toEqual([
      'Was it Dr. Who? ',
      'No. ',
      'It was Mrs. Hudson.',
    ])
    expect(sentences('J. R. R. Tolkien wrote it, i.e. The Hobbit. See No. 5 and St. Paul vs. Rome.')).toEqual(
      ['J. R. R. Tolkien wrote it, i.e. The Hobbit. ', 'See No. 5 and St. Paul vs. Rome.'],
    )
    // "I" is a word, not an initial; "No." before a word is an answer.
    expect(sentences('So did I. No. Then we left.')).toEqual(['So did I. ', 'No. ', 'Then we left.'])
  })

  test('an ordinary stop still ends a sentence', () => {
    expect(sentences('He ran. She walked! Who? Them.')).toEqual([
      'He ran. ',
      'She walked! ',
      'Who? ',
      'Them.',
    ])
  })
})

describe('kepub documents', () => {
  const doc = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head>\n<title>T</title>\n</head>\n<body>${body}</body></html>`

  test('end their head with Kobo’s style, and span the spaces right inside a paragraph', () => {
    const out = koboSpans(doc('<section>\n<p><em>a</em> <em>b</em></p>\n</section>'))
    expect(out).toContain(
      '<title>T</title>\n<style type="text/css" id="kobostylehacks">div#book-inner { margin-top: 0; margin-bottom: 0; }</style>\n</head>',
    )
    expect(out).toContain(
      '<section>\n<p><em><span class="koboSpan" id="kobo.1.1">a</span></em><span class="koboSpan" id="kobo.1.2"> </span><em><span class="koboSpan" id="kobo.1.3">b</span></em></p>\n</section>',
    )
  })

  test('keep a sentence with a no-break space in one span', () => {
    const out = koboSpans(doc('<p>Mr.\u00A0Smith arrived at 5\u00A0p.m. sharp. Dr. Who? No.</p>'))
    expect([...out.matchAll(/<span class="koboSpan" id="[^"]*">([^<]*)<\/span>/g)].map((m) => m[1])).toEqual([
      'Mr.\u00A0Smith arrived at 5\u00A0p.m. sharp. ',
      'Dr. Who? ',
      'No.',
    ])
  })
})
