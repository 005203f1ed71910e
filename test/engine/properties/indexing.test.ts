import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { grad } from "../../../engine/grad.ts";
import { index, type IndexSpec, type Slice } from "../../../engine/ops/indexing.ts";
import { sum } from "../../../engine/ops/reduce.ts";
import { sizeOf, type Shape } from "../../../engine/shape.ts";
import { Tensor } from "../../../engine/tensor.ts";

/** CPython's slice.indices(length), then the indices the slice visits, one by one. */
function pythonSliceIndices(s: Slice, length: number): number[] {
  const step = s.step ?? 1;
  const clampBound = (v: number): number => {
    if (v < 0) {
      v += length;
      if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= length) {
      v = step < 0 ? length - 1 : length;
    }
    return v;
  };
  const start = s.start == null ? (step < 0 ? length - 1 : 0) : clampBound(s.start);
  const stop = s.stop == null ? (step < 0 ? -1 : length) : clampBound(s.stop);
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** x[specs] element by element: the cartesian product of each axis's visited indices. */
function referenceIndex(x: Tensor, specs: readonly IndexSpec[]): { shape: number[]; values: number[]; offsets: number[] } {
  const perAxis: number[][] = [];
  const shape: number[] = [];
  for (let d = 0; d < x.rank; d++) {
    const spec = specs[d] ?? {};
    if (typeof spec === "number") {
      perAxis.push([spec < 0 ? spec + x.shape[d]! : spec]);
    } else {
      const visited = pythonSliceIndices(spec, x.shape[d]!);
      perAxis.push(visited);
      shape.push(visited.length);
    }
  }
  let offsets = [0];
  perAxis.forEach((indices, d) => {
    offsets = offsets.flatMap((o) => indices.map((i) => o * x.shape[d]! + i));
  });
  return { shape, values: offsets.map((o) => x.data[o]!), offsets };
}

const bound = fc.option(fc.integer({ min: -8, max: 8 }), { nil: undefined });
const slice: fc.Arbitrary<Slice> = fc.record(
  {
    start: fc.oneof(bound, fc.constant(null)),
    stop: fc.oneof(bound, fc.constant(null)),
    step: fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer({ min: -4, max: 4 }).filter((s) => s !== 0)),
  },
  { requiredKeys: [] },
);

/** A shape and an in-range index spec for it (integers within [-len, len), any slices). */
const shapeAndSpecs = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc
      .tuple(...shape.map((len) => (len > 0 ? fc.oneof(fc.integer({ min: -len, max: len - 1 }), slice) : slice)))
      .chain((specs) => fc.integer({ min: 0, max: specs.length }).map((n) => specs.slice(0, n) as IndexSpec[])),
  ),
);

const iota = (shape: Shape): Tensor => new Tensor(shape, Float32Array.from({ length: sizeOf(shape) }, (_, i) => i));

describe("index", () => {
  it("matches Python/NumPy slice semantics element by element", () => {
    fc.assert(
      fc.property(shapeAndSpecs, ([shape, specs]) => {
        const x = iota(shape);
        const want = referenceIndex(x, specs);
        const got = index(x, specs);
        expect(got.shape).toEqual(want.shape);
        expect(got.toFlatArray()).toEqual(want.values);
      }),
      { numRuns: 1000 },
    );
  });

  it("scatters the gradient back to exactly the elements it read", () => {
    fc.assert(
      fc.property(shapeAndSpecs, ([shape, specs]) => {
        const x = iota(shape);
        const [g] = grad(sum(index(x, specs)), [x]);
        const want = new Array<number>(x.size).fill(0);
        for (const o of referenceIndex(x, specs).offsets) want[o]! += 1;
        expect(g!.shape).toEqual(shape);
        expect(g!.toFlatArray()).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  it("throws an ArgumentError for an integer index out of range, naming the index, axis and size", () => {
    const outOfRange = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 3 }).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.integer({ min: 0, max: shape.length - 1 }),
        fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }).map((k) => -k - 1)),
      ),
    );
    fc.assert(
      fc.property(outOfRange, ([shape, axis, k]) => {
        const len = shape[axis]!;
        const i = k >= 0 ? len + k : -len + k + 1; // ≥ len, or < -len
        const specs: IndexSpec[] = shape.map(() => ({}));
        specs[axis] = i;
        expect(() => index(iota(shape), specs)).toThrow(ArgumentError);
        expect(() => index(iota(shape), specs)).toThrow(`index ${i} is out of bounds for axis ${axis} with size ${len}`);
      }),
      { numRuns: 200 },
    );
  });

  it("throws an ArgumentError for more indices than axes", () => {
    expect(() => index(iota([2, 3]), [0, 0, 0])).toThrow(ArgumentError);
  });

  it("throws an ArgumentError for a zero or fractional step and fractional indices", () => {
    expect(() => index(iota([4]), [{ step: 0 }])).toThrow(/non-zero integer/);
    expect(() => index(iota([4]), [{ step: 1.5 }])).toThrow(ArgumentError);
    expect(() => index(iota([4]), [1.5])).toThrow(ArgumentError);
    expect(() => index(iota([4]), [{ start: 0.5 }])).toThrow(ArgumentError);
  });
});
