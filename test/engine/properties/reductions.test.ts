import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argmax, argmin, max, mean, min, sum } from "../../../engine/ops/reduce.ts";
import { sizeOf, stridesOf, type Shape } from "../../../engine/shape.ts";
import { Tensor } from "../../../engine/tensor.ts";

/** Reduce by visiting every element and adding it into the output cell its kept coordinates name. */
function referenceReduce(x: Tensor, axes: readonly number[], init: number, combine: (acc: number, v: number) => number): { kept: number[]; values: number[] } {
  const kept = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const values = new Array<number>(sizeOf(kept)).fill(init);
  const xs = stridesOf(x.shape);
  const ks = stridesOf(kept);
  for (let o = 0; o < x.size; o++) {
    let target = 0;
    for (let d = 0; d < x.rank; d++) {
      const i = Math.floor(o / xs[d]!) % x.shape[d]!;
      if (!axes.includes(d)) target += i * ks[d]!;
    }
    values[target] = combine(values[target]!, x.data[o]!);
  }
  return { kept, values };
}

const shapeAndAxes = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 }).chain((shape) =>
  fc.tuple(
    fc.constant(shape),
    fc.subarray([...shape.keys()]),
    fc.boolean(),
    fc.array(fc.integer({ min: -20, max: 20 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }),
  ),
);

const asGiven = (axes: number[], rank: number, negative: boolean) => (negative ? axes.map((a) => a - rank) : axes);

describe("reductions over random shapes and axis sets", () => {
  it("sum, mean, max and min agree with an element-by-element reference, with and without keepdims", () => {
    fc.assert(
      fc.property(shapeAndAxes, fc.boolean(), ([shape, axes, keepdims, values], negative) => {
        const x = new Tensor(shape, Float32Array.from(values));
        const given = asGiven(axes, shape.length, negative);
        const s = referenceReduce(x, axes, 0, (a, v) => a + v);
        const shapeOut = keepdims ? s.kept : shape.filter((_, i) => !axes.includes(i));
        const got = sum(x, given, keepdims);
        expect(got.shape).toEqual(shapeOut);
        expect(got.toFlatArray()).toEqual(s.values);
        const count = axes.reduce((n, a) => n * shape[a]!, 1);
        expect(mean(x, given, keepdims).toFlatArray()).toEqual(s.values.map((v) => Math.fround(v / count)));
        if (axes.every((a) => shape[a]! > 0)) {
          expect(max(x, given, keepdims).toFlatArray()).toEqual(referenceReduce(x, axes, -Infinity, Math.max).values);
          expect(min(x, given, keepdims).toFlatArray()).toEqual(referenceReduce(x, axes, Infinity, Math.min).values);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("argmax and argmin along an axis give the first index of the extreme value", () => {
    const cases = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }).chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.integer({ min: 0, max: shape.length - 1 }),
        fc.array(fc.integer({ min: -3, max: 3 }), { minLength: sizeOf(shape), maxLength: sizeOf(shape) }),
      ),
    );
    fc.assert(
      fc.property(cases, ([shape, axis, values]) => {
        const x = new Tensor(shape, Float32Array.from(values));
        const outShape = shape.filter((_, i) => i !== axis);
        const xs = stridesOf(shape);
        for (const [op, better] of [[argmax, (a: number, b: number) => a > b], [argmin, (a: number, b: number) => a < b]] as const) {
          const got = op(x, axis);
          expect(got.shape).toEqual(outShape);
          const want = new Array<number>(sizeOf(outShape)).fill(0);
          const best = new Array<number>(sizeOf(outShape)).fill(NaN);
          const os = stridesOf(outShape as Shape);
          for (let o = 0; o < x.size; o++) {
            let target = 0;
            let k = 0;
            let od = 0;
            for (let d = 0; d < shape.length; d++) {
              const i = Math.floor(o / xs[d]!) % shape[d]!;
              if (d === axis) k = i;
              else target += i * os[od++]!;
            }
            if (Number.isNaN(best[target]!) || better(x.data[o]!, best[target]!)) {
              best[target] = x.data[o]!;
              want[target] = k;
            }
          }
          expect(got.toFlatArray()).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
