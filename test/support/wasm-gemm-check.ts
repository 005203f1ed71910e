/** WASM gemm against the JS kernel on the same inputs: shared by the single- and multi-threaded tests. */
import { expect } from "vitest";
import { gemm, getGemmBackend, setGemmBackend } from "../../engine/kernels/matmul.ts";
import { wasmGemm } from "../../engine/kernels/wasm/gemm-wasm.ts";
import { randomArray, rng } from "./random-arrays.ts";

export const variants: [boolean, boolean][] = [[false, false], [true, false], [false, true], [true, true]];
export const edges = [1, 7, 17, 129];

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
export function checkWasmGemm(transA: boolean, transB: boolean, M: number, N: number, K: number, seed: number): void {
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

