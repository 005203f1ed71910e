import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../engine/errors.ts";
import { dot, matmul, matmulTransposed } from "../../../engine/ops/products.ts";
import { transpose } from "../../../engine/ops/transpose.ts";
import { sizeOf, type Shape } from "../../../engine/shape.ts";
import { Tensor, tensor } from "../../../engine/tensor.ts";
import { seededUniform, uniformTensor } from "../../support/gradcheck.ts";

interface Dense {
  shape: number[];
  data: number[];
}

/** np.matmul by definition: promote 1-D operands, broadcast the batch axes, loop, drop the promoted axes. */
function referenceMatmul(a: Tensor, b: Tensor): Dense {
  const as = a.rank === 1 ? [1, a.shape[0]!] : [...a.shape];
  const bs = b.rank === 1 ? [b.shape[0]!, 1] : [...b.shape];
  const [M, K] = as.slice(-2) as [number, number];
  const N = bs[bs.length - 1]!;
  const ba = as.slice(0, -2);
  const bb = bs.slice(0, -2);
  const rank = Math.max(ba.length, bb.length);
  const pad = (s: number[]) => [...Array<number>(rank - s.length).fill(1), ...s];
  const pa = pad(ba);
  const pb = pad(bb);
  const batch = pa.map((d, i) => Math.max(d, pb[i]!));
  const data: number[] = [];
  for (let t = 0; t < sizeOf(batch); t++) {
    let rest = t;
    let ia = 0;
    let ib = 0;
    let sa = 1;
    let sb = 1;
    for (let d = rank - 1; d >= 0; d--) {
      const i = rest % batch[d]!;
      rest = Math.floor(rest / batch[d]!);
      ia += (pa[d] === 1 ? 0 : i) * sa;
      ib += (pb[d] === 1 ? 0 : i) * sb;
      sa *= pa[d]!;
      sb *= pb[d]!;
    }
    for (let m = 0; m < M; m++) {
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[ia * M * K + m * K + k]! * b.data[ib * K * N + k * N + n]!;
        data.push(s);
      }
    }
  }
  const shape = [...batch, ...(a.rank > 1 ? [M] : []), ...(b.rank > 1 ? [N] : [])];
  return { shape, data };
}

/** np.dot by definition: out[I, J, n] = Σ_k a[I, k] · b[J, k, n] (b 1-D: out[I] = Σ_k a[I, k] · b[k]). */
function referenceDot(a: Tensor, b: Tensor): Dense {
  const K = a.shape[a.rank - 1]!;
  const outerA = a.size / K;
  const N = b.rank === 1 ? 1 : b.shape[b.rank - 1]!;
  const outerB = b.rank === 1 ? 1 : sizeOf(b.shape.slice(0, -2));
  const data: number[] = [];
  for (let i = 0; i < outerA; i++) {
    for (let j = 0; j < outerB; j++) {
      for (let n = 0; n < N; n++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[i * K + k]! * b.data[(j * K + k) * N + n]!;
        data.push(s);
      }
    }
  }
  return { shape: [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), ...(b.rank > 1 ? [N] : [])], data };
}

function expectClose(got: Tensor, want: Dense, rtol = 1e-5): void {
  expect(got.shape).toEqual(want.shape);
  const bad: string[] = [];
  want.data.forEach((w, i) => {
    const g = got.data[i]!;
    if (!(Math.abs(g - w) <= 1e-5 + rtol * Math.abs(w))) bad.push(`[${i}] got ${g}, want ${w}`);
  });
  expect(bad.slice(0, 5)).toEqual([]);
}

const fmt = (s: Shape) => `[${s.join(", ")}]`;
const r = seededUniform(900);

