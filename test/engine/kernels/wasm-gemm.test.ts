import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gemm, getGemmBackend, setGemmBackend } from "../../../engine/kernels/matmul.ts";
import { gemmFma, setGemmFma, wasmGemm, wasmGemmAvailable } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { enableRelaxedSimd } from "../../../engine/kernels/wasm/relaxed-simd.node.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";
import { checkWasmGemm as check, edges, variants } from "../../support/wasm-gemm-check.ts";

enableRelaxedSimd();

// Both builds of the kernel: fused multiply-add (relaxed SIMD) and plain f32x4.mul + f32x4.add.
describe.each([true, false])("wasm gemm (fma: %s)", (fma) => {
  beforeAll(() => setGemmFma(fma));
  afterAll(() => setGemmFma(true));
  afterEach(() => setGemmBackend("auto"));

  it("is available in Node 20 (WebAssembly SIMD), fused when asked", () => {
    expect(wasmGemmAvailable()).toBe(true);
    expect(gemmFma()).toBe(fma);
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
