/** Checks every reader result must pass, shared by the Markdown and HTML property tests. */
import { expect } from 'vitest'
import type { SourceFile } from '../../src/diagnostics/file.js'
import type { Node } from '../../src/model/types.js'
import { visit } from '../../src/model/walk.js'
import type { ReadResult } from '../../src/readers/types.js'

const allowedKeys = new Set([
  'type',
  'position',
  'children',
  'value',
  'url',
  'title',
  'subtitle',
  'alt',
  'depth',
  'ordered',
  'start',
  'align',
  'marker',
  'identifier',
  'label',
  'placement',
  'image',
  'caption',
  'lang',
  'dir',
  'number',
  'numeral',
  'kind',
  'matter',
  'file',
  'head',
  'header',
  'colSpan',
  'rowSpan',
])
const nodeTypes = new Set([
  'part',
  'chapter',
  'heading',
  'paragraph',
  'sceneBreak',
  'blockquote',
  'verse',
  'verseLine',
  'list',
  'listItem',
  'figure',
  'note',
  'footnoteDefinition',
  'codeBlock',
  'table',
  'tableRow',
  'tableCell',
  'text',
  'emphasis',
  'strong',
  'smallCaps',
  'delete',
  'underline',
  'subscript',
  'superscript',
  'span',
  'link',
  'break',
  'footnoteReference',
  'code',
  'image',
  'delete',
  'underline',
  'subscript',
  'superscript',
  'table',
  'tableRow',
  'tableCell',
])
const forbidden =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The result is a well-formed tree of model nodes carrying only safe URLs and XML-safe text. */
export function expectSafeResult(result: ReadResult, file: SourceFile): void {
  expect(file.messages.filter((m) => m.code === 'internal-error')).toEqual([])
  expect(result.children.length).toBeGreaterThan(0)
  // The tree is plain data; files the text carried (data: pictures) are bytes under its own path.
  const { resources, ...tree } = result
  expect(JSON.parse(JSON.stringify(tree))).toEqual(tree)
  for (const [path, bytes] of Object.entries(resources ?? {})) {
    expect(path.startsWith(`${file.path}/`)).toBe(true)
    expect(bytes).toBeInstanceOf(Uint8Array)
  }
  for (const top of result.children) {
    visit(top as Node, (node) => {
      if (!nodeTypes.has(node.type)) throw new Error(`unknown node type ${node.type}`)
      for (const key of Object.keys(node))
        if (!allowedKeys.has(key)) throw new Error(`unexpected key ${key} on ${node.type}`)
      for (const value of Object.values(node)) {
        if (typeof value === 'string' && forbidden.test(value))
          throw new Error(`forbidden character in ${node.type}`)
      }
      if (node.type === 'link' && !/^(https?:|mailto:|#)/i.test(node.url))
        throw new Error(`unsafe link ${node.url}`)
      if (node.type === 'image') {
        if (
          /^[a-z][a-z0-9+.-]*:/i.test(node.url) ||
          node.url.startsWith('/') ||
          node.url.split('/').includes('..')
        ) {
          throw new Error(`unsafe image ${node.url}`)
        }
      }
    })
  }
}
