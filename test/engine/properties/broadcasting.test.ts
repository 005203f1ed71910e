import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ShapeError, formatShape } from "../../../engine/errors.ts";
import * as ew from "../../../engine/ops/elementwise.ts";
import { broadcastShapes, sizeOf, type Shape } from "../../../engine/shape.ts";
import { Tensor } from "../../../engine/tensor.ts";

/** NumPy's rule, written out: left-pad with 1s; per axis, equal sizes stay, a 1 takes the other size, anything else fails. */
function referenceBroadcast(a: Shape, b: Shape): number[] | null {
  const rank = Math.max(a.length, b.length);
  const pa = [...Array<number>(rank - a.length).fill(1), ...a];
  const pb = [...Array<number>(rank - b.length).fill(1), ...b];
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    if (pa[i] === pb[i]) out.push(pa[i]!);
    else if (pa[i] === 1) out.push(pb[i]!);
    else if (pb[i] === 1) out.push(pa[i]!);
    else return null;
  }
  return out;
}

/** Element of a row-major tensor at a multi-index of the broadcast output (size-1 axes read index 0). */
function readBroadcast(t: Tensor, outIndex: readonly number[]): number {
  const lead = outIndex.length - t.rank;
  let offset = 0;
  for (let d = 0; d < t.rank; d++) offset = offset * t.shape[d]! + (t.shape[d] === 1 ? 0 : outIndex[lead + d]!);
  return t.data[offset]!;
}

function* multiIndices(shape: Shape): Generator<number[]> {
  const n = sizeOf(shape);
  for (let i = 0; i < n; i++) {
    const idx = new Array<number>(shape.length);
    let rest = i;
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = rest % shape[d]!;
      rest = Math.floor(rest / shape[d]!);
    }
    yield idx;
  }
}

const dim = fc.integer({ min: 0, max: 4 });
const anyShape = fc.array(dim, { maxLength: 4 });
/** Pairs that often broadcast: both derived from one shape by dropping leading axes and setting axes to 1. */
const relatedShapes = fc
  .array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 })
  .chain((base) => {
    const derive = fc
      .tuple(fc.integer({ min: 0, max: base.length }), fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }))
      .map(([drop, ones]) => base.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
    return fc.tuple(derive, derive);
  });
const shapePairs = fc.oneof(fc.tuple(anyShape, anyShape), relatedShapes);

const tensorOf = (shape: Shape, seed: number): Tensor => {
  // Small integers: sums, differences and products are exact in float32.
  const data = new Float32Array(sizeOf(shape));
  for (let i = 0; i < data.length; i++) data[i] = ((seed + i * 7919) % 11) - 5;
  return new Tensor(shape, data);
};

describe("broadcastShapes", () => {
  it("agrees with NumPy's broadcasting rule", () => {
    fc.assert(
      fc.property(shapePairs, ([a, b]) => {
        const want = referenceBroadcast(a, b);
        if (want === null) expect(() => broadcastShapes("add", a, b)).toThrow(ShapeError);
        else expect(broadcastShapes("add", a, b)).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it("is commutative", () => {
    fc.assert(
      fc.property(shapePairs, ([a, b]) => {
        const ab = referenceBroadcast(a, b) === null ? "throws" : broadcastShapes("op", a, b);
        const ba = referenceBroadcast(b, a) === null ? "throws" : broadcastShapes("op", b, a);
        expect(ab).toEqual(ba);
      }),
      { numRuns: 300 },
    );
  });

  it("is idempotent and has the scalar shape as identity", () => {
    fc.assert(
      fc.property(anyShape, (a) => {
        expect(broadcastShapes("op", a, a)).toEqual(a);
        expect(broadcastShapes("op", a, [])).toEqual(a);
        expect(broadcastShapes("op", [], a)).toEqual(a);
      }),
    );
  });
});

describe("binary ops under broadcasting", () => {
  it("produce the broadcast shape, with each element computed from the broadcast operands", () => {
    fc.assert(
      fc.property(shapePairs.filter(([a, b]) => referenceBroadcast(a, b) !== null), fc.nat(1000), ([sa, sb], seed) => {
        const a = tensorOf(sa, seed);
        const b = tensorOf(sb, seed + 3);
        const shape = referenceBroadcast(sa, sb)!;
        // sub and div are not commutative: a swapped operand shows up.
        for (const [op, f] of [[ew.sub, (x: number, y: number) => x - y], [ew.mul, (x: number, y: number) => x * y], [ew.maximum, Math.max]] as const) {
          const out = op(a, b);
          expect(out.shape).toEqual(shape);
          let i = 0;
          for (const idx of multiIndices(shape)) {
            expect(out.data[i++]).toBe(f(readBroadcast(a, idx), readBroadcast(b, idx)));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("throw a ShapeError naming the op and both shapes when shapes do not broadcast", () => {
    const ops = { add: ew.add, sub: ew.sub, mul: ew.mul, div: ew.div, pow: ew.pow, maximum: ew.maximum, minimum: ew.minimum, equal: ew.equal, less: ew.less };
    fc.assert(
      fc.property(
        shapePairs.filter(([a, b]) => referenceBroadcast(a, b) === null),
        fc.constantFrom(...(Object.keys(ops) as (keyof typeof ops)[])),
        ([sa, sb], name) => {
          let caught: unknown;
          try {
            ops[name](tensorOf(sa, 1), tensorOf(sb, 2));
          } catch (e) {
            caught = e;
          }
          expect(caught).toBeInstanceOf(ShapeError);
          const err = caught as ShapeError;
          expect(err.op).toBe(name);
          expect(err.shapes).toEqual([sa, sb]);
          expect(err.message).toContain(`${name}:`);
          expect(err.message).toContain(formatShape(sa));
          expect(err.message).toContain(formatShape(sb));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("format shapes in error messages like [2, 3]", () => {
    expect(() => ew.add(tensorOf([2, 3], 0), tensorOf([4], 0))).toThrow("add: shapes [2, 3] and [4] do not broadcast.");
  });
});
