import { afterEach, describe, expect, it } from "vitest";
import { gemm, getGemmBackend, setGemmBackend } from "../../../engine/kernels/matmul.ts";
import { wasmGemm, wasmGemmAvailable } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/** The JS kernel (float64 sums) as the reference. */
function jsGemm(...args: Parameters<typeof gemm>): void {
  const was = getGemmBackend();
  setGemmBackend("js");
  try {
    gemm(...args);
  } finally {
    setGemmBackend(was);
  }
}

/**
 * WASM vs JS on the same inputs, with offsets. WASM accumulates in float32, JS in float64; a sum
 * of K products of values in [-1, 1] has magnitude ~√K, so the slack is relative to |C| + √K.
 * (The same bound as matmul.test.ts's float64 reference, which also runs through WASM now.)
 */
function check(transA: boolean, transB: boolean, M: number, N: number, K: number, seed: number): void {
  const next = rng(seed);
  const aOff = 3, bOff = 5, cOff = 7;
  const a = randomArray(aOff + M * K + 2, next);
  const b = randomArray(bOff + K * N + 2, next);
  const want = new Float32Array(cOff + M * N + 4).fill(NaN);
  const got = new Float32Array(cOff + M * N + 4).fill(NaN);
  jsGemm(transA, transB, M, N, K, a, aOff, b, bOff, want, cOff);
  expect(wasmGemm(transA, transB, M, N, K, a, aOff, b, bOff, got, cOff)).toBe(true);
  for (let i = cOff; i < cOff + M * N; i++) {
    const w = want[i]!, g = got[i]!;
    if (!(Math.abs(g - w) <= 1e-5 * (Math.abs(w) + Math.sqrt(K) + 1))) {
      expect.fail(`trans=(${transA},${transB}) M=${M} N=${N} K=${K}: C[${i - cOff}] = ${g}, want ${w}`);
    }
  }
  // Writes stay inside C.
  for (let i = 0; i < cOff; i++) expect(got[i]).toBeNaN();
  for (let i = cOff + M * N; i < got.length; i++) expect(got[i]).toBeNaN();
}

const variants: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
const edges = [1, 7, 17, 129];

describe("wasm gemm", () => {
  afterEach(() => setGemmBackend("auto"));

  it("is available in Node 20 (WebAssembly SIMD)", () => {
    expect(wasmGemmAvailable()).toBe(true);
  });

  for (const [tA, tB] of variants) {
    const name = `${tA ? "T" : "N"}${tB ? "T" : "N"}`;

    it(`${name}: matches the JS kernel on edge sizes`, () => {
      let seed = 1;
      for (const M of edges) for (const N of edges) for (const K of edges) check(tA, tB, M, N, K, seed++);
    });

    it(`${name}: crosses the K, M and N block boundaries`, () => {
      check(tA, tB, 131, 9, 1100, 7);
      check(tA, tB, 6, 1030, 20, 8);
      check(tA, tB, 133, 515, 300, 9);
    });
  }

  it("matches the JS kernel on the bench shapes", () => {
    check(false, false, 128, 512, 784, 11);
    check(true, false, 784, 512, 128, 12);
    check(false, true, 128, 784, 512, 13);
    check(false, false, 512, 512, 512, 14);
  });

  it("handles empty products", () => {
    const c = new Float32Array(6).fill(NaN);
    expect(wasmGemm(false, false, 2, 3, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0)).toBe(true);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(wasmGemm(false, false, 0, 3, 4, new Float32Array(0), 0, new Float32Array(12), 0, c, 0)).toBe(true);
  });

  it("reuses its memory across sizes (grow, then smaller, then larger)", () => {
    check(false, false, 300, 700, 40, 21);
    check(true, true, 5, 9, 11, 22);
    check(false, true, 600, 650, 30, 23);
  });

  it("gemm dispatches by backend: js, wasm and auto all give the same product", () => {
    const next = rng(99);
    const M = 64, N = 48, K = 96;
    const a = randomArray(M * K, next), b = randomArray(K * N, next);
    const out = (backend: "js" | "wasm" | "auto") => {
      setGemmBackend(backend);
      const c = new Float32Array(M * N);
      gemm(false, false, M, N, K, a, 0, b, 0, c, 0);
      return c;
    };
    const js = out("js"), wasm = out("wasm"), auto = out("auto");
    expect(getGemmBackend()).toBe("auto");
    // M·N·K ≥ the dispatch threshold, so "auto" took the WASM path: bit-identical to "wasm".
    expect(auto).toEqual(wasm);
    for (let i = 0; i < M * N; i++) expect(Math.abs(wasm[i]! - js[i]!)).toBeLessThan(1e-4 * Math.sqrt(K));
    // And forcing "js" is the plain JS kernel: differs from float32 accumulation somewhere.
    expect(js).not.toEqual(wasm);
  });
});
