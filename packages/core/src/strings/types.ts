/**
 * The shape of a strings table: every word Octavo writes into a book itself (page names, the
 * copyright page's phrases, contributor roles, chapter kinds, month names). One table per
 * language lives beside this module; `stringsFor` picks one and applies book.yaml's `strings:`.
 * Templates hold `{name}` slots that `fill` replaces, so word order stays the language's own.
 */

/** Words before contributor names, by MARC relator code (`trl` → "Translated by"). */
export type RoleStrings = Record<string, string>

/** Names of the kinds of chapter and of the units of the book ("Chapter", "Part"). */
export interface KindStrings {
  chapter: string
  part: string
  prologue: string
  epilogue: string
  interlude: string
  foreword: string
  preface: string
  introduction: string
  afterword: string
  acknowledgments: string
  dedication: string
  appendix: string
}

export interface Strings {
  /** Heading of the contents page and label of the EPUB's TOC nav. */
  contents: string
  /** Label of the EPUB's landmarks nav. */
  landmarks: string
  /** Landmark label of the cover page. */
  cover: string
  /** Name of the title page in the contents and landmarks. */
  titlePage: string
  /** Name of the half-title page. */
  halfTitle: string
  /** Name of the copyright page in the contents. */
  copyright: string
  /** Name of the dedication page in the contents. */
  dedication: string
  /** Name of the epigraph page in the contents. */
  epigraph: string
  /** Heading of the page about the author. */
  aboutAuthor: string
  /** Heading of the list of the author's other books; `{author}` is the author's name. */
  alsoBy: string
  /** The same heading when the book names no author. */
  alsoByNoAuthor: string
  /** Landmark label of the first chapter. */
  start: string
  /** Label over an author's note. */
  authorNote: string
  /** Text of a footnote's back link, for screen readers. */
  backToText: string
  /** The copyright page's last line, naming the tool. */
  madeWith: string
  /** The word before a series number on the generated cover ("Book 2"). */
  seriesBook: string
  /** The series line of the title page: `{number}` and `{series}`. */
  seriesLine: string
  /** The title page's line naming one volume of a book split into several: `{number}` ("Book 2"). */
  volume: string
  /** The copyright page's line for a public-domain or CC0 work, said instead of a ©. */
  publicDomain: string
  /** The publication date line: `{date}` is the date written out in this language. */
  published: string
  /** The publisher line of the copyright page: `{publisher}`. */
  publishedBy: string
  /** The ISBN line: `{isbn}`. */
  isbn: string
  /** The word joining the last two names of a list ("A, B and C"). */
  and: string
  /** What stands between names in a list, where it is not ", " (Japanese and Chinese "、"). */
  nameSeparator?: string
  /** What stands between the last two names, where it is not " {and} " (Chinese "和", no spaces). */
  lastNameSeparator?: string
  /**
   * What stands between a chapter's or part's label and its title in the contents, navigation,
   * bookmarks and running heads, where it is not ": " (French "Chapitre 1 : Le Départ", with a
   * narrow no-break space). Chinese and Japanese labels take an ideographic space and Korean ones
   * a space whatever this says: the label's script decides (see `model/labels.ts`).
   */
  labelSeparator?: string
  /** A day-precise date: `{day}`, `{month}` (from `monthsOf`) and `{year}`. */
  dateDay: string
  /** A month-precise date: `{month}` (from `months`) and `{year}`. */
  dateMonth: string
  /** How the first day of a month is written, where it differs ("1er" in French). */
  firstDay?: string
  /** Month names standing alone ("March 2026"), January first. */
  months: readonly string[]
  /** Month names inside a full date ("1 марта 2026"), January first; the same as `months` in most languages. */
  monthsOf: readonly string[]
  /**
   * Words before contributor names, by MARC relator code; `ctb` is the fallback. A `{names}`
   * slot puts the names elsewhere ("{names} 訳").
   */
  roles: RoleStrings
  /** Names of the kinds of chapter, and "Chapter" and "Part". */
  kinds: KindStrings
  /** Name of the archive-style preface page (rating, tags, summary, notes). */
  prefacePage: string
  /** Preface row: the rating. */
  ratingLabel: string
  /** Preface row: archive warnings. */
  warningsLabel: string
  /** Preface row: relationship categories ("F/M", "Gen"). */
  categoriesLabel: string
  /** Preface row: fandoms. */
  fandomsLabel: string
  /** Preface row: relationships. */
  relationshipsLabel: string
  /** Preface row: characters. */
  charactersLabel: string
  /** Preface row: freeform tags. */
  tagsLabel: string
  /** Preface row: the language. */
  languageLabel: string
  /** Preface row: the series. */
  seriesLabel: string
  /** The preface's series entry: `{number}` and `{series}` ("Part 2 of The Tides"). */
  seriesPart: string
  /** Preface row: whether the work is finished. */
  statusLabel: string
  /** Status of a finished work. */
  statusComplete: string
  /** Status of a work still being written. */
  statusInProgress: string
  /** Preface row: first posted. */
  publishedLabel: string
  /** Preface row: last updated. */
  updatedLabel: string
  /** Preface row: length in words. */
  wordsLabel: string
  /** Preface row: the work's address. */
  sourceLabel: string
  /** Heading of the summary on the preface. */
  summaryLabel: string
  /** Heading of the work's notes on the preface. */
  notesLabel: string
  /** Heading and name of the end notes page. */
  endNotes: string
  /** Heading and name of the update log page. */
  updateLog: string
  /** An update log line for one chapter: `{chapters}` (its number) and `{date}` (written out). */
  chapterAdded: string
  /** An update log line for several chapters added on one day: `{chapters}` ("24–26", "3, 7"), `{date}`. */
  chaptersAdded: string
  /** The mark after a chapter title added since `new-since` ("(new)"). */
  newMark: string
  /** `accessibilitySummary` in the EPUB's package metadata. */
  accessibilitySummary: string
}

/**
 * What book.yaml's `strings:` (or the older `epub: {strings}`) may override: any key, and
 * single entries of `roles`, `kinds` and the month lists.
 */
export type StringOverrides = Partial<Omit<Strings, 'roles' | 'kinds'>> & {
  roles?: Partial<RoleStrings>
  kinds?: Partial<KindStrings>
}
