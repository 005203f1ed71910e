import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../engine/errors.ts";
import { ALL, index, type IndexSpec } from "../../../engine/ops/indexing.ts";
import { concat, stack } from "../../../engine/ops/join.ts";
import { expand_dims, reshape, squeeze } from "../../../engine/ops/reshape.ts";
import { transpose } from "../../../engine/ops/transpose.ts";
import { sizeOf, stridesOf, type Shape } from "../../../engine/shape.ts";
import { Tensor } from "../../../engine/tensor.ts";

const iota = (shape: Shape, from = 0): Tensor => new Tensor(shape, Float32Array.from({ length: sizeOf(shape) }, (_, i) => from + i));
const positiveShape = (maxRank = 4) => fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: maxRank });
const anyShape = (maxRank = 4) => fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: maxRank });
const permutationOf = (n: number) => fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });

describe("reshape", () => {
  it("keeps the row-major values and infers a -1 dimension", () => {
    const cases = fc.tuple(positiveShape(), fc.nat()).chain(([target, seed]) =>
      fc.tuple(fc.constant(target), fc.shuffledSubarray(target, { minLength: target.length, maxLength: target.length }), fc.constant(seed)),
    );
    fc.assert(
      fc.property(cases, ([target, sourceDims, seed]) => {
        const x = iota(sourceDims);
        const withHole = [...target];
        if (target.length > 0) withHole[seed % target.length] = -1;
        for (const spec of [target, withHole]) {
          const y = reshape(x, spec);
          expect(y.shape).toEqual(target);
          expect(y.toFlatArray()).toEqual(x.toFlatArray());
        }
        expect(reshape(x, [-1]).shape).toEqual([x.size]);
      }),
      { numRuns: 300 },
    );
  });

  it("round-trips to the original shape", () => {
    fc.assert(
      fc.property(anyShape(), (shape) => {
        const x = iota(shape);
        const back = reshape(reshape(x, [x.size]), shape);
        expect(back.shape).toEqual(shape);
        expect(back.toFlatArray()).toEqual(x.toFlatArray());
      }),
    );
  });

  it("rejects a shape with a different number of values with a ShapeError naming both shapes", () => {
    fc.assert(
      fc.property(positiveShape(3), positiveShape(3), (a, b) => {
        fc.pre(sizeOf(a) !== sizeOf(b));
        expect(() => reshape(iota(a), b)).toThrow(ShapeError);
        expect(() => reshape(iota(a), b)).toThrow(`reshape: cannot reshape [${a.join(", ")}] (${sizeOf(a)} values) into [${b.join(", ")}]`);
      }),
    );
  });

  it("rejects two -1 dimensions and a -1 that cannot divide the size", () => {
    expect(() => reshape(iota([2, 3]), [-1, -1])).toThrow(ArgumentError);
    expect(() => reshape(iota([2, 3]), [4, -1])).toThrow(ShapeError);
    expect(() => reshape(iota([2, 3]), [-2, -3])).toThrow(ArgumentError);
  });
});

