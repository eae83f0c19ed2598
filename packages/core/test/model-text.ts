/** The text of any model node or nodes, in order, for tests comparing what readers made. */
export const textOf = (node: unknown): string =>
  Array.isArray(node)
    ? node.map(textOf).join('')
    : typeof node === 'object' && node !== null
      ? 'value' in node && typeof node.value === 'string'
        ? node.value
        : 'children' in node
          ? textOf(node.children)
          : ''
      : ''
