/**
 * The one strided walk of the engine: a row-major pass over `shape` where each of (up to) two
 * operands reads with its own strides (0 along a broadcast or reduced axis). The cursor carries
 * over all axes but the last; the caller runs the last axis itself as a plain loop from `a`/`b`
 * with `innerA`/`innerB` per step, so the hot inner loop has no calls and the cursor costs one
 * `next()` per row:
 *
 *   const c = new RowCursor(shape, sa, sb);
 *   for (let r = 0, o = 0; r < c.rows; r++, o += c.inner, c.next())
 *     for (let j = 0, pa = c.a, pb = c.b; j < c.inner; j++, pa += c.innerA, pb += c.innerB) …
 */
import type { Shape } from "../shape.ts";

export class RowCursor {
  /** Offset of the current row's first element in each operand. */
  a: number;
  b: number;
  /** Length of a row (the last axis; 1 for a scalar) and the number of rows. */
  readonly inner: number;
  readonly rows: number;
  /** Each operand's stride along the last axis. */
  readonly innerA: number;
  readonly innerB: number;
  private readonly shape: Shape;
  private readonly sa: readonly number[];
  private readonly sb: readonly number[];
  private readonly index: Int32Array;

  /** `sb` defaults to zeros (one operand); `startA` offsets operand a (a view's base). */
  constructor(shape: Shape, sa: readonly number[], sb?: readonly number[], startA = 0) {
    const rank = shape.length;
    this.shape = shape;
    this.sa = sa;
    this.sb = sb ?? new Array<number>(rank).fill(0);
    this.index = new Int32Array(rank);
    this.a = startA;
    this.b = 0;
    this.inner = rank === 0 ? 1 : shape[rank - 1]!;
    this.innerA = rank === 0 ? 0 : sa[rank - 1]!;
    this.innerB = rank === 0 ? 0 : this.sb[rank - 1]!;
    let rows = 1;
    for (let d = 0; d < rank - 1; d++) rows *= shape[d]!;
    this.rows = this.inner === 0 ? 0 : rows;
  }

  /** Step to the next row: advance the last-but-one axis, carrying into the ones before it. */
  next(): void {
    const { shape, sa, sb, index } = this;
    for (let d = shape.length - 2; d >= 0; d--) {
      this.a += sa[d]!;
      this.b += sb[d]!;
      if (++index[d]! < shape[d]!) return;
      this.a -= sa[d]! * shape[d]!;
      this.b -= sb[d]! * shape[d]!;
      index[d] = 0;
    }
  }
}

/** The offset in a strided view of every element of `shape`, in row-major order. */
export function stridedOffsets(base: number, shape: Shape, strides: readonly number[]): Int32Array {
  const c = new RowCursor(shape, strides, undefined, base);
  const out = new Int32Array(c.rows * c.inner);
  const { inner, innerA } = c;
  for (let r = 0, o = 0; r < c.rows; r++, o += inner, c.next()) {
    for (let j = 0, p = c.a; j < inner; j++, p += innerA) out[o + j] = p;
  }
  return out;
}
