/**
 * An ISBN as a book prints it: hyphenated into its prefix, registration group, registrant,
 * publication and check digit (978-0-306-40615-7). Where the hyphens go is not arithmetic but
 * the International ISBN Agency's range table, which grows as agencies hand out new blocks; it
 * comes from `isbn3`, whose releases carry the agency's current ranges.
 */
type Isbn3 = typeof import('isbn3')

/**
 * The range table, once `prepareIsbn` has loaded it: 18 ms of module start, which most books,
 * without an ISBN, need not pay.
 */
let isbn3: Isbn3 | undefined

/** Load the ISBN Agency's ranges, for `hyphenateIsbn`; a book with an ISBN asks before its pages are made. */
export async function prepareIsbn(): Promise<void> {
  if (isbn3) return
  // A CommonJS module: Node's import gives its exports as `default`, a bundler's may not.
  const loaded = await import('isbn3')
  isbn3 = (loaded as { default?: Isbn3 }).default ?? loaded
}

/**
 * `isbn13` (13 digits, as book.yaml's identifier is normalised) hyphenated by the agency's
 * ranges; the digits as they are when no range holds them (a block assigned after this release
 * of the table), never a wrong split, and before `prepareIsbn` has loaded the ranges.
 */
export function hyphenateIsbn(isbn13: string): string {
  return isbn3?.parse(isbn13)?.isbn13h ?? isbn13
}
