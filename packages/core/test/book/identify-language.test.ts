/**
 * The book's language from its text when nobody gave it: a folder of French chapters is a French
 * book (its quotation marks, labels and dc:language), said once; a given language always wins;
 * English, short, mixed or unknown text leaves the English default alone.
 */
import { describe, expect, test } from 'vitest'
import { createBook } from '../../src/pipeline/book.js'
import { identifyLanguage, readsAsEnglish } from '../../src/pipeline/identify.js'

const FRENCH = `Il était une fois une petite fille qui vivait à l'orée de la forêt avec sa grand-mère. Chaque matin, elle allait chercher de l'eau à la rivière et cueillait des fleurs pour décorer la maison. Les oiseaux chantaient dans les arbres, et le vent soufflait doucement sur les collines. Un jour, pourtant, tout changea : un étranger arriva au village, portant un long manteau gris et un chapeau qui cachait son visage. Personne ne savait d'où il venait, ni pourquoi il était là. La petite fille, curieuse comme toujours, décida de le suivre jusqu'au vieux moulin abandonné, où elle découvrit un secret que personne n'aurait pu imaginer.`
const SPANISH = `Había una vez una niña que vivía al borde del bosque con su abuela. Cada mañana iba a buscar agua al río y recogía flores para adornar la casa. Los pájaros cantaban en los árboles y el viento soplaba suavemente sobre las colinas. Un día, sin embargo, todo cambió: llegó al pueblo un forastero que llevaba un abrigo largo y gris y un sombrero que le ocultaba la cara. Nadie sabía de dónde venía ni por qué estaba allí. La niña, curiosa como siempre, decidió seguirlo hasta el viejo molino abandonado, donde descubrió un secreto que nadie habría podido imaginar.`
const PORTUGUESE = `Era uma vez uma menina que vivia à beira da floresta com a avó. Todas as manhãs ia buscar água ao rio e colhia flores para enfeitar a casa. Os pássaros cantavam nas árvores e o vento soprava suavemente sobre as colinas. Um dia, porém, tudo mudou: chegou à aldeia um forasteiro que usava um casaco comprido e cinzento e um chapéu que lhe escondia o rosto. Ninguém sabia de onde vinha nem por que estava ali. A menina, curiosa como sempre, decidiu segui-lo até ao velho moinho abandonado, onde descobriu um segredo que ninguém poderia ter imaginado.`
const GERMAN = `Es war einmal ein kleines Mädchen, das mit seiner Großmutter am Rande des Waldes lebte. Jeden Morgen holte es Wasser aus dem Fluss und pflückte Blumen, um das Haus zu schmücken. Die Vögel sangen in den Bäumen, und der Wind wehte sanft über die Hügel. Eines Tages aber änderte sich alles: Ein Fremder kam ins Dorf, in einem langen grauen Mantel und mit einem Hut, der sein Gesicht verbarg. Niemand wusste, woher er kam oder warum er da war. Das Mädchen, neugierig wie immer, beschloss, ihm bis zur alten verlassenen Mühle zu folgen, wo es ein Geheimnis entdeckte, das sich niemand hätte vorstellen können.`
const ENGLISH = `Once upon a time there was a little girl who lived at the edge of the forest with her grandmother. Every morning she fetched water from the river and picked flowers to brighten the house. The birds sang in the trees, and the wind blew softly over the hills. One day, however, everything changed: a stranger came to the village, wearing a long grey coat and a hat that hid his face. Nobody knew where he came from, or why he was there. The little girl, curious as ever, decided to follow him to the old abandoned mill, where she discovered a secret nobody could have imagined.`

describe('identifyLanguage', () => {
  test.each([
    ['fr', FRENCH],
    ['es', SPANISH],
    ['pt', PORTUGUESE],
    ['de', GERMAN],
    ['en', ENGLISH],
  ])('%s prose is identified', async (tag, text) => {
    expect(await identifyLanguage([text, text.split('. ').reverse().join('. ')])).toBe(tag)
  })

  test('too little text, or files that disagree, identify nothing', async () => {
    expect(await identifyLanguage(['Bonjour, dit-il.'])).toBeUndefined()
    expect(await identifyLanguage([])).toBeUndefined()
    expect(await identifyLanguage([FRENCH, ENGLISH, SPANISH, GERMAN, PORTUGUESE])).toBeUndefined()
  })

  test('English is told by its commonest words, without the trigram tables; no other language is', () => {
    expect(readsAsEnglish(ENGLISH)).toBe(true)
    for (const text of [FRENCH, SPANISH, PORTUGUESE, GERMAN]) expect(readsAsEnglish(text)).toBe(false)
    const dutch =
      'Er was eens een meisje dat met haar grootmoeder aan de rand van het bos woonde. Elke ochtend haalde zij water uit de rivier en plukte zij bloemen om het huis te versieren. Wat zij niet wist, was dat er in het bos een geheim verborgen lag.'
    expect(readsAsEnglish(dutch)).toBe(false)
  })

  test('labels, figures and one-letter tokens are no language', async () => {
    const notes = Array.from({ length: 2000 }, (_, i) => `L${i}.[^${i}] N${i}.`).join('\n\n')
    expect(await identifyLanguage([notes, notes])).toBeUndefined()
  })

  test('markup is not read as words', async () => {
    const markdown = `---\ntitle: "Chapitre 1"\n---\n\n# Chapitre premier\n\n*${FRENCH}* [lien](https://example.com/a-very-english-looking-path)`
    const html = `<html><head><style>p { margin: 0 }</style></head><body><p class="first">${FRENCH}</p></body></html>`
    expect(await identifyLanguage([markdown])).toBe('fr')
    expect(await identifyLanguage([html])).toBe('fr')
  })
})

describe('a book with no language given', () => {
  test('of French chapters is a French book, said once', async () => {
    const { book, diagnostics } = await createBook({
      metadata: { title: 'Le Moulin', author: 'A. Auteur' },
      chapters: [{ text: `Chapitre premier\n\n"${FRENCH}"` }, { markdown: `# Chapitre 2\n\n${FRENCH}` }],
    })
    expect(book!.tree.metadata.language).toBe('fr')
    expect(diagnostics.filter((d) => d.code === 'book-language-identified')).toHaveLength(1)
    // Read and set as French: the spelled number, French quotation marks.
    const first = book!.tree.children[0]!
    expect(first.type === 'chapter' && first.number).toBe(1)
    expect(JSON.stringify(first)).toContain('«\u202fIl était')
  })

  test('keeps a language given, and English text says nothing', async () => {
    const given = await createBook({
      metadata: { title: 'T', author: 'A', language: 'en' },
      chapters: [{ text: FRENCH }, { text: FRENCH }],
    })
    expect(given.book!.tree.metadata.language).toBe('en')
    expect(given.diagnostics.some((d) => d.code === 'book-language-identified')).toBe(false)
    const english = await createBook({ metadata: { title: 'T', author: 'A' }, chapters: [{ text: ENGLISH }] })
    expect(english.book!.tree.metadata.language).toBe('en')
    expect(english.diagnostics.some((d) => d.code === 'book-language-identified')).toBe(false)
  })
})
