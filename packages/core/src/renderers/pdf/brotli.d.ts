/** brotli.js's decoder (untyped upstream), as fontkit uses it for WOFF2 and `woff.ts` does. */
declare module 'brotli/decompress.js' {
  /** The data `buffer` compresses; `outputSize`, when known, sizes the result. */
  export default function decompress(buffer: Uint8Array, outputSize?: number): Uint8Array
}
