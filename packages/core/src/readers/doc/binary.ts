/**
 * Little-endian reads from one stream of the compound file, each checked against the stream's
 * end: a read past it is a damaged document (`Damaged`, reported once as `doc-invalid`), never a
 * `RangeError` or a value made up from nothing.
 */

/** Why the document cannot be read at all, said to the author after "cannot be read as …: ". */
export class Damaged extends Error {}

export class Stream {
  private readonly view: DataView

  constructor(
    readonly bytes: Uint8Array,
    /** The stream's name, for the message when a structure points outside it. */
    readonly name: string,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }

  get length(): number {
    return this.bytes.length
  }

  /** Whether `count` bytes from `at` lie inside the stream. */
  has(at: number, count: number): boolean {
    return Number.isInteger(at) && at >= 0 && count >= 0 && at + count <= this.bytes.length
  }

  private check(at: number, count: number, what: string): void {
    if (!this.has(at, count))
      throw new Damaged(`its ${what} lies outside the ${this.name} stream (it is damaged)`)
  }

  u8(at: number, what = 'data'): number {
    this.check(at, 1, what)
    return this.bytes[at]!
  }

  u16(at: number, what = 'data'): number {
    this.check(at, 2, what)
    return this.view.getUint16(at, true)
  }

  i16(at: number, what = 'data'): number {
    this.check(at, 2, what)
    return this.view.getInt16(at, true)
  }

  u32(at: number, what = 'data'): number {
    this.check(at, 4, what)
    return this.view.getUint32(at, true)
  }

  i32(at: number, what = 'data'): number {
    this.check(at, 4, what)
    return this.view.getInt32(at, true)
  }

  slice(at: number, count: number, what = 'data'): Uint8Array {
    this.check(at, count, what)
    return this.bytes.subarray(at, at + count)
  }
}

/**
 * A PLC (MS-DOC 2.2.2): `n + 1` positions (CPs or FCs) then `n` data items of `size` bytes, in
 * `lcb` bytes from `fc`. Positions that go backwards end it: what follows cannot be trusted.
 */
export function readPlc(
  stream: Stream,
  fc: number,
  lcb: number,
  size: number,
  what: string,
): { positions: number[]; data: (i: number) => number } {
  if (lcb < 4 || !stream.has(fc, lcb)) return { positions: [], data: () => fc }
  const n = Math.floor((lcb - 4) / (4 + size))
  const positions: number[] = []
  for (let i = 0; i <= n; i++) {
    const cp = stream.u32(fc + i * 4, what)
    if (positions.length > 0 && cp < positions.at(-1)!) break
    positions.push(cp)
  }
  const base = fc + (n + 1) * 4
  return { positions, data: (i: number) => base + i * size }
}
