import { describe, expect, it } from "vitest";
import { gemm } from "../../../engine/kernels/matmul.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/** float64 reference over the same float32 inputs. */
function reference(transA: boolean, transB: boolean, M: number, N: number, K: number,
  a: Float32Array, aOff: number, b: Float32Array, bOff: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const x = transA ? a[aOff + k * M + i]! : a[aOff + i * K + k]!;
        const y = transB ? b[bOff + j * K + k]! : b[bOff + k * N + j]!;
        s += x * y;
      }
      c[i * N + j] = s;
    }
  }
  return c;
}

function check(transA: boolean, transB: boolean, M: number, N: number, K: number, seed: number): void {
  const next = rng(seed);
  const aOff = 3, bOff = 5, cOff = 7;
  const a = randomArray(aOff + M * K + 2, next);
  const b = randomArray(bOff + K * N + 2, next);
  const c = new Float32Array(cOff + M * N + 4).fill(NaN);
  gemm(transA, transB, M, N, K, a, aOff, b, bOff, c, cOff);
  const want = reference(transA, transB, M, N, K, a, aOff, b, bOff);
  for (let i = 0; i < M * N; i++) {
    // Each sum of K products of values in [-1,1] has magnitude up to K, so scale the slack with √K.
    const tol = 1e-5 * (Math.abs(want[i]!) + Math.sqrt(K) + 1);
    const got = c[cOff + i]!;
    if (!(Math.abs(got - want[i]!) <= tol)) {
      expect.fail(`trans=(${transA},${transB}) M=${M} N=${N} K=${K}: C[${i}] = ${got}, want ${want[i]}`);
    }
  }
  // Writes stay inside C.
  for (let i = 0; i < cOff; i++) expect(c[i]).toBeNaN();
  for (let i = cOff + M * N; i < c.length; i++) expect(c[i]).toBeNaN();
}

const variants: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
const edges = [1, 2, 3, 4, 5, 7, 8, 17, 33, 129];

describe("gemm", () => {
  for (const [tA, tB] of variants) {
    const name = `${tA ? "T" : "N"}${tB ? "T" : "N"}`;

    it(`${name}: matches a float64 reference on edge sizes`, () => {
      let seed = 1;
      for (const M of edges) for (const N of [1, 3, 4, 7, 17, 129]) for (const K of [1, 5, 17, 129]) check(tA, tB, M, N, K, seed++);
    });

    it(`${name}: matches on random shapes`, () => {
      const next = rng(42);
      const dim = () => 1 + Math.floor((next() + 1) / 2 * 70);
      for (let t = 0; t < 40; t++) check(tA, tB, dim(), dim(), dim(), 100 + t);
    });

    it(`${name}: crosses the K, M and N block boundaries`, () => {
      check(tA, tB, 131, 9, 1100, 7);
      check(tA, tB, 6, 1030, 20, 8);
      check(tA, tB, 5, 1030, 300, 9);
    });
  }

  it("writes zeros when K = 0", () => {
    const c = new Float32Array(6).fill(5);
    gemm(false, false, 2, 3, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0);
    expect(Array.from(c)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("does nothing when M or N is 0", () => {
    const c = new Float32Array(2).fill(5);
    gemm(false, false, 0, 2, 3, new Float32Array(0), 0, new Float32Array(6), 0, c, 0);
    gemm(false, false, 2, 0, 3, new Float32Array(6), 0, new Float32Array(0), 0, c, 0);
    expect(Array.from(c)).toEqual([5, 5]);
  });

  it("overwrites rather than accumulates", () => {
    const a = Float32Array.of(1, 2, 3, 4), b = Float32Array.of(5, 6, 7, 8);
    const c = new Float32Array(4).fill(100);
    gemm(false, false, 2, 2, 2, a, 0, b, 0, c, 0);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
    const big = randomArray(64 * 64, rng(3));
    const c2 = new Float32Array(64 * 64).fill(100);
    const c3 = new Float32Array(64 * 64);
    gemm(false, false, 64, 64, 64, big, 0, big, 0, c2, 0);
    gemm(false, false, 64, 64, 64, big, 0, big, 0, c3, 0);
    expect(c2).toEqual(c3);
  });
});
