/**
 * XML inside archives: namespaces and attributes read; DTDs never processed, so XXE and entity
 * bombs expand to nothing; malformed XML is a problem with line and column; depth is bounded.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  attribute,
  descendants,
  element,
  elements,
  MAX_XML_DEPTH,
  parseXml,
  textOf,
} from '../../src/readers/shared/xml.js'
import { fcRuns } from '../fast-check.js'

describe('xml', () => {
  it('reads elements, namespaces, attributes and text', () => {
    const { root, problems } = parseXml(
      '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">' +
        '<metadata><dc:title>The  Glass\n Orchard &amp; Co &#x2014; &#8212;</dc:title><dc:creator opf:role="aut">A</dc:creator></metadata><![CDATA[<raw>]]></package>',
    )
    expect(problems).toEqual([])
    expect(root?.local).toBe('package')
    expect(root?.uri).toBe('http://www.idpf.org/2007/opf')
    const metadata = element(root!, 'metadata')!
    const title = element(metadata, 'title')!
    expect(title.uri).toBe('http://purl.org/dc/elements/1.1/')
    expect(textOf(title)).toBe('The Glass Orchard & Co — —')
    expect(attribute(element(metadata, 'creator')!, 'role')).toBe('aut')
    expect(elements(metadata).length).toBe(2)
    expect(descendants(root!, 'creator').length).toBe(1)
    expect(root?.children.includes('<raw>')).toBe(true)
  })

  it('never reads an external entity (XXE)', () => {
    const { root, problems } = parseXml(
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>',
    )
    expect(textOf(root!)).toBe('&xxe;')
    expect(problems[0]?.code).toBe('xml-malformed')
    expect(problems[0]?.message).toMatch(/undefined entity/)
  })

  it('never expands an entity bomb (billion laughs)', () => {
    let dtd = '<!ENTITY lol "lol">'
    for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`
    const { root, problems } = parseXml(`<?xml version="1.0"?><!DOCTYPE lolz [${dtd}]><lolz>&lol9;</lolz>`)
    expect(textOf(root!)).toBe('&lol9;')
    expect(problems.length).toBeGreaterThan(0)
  })

  it('reports malformed XML with line and column, and keeps what it read', () => {
    const { root, problems } = parseXml('<a>\n  <b>one</b>\n  <c>two</a>')
    expect(root?.local).toBe('a')
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]?.line).toBe(3)
    expect(problems[0]?.column).toBeGreaterThan(0)
    expect(parseXml('').problems[0]?.code).toBe('xml-malformed')
    expect(parseXml('not xml at all').root).toBeUndefined()
  })

  it('refuses hostile nesting after one scan, and reads the deepest allowed', () => {
    const n = 100_000
    const deep = parseXml(`${'<d>'.repeat(n)}x${'</d>'.repeat(n)}`)
    expect(deep.root).toBeUndefined()
    expect(deep.problems[0]?.message).toMatch(/nest 100000 deep/)
    const ok = parseXml(
      `${'<d>'.repeat(MAX_XML_DEPTH)}x<e/><!-- <a><b> --><![CDATA[<c>]]>${'</d>'.repeat(MAX_XML_DEPTH)}`,
    )
    expect(ok.problems).toEqual([])
    let depth = 0
    let node = ok.root
    while (node) {
      depth++
      node = element(node, 'd')
    }
    expect(depth).toBe(MAX_XML_DEPTH)
    // Unmatched closing tags under the limit: each costs at most the depth.
    const unmatched = parseXml(`${'<a>'.repeat(400)}${'</b>'.repeat(20_000)}`)
    expect(unmatched.problems.length).toBeGreaterThan(0)
  })

  it('keeps at most a few problems for garbage', () => {
    const { problems } = parseXml(`<r>${'&bad; <'.repeat(10_000)}</r>`)
    expect(problems.length).toBeLessThanOrEqual(20)
  })

  it('never throws on random input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseXml(s)
        parseXml(`<r xmlns:a="u">${s}</r>`)
      }),
      { numRuns: fcRuns(500) },
    )
  })
})
