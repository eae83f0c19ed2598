/**
 * Which command lines start the cover's thread before yargs parses them (src/ahead.ts): builds
 * whose formats, read the way yargs reads `--format` (an array of comma lists, `-f` its alias),
 * include the EPUB, which the default formats do.
 */
import { describe, expect, it } from 'vitest'
import { buildsEpub } from '../src/ahead.js'

describe('buildsEpub', () => {
  it('is a build with the default formats, or with epub among those given', () => {
    for (const args of [
      ['build'],
      ['build', 'book/', '-o', 'out', '--title', 'T'],
      ['build', '-f', 'epub'],
      ['build', '-f', 'pdf,epub'],
      ['build', '-f', 'pdf', 'epub', '-o', 'out'],
      ['build', '--format', ' epub '],
      ['build', '--format=pdf,epub'],
      ['build', '-f=epub'],
      ['build', '-f', 'pdf', '--format', 'epub'],
    ])
      expect(buildsEpub(args), args.join(' ')).toBe(true)
  })

  it('is not another command, nor a build of other formats', () => {
    for (const args of [
      [],
      ['check'],
      ['stats', 'book/'],
      ['init', 'build'],
      ['build', '-f', 'pdf'],
      ['build', '--format=pdf', 'ch.txt'],
      ['build', '-f', 'pdf', '-o', 'epub'],
      ['build', '-f', 'epubx'],
      ['build', '-f'],
    ])
      expect(buildsEpub(args), args.join(' ')).toBe(false)
  })
})
