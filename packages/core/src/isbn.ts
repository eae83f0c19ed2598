/**
 * An ISBN as a book prints it: hyphenated into its prefix, registration group, registrant,
 * publication and check digit (978-0-306-40615-7). Where the hyphens go is not arithmetic but
 * the International ISBN Agency's range table, which grows as agencies hand out new blocks; it
 * comes from `isbn3`, whose releases carry the agency's current ranges.
 */
import isbn3 from 'isbn3'

/**
 * `isbn13` (13 digits, as book.yaml's identifier is normalised) hyphenated by the agency's
 * ranges; the digits as they are when no range holds them (a block assigned after this release
 * of the table), never a wrong split.
 */
export function hyphenateIsbn(isbn13: string): string {
  return isbn3.parse(isbn13)?.isbn13h ?? isbn13
}