describe("matmul", () => {
  it("multiplies 2-D matrices", () => {
    expect(matmul(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).toArray()).toEqual([[19, 22], [43, 50]]);
    expect(matmul(tensor([[1, 2, 3]]), tensor([[1], [2], [3]])).toArray()).toEqual([[14]]);
  });

  // np.matmul result shapes, one per promotion / broadcast rule.
  const cases: [number[], number[], number[]][] = [
    [[2, 3], [3, 4], [2, 4]],
    [[3], [3, 4], [4]],
    [[2, 3], [3], [2]],
    [[3], [3], []],
    [[5, 2, 3], [3, 4], [5, 2, 4]],
    [[2, 3], [5, 3, 4], [5, 2, 4]],
    [[5, 2, 3], [5, 3, 4], [5, 2, 4]],
    [[2, 1, 2, 3], [3, 3, 2], [2, 3, 2, 2]],
    [[1, 2, 3], [4, 3, 2], [4, 2, 2]],
    [[3], [5, 3, 4], [5, 4]],
    [[5, 2, 3], [3], [5, 2]],
    [[2, 0], [0, 3], [2, 3]],
    [[0, 3], [3, 2], [0, 2]],
  ];
  for (const [sa, sb, out] of cases) {
    it(`of ${fmt(sa)} and ${fmt(sb)} has shape ${fmt(out)} and the np.matmul values`, () => {
      const a = uniformTensor(sa, r);
      const b = uniformTensor(sb, r);
      const c = matmul(a, b);
      expect(c.shape).toEqual(out);
      expectClose(c, referenceMatmul(a, b));
    });
  }

  it("of an empty inner dimension is zeros", () => {
    expect(matmul(new Tensor([2, 0], new Float32Array(0)), new Tensor([0, 3], new Float32Array(0))).toFlatArray()).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("rejects scalars with an ArgumentError suggesting *", () => {
    expect(() => matmul(tensor(2), tensor([1, 2]))).toThrow(ArgumentError);
    expect(() => matmul(tensor([1, 2]), tensor(2))).toThrow(/use \* to scale/);
  });

  it("rejects misaligned inner dimensions with a ShapeError naming both shapes", () => {
    expect(() => matmul(uniformTensor([2, 3], r), uniformTensor([4, 5], r))).toThrow(ShapeError);
    expect(() => matmul(uniformTensor([2, 3], r), uniformTensor([4, 5], r))).toThrow(
      "matmul: shapes [2, 3] and [4, 5] are not aligned: 3 (last axis of the first) ≠ 4 (second-to-last axis of the second).",
    );
  });

  it("rejects batch axes that do not broadcast with a ShapeError", () => {
    expect(() => matmul(uniformTensor([2, 2, 3], r), uniformTensor([3, 3, 2], r))).toThrow(ShapeError);
  });

  it("suggests transposing b when the last axes match", () => {
    expect(() => matmul(uniformTensor([2, 3], r), uniformTensor([4, 3], r))).toThrow(/Did you mean matmul\(a, b'\) with b transposed\?/);
  });

  it("suggests transposing a when the first axes match", () => {
    expect(() => matmul(uniformTensor([3, 2], r), uniformTensor([3, 4], r))).toThrow(/Did you mean matmul\(a', b\) with a transposed\?/);
  });
});

describe("dot", () => {
  // np.dot result shapes for every case.
  const cases: [string, number[], number[], number[]][] = [
    ["1-D · 1-D is the inner product", [4], [4], []],
    ["2-D · 2-D is the matrix product", [2, 3], [3, 4], [2, 4]],
    ["N-D · 1-D sums over the last axis", [2, 2, 3], [3], [2, 2]],
    ["2-D · 1-D", [2, 3], [3], [2]],
    ["1-D · 2-D", [3], [3, 4], [4]],
    ["1-D · N-D sums over b's second-to-last axis", [3], [2, 3, 4], [2, 4]],
    ["N-D · 2-D", [2, 5, 3], [3, 4], [2, 5, 4]],
    ["2-D · N-D", [2, 3], [5, 3, 4], [2, 5, 4]],
    ["N-D · M-D pairs every row of a with every matrix of b", [2, 2, 3], [4, 3, 5], [2, 2, 4, 5]],
    ["3-D · 4-D", [2, 1, 3], [2, 2, 3, 2], [2, 1, 2, 2, 2]],
  ];
  for (const [name, sa, sb, out] of cases) {
    it(`${name}: ${fmt(sa)} · ${fmt(sb)} → ${fmt(out)}`, () => {
      const a = uniformTensor(sa, r);
      const b = uniformTensor(sb, r);
      const c = dot(a, b);
      expect(c.shape).toEqual(out);
      expectClose(c, referenceDot(a, b));
    });
  }

  it("with a scalar operand is element-wise multiplication", () => {
    expect(dot(tensor(2), tensor([1, 2])).toFlatArray()).toEqual([2, 4]);
    expect(dot(tensor([[1, 2]]), tensor(3)).toArray()).toEqual([[3, 6]]);
  });

  it("of two 1-D vectors is their inner product", () => {
    expect(dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item()).toBe(32);
  });

  it("of [2, 3] and [2, 3] throws a ShapeError suggesting a transpose", () => {
    const a = uniformTensor([2, 3], r);
    let caught: unknown;
    try {
      dot(a, uniformTensor([2, 3], r));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    const message = (caught as ShapeError).message;
    expect(message).toContain("dot");
    expect(message).toContain("[2, 3] and [2, 3]");
    expect(message).toMatch(/transposed/);
  });

  it("rejects misaligned N-D operands with a ShapeError", () => {
    expect(() => dot(uniformTensor([2, 3], r), uniformTensor([2, 4], r))).toThrow(ShapeError);
    expect(() => dot(uniformTensor([2, 2, 3], r), uniformTensor([4, 2, 5], r))).toThrow(ShapeError);
    expect(() => dot(uniformTensor([3], r), uniformTensor([4], r))).toThrow(ShapeError);
  });

  // Engine bug: the message names the internally reshaped operands ([4, 1], [4, 3]) instead of the caller's.
  it("names the caller's shapes, not internally reshaped ones, when operands are misaligned", () => {
    const shapesIn = (f: () => unknown): readonly (readonly number[])[] => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ShapeError);
        return (e as ShapeError).shapes;
      }
      throw new Error("did not throw");
    };
    expect(shapesIn(() => dot(uniformTensor([2, 3], r), uniformTensor([4], r)))).toEqual([[2, 3], [4]]);
    expect(shapesIn(() => dot(uniformTensor([2, 2, 3], r), uniformTensor([2, 3], r)))).toEqual([[2, 2, 3], [2, 3]]);
    expect(shapesIn(() => matmul(uniformTensor([3], r), uniformTensor([4], r)))).toEqual([[3], [4]]);
    expect(() => dot(uniformTensor([2, 2, 3], r), uniformTensor([2, 3], r))).toThrow(/dot: shapes \[2, 2, 3\] and \[2, 3\] are not aligned/);
    expect(() => matmul(uniformTensor([3], r), uniformTensor([4], r))).toThrow(/matmul: shapes \[3\] and \[4\] are not aligned/);
  });
});

describe("matmulTransposed", () => {
  const a = uniformTensor([2, 3, 4], r);
  const b = uniformTensor([2, 4, 5], r);
  const aT = transpose(a, [0, 2, 1]);
  const bT = transpose(b, [0, 2, 1]);

  it("equals matmul of the explicitly transposed operands in all four variants", () => {
    const want = referenceMatmul(a, b);
    expectClose(matmulTransposed(a, b, false, false), want);
    expectClose(matmulTransposed(aT, b, true, false), want);
    expectClose(matmulTransposed(a, bT, false, true), want);
    expectClose(matmulTransposed(aT, bT, true, true), want);
  });

  it("broadcasts batch axes", () => {
    const c = matmulTransposed(uniformTensor([3, 1, 4, 2], r), uniformTensor([5, 4], r), true, true);
    expect(c.shape).toEqual([3, 1, 2, 5]);
  });

  it("rejects misaligned operands, marking the transposed ones", () => {
    expect(() => matmulTransposed(uniformTensor([2, 3], r), uniformTensor([2, 3], r), true, true)).toThrow("matmul: shapes [2, 3]ᵀ and [2, 3]ᵀ are not aligned");
  });
});

describe("matmul on products large enough for the blocked kernel", () => {
  // Above 4096 multiply-adds the kernel packs panels; sizes that are not multiples of the 4×4
  // tile exercise the edge tiles, and K > 1024, M > 128 or N > 1024 span several blocks.
  const sizes: [number, number, number][] = [
    [37, 29, 50],
    [17, 17, 17],
    [130, 6, 40],
    [5, 3, 1100],
    [4, 1030, 3],
    [64, 64, 64],
  ];
  for (const [M, N, K] of sizes) {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      it(`M=${M} N=${N} K=${K} transA=${ta} transB=${tb} matches the reference`, () => {
        const rr = seededUniform(M * 7 + N * 13 + K);
        const a = uniformTensor(ta ? [K, M] : [M, K], rr);
        const b = uniformTensor(tb ? [N, K] : [K, N], rr);
        const want = referenceMatmul(ta ? transpose(a) : a, tb ? transpose(b) : b);
        expectClose(matmulTransposed(a, b, ta, tb), want, 1e-4);
      });
    }
  }

  it("batched, with broadcast batch axes", () => {
    const a = uniformTensor([3, 20, 30], r);
    const b = uniformTensor([30, 25], r);
    expectClose(matmul(a, b), referenceMatmul(a, b), 1e-4);
    const c = uniformTensor([2, 1, 20, 30], r);
    const d = uniformTensor([3, 30, 9], r);
    expectClose(matmul(c, d), referenceMatmul(c, d), 1e-4);
  });
});