describe("transpose", () => {
  const shapeAndPerm = positiveShape().chain((shape) => fc.tuple(fc.constant(shape), permutationOf(shape.length)));

  it("moves element x[i] to y[i permuted] and permutes the shape", () => {
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm]) => {
        const x = iota(shape);
        const y = transpose(x, perm);
        expect(y.shape).toEqual(perm.map((a) => shape[a]));
        const xs = stridesOf(shape);
        const ys = stridesOf(y.shape);
        for (let o = 0; o < x.size; o++) {
          // y[j_0..j_r] = x[i] with j_k = i_{perm[k]}
          const i = xs.map((s, d) => Math.floor(o / s) % shape[d]!);
          const yOffset = perm.reduce((acc, a, k) => acc + i[a]! * ys[k]!, 0);
          expect(y.data[yOffset]).toBe(x.data[o]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is undone by the inverse permutation", () => {
    fc.assert(
      fc.property(shapeAndPerm, ([shape, perm]) => {
        const inverse = new Array<number>(perm.length);
        perm.forEach((a, k) => (inverse[a] = k));
        const x = iota(shape);
        const back = transpose(transpose(x, perm), inverse);
        expect(back.shape).toEqual(shape);
        expect(back.toFlatArray()).toEqual(x.toFlatArray());
      }),
      { numRuns: 300 },
    );
  });

  it("without perm reverses the axes, and twice is the identity", () => {
    fc.assert(
      fc.property(positiveShape(), (shape) => {
        const x = iota(shape);
        expect(transpose(x).shape).toEqual([...shape].reverse());
        expect(transpose(transpose(x)).toFlatArray()).toEqual(x.toFlatArray());
      }),
    );
  });

  it("rejects a perm that is not a permutation of the axes", () => {
    expect(() => transpose(iota([2, 3]), [0, 0])).toThrow(ArgumentError);
    expect(() => transpose(iota([2, 3]), [0])).toThrow(ArgumentError);
    expect(() => transpose(iota([2, 3]), [0, 2])).toThrow(ArgumentError);
  });
});

describe("concat", () => {
  const pieces = fc
    .tuple(fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), fc.nat())
    .map(([shape, lengths, seed]) => {
      const axis = seed % shape.length;
      return { axis, shapes: lengths.map((l) => shape.map((d, i) => (i === axis ? l : d))) };
    });

  it("sums the lengths along the axis, and slicing the result gives back each piece", () => {
    fc.assert(
      fc.property(pieces, fc.boolean(), ({ axis, shapes }, negative) => {
        let from = 0;
        const xs = shapes.map((s) => {
          const t = iota(s, from);
          from += t.size;
          return t;
        });
        const y = concat(xs, negative ? axis - shapes[0]!.length : axis);
        const total = shapes.reduce((n, s) => n + s[axis]!, 0);
        expect(y.shape).toEqual(shapes[0]!.map((d, i) => (i === axis ? total : d)));
        let start = 0;
        for (const x of xs) {
          const spec: IndexSpec[] = x.shape.map(() => ALL);
          spec[axis] = { start, stop: start + x.shape[axis]! };
          expect(index(y, spec).toFlatArray()).toEqual(x.toFlatArray());
          start += x.shape[axis]!;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rejects pieces that differ outside the axis with a ShapeError", () => {
    expect(() => concat([iota([2, 3]), iota([3, 3])], 1)).toThrow(ShapeError);
    expect(() => concat([iota([2, 3]), iota([3, 3])], 1)).toThrow("concat: tensor 1 has shape [3, 3], which does not match [2, 3] outside axis 1");
    expect(() => concat([iota([2, 3]), iota([6])])).toThrow(ShapeError);
  });
});

describe("stack", () => {
  it("inserts an axis of length n, and indexing it gives back each input", () => {
    const cases = fc.tuple(anyShape(3), fc.integer({ min: 1, max: 4 }), fc.nat());
    fc.assert(
      fc.property(cases, ([shape, n, seed]) => {
        const axis = seed % (shape.length + 1);
        const xs = Array.from({ length: n }, (_, k) => iota(shape, k * 100));
        const y = stack(xs, axis);
        expect(y.shape).toEqual([...shape.slice(0, axis), n, ...shape.slice(axis)]);
        xs.forEach((x, k) => {
          const spec: IndexSpec[] = [...Array<IndexSpec>(axis).fill(ALL), k];
          expect(index(y, spec).shape).toEqual(shape);
          expect(index(y, spec).toFlatArray()).toEqual(x.toFlatArray());
        });
      }),
      { numRuns: 300 },
    );
  });

  it("rejects inputs of different shapes with a ShapeError", () => {
    expect(() => stack([iota([2, 3]), iota([3, 2])])).toThrow(ShapeError);
    expect(() => stack([iota([2, 3]), iota([3, 2])])).toThrow("stack: tensor 1 has shape [3, 2], not [2, 3]; all must match");
  });
});

describe("expand_dims and squeeze", () => {
  it("are inverses at any valid axis, negative ones included", () => {
    fc.assert(
      fc.property(anyShape(), fc.nat(), fc.boolean(), (shape, seed, negative) => {
        const a = seed % (shape.length + 1);
        const axis = negative ? a - (shape.length + 1) : a;
        const x = iota(shape);
        const y = expand_dims(x, axis);
        expect(y.shape).toEqual([...shape.slice(0, a), 1, ...shape.slice(a)]);
        expect(squeeze(y, axis).shape).toEqual(shape);
      }),
    );
  });

  it("squeeze rejects an axis whose length is not 1", () => {
    expect(() => squeeze(iota([1, 2]), 1)).toThrow(ShapeError);
    expect(() => squeeze(iota([1, 2]), 1)).toThrow("squeeze: axis 1 of [1, 2] has length 2, not 1");
  });
});
